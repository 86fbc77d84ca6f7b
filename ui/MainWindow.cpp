#include "MainWindow.h"
#include "ChangeWatcher.h"
#include "widgets/MessageBar.h"

#include "FirstRunTour.h"
#include "Prompt.h"
#include "SignInFlow.h"
#include "ThemeColors.h"
#include "dialogs/ConnectDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "pages/AuditPage.h"
#include "pages/DashboardPage.h"
#include "pages/QaLabPage.h"
#include "pages/RunHistoryPage.h"
#include "pages/SettingsPage.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/SideBarBadges.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>

#include <memory>

namespace cc::ui {

MainWindow::MainWindow(const SessionOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_context(new ConsoleContext(options, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Coupling Console"));
    setMinimumSize(560, 420);
    setAcceptDrops(true);

    buildPages();
    m_signIn = new SignInFlow(m_context, this);
    m_watcher = new ChangeWatcher(m_context, this); // writes and runs by other instances
    buildSideBar();
    buildMenus();
    buildStatusBar();

    connectContext();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    updateStatusBar();
    m_context->reloadInfo();
}

// The side bar, the message bar and the pages.
void MainWindow::buildPages()
{
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_sideBar = new QListWidget(central);
    auto* pageColumn = new QVBoxLayout;
    pageColumn->setContentsMargins(0, 0, 0, 0);
    pageColumn->setSpacing(0);
    m_message = new MessageBar(m_context, central); // a write's outcome, with Undo, above the page
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    pageColumn->addWidget(m_message);
    pageColumn->addWidget(m_pages, 1);
    layout->addWidget(m_sideBar);
    layout->addLayout(pageColumn, 1);
    setCentralWidget(central);

    m_dashboard = new DashboardPage(m_context, m_pages);
    m_violations = new ViolationsPage(m_context, m_pages);
    m_user = new UserPage(m_context, m_pages);
    m_qa = new QaLabPage(m_context, m_pages);
    m_audit = new AuditPage(m_context, m_pages);
    m_settings = new SettingsPage(m_context, m_dashboard, m_pages);
    m_runs = new RunHistoryPage(m_context, m_pages);
    for (QWidget* page : { static_cast<QWidget*>(m_dashboard), static_cast<QWidget*>(m_violations),
             static_cast<QWidget*>(m_user), static_cast<QWidget*>(m_qa), static_cast<QWidget*>(m_audit),
             static_cast<QWidget*>(m_settings), static_cast<QWidget*>(m_runs) })
        m_pages->addWidget(page);
}

// What the window does when the session, the connection or a page asks for it.
void MainWindow::connectContext()
{
    connect(m_context, &ConsoleContext::infoChanged, this, &MainWindow::updateStatusBar);
    connect(m_context, &ConsoleContext::infoFailed, this, [this](const QString& message) {
        setConnectionText(tr("Not connected: %1").arg(m_context->info().connection), message);
        QTimer::singleShot(5000, m_context, &ConsoleContext::reloadInfo);
    });
    connect(&m_context->jobs(), &JobRunner::connectionChanged, this,
        [this](bool connected, const QString& message) {
            setConnectionText(connected ? m_context->info().connection
                                        : tr("Connection lost: %1").arg(m_context->info().connection),
                message);
            if (connected)
                m_context->reloadInfo();
        });
    connect(m_context, &ConsoleContext::openUserRequested, this, [this](qint64 userId) {
        setCurrentPage(User);
        m_user->openUser(userId);
    });
    connect(m_context, &ConsoleContext::openViolationsRequested, this,
        [this](const QString& kind, const QString& track) {
            setCurrentPage(Violations);
            m_violations->showFiltered(kind, track);
        });
    connect(m_context, &ConsoleContext::openAuditRequested, this, [this](const AuditFilter& filter) {
        m_audit->showFiltered(filter); // before the page shows, so it loads once
        setCurrentPage(Audit);
    });
    connect(m_context, &ConsoleContext::openRunRequested, this, [this](qint64 runId) {
        setCurrentPage(Violations);
        m_violations->showRun(runId);
    });
    connect(m_dashboard, &DashboardPage::refreshed, this, &MainWindow::updateSideBarBadges);
    connect(m_dashboard, &DashboardPage::lastCheckChanged, this, [this](const QDateTime& at) {
        m_lastCheck = at;
        updateCheckAge();
    });
    m_ageTimer.setInterval(5000);
    connect(&m_ageTimer, &QTimer::timeout, this, &MainWindow::updateCheckAge);
    m_ageTimer.start();
}

MainWindow::~MainWindow() = default;

QString MainWindow::pageTitle(int page) const
{
    const QListWidgetItem* item = m_sideBar->item(page);
    return item ? item->text() : QString();
}

QString MainWindow::pageKey(int page)
{
    static const char* const keys[]
        = { "dashboard", "violations", "user", "qa-lab", "audit", "settings", "runs" };
    return page >= 0 && page < PageCount ? QString::fromLatin1(keys[page]) : QString();
}

void MainWindow::buildSideBar()
{
    m_sideBar->setObjectName(QStringLiteral("sideBar"));
    m_sideBar->setFixedWidth(190);
    m_sideBar->setFrameShape(QFrame::NoFrame);
    m_sideBar->setSpacing(2);
    m_sideBar->setItemDelegate(new SideBarBadges(m_sideBar));
    ThemeColors::setStyleSheet(m_sideBar, [] {
        return QStringLiteral(
            "QListWidget#sideBar { background: %1; padding-top: 10px; }"
            "QListWidget#sideBar::item { padding: 9px 14px; border-radius: 6px; margin: 0 6px; }"
            "QListWidget#sideBar::item:selected { background: %2; color: %3; }")
            .arg(ThemeColors::sidebar().name(), ThemeColors::accent().name(),
                ThemeColors::textOn(ThemeColors::accent()).name());
    });
    const QStringList names = { tr("Health dashboard"), tr("Violations"), tr("User"), tr("QA lab"),
        tr("Audit log"), tr("Settings"), tr("Run history") };
    for (int i = 0; i < names.size(); ++i) {
        auto* item = new QListWidgetItem(names.at(i), m_sideBar);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(names.at(i)).arg(i + 1));
    }
    connect(m_sideBar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_pages->setCurrentIndex(row);
    });
    m_sideBar->setCurrentRow(0);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::askConnection);
    m_connectAction->setObjectName(QStringLiteral("actionConnect"));
    m_connectAction->setShortcut(QKeySequence::Open);
    m_signInAction = file->addAction(tr("&Sign in…"), m_signIn, [this] { m_signIn->ask(); });
    m_signInAction->setObjectName(QStringLiteral("actionSignIn"));
    m_signInAction->setToolTip(tr("Sign in with your platform email and password (production databases)"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    static const char* const names[] = { "actionPageDashboard", "actionPageViolations", "actionPageUser",
        "actionPageQaLab", "actionPageAudit", "actionPageSettings", "actionPageRuns" };
    for (int i = 0; i < PageCount; ++i) {
        QAction* action = view->addAction(m_sideBar->item(i)->text());
        action->setObjectName(QString::fromLatin1(names[i]));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::ApplicationShortcut);
        connect(action, &QAction::triggered, this, [this, i] { setCurrentPage(i); });
    }
    view->addSeparator();
    QAction* find = view->addAction(tr("&Find user…"), this, &MainWindow::focusSearch);
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcut(QKeySequence::Find);
    find->setToolTip(tr("The user field of the violations or audit page, else the user search"));
    QAction* check = view->addAction(tr("&Run health check now"), m_dashboard, &DashboardPage::runCheckNow);
    check->setObjectName(QStringLiteral("actionRunCheck"));
    check->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    // The User page's writes for the current track (issue 18: Sync and Set level by keyboard).
    QMenu* track = menuBar()->addMenu(tr("&Track"));
    track->setObjectName(QStringLiteral("trackMenu"));
    track->addActions(m_user->trackActions());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setShortcuts(
        { QKeySequence(QKeySequence::HelpContents), QKeySequence(Qt::CTRL | Qt::Key_Slash) });
    QAction* tour = help->addAction(tr("&Tour of the pages"), this, &MainWindow::startTour);
    tour->setObjectName(QStringLiteral("actionTour"));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Coupling Console"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    fitStatusBar();
}

void MainWindow::setCurrentPage(int page)
{
    if (page >= 0 && page < PageCount)
        m_sideBar->setCurrentRow(page);
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}
QWidget* MainWindow::page(int page) const
{
    return m_pages->widget(page);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        m_dashboard->setWindowActive(!isMinimized() && isVisible());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    m_dashboard->setWindowActive(!isMinimized());
}

void MainWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    m_dashboard->setWindowActive(false);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_violations->saveLayout();
    QMainWindow::closeEvent(event);
}

ShortcutsDialog* MainWindow::showShortcuts()
{
    if (!m_shortcuts) {
        m_shortcuts = new ShortcutsDialog(menuBar(), this);
        m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
    return m_shortcuts;
}

FirstRunTour* MainWindow::startTour()
{
    if (!m_tour)
        m_tour = new FirstRunTour(this);
    m_tour->showStep(0);
    m_tour->show();
    m_tour->raise();
    return m_tour;
}

FirstRunTour* MainWindow::tour() const
{
    return m_tour;
}

bool MainWindow::offerFirstRunTour()
{
    if (FirstRunTour::isDone())
        return false;
    startTour();
    return true;
}

void MainWindow::focusSearch()
{
    const char* field = currentPage() == Violations ? "violationsUser"
        : currentPage() == Audit                    ? "auditUser"
                                                    : "userSearch";
    if (qstrcmp(field, "userSearch") == 0)
        setCurrentPage(User);
    if (auto* edit = findChild<QLineEdit*>(QString::fromLatin1(field))) {
        edit->setFocus(Qt::ShortcutFocusReason);
        edit->selectAll();
    }
}

void MainWindow::showAbout()
{
    Prompt::information(this, tr("About Coupling Console"),
        tr("Coupling Console %1\nFinds and repairs desyncs between specialization progress and user "
           "licenses.\nQt %2")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace cc::ui
