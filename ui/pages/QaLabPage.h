#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace cc {
struct KeyRef;
struct TrackView;
} // namespace cc

namespace cc::ui {

class ConsoleContext;
class JobProgress;

// QA lab: plant any violation kind or warning into one key or N seeded-random keys; each
// injection is listed with Undo. Disabled, with the reason shown, on production or read-only.
class QaLabPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QaLabPage)

public:
    explicit QaLabPage(ConsoleContext* context, QWidget* parent = nullptr);

    void inject();
    void undo(int row);
    QTableWidget* injections() const { return m_injections; }

private:
    struct Injection {
        QList<qint64> auditIds;
        std::optional<qint64> batchId;
        bool undone = false;
    };
    QWidget* buildForm();
    QHBoxLayout* buildKeyLine();
    QHBoxLayout* buildRandomLine();
    QTableWidget* buildInjectionsTable();
    void updateAvailability();
    enum Column { WhenColumn, KindColumn, TargetColumn, StateColumn, AuditColumn, UndoColumn };
    int addInjection(const QString& kind, const QString& target, const QList<qint64>& auditIds,
        std::optional<qint64> batchId);
    void showKeysNow(int row, const QList<KeyRef>& keys);
    void chooseTheUsersTrack();
    static QString keysNowText(const QList<TrackView>& tracks, qsizetype total);

    ConsoleContext* m_context;
    QWidget* m_form = nullptr;
    QLabel* m_reason = nullptr;
    QComboBox* m_kind = nullptr;
    QRadioButton* m_oneKey = nullptr;
    QRadioButton* m_random = nullptr;
    QSpinBox* m_userId = nullptr;
    QComboBox* m_track = nullptr;
    QSpinBox* m_count = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_inject = nullptr;
    QTableWidget* m_injections = nullptr;
    QTimer m_userTracks; // reads the typed user's tracks once typing pauses
    QList<Injection> m_done;
    JobProgress* m_progress = nullptr;
};

} // namespace cc::ui
