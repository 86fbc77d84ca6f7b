#pragma once

#include "database/Database.h"

#include <QSet>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace cc {

// Whether a stored `running` run still has a live check behind it (docs/BEHAVIOUR.md C4).
// PostgreSQL: the check's writer session holds a session advisory lock on its run for as long as it
// runs; a reader that can take that lock knows the session is gone (process killed, connection lost).
// SQLite: the check refreshes the run's heartbeat (`finished_at` while the run is `running`) every
// heartbeatSeconds from a thread of its own; a heartbeat older than staleAfterSeconds is a dead check.
namespace RunLiveness {

inline constexpr int heartbeatSeconds = 5;
inline constexpr int staleAfterSeconds = 60;

// Takes the run's lock on the writer's session (PostgreSQL; no-op on SQLite).
Result<void> claim(Database& writer, qint64 runId);
void release(Database& writer, qint64 runId);

// Finds the `running` runs whose check is gone and marks them `abandoned` (their partial violations
// removed); returns their ids. On a read-only connection nothing is written and the ids are still
// returned, so the reader shows them abandoned. Call outside a transaction.
Result<QSet<qint64>> settle(Database& db);

// Marks one run `abandoned` and removes its partial violations, only if it is still `running`:
// false, and nothing changed, when its check finished since the caller saw it running. Call
// outside a transaction.
Result<bool> abandon(Database& db, qint64 runId);

QString abandonedMessage();

} // namespace RunLiveness

// SQLite: refreshes one run's heartbeat from its own thread and connection until destroyed.
class RunHeartbeat final {
public:
    RunHeartbeat(ConnectionProfile profile, qint64 runId);
    ~RunHeartbeat();
    Q_DISABLE_COPY_MOVE(RunHeartbeat)

private:
    void beat();

    ConnectionProfile m_profile;
    qint64 m_runId;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace cc
