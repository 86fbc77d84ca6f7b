#pragma once

#include "ConsoleInfo.h"
#include "check/UserView.h"

#include <QFrame>
#include <QHash>

class QBoxLayout;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;
class QVBoxLayout;

namespace cc::ui {

// One track of one user: progress and license side by side with differing fields highlighted,
// the justified level, the next level's requirements, the live violations with their reasons,
// and the writes for this key (each disabled with the reason when the role may not use it).
class TrackPanel final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrackPanel)

public:
    enum class Request { SyncProgressToLicense, SyncLicenseToProgress, SyncTowardHigher, SetLevel };

    TrackPanel(const TrackView& view, const ConsoleInfo& info, QWidget* parent = nullptr);

    const TrackView& view() const { return m_view; }
    // The button that makes `request`, or null (a staff credential has none).
    QPushButton* button(Request request) const { return m_buttons.value(int(request)); }
    // The track the User page's track shortcuts act on: drawn with an accent border.
    void setCurrent(bool current);
    bool isCurrent() const { return property("currentTrack").toBool(); }
    QTableWidget* fields() const { return m_fields; }
    // The field rows (by label) whose two sides differ.
    QStringList differingFields() const;

signals:
    void requested(cc::ui::TrackPanel::Request request);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    static constexpr int narrowWidth = 820; // above the side-by-side layout's minimum width
    QHBoxLayout* buildHeader();
    void buildFields();
    QVBoxLayout* buildSide(const ConsoleInfo& info);
    QString findingsHtml() const;
    void placeButtons(int columns);
    void fillFields();
    bool showSpellings(const QString& progressColumn, const QString& licenseColumn, QTableWidgetItem* left,
        QTableWidgetItem* right) const;
    static void markDiffering(QTableWidgetItem* left, QTableWidgetItem* right);
    static void markMaxBelowLevel(const Row& license, QTableWidgetItem* item);
    void recolourFields(); // after a theme switch
    QPushButton* addButton(const QString& objectName, const QString& text, Action action, Request request,
        const ConsoleInfo& info);

    TrackView m_view;
    QTableWidget* m_fields = nullptr;
    QLabel* m_findings = nullptr;
    QBoxLayout* m_body = nullptr;
    QGridLayout* m_buttonGrid = nullptr; // null for a staff credential: nothing to repair
    QHash<int, QPushButton*> m_buttons;
};

} // namespace cc::ui
