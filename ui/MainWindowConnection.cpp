// Which database the main window shows: the connect dialog, a new demo database, a dropped file.
#include "MainWindow.h"

#include "administration/Administration.h"

#include "Prompt.h"
#include "Wording.h"
#include "dialogs/ConnectDialog.h"

#include <QAction>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
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

} // namespace cc::ui
