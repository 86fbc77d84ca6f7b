#pragma once

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace cc::ui {

class ConsoleContext;
class DashboardPage;
class JobProgress;

// Settings: the connection and environment (read-only facts), the colour theme (applied at once)
// and the language (at the next start), the dashboard's refresh interval and check schedule (kept
// in QSettings), and the health thresholds (admins, audited in core).
class SettingsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    SettingsPage(ConsoleContext* context, DashboardPage* dashboard, QWidget* parent = nullptr);

    void saveThresholds();

private:
    QGroupBox* buildFacts();
    QGroupBox* buildAppearance();
    QGroupBox* buildDashboard();
    QGroupBox* buildThresholds();
    void restoreDashboardSettings();
    void connectControls(QPushButton* about);
    void updateFacts();

    ConsoleContext* m_context;
    DashboardPage* m_dashboard;
    QLabel* m_connection = nullptr;
    QLabel* m_environment = nullptr;
    QLabel* m_operator = nullptr;
    QComboBox* m_theme = nullptr;
    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
    QComboBox* m_refresh = nullptr;
    QSpinBox* m_schedule = nullptr;
    QLineEdit* m_healthy = nullptr;
    QLineEdit* m_degraded = nullptr;
    QPushButton* m_saveThresholds = nullptr;
    JobProgress* m_progress = nullptr;
    bool m_scheduleTouched = false;
};

} // namespace cc::ui
