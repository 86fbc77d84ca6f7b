#pragma once

#include "check/UserView.h"
#include "widgets/TrackPanel.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QKeySequence;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QVBoxLayout;

namespace cc::ui {

class ConsoleContext;
class JobProgress;

// The per-user desync view: search by id, email or name; every track's progress and license side
// by side; the key's history; and the previewed single-user writes.
class UserPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserPage)

public:
    explicit UserPage(ConsoleContext* context, QWidget* parent = nullptr);

    void openUser(qint64 userId);
    void search(const QString& text);
    qint64 userId() const { return m_loaded ? m_view.user.id : 0; }
    const UserView& view() const { return m_view; }
    QList<TrackPanel*> trackPanels() const { return m_panels; }
    void repairUser();
    void revertLastChange();
    // Sync progress → license, license → progress, toward higher, Set level: with shortcuts, for
    // the current track (the one holding the focus, else the first); the main window's Track menu.
    QList<QAction*> trackActions() const { return m_trackActions; }
    TrackPanel* currentPanel() const;

signals:
    void userLoaded(qint64 userId);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void buildSearch(QVBoxLayout* layout);
    void buildHeader(QVBoxLayout* layout);
    void buildTracks(QVBoxLayout* layout);
    QWidget* buildHistory(QWidget* parent);
    void addTrackActions();
    void connectControls();
    void addTrackAction(
        const char* objectName, const QString& text, const QKeySequence& key, TrackPanel::Request request);
    void requestOnCurrentTrack(TrackPanel::Request request);
    void makeCurrent(TrackPanel* current);
    // Forgets the shown user (another database is open now).
    void clear();
    void render();
    void renderHeader();
    void renderPanels(const QString& currentTrack, const QString& focusedName);
    void renderHistory();
    // Each write first re-reads the environment and the operator (ConsoleContext::beforeWrite).
    void onTrackRequest(const TrackView& track, TrackPanel::Request request);
    void writeTrack(const TrackView& track, TrackPanel::Request request);
    void previewRepair();
    void confirmRevert();
    void updateButtons();

    ConsoleContext* m_context;
    UserView m_view;
    bool m_loaded = false;
    QLineEdit* m_search = nullptr;
    QListWidget* m_results = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_repair = nullptr;
    QPushButton* m_revert = nullptr;
    QCheckBox* m_createLicenses = nullptr;
    QWidget* m_tracksHost = nullptr;
    QVBoxLayout* m_tracksLayout = nullptr;
    QList<TrackPanel*> m_panels;
    QList<QAction*> m_trackActions;
    QString m_currentTrack; // kept when a write re-reads the user
    qint64 m_shownUser = 0;
    QTableWidget* m_history = nullptr;
    JobProgress* m_progress = nullptr;
};

} // namespace cc::ui
