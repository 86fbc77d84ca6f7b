#pragma once

#include "ConsoleContext.h"

#include <QDateTime>
#include <QMainWindow>
#include <QTimer>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace cc::ui {

class AuditPage;
class DashboardPage;
class QaLabPage;
class RunHistoryPage;
class SettingsPage;
class UserPage;
class ViolationsPage;

// The main window: a side bar of pages (Ctrl+1…Ctrl+7) and a status bar with the connection,
// the environment chip, read-only state, the operator and the age of the last check.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { Dashboard, Violations, User, QaLab, Audit, Settings, Runs, PageCount };

    explicit MainWindow(const SessionOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setCurrentPage(int page);
    int currentPage() const;
    QWidget* page(int page) const;
    static QString pageKey(int page); // "dashboard", "violations", … (screenshot file names)
    ConsoleContext* context() const { return m_context; }
    DashboardPage* dashboard() const { return m_dashboard; }
    ViolationsPage* violations() const { return m_violations; }
    UserPage* userPage() const { return m_user; }
    // Restarts the context on another database (File → Connect…).
    void connectTo(const ConnectionProfile& profile);
    RunHistoryPage* runHistory() const { return m_runs; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildSideBar();
    void buildStatusBar();
    void buildMenus();
    void updateStatusBar();
    void updateCheckAge();
    void showAbout();
    void askConnection();

    ConsoleContext* m_context;
    QListWidget* m_sideBar = nullptr;
    QStackedWidget* m_pages = nullptr;
    DashboardPage* m_dashboard = nullptr;
    ViolationsPage* m_violations = nullptr;
    UserPage* m_user = nullptr;
    QaLabPage* m_qa = nullptr;
    AuditPage* m_audit = nullptr;
    SettingsPage* m_settings = nullptr;
    RunHistoryPage* m_runs = nullptr;
    QAction* m_connectAction = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_environment = nullptr;
    QLabel* m_readOnly = nullptr;
    QLabel* m_operator = nullptr;
    QLabel* m_checkAge = nullptr;
    QDateTime m_lastCheck;
    QTimer m_ageTimer;
};

} // namespace cc::ui
