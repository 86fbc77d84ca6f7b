#include "MainWindow.h"
#include "ChangeWatcher.h"
#include "widgets/MessageBar.h"

#include "Administration.h"

#include "FirstRunTour.h"
#include "Prompt.h"
#include "SignInFlow.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "dialogs/ConnectDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "pages/AuditPage.h"
#include "pages/DashboardPage.h"
#include "pages/QaLabPage.h"
#include "pages/RunHistoryPage.h"
#include "pages/SettingsPage.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QThread>

#include <memory>

namespace cc::ui {

namespace {
// Every SQLite 3 database file starts with this header (sqlite.org/fileformat.html, 1.3).
bool isSqliteDatabaseFile(const QString& path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArray("SQLite format 3\0", 16);
}

// The one local file of a drag, or empty when the drag carries anything else.
QString droppedFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return QString();
    return mime->urls().first().toLocalFile();
}
} // namespace

MainWindow::MainWindow(const SessionOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_context(new ConsoleContext(options, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Coupling Console"));
    setMinimumSize(560, 420);
    setAcceptDrops(true);

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

    m_signIn = new SignInFlow(m_context, this);
    m_watcher = new ChangeWatcher(m_context, this); // writes and runs by other instances
    buildSideBar();
    buildMenus();
    buildStatusBar();

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
    connect(m_context, &ConsoleContext::openRunRequested, this, [this](qint64 runId) {
        setCurrentPage(Violations);
        m_violations->showRun(runId);
    });
    connect(m_dashboard, &DashboardPage::lastCheckChanged, this, [this](const QDateTime& at) {
        m_lastCheck = at;
        updateCheckAge();
    });
    m_ageTimer.setInterval(5000);
    connect(&m_ageTimer, &QTimer::timeout, this, &MainWindow::updateCheckAge);
    m_ageTimer.start();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    updateStatusBar();
    m_context->reloadInfo();
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

void MainWindow::buildStatusBar()
{
    QStatusBar* bar = statusBar();
    bar->setObjectName(QStringLiteral("statusBar"));
    m_environment = new QLabel(bar);
    m_environment->setObjectName(QStringLiteral("environmentChip"));
    m_connection = new QLabel(bar);
    m_connection->setObjectName(QStringLiteral("statusConnection"));
    m_readOnly = new QLabel(bar);
    m_readOnly->setObjectName(QStringLiteral("statusReadOnly"));
    m_operator = new QLabel(bar);
    m_operator->setObjectName(QStringLiteral("statusOperator"));
    m_checkAge = new QLabel(bar);
    m_checkAge->setObjectName(QStringLiteral("statusCheckAge"));
    m_connectButton = new QPushButton(bar);
    m_connectButton->setObjectName(QStringLiteral("statusConnectButton"));
    m_connectButton->setFlat(true);
    m_connectButton->setCursor(Qt::PointingHandCursor);
    m_connectButton->setToolTip(tr("File → Connect… (%1): an SQLite file, a new demo database or PostgreSQL. "
                                   "You can also drop a database file on the window.")
                                    .arg(m_connectAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_connectButton, &QPushButton::clicked, m_connectAction, &QAction::trigger);
    connect(m_connectAction, &QAction::enabledChanged, m_connectButton, &QWidget::setEnabled);
    ThemeColors::setStyleSheet(m_connectButton, [] {
        return QStringLiteral("QPushButton#statusConnectButton { color: %1; text-decoration: underline; "
                              "border: none; padding: 0 6px; }")
            .arg(ThemeColors::accent().name());
    });
    bar->addWidget(m_environment);
    bar->addWidget(m_connection);
    bar->addWidget(m_connectButton);
    m_statusGap = new QWidget(bar);
    bar->addWidget(m_statusGap, 1);
    bar->addPermanentWidget(m_readOnly);
    bar->addPermanentWidget(m_operator);
    bar->addPermanentWidget(m_checkAge);
}

void MainWindow::updateStatusBar()
{
    const ConsoleInfo& info = m_context->info();
    setConnectionText(
        info.embedded ? tr("%1 (embedded demo database)").arg(info.connection) : info.connection, QString());
    m_connectButton->setText(
        info.embedded ? tr("Connect to your database…") : tr("Connect to another database…"));
    const QColor chip = ThemeColors::environment(info.environment);
    m_environment->setText(info.loaded ? Wording::environment(info.environment) : tr("CONNECTING…"));
    m_environment->setStyleSheet(QStringLiteral(
        "QLabel { background: %1; color: %2; border-radius: 9px; padding: 2px 10px; font-weight: bold; }")
                                     .arg(chip.name(), ThemeColors::textOn(chip).name()));
    m_environment->setToolTip(tr("Environment of this database"));
    m_readOnly->setText(info.readOnly ? tr("Read-only") : tr("Read-write"));
    m_operator->setToolTip(info.loaded
            ? tr("Operator: %1 (%2)").arg(info.op.displayName(), Wording::role(info.op.role))
            : QString());
    m_signInAction->setEnabled(info.loaded && info.environment == Environment::Production);
    // The platform appends the application's display name: "‹connection› — Coupling Console".
    setWindowTitle(info.connection);
    fitStatusBar();
}

void MainWindow::setConnectionText(const QString& text, const QString& detail)
{
    m_connectionText = text;
    m_connection->setToolTip(detail.isEmpty() ? text : text + u'\n' + detail);
    fitStatusBar();
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    fitStatusBar();
}

void MainWindow::fitStatusBar()
{
    if (!m_connection)
        return;
    // The connection and the operator share what the chip, the link, the fixed labels and the bar's
    // own margins, spacing and size grip leave: who acts is short and shown whole where it can be; a
    // long connection path gives way (its middle). The bar's own part is measured while every item
    // shows (a status message hides the left ones), not guessed: it depends on the style.
    QStatusBar* bar = statusBar();
    const QList<QWidget*> fixedItems { m_environment, m_connectButton, m_readOnly, m_checkAge };
    if (bar->isVisible() && m_connection->isVisible()) {
        int items = m_connection->width() + m_operator->width() + m_statusGap->width();
        for (QWidget* item : fixedItems)
            items += item->width();
        m_statusBarOwn = std::max(0, bar->width() - items);
    }
    int fixed = m_statusBarOwn;
    for (QWidget* item : fixedItems)
        fixed += item->sizeHint().width();
    constexpr int least = 120;
    const int available = std::max(2 * least, bar->width() - fixed);
    // A few pixels beyond the text's advance: elidedText() elides a text given exactly its own width.
    const int forOperator
        = std::min(m_operator->fontMetrics().horizontalAdvance(m_operator->toolTip()) + 8, available - least);
    m_operator->setText(
        m_operator->fontMetrics().elidedText(m_operator->toolTip(), Qt::ElideRight, forOperator));
    m_connection->setText(
        m_connection->fontMetrics().elidedText(m_connectionText, Qt::ElideMiddle, available - forOperator));
}

void MainWindow::updateCheckAge()
{
    if (!m_lastCheck.isValid()) {
        m_checkAge->setText(tr("No check yet"));
        return;
    }
    m_checkAge->setText(
        tr("Last check %1").arg(Wording::age(m_lastCheck.secsTo(QDateTime::currentDateTimeUtc()))));
    fitStatusBar(); // the age's width changes ("No check yet", "12 s ago", …)
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

void MainWindow::askConnection()
{
    const auto request = Prompt::askConnection(this, m_context->options().profile);
    if (!request)
        return;
    if (request->demoUsers <= 0) {
        connectTo(request->profile);
        return;
    }
    // A new demo database is generated inside the new file off the GUI thread, then opened.
    const ConnectionProfile profile = request->profile;
    const DemoOptions demo { request->demoUsers, 1, 0.02 };
    auto result = std::make_shared<Result<DemoManifest>>(Error { ErrorCode::Cancelled, QString() });
    QThread* thread = QThread::create(
        [profile, demo, result] { *result = Administration::demo(profile, demo, QStringLiteral("gui")); });
    m_connectAction->setEnabled(false);
    statusBar()->showMessage(tr("Creating a demo database with %n student(s)…", nullptr, int(demo.users)));
    connect(thread, &QThread::finished, this, [this, thread, profile, result] {
        thread->deleteLater();
        m_connectAction->setEnabled(true);
        statusBar()->clearMessage();
        if (!*result) {
            Prompt::error(this, tr("New demo database"), Wording::error(result->error()));
            return;
        }
        connectTo(profile);
    });
    thread->start();
}

void MainWindow::connectTo(const ConnectionProfile& profile)
{
    m_lastCheck = QDateTime();
    updateCheckAge();
    m_context->reconnect(profile);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_connectAction->isEnabled() && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty() || !m_connectAction->isEnabled())
        return;
    event->acceptProposedAction();
    openDatabaseFile(path);
}

bool MainWindow::openDatabaseFile(const QString& path)
{
    if (!isSqliteDatabaseFile(path)) {
        Prompt::error(this, tr("Open a database file"),
            tr("%1 is not an SQLite database file, so the connection stays as it is. To open a PostgreSQL "
               "database, use File → Connect….")
                .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    ConnectionProfile profile = ConnectionProfile::sqlite(QFileInfo(path).absoluteFilePath());
    profile.readOnly = m_context->options().profile.readOnly;
    ConnectDialog::remember(QStringLiteral("sqlite:") + profile.sqlitePath, profile.readOnly);
    connectTo(profile);
    return true;
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
