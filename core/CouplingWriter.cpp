#include "CouplingWriter.h"

#include "AuditLog.h"
#include "KeyAudit.h"
#include "SetBasedBatch.h"
#include "WriteTransaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <set>

namespace cc {

namespace {

Result<void> lockKeys(Session& session, QList<KeyRef> keys)
{
    if (!session.db().isPostgres())
        return {}; // BEGIN IMMEDIATE already holds SQLite's write lock
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (keys.isEmpty())
        return {};
    // One statement for all the keys, taken one after the other in (user_id, track) order.
    QJsonArray list;
    for (const KeyRef& key : std::as_const(keys))
        list.append(QJsonArray { key.userId, key.track });
    auto query = session.db().execReused(
        QStringLiteral("SELECT count(pg_advisory_xact_lock(CAST(k.value ->> 0 AS integer), hashtext(k.value "
                       "->> 1))) FROM "
                       "(SELECT e.value FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS "
                       "e(value, n) ORDER BY e.n OFFSET 0) AS k"),
        { QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)) });
    if (!query)
        return query.error();
    (*query)->finish();
    return {};
}

QList<KeyRef> lockedKeys(const KeyChange& change)
{
    QList<KeyRef> keys { change.key };
    keys += change.extraKeys;
    return keys;
}

QString describeDifference(const KeyRows& expected, const KeyRows& actual)
{
    auto compare = [](const QString& name, const QList<Row>& a, const QList<Row>& b) -> QString {
        if (a.size() != b.size())
            return QStringLiteral("the key now has %1 %2 rows instead of %3")
                .arg(b.size())
                .arg(name)
                .arg(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (rowId(a.at(i)) != rowId(b.at(i)))
                return QStringLiteral("%1 row %2 is gone").arg(name).arg(rowId(a.at(i)));
            const QString column = rowDifference(a.at(i), b.at(i));
            if (!column.isEmpty())
                return QStringLiteral("%1 row %2 changed its %3").arg(name).arg(rowId(a.at(i))).arg(column);
        }
        return {};
    };
    QString difference = compare(QStringLiteral("progress"), expected.progress, actual.progress);
    if (difference.isEmpty())
        difference = compare(QStringLiteral("license"), expected.licenses, actual.licenses);
    return difference;
}

Result<void> verifyOthers(Session& session, const KeyChange& change)
{
    for (const RowChange& row : change.changes) {
        if (row.op == RowOp::Insert || row.table == table::progress || row.table == table::licenses)
            continue;
        auto current = RowReader::byId(session, row.table, row.id, true);
        if (!current)
            return current.error();
        if (!*current || !sameRow(row.before, **current))
            return refused(QStringLiteral("%1 row %2 changed since the preview; nothing was changed")
                               .arg(row.table)
                               .arg(row.id));
    }
    return {};
}

// The permission a previewed change needs when it is applied (docs/BEHAVIOUR.md C7). An action
// this table does not name is refused, never given some other action's permission.
Result<Action> permissionFor(const KeyChange& change, bool batch)
{
    const QString& action = change.action;
    if (action.startsWith(u"sync_"))
        return Action::SyncOne;
    static const QHash<QString, Action> single { { QStringLiteral("set_level"), Action::SetLevel },
        { QStringLiteral("advance"), Action::Advance },
        { QStringLiteral("update_progress"), Action::UpdateProgress },
        { QStringLiteral("inject"), Action::Inject }, { QStringLiteral("revert"), Action::Revert } };
    if (action == u"repair")
        return batch ? Action::RepairAll : Action::RepairOne;
    if (const auto it = single.constFind(action); it != single.cend())
        return *it;
    return Error { ErrorCode::Refused,
        QStringLiteral("a change of user %1, %2 names no known action (\"%3\"); nothing was written")
            .arg(change.key.userId)
            .arg(change.key.track, action) };
}

Result<void> authorizePlan(Session& session, const Plan& plan, bool batch)
{
    for (const KeyChange& change : plan.keys) {
        if (change.isEmpty())
            continue;
        auto permission = permissionFor(change, batch);
        if (!permission)
            return permission.error();
        CC_TRY(session.authorize(*permission));
    }
    return {};
}

// Under the key's locks: the previewed change when the rows are still those it was planned from.
Result<KeyChange> recheck(Session& session, const KeyChange& change, const KeyRows& current)
{
    if (const QString difference = describeDifference(change.before, current); !difference.isEmpty())
        return refused(
            QStringLiteral("the rows of user %1, %2 changed since the preview (%3); nothing was changed")
                .arg(change.key.userId)
                .arg(change.key.track, difference));
    CC_TRY(verifyOthers(session, change));
    return change;
}

// A statement's error, naming the row it wrote: the database's own words name the constraint.
Error inContext(Error error, const RowChange& row)
{
    if (error.code != ErrorCode::Sql)
        return error;
    QString what;
    switch (row.op) {
    case RowOp::Insert:
        what = QStringLiteral("inserting a %1 row").arg(row.table);
        break;
    case RowOp::Delete:
        what = QStringLiteral("deleting %1 row %2").arg(row.table).arg(row.id);
        break;
    case RowOp::Update:
        what = QStringLiteral("updating %1 row %2 (%3)")
                   .arg(row.table)
                   .arg(row.id)
                   .arg(QStringList(row.values.keys()).join(QStringLiteral(", ")));
        break;
    }
    error.message = what + QStringLiteral(": ") + error.message;
    return error;
}

// Whether a key's failure skips that key in a batch (rolled back to its savepoint) instead of
// stopping the run: refusals, constraints the database enforces, rows locked past the timeout.
// Conflicts retry the transaction; cancel, lost connections and read-only stop it.
bool skipsKey(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Refused:
    case ErrorCode::NotFound:
    case ErrorCode::Sql:
    case ErrorCode::Busy:
        return true;
    default:
        return false;
    }
}

QString skipReason(const Error& error)
{
    if (error.code == ErrorCode::Sql)
        return QStringLiteral("manual_review: %1").arg(error.message);
    if (error.code == ErrorCode::Busy)
        return QStringLiteral(
            "locked: another session held this key's rows past the lock timeout; nothing was changed");
    return error.message;
}

// Executes one key's change inside the caller's transaction and audits it. The entry's `after`
// holds the rows the writes returned, the untouched rows as read under the locks, and rows re-read
// only where a write returned no row (a planner that gave no select list).
Result<std::optional<AuditEntry>> executeChange(
    Session& session, const KeyChange& change, std::optional<qint64> batchId)
{
    if (change.isEmpty())
        return std::optional<AuditEntry>();
    KeyAudit audit(change);
    QSet<std::pair<QString, qint64>> reread;
    for (const RowChange& row : change.changes) {
        const QString returning = change.returning.value(row.table);
        const PlannedStatement statement = statementFor(row, returning);
        auto query = session.db().execReused(statement.sql, statement.binds);
        if (!query)
            return inContext(query.error(), row);
        const QStringList columns = returning.isEmpty() ? QStringList() : columnNames(**query);
        if (row.op == RowOp::Insert) {
            if (!(*query)->next())
                return Error { ErrorCode::Sql,
                    QStringLiteral("inserting into %1 returned no id").arg(row.table) };
            if (returning.isEmpty()) {
                const qint64 id = (*query)->value(0).toLongLong();
                audit.written(row.table, id, Row());
                reread.insert({ row.table, id });
            } else {
                const Row written = currentRow(**query, columns);
                audit.written(row.table, rowId(written), written);
            }
        } else if (row.op == RowOp::Update) {
            if (returning.isEmpty())
                reread.insert({ row.table, row.id });
            else if ((*query)->next())
                audit.written(row.table, row.id, currentRow(**query, columns));
            else
                audit.removed(row.table, row.id);
        } else {
            audit.removed(row.table, row.id);
            reread.remove({ row.table, row.id });
        }
        (*query)->finish();
    }
    for (const auto& [tableName, id] : std::as_const(reread)) {
        auto row = RowReader::byId(session, tableName, id, false);
        if (!row)
            return row.error();
        if (*row)
            audit.written(tableName, id, **row);
        else
            audit.removed(tableName, id);
    }
    return std::optional<AuditEntry>(audit.entry(session, change, batchId));
}

// Executes one key's change inside the caller's transaction and records its audit entry.
Result<std::optional<qint64>> executeKey(
    Session& session, const KeyChange& change, std::optional<qint64> batchId)
{
    auto entry = executeChange(session, change, batchId);
    if (!entry)
        return entry.error();
    if (!*entry)
        return std::optional<qint64>();
    auto id = AuditLog::record(session, **entry);
    if (!id)
        return id.error();
    return std::optional<qint64>(*id);
}

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

Result<WriteOutcome> CouplingWriter::runSteps(Session& session, const QList<KeyRef>& keys,
    const QList<StepPlanner>& steps, const QString& batchAction, CancelToken* cancel)
{
    return withRetry([&]() -> Result<WriteOutcome> {
        WriteOutcome outcome;
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.recheckAuthority());
        if (!batchAction.isEmpty()) {
            auto batch = AuditLog::newBatch(session, batchAction);
            if (!batch)
                return batch.error();
            outcome.batchId = *batch;
        }
        CC_TRY(lockKeys(session, keys));
        for (const StepPlanner& step : steps) {
            if (cancel && cancel->isCancelled())
                return Error { ErrorCode::Cancelled,
                    QStringLiteral("cancelled before the last step; nothing was changed") };
            auto change = step(session);
            if (!change)
                return change.error();
            auto id = executeKey(session, *change, outcome.batchId);
            if (!id)
                return id.error();
            if (*id)
                outcome.auditIds.append(**id);
            if (!change->isEmpty())
                outcome.applied.append(*change);
        }
        CC_TRY(transaction.commit());
        return outcome;
    });
}

Result<Plan> CouplingWriter::preview(Session& session, const QList<KeyRef>& keys, const KeyPlanner& planner)
{
    Plan plan;
    for (const KeyRef& key : keys) {
        auto rows = RowReader::key(session, key, false);
        if (!rows)
            return rows.error();
        auto change = planner(session, *rows);
        if (!change)
            return change.error();
        plan.keys.append(*change);
    }
    return plan;
}

Result<WriteOutcome> CouplingWriter::apply(Session& session, const Plan& plan, const WriteOptions& options)
{
    CC_TRY(authorizePlan(session, plan, options.batch));
    if (options.batch) {
        // Each key's previewed change, re-checked under its locks inside the batch; a key whose rows
        // moved since the preview is skipped with the reason, never re-planned.
        QMap<KeyRef, KeyChange> planned;
        for (const KeyChange& change : plan.keys) {
            if (!change.isEmpty() || !change.skipReason.isEmpty())
                planned.insert(change.key, change);
        }
        auto outcome = run(
            session, planned.keys(),
            [&planned](Session& s, const KeyRows& rows) -> Result<KeyChange> {
                const KeyChange& change = planned[rows.key];
                if (!change.extraKeys.isEmpty())
                    CC_TRY(lockKeys(s, change.extraKeys));
                return recheck(s, change, rows);
            },
            options);
        return outcome;
    }
    return withRetry([&]() -> Result<WriteOutcome> {
        WriteOutcome outcome;
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.recheckAuthority());
        QList<KeyRef> keys;
        for (const KeyChange& change : plan.keys)
            keys += lockedKeys(change);
        CC_TRY(lockKeys(session, keys));
        for (const KeyChange& change : plan.keys) {
            auto current = RowReader::key(session, change.key, true);
            if (!current)
                return current.error();
            CC_TRY(recheck(session, change, *current));
        }
        qint64 done = 0;
        for (const KeyChange& change : plan.keys) {
            if (options.cancel && options.cancel->isCancelled())
                return Error { ErrorCode::Cancelled,
                    QStringLiteral("cancelled before the plan was complete; nothing was changed") };
            if (options.progress)
                options.progress(done++, plan.keys.size());
            auto id = executeKey(session, change, std::nullopt);
            if (!id)
                return id.error();
            if (*id)
                outcome.auditIds.append(**id);
            if (!change.isEmpty())
                outcome.applied.append(change);
            if (!change.skipReason.isEmpty())
                outcome.skipped.append({ change.key, change.skipReason });
        }
        CC_TRY(transaction.commit());
        return outcome;
    });
}

namespace {

// One transaction of a run: up to WriteOptions::keysPerTransaction keys. With `keyByKey`, each key
// takes its locks and reads its rows inside its own savepoint (after a lock timeout on the whole
// batch, so that only the locked key waits and is skipped).
class ChunkWriter final {
public:
    ChunkWriter(Session& session, const KeyPlanner& planner, const WriteOptions& options,
        std::optional<SetBasedBatch>& setBased)
        : m_session(session)
        , m_planner(planner)
        , m_options(options)
        , m_setBased(setBased)
    {
    }

    Result<WriteOutcome> write(const QList<KeyRef>& slice, std::optional<qint64> batchId, bool keyByKey)
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
        // PostgreSQL: a batch's audit entries go in with one insert before the commit (one round
        // trip instead of one per key); a failure there fails the whole transaction.
        m_deferAudit = m_options.batch && db.isPostgres() && slice.size() > 1;
        m_pendingAudit.clear();
        m_releasePending = false;
        m_moved.clear();
        std::optional<QMap<KeyRef, KeyRows>> batchRows;
        if (!keyByKey) {
            CC_TRY(lockKeys(m_session, slice));
            // A batch reads all its keys' rows at once, under their locks (progress, then licenses);
            // a key whose rows an earlier key's change moved (its extraKeys) is read again.
            if (slice.size() > 1) {
                QList<qint64> users;
                users.reserve(slice.size());
                for (const KeyRef& key : slice)
                    users.append(key.userId);
                auto read = RowReader::usersKeys(m_session, users, true);
                if (!read)
                    return read.error();
                batchRows = std::move(*read);
            }
            if (m_setBased && batchRows) {
                auto written
                    = writeSetBased(m_session, *m_setBased, slice, *batchRows, m_planner, m_options, batchId);
                if (!written)
                    return written.error();
                if (*written) {
                    outcome.auditIds = std::move((*written)->auditIds);
                    outcome.applied = std::move((*written)->applied);
                    outcome.skipped = std::move((*written)->skipped);
                    outcome.cancelled = (*written)->cancelled;
                    return finish(transaction, std::move(outcome));
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

private:
    Result<WriteOutcome> finish(WriteTransaction& transaction, WriteOutcome outcome)
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
    Result<std::optional<qint64>> execute(const KeyChange& change)
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

    void record(const KeyRef& key, const KeyChange& change, std::optional<qint64> id, WriteOutcome& outcome)
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

    Result<void> writeKey(WriteTransaction& transaction, const KeyRef& key,
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
        // A key's writes and its audit entry are all kept or all rolled back. On PostgreSQL the
        // previous key's RELEASE travels with this key's SAVEPOINT in one round trip (QPSQL reports
        // the first statement's error; should the SAVEPOINT fail, the key's first write fails on
        // the aborted transaction and the batch is rolled back).
        const bool savepoint = m_options.batch && !change->isEmpty();
        const bool pg = m_session.db().isPostgres();
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
                m_releasePending = pg; // the savepoint stays, empty
                outcome.skipped.append({ key, skipReason(id.error()) });
                return {};
            }
            return id.error();
        }
        if (savepoint && pg)
            m_releasePending = true; // with the next key's SAVEPOINT, or by the COMMIT
        else if (savepoint)
            CC_TRY(transaction.release(QStringLiteral("cc_key")));
        record(key, *change, *id, outcome);
        return {};
    }

    Result<void> writeKeyAlone(WriteTransaction& transaction, const KeyRef& key, WriteOutcome& outcome)
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

} // namespace

Result<WriteOutcome> CouplingWriter::run(
    Session& session, QList<KeyRef> keys, const KeyPlanner& planner, const WriteOptions& options)
{
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    WriteOutcome total;
    // PostgreSQL: a batch set-based (one round trip per statement makes per-key statements its
    // cost); SQLite, in-process, measured no faster set-based and keeps one savepoint per key.
    std::optional<SetBasedBatch> setBased;
    if (options.batch && session.db().isPostgres())
        setBased.emplace(session);
    ChunkWriter writer(session, planner, options, setBased);
    const int chunk
        = options.batch ? std::max(1, options.keysPerTransaction) : int(std::max<qsizetype>(1, keys.size()));
    for (qsizetype start = 0; start < keys.size(); start += chunk) {
        if (options.cancel && options.cancel->isCancelled()) {
            total.cancelled = true;
            break;
        }
        const QList<KeyRef> slice = keys.mid(start, chunk);
        auto done = withRetry([&] { return writer.write(slice, total.batchId, false); });
        // A row of the batch stayed locked by another session: again key by key, so that only the
        // locked key is skipped (C6: one key's failure never stops the others).
        if (!done && done.error().code == ErrorCode::Busy && options.batch)
            done = withRetry([&] { return writer.write(slice, total.batchId, true); });
        if (!done)
            return start == 0 || options.trial ? done.error() : partlyDone(done.error(), keys, start, total);
        if (done->batchId)
            total.batchId = done->batchId;
        total.auditIds += done->auditIds;
        total.applied += std::move(done->applied);
        total.skipped += done->skipped;
        if (options.progress)
            options.progress(std::min<qsizetype>(start + chunk, keys.size()), keys.size());
        if (done->cancelled) {
            total.cancelled = true;
            break;
        }
    }
    return total;
}

Result<Plan> CouplingWriter::dryRun(
    Session& session, const QList<KeyRef>& keys, const KeyPlanner& planner, WriteOptions options)
{
    if (session.db().isReadOnly())
        return preview(session, keys, planner);
    options.batch = true;
    options.trial = true;
    auto outcome = run(session, keys, planner, options);
    if (!outcome
        && (outcome.error().code == ErrorCode::ReadOnly || outcome.error().code == ErrorCode::Refused))
        return preview(session, keys, planner); // this login cannot write: plan without trying
    if (!outcome)
        return outcome.error();
    if (outcome->cancelled)
        return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
    Plan plan;
    QSet<std::pair<qint64, QString>> listed;
    for (const KeyChange& change : std::as_const(outcome->applied)) {
        plan.keys.append(change);
        listed.insert({ change.key.userId, change.key.track });
    }
    for (const SkippedKey& skipped : std::as_const(outcome->skipped)) {
        if (listed.contains({ skipped.key.userId, skipped.key.track }))
            continue;
        KeyChange change;
        change.key = skipped.key;
        change.skipReason = skipped.reason;
        plan.keys.append(change);
    }
    std::stable_sort(plan.keys.begin(), plan.keys.end(),
        [](const KeyChange& a, const KeyChange& b) { return a.key < b.key; });
    return plan;
}

} // namespace cc
