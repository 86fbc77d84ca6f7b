#pragma once

#include "ConsoleInfo.h"
#include "JobRunner.h"
#include "audit/AuditLog.h"

#include <QObject>

#include <functional>

class QWidget;

namespace cc::ui {

// A write this window made, as the page's message bar reports it (with Undo when it can be undone).
struct WriteReport {
    QString title;
    QString text;
    std::optional<qint64> batchId; // Undo reverts the batch
    QList<qint64> auditIds; // Undo reverts these entries, newest first (when there is no batch)
    bool undo = false; // this write was itself an Undo from the bar
};

// Shared by the main window and its pages (GUI thread only): the job runner, what is known about
// the session, and the requests pages make to one another (open a user, show filtered violations).
class ConsoleContext final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleContext)

public:
    explicit ConsoleContext(const SessionOptions& options, QObject* parent = nullptr);

    JobRunner& jobs() { return m_jobs; }
    const ConsoleInfo& info() const { return m_info; }
    const SessionOptions& options() const { return m_options; }
    // Reads the session's facts again in the worker; emits infoChanged.
    void reloadInfo();
    // File → Connect…: the same operator on another database. Emits connectionReplaced, then
    // infoChanged and databaseChanged so every page reloads.
    void reconnect(const ConnectionProfile& profile);
    // Opens the same database again as this operator, signed in with this password (an empty
    // email: the system). The password stays in memory for the connections of this session.
    void signIn(const QString& email, const QString& password);
    // Before every write from the window: reads the environment and the operator again in the
    // worker (another process may have changed them, e.g. `env --set production`), shows what changed,
    // then runs `proceed` when the write is allowed, offers sign-in when it needs a signed-in
    // operator, and otherwise says why not (in the window's words).
    void beforeWrite(Action action, QWidget* parent, std::function<void()> proceed);
    // Text that must be typed to confirm a write on production; empty elsewhere.
    QString confirmationFor(qint64 userId) const;

signals:
    void infoChanged();
    // Another database is now open: pages drop what belonged to the old one.
    void connectionReplaced();
    void infoFailed(const QString& message);
    // The database is production and the operator has not signed in (message empty) or a sign-in
    // failed (message: core's words why).
    void signInRequired(const QString& message);
    // A write changed the database: pages showing data reload.
    void databaseChanged();
    // This window wrote to the database (emitted with databaseChanged): the dashboard checks again
    // when that is cheap, so no page goes on listing what was just repaired.
    void wrote();
    // A write from this window succeeded: the window says so in its message bar, with Undo.
    void writeReported(const cc::ui::WriteReport& report);
    // A health check finished (stored or not).
    void checkFinished();
    void openUserRequested(qint64 userId);
    void openViolationsRequested(const QString& kind, const QString& track);
    // Show the audit entries `filter` selects (a change marker of the dashboard's rate chart).
    void openAuditRequested(const cc::AuditFilter& filter);
    // Show the violations of one stored run (from the run history).
    void openRunRequested(qint64 runId);

private:
    // The worker connections open again with m_options; every page reloads.
    void restart();

    SessionOptions m_options;
    JobRunner m_jobs;
    ConsoleInfo m_info;
};

} // namespace cc::ui
