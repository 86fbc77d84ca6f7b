#pragma once

#include "audit/AuditLog.h"
#include "database/WriteTransaction.h"
#include "rows/KeyRows.h"
#include "session/Session.h"
#include "write/CouplingWriter.h"
#include "write/SetBasedBatch.h"

#include <set>

namespace cc {

// One transaction of CouplingWriter::run: up to WriteOptions::keysPerTransaction keys. With
// `keyByKey`, each key takes its locks and reads its rows inside its own savepoint (after a lock
// timeout on the whole batch, so that only the locked key waits and is skipped). A batch is
// written set-based where SetBasedBatch takes it (PostgreSQL), else key by key with a savepoint each.
class ChunkWriter final {
public:
    ChunkWriter(Session& session, const KeyPlanner& planner, const WriteOptions& options,
        std::optional<SetBasedBatch>& setBased);

    Result<WriteOutcome> write(const QList<KeyRef>& slice, std::optional<qint64> batchId, bool keyByKey);

private:
    // The slice's locks, then (for two or more keys) all their rows in one read.
    Result<std::optional<QMap<KeyRef, KeyRows>>> lockAndRead(const QList<KeyRef>& slice);
    // Commits, or rolls back a trial (a dry run that executes).
    Result<WriteOutcome> finish(WriteTransaction& transaction, WriteOutcome outcome);
    // Executes a planned change; its audit entry is recorded now or with the batch's others.
    Result<std::optional<qint64>> execute(const KeyChange& change);
    void record(const KeyRef& key, const KeyChange& change, std::optional<qint64> id, WriteOutcome& outcome);
    Result<void> writeKey(WriteTransaction& transaction, const KeyRef& key,
        const std::optional<QMap<KeyRef, KeyRows>>& batchRows, WriteOutcome& outcome);
    Result<void> writeKeyAlone(WriteTransaction& transaction, const KeyRef& key, WriteOutcome& outcome);

    Session& m_session;
    const KeyPlanner& m_planner;
    const WriteOptions& m_options;
    std::optional<SetBasedBatch>& m_setBased;
    std::optional<qint64> m_batchId;
    bool m_deferAudit = false;
    QList<AuditEntry> m_pendingAudit;
    bool m_releasePending = false; // PostgreSQL: the previous key's savepoint is still open
    std::set<KeyRef> m_moved;
};

// Earlier transactions of a run committed: the error says what they changed and what they did
// not, so the operator knows the database holds a finished part of the work.
Error partlyDone(Error error, const QList<KeyRef>& keys, qsizetype start, const WriteOutcome& total);

} // namespace cc
