#include "write/ChunkWriter.h"

#include "rows/RowReader.h"
#include "write/KeyExecution.h"

#include <QScopeGuard>

namespace cc {

using keywrite::executeChange;
using keywrite::executeKey;
using keywrite::lockKeys;
using keywrite::skipReason;
using keywrite::skipsKey;

namespace {

// Every key of the batch planned from the rows read under its locks, then written set-based
// behind a savepoint. std::nullopt, with nothing written, when the batch takes the
// per-key path instead: a change moves other keys' rows, the changes do not fit the set-based
// statements, or one of those statements failed (rolled back to the savepoint, so that one bad
// key cannot block the others).
Result<std::optional<WriteOutcome>> writeSetBased(Session& session, SetBasedBatch& batch,
    const QList<KeyRef>& slice, const QMap<KeyRef, KeyRows>& rows, const KeyPlanner& planner,
    const WriteOptions& options, std::optional<qint64> batchId)
{
    WriteOutcome outcome;
    QList<KeyChange> changes;
    changes.reserve(slice.size());
    bool writes = false;
    for (const KeyRef& key : slice) {
        if (options.cancel && options.cancel->isCancelled()) {
            outcome.cancelled = true;
            break;
        }
        auto change = planner(session, rows.value(key, KeyRows { key, {}, {}, {}, {} }));
        if (!change) {
            if (skipsKey(change.error()) && change.error().code != ErrorCode::Busy) {
                outcome.skipped.append({ key, skipReason(change.error()) });
                continue;
            }
            return change.error();
        }
        if (!change->extraKeys.isEmpty())
            return std::optional<WriteOutcome>();
        if (!change->skipReason.isEmpty())
            outcome.skipped.append({ key, change->skipReason });
        writes = writes || !change->isEmpty();
        changes.append(std::move(*change));
    }
    if (writes) {
        Database& db = session.db();
        CC_TRY(db.runDirect(QStringLiteral("SAVEPOINT cc_batch")));
        auto ids = batch.execute(changes, batchId);
        if (!ids) {
            const ErrorCode code = ids.error().code;
            if (code == ErrorCode::Conflict || code == ErrorCode::Cancelled)
                return ids.error(); // the whole transaction is retried or given up, as on the per-key path
            CC_TRY(db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT cc_batch")));
            return std::optional<WriteOutcome>();
        }
        if (!*ids) {
            CC_TRY(db.runDirect(QStringLiteral("RELEASE SAVEPOINT cc_batch")));
            return std::optional<WriteOutcome>();
        }
        outcome.auditIds = std::move(**ids); // the savepoint ends with the COMMIT
    }
    for (KeyChange& change : changes) {
        if (!change.isEmpty())
            outcome.applied.append(std::move(change));
    }
    return std::optional<WriteOutcome>(std::move(outcome));
}

} // namespace

ChunkWriter::ChunkWriter(Session& session, const KeyPlanner& planner, const WriteOptions& options,
    std::optional<SetBasedBatch>& setBased)
    : m_session(session)
    , m_planner(planner)
    , m_options(options)
    , m_setBased(setBased)
{
}

Result<WriteOutcome> ChunkWriter::write(
    const QList<KeyRef>& slice, std::optional<qint64> batchId, bool keyByKey)
{
    Database& db = m_session.db();
    WriteOutcome outcome;
    WriteTransaction transaction(db);
    CC_TRY(transaction.begin());
    CC_TRY(m_session.recheckAuthority());
    // Nothing in this transaction writes the lookup tables the planners read.
    db.keepLookups(true);
    const auto forgetLookups = qScopeGuard([&db] { db.keepLookups(false); });
    if (m_options.batch && !batchId) {
        auto batch = AuditLog::newBatch(m_session, m_options.batchAction);
        if (!batch)
            return batch.error();
        outcome.batchId = *batch;
        batchId = *batch;
    }
    m_batchId = batchId;
    // Where statements cost round trips (PostgreSQL), a batch's audit entries go in with one insert
    // before the commit (one round trip instead of one per key); a failure there fails the whole transaction.
    m_deferAudit = m_options.batch && db.dialect().groupsBulkWrites() && slice.size() > 1;
    m_pendingAudit.clear();
    m_releasePending = false;
    m_moved.clear();
    std::optional<QMap<KeyRef, KeyRows>> batchRows;
    if (!keyByKey) {
        auto read = lockAndRead(slice);
        if (!read)
            return read.error();
        batchRows = std::move(*read);
        if (m_setBased && batchRows) {
            auto written
                = writeSetBased(m_session, *m_setBased, slice, *batchRows, m_planner, m_options, batchId);
            if (!written)
                return written.error();
            if (*written) {
                (*written)->batchId = outcome.batchId;
                return finish(transaction, std::move(**written));
            }
        }
    }
    for (const KeyRef& key : slice) {
        if (m_options.batch && m_options.cancel && m_options.cancel->isCancelled()) {
            outcome.cancelled = true;
            break;
        }
        CC_TRY(keyByKey ? writeKeyAlone(transaction, key, outcome)
                        : writeKey(transaction, key, batchRows, outcome));
    }
    if (!m_pendingAudit.isEmpty()) {
        auto ids = AuditLog::recordMany(m_session, m_pendingAudit);
        if (!ids)
            return ids.error();
        outcome.auditIds += *ids;
    }
    return finish(transaction, std::move(outcome));
}

Result<std::optional<QMap<KeyRef, KeyRows>>> ChunkWriter::lockAndRead(const QList<KeyRef>& slice)
{
    CC_TRY(lockKeys(m_session, slice));
    // A batch reads all its keys' rows at once, under their locks (progress, then licenses); a
    // key whose rows an earlier key's change moved (its extraKeys) is read again.
    if (slice.size() < 2)
        return std::optional<QMap<KeyRef, KeyRows>>();
    QList<qint64> users;
    users.reserve(slice.size());
    for (const KeyRef& key : slice)
        users.append(key.userId);
    auto read = RowReader::usersKeys(m_session, users, true);
    if (!read)
        return read.error();
    return std::optional<QMap<KeyRef, KeyRows>>(std::move(*read));
}

Result<WriteOutcome> ChunkWriter::finish(WriteTransaction& transaction, WriteOutcome outcome)
{
    if (m_options.trial) {
        transaction.rollback();
        outcome.auditIds.clear();
        outcome.batchId.reset();
        return outcome;
    }
    CC_TRY(transaction.commit());
    return outcome;
}

// Executes a planned change; its audit entry is recorded now or with the batch's others.
Result<std::optional<qint64>> ChunkWriter::execute(const KeyChange& change)
{
    if (!m_deferAudit)
        return executeKey(m_session, change, m_batchId);
    auto entry = executeChange(m_session, change, m_batchId);
    if (!entry)
        return entry.error();
    if (*entry)
        m_pendingAudit.append(std::move(**entry));
    return std::optional<qint64>();
}

void ChunkWriter::record(
    const KeyRef& key, const KeyChange& change, std::optional<qint64> id, WriteOutcome& outcome)
{
    for (const KeyRef& other : std::as_const(change.extraKeys))
        m_moved.insert(other);
    if (id)
        outcome.auditIds.append(*id);
    if (!change.isEmpty())
        outcome.applied.append(change);
    if (!change.skipReason.isEmpty())
        outcome.skipped.append({ key, change.skipReason });
}

Result<void> ChunkWriter::writeKey(WriteTransaction& transaction, const KeyRef& key,
    const std::optional<QMap<KeyRef, KeyRows>>& batchRows, WriteOutcome& outcome)
{
    Result<KeyRows> rows = KeyRows { key, {}, {}, {}, {} };
    if (batchRows && !m_moved.count(key)) {
        if (auto found = batchRows->constFind(key); found != batchRows->cend())
            rows = *found;
    } else {
        rows = RowReader::key(m_session, key, true);
        if (!rows)
            return rows.error();
    }
    auto change = m_planner(m_session, *rows);
    if (!change) {
        if (m_options.batch && skipsKey(change.error())) {
            outcome.skipped.append({ key, skipReason(change.error()) });
            return {};
        }
        return change.error();
    }
    if (!change->extraKeys.isEmpty())
        CC_TRY(lockKeys(m_session, change->extraKeys));
    // A key's writes and its audit entry are all kept or all rolled back. Where statements cost
    // round trips (PostgreSQL) the previous key's RELEASE travels with this key's SAVEPOINT in one (QPSQL
    // reports the first statement's error; should the SAVEPOINT fail, the key's first write fails on the
    // aborted transaction and the batch is rolled back).
    const bool savepoint = m_options.batch && !change->isEmpty();
    const bool piggyback = m_session.db().dialect().groupsBulkWrites();
    if (savepoint && m_releasePending) {
        CC_TRY(m_session.db().runDirect(QStringLiteral("RELEASE SAVEPOINT cc_key; SAVEPOINT cc_key")));
        m_releasePending = false;
    } else if (savepoint) {
        CC_TRY(transaction.savepoint(QStringLiteral("cc_key")));
    }
    auto id = execute(*change);
    if (!id) {
        if (savepoint && skipsKey(id.error())) {
            CC_TRY(transaction.rollbackTo(QStringLiteral("cc_key")));
            m_releasePending = piggyback; // the savepoint stays, empty
            outcome.skipped.append({ key, skipReason(id.error()) });
            return {};
        }
        return id.error();
    }
    if (savepoint && piggyback)
        m_releasePending = true; // with the next key's SAVEPOINT, or by the COMMIT
    else if (savepoint)
        CC_TRY(transaction.release(QStringLiteral("cc_key")));
    record(key, *change, *id, outcome);
    return {};
}

Result<void> ChunkWriter::writeKeyAlone(
    WriteTransaction& transaction, const KeyRef& key, WriteOutcome& outcome)
{
    CC_TRY(transaction.savepoint(QStringLiteral("cc_key")));
    std::optional<KeyChange> planned;
    auto step = [&]() -> Result<std::optional<qint64>> {
        CC_TRY(lockKeys(m_session, { key }));
        auto rows = RowReader::key(m_session, key, true);
        if (!rows)
            return rows.error();
        auto change = m_planner(m_session, *rows);
        if (!change)
            return change.error();
        if (!change->extraKeys.isEmpty())
            CC_TRY(lockKeys(m_session, change->extraKeys));
        planned = *change;
        return execute(*change);
    };
    auto id = step();
    if (!id) {
        if (!skipsKey(id.error()))
            return id.error();
        CC_TRY(transaction.rollbackTo(QStringLiteral("cc_key")));
        CC_TRY(transaction.release(QStringLiteral("cc_key")));
        outcome.skipped.append({ key, skipReason(id.error()) });
        return {};
    }
    CC_TRY(transaction.release(QStringLiteral("cc_key")));
    record(key, *planned, *id, outcome);
    return {};
}

// Earlier transactions committed: say what they changed and what they did not, so the operator
// knows the database holds a finished part of the work.
Error partlyDone(Error error, const QList<KeyRef>& keys, qsizetype start, const WriteOutcome& total)
{
    const KeyRef& lastCommitted = keys.at(start - 1);
    error.message += QStringLiteral(
        "\n%1 of %2 keys were committed before the error (%3 changed, %4 skipped; batch %5, keys "
        "up to user %6, %7); the other %8 keys, from user %9, %10 on, were not changed. "
        "Run the command again to finish.")
                         .arg(start)
                         .arg(keys.size())
                         .arg(total.applied.size())
                         .arg(total.skipped.size())
                         .arg(total.batchId ? QString::number(*total.batchId) : QStringLiteral("none"))
                         .arg(lastCommitted.userId)
                         .arg(lastCommitted.track)
                         .arg(keys.size() - start)
                         .arg(keys.at(start).userId)
                         .arg(keys.at(start).track);
    return error;
}

} // namespace cc
