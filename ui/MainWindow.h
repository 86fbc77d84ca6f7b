#pragma once

#include "ConsoleContext.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace cc::ui {

class AuditPage;
class ChangeWatcher;
class MessageBar;
class DashboardPage;
class FirstRunTour;
class QaLabPage;
class RunHistoryPage;
class SettingsPage;
class ShortcutsDialog;
class SignInFlow;
class UserPage;
class ViolationsPage;

// The main window: a side bar of pages (Ctrl+1…Ctrl+7) and a status bar with the connection (and a
// button to connect to another database), the environment chip, read-only state, the operator and
// the age of the last check. Every command is a QAction of the menu bar with a shortcut or a
// mnemonic; Help → Keyboard shortcuts lists them from the actions themselves. An SQLite database
// file dropped on the window is opened like File → Connect….
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
    QString pageTitle(int page) const; // as in the side bar, translated
    ConsoleContext* context() const { return m_context; }
    MessageBar* messageBar() const { return m_message; }
    ChangeWatcher* changeWatcher() const { return m_watcher; }
    DashboardPage* dashboard() const { return m_dashboard; }
    ViolationsPage* violations() const { return m_violations; }
    UserPage* userPage() const { return m_user; }
    // Restarts the context on another database (File → Connect…).
    void connectTo(const ConnectionProfile& profile);
    RunHistoryPage* runHistory() const { return m_runs; }

    // Help → Keyboard shortcuts (non-modal; raised when already open).
    ShortcutsDialog* showShortcuts();
    // Help → Tour of the pages; the running tour if there is one.
    FirstRunTour* startTour();
    FirstRunTour* tour() const;
    // The first start: shows the tour unless QSettings `firstRun/tourDone` says it was seen. Called
    // by runGui (not in --screenshots mode); true when the tour is shown.
    bool offerFirstRunTour();
    // Ctrl+F: the search field of the page shown (violations, audit), else the user search.
    void focusSearch();
    // Opens a dropped (or otherwise given) SQLite database file; a file that is not one is refused
    // through Prompt::error and nothing changes. The read-only choice of the current connection stays.
    bool openDatabaseFile(const QString& path);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildPages();
    void connectContext();
    void buildSideBar();
    void buildStatusBar();
    void buildMenus();
    void updateStatusBar();
    void updateCheckAge();
    void updateSideBarBadges();
    // Elides the status bar's connection and operator to the window's width (whole text in the tooltip).
    void fitStatusBar();
    void setConnectionText(const QString& text, const QString& detail);
    void showAbout();
    void askConnection();

    ConsoleContext* m_context;
    QListWidget* m_sideBar = nullptr;
    QStackedWidget* m_pages = nullptr;
    MessageBar* m_message = nullptr;
    ChangeWatcher* m_watcher = nullptr;
    QString m_connectionText; // the status bar's connection, whole
    DashboardPage* m_dashboard = nullptr;
    ViolationsPage* m_violations = nullptr;
    UserPage* m_user = nullptr;
    QaLabPage* m_qa = nullptr;
    AuditPage* m_audit = nullptr;
    SettingsPage* m_settings = nullptr;
    RunHistoryPage* m_runs = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_signInAction = nullptr;
    SignInFlow* m_signIn = nullptr;
    QPushButton* m_connectButton = nullptr;
    QPointer<ShortcutsDialog> m_shortcuts;
    QPointer<FirstRunTour> m_tour;
    QLabel* m_connection = nullptr;
    QLabel* m_environment = nullptr;
    QLabel* m_readOnly = nullptr;
    QLabel* m_operator = nullptr;
    QWidget* m_statusGap = nullptr; // the stretch between the left and the permanent items
    int m_statusBarOwn = 60; // the status bar's margins, spacing and size grip, once measured
    QLabel* m_checkAge = nullptr;
    QDateTime m_lastCheck;
    QTimer m_ageTimer;
};

} // namespace cc::ui
