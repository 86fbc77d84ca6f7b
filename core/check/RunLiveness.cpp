#include "check/RunLiveness.h"

#include "base/Time.h"
#include "check/HealthReport.h"
#include "database/WriteTransaction.h"

#include <chrono>

namespace cc {

namespace {

// The one-bigint advisory lock of a run: its own space, as the sign-in throttle's keys are hashed text.
QString lockKey(qint64 runId)
{
    return QStringLiteral("coupling_console.run ") + QString::number(runId);
}

// Without session locks (SQLite): the owner is gone when its heartbeat (or, before the first one, its start)
// is stale.
bool heartbeatStale(const QString& heartbeat, const QString& started)
{
    const QDateTime last = parseIsoUtc(heartbeat.isEmpty() ? started : heartbeat);
    return !last.isValid() || last.secsTo(QDateTime::currentDateTimeUtc()) > RunLiveness::staleAfterSeconds;
}

// Whether the run is still `running`: a reader that listed it may see it finished since.
Result<bool> stillRunning(Database& db, qint64 runId)
{
    auto status = db.scalar(
        QStringLiteral("SELECT status FROM ") + db.tool("runs") + QStringLiteral(" WHERE id = ?"), { runId });
    if (!status)
        return status.error();
    return status->toString() == runStatusName(RunStatus::Running);
}

} // namespace

Result<void> RunLiveness::claim(Database& writer, qint64 runId)
{
    return writer.dialect().lockSession(writer, lockKey(runId));
}

void RunLiveness::release(Database& writer, qint64 runId)
{
    writer.dialect().unlockSession(writer, lockKey(runId));
}

Result<bool> RunLiveness::abandon(Database& db, qint64 runId)
{
    WriteTransaction transaction(db);
    CC_TRY(transaction.begin());
    // The status is the guard: a check that finished after the reader listed its run has set it
    // (PostgreSQL re-reads a row a committing writer changed), and its violations stay.
    auto marked = db.exec(QStringLiteral("UPDATE ") + db.tool("runs")
            + QStringLiteral(" SET status = ?, message = ? WHERE id = ? AND status = ?"),
        { runStatusName(RunStatus::Abandoned), RunLiveness::abandonedMessage(), runId,
            runStatusName(RunStatus::Running) });
    if (!marked)
        return marked.error();
    if (marked->numRowsAffected() != 1)
        return false;
    CC_TRY(
        db.run(QStringLiteral("DELETE FROM ") + db.tool("violations") + QStringLiteral(" WHERE run_id = ?"),
            { runId }));
    CC_TRY(transaction.commit());
    return true;
}

QString RunLiveness::abandonedMessage()
{
    return QStringLiteral("abandoned: its check stopped without finishing (process or connection lost); no "
                          "violations are stored");
}

Result<QSet<qint64>> RunLiveness::settle(Database& db)
{
    // With session locks the owner is gone when this session can take the run's lock.
    const bool locks = db.dialect().hasSessionLocks();
    QList<std::pair<qint64, bool>> running; // id, owner gone
    {
        auto query = db.exec(QStringLiteral("SELECT id, finished_at, started_at FROM ") + db.tool("runs")
                + QStringLiteral(" WHERE status = ? ORDER BY id"),
            { runStatusName(RunStatus::Running) });
        if (!query)
            return query.error();
        while (query->next())
            running.append({ query->value(0).toLongLong(),
                !locks && heartbeatStale(query->value(1).toString(), query->value(2).toString()) });
    }
    QSet<qint64> abandoned;
    for (auto& [runId, gone] : running) {
        if (locks) {
            auto found = db.dialect().isSessionLockFree(db, lockKey(runId));
            if (!found)
                return found.error();
            gone = *found;
        }
        if (!gone)
            continue;
        if (!db.isReadOnly()) {
            if (auto marked = abandon(db, runId)) {
                if (*marked)
                    abandoned.insert(runId);
                continue;
            }
        }
        // A reader that cannot write (or whose write failed) still shows it abandoned, if it has
        // not finished meanwhile.
        if (auto live = stillRunning(db, runId); live && *live)
            abandoned.insert(runId);
    }
    return abandoned;
}

RunHeartbeat::RunHeartbeat(ConnectionProfile profile, qint64 runId)
    : m_profile(std::move(profile))
    , m_runId(runId)
    , m_thread([this] { beat(); })
{
}

RunHeartbeat::~RunHeartbeat()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void RunHeartbeat::beat()
{
    auto db = Database::open(m_profile, Database::OpenMode::MustExist);
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (db)
            (void)(*db)->run(QStringLiteral("UPDATE ") + (*db)->tool("runs")
                    + QStringLiteral(" SET finished_at = ? WHERE id = ? AND status = ?"),
                { isoUtc(QDateTime::currentDateTimeUtc()), m_runId, runStatusName(RunStatus::Running) });
        m_wake.wait_for(lock, std::chrono::seconds(RunLiveness::heartbeatSeconds), [this] { return m_stop; });
    }
}

} // namespace cc
