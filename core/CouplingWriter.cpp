#include "CouplingWriter.h"

#include "AuditLog.h"
#include "KeyAudit.h"
#include "SetBasedBatch.h"
#include "WriteTransaction.h"

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
        QStringLiteral("SELECT count(pg_advisory_xact_lock(CAST(k.value ->> 0 AS integer), hashtext(k.value ->> 1))) FROM "
                       "(SELECT e.value FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS e(value, n) ORDER BY e.n OFFSET 0) AS k"),
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
            return QStringLiteral("the key now has %1 %2 rows instead of %3").arg(b.size()).arg(name).arg(a.size());
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
            return refused(QStringLiteral("%1 row %2 changed since the preview; nothing was changed").arg(row.table).arg(row.id));
    }
    return {};
}

// The permission a previewed change needs when it is applied (CONTRACT.md C7).
Action permissionFor(const KeyChange& change, bool batch)
{
    const QString& action = change.action;
    if (action.startsWith(u"sync_"))
        return Action::SyncOne;
    if (action == u"set_level")
        return Action::SetLevel;
    if (action == u"advance")
        return Action::Advance;
    if (action == u"update_progress")
        return Action::UpdateProgress;
    if (action == u"inject")
        return Action::Inject;
    if (action == u"repair")
        return batch ? Action::RepairAll : Action::RepairOne;
    return Action::Revert;
}

Result<void> authorizePlan(Session& session, const Plan& plan, bool batch)
{
    for (const KeyChange& change : plan.keys) {
        if (!change.isEmpty())
            CC_TRY(session.authorize(permissionFor(change, batch)));
    }
    return {};
}

// Under the key's locks: the previewed change when the rows are still those it was planned from.
Result<KeyChange> recheck(Session& session, const KeyChange& change, const KeyRows& current)
{
    if (const QString difference = describeDifference(change.before, current); !difference.isEmpty())
        return refused(QStringLiteral("the rows of user %1, %2 changed since the preview (%3); nothing was changed")
                           .arg(change.key.userId)
                           .arg(change.key.track, difference));
    CC_TRY(verifyOthers(session, change));
    return change;
}

// Executes one key's change inside the caller's transaction and audits it. The entry's `after`
// holds the rows the writes returned, the untouched rows as read under the locks, and rows re-read
// only where a write returned no row (a planner that gave no select list).
Result<std::optional<AuditEntry>> executeChange(Session& session, const KeyChange& change, std::optional<qint64> batchId)
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
            return query.error();
        const QStringList columns = returning.isEmpty() ? QStringList() : columnNames(**query);
        if (row.op == RowOp::Insert) {
            if (!(*query)->next())
                return Error { ErrorCode::Sql, QStringLiteral("inserting into %1 returned no id").arg(row.table) };
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
Result<std::optional<qint64>> executeKey(Session& session, const KeyChange& change, std::optional<qint64> batchId)
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
Result<std::optional<WriteOutcome>> writeSetBased(Session& session, SetBasedBatch& batch, const QList<KeyRef>& slice,
                                                  const QMap<KeyRef, KeyRows>& rows, const KeyPlanner& planner,
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
        auto change = planner(session, rows.value(key, KeyRows { key, {}, {}, {} }));
        if (!change) {
            const ErrorCode code = change.error().code;
            if (code == ErrorCode::Refused || code == ErrorCode::NotFound) {
                outcome.skipped.append({ key, change.error().message });
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

Result<WriteOutcome> CouplingWriter::runSteps(Session& session, const QList<KeyRef>& keys, const QList<StepPlanner>& steps,
                                              const QString& batchAction)
{
    return withRetry([&]() -> Result<WriteOutcome> {
        WriteOutcome outcome;
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        if (!batchAction.isEmpty()) {
            auto batch = AuditLog::newBatch(session, batchAction);
            if (!batch)
                return batch.error();
            outcome.batchId = *batch;
        }
        CC_TRY(lockKeys(session, keys));
        for (const StepPlanner& step : steps) {
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
        auto outcome = run(session, planned.keys(), [&planned](Session& s, const KeyRows& rows) -> Result<KeyChange> {
            const KeyChange& change = planned[rows.key];
            if (!change.extraKeys.isEmpty())
                CC_TRY(lockKeys(s, change.extraKeys));
            return recheck(s, change, rows);
        }, options);
        return outcome;
    }
    return withRetry([&]() -> Result<WriteOutcome> {
        WriteOutcome outcome;
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
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
                return Error { ErrorCode::Cancelled, QStringLiteral("cancelled before the plan was complete; nothing was changed") };
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

Result<WriteOutcome> CouplingWriter::run(Session& session, QList<KeyRef> keys, const KeyPlanner& planner, const WriteOptions& options)
{
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    WriteOutcome total;
    // PostgreSQL: a batch set-based (one round trip per statement makes per-key statements its
    // cost); SQLite, in-process, measured no faster set-based and keeps one savepoint per key.
    std::optional<SetBasedBatch> setBased;
    if (options.batch && session.db().isPostgres())
        setBased.emplace(session);
    const int chunk = options.batch ? std::max(1, options.keysPerTransaction) : int(std::max<qsizetype>(1, keys.size()));
    for (qsizetype start = 0; start < keys.size() || (start == 0 && keys.isEmpty()); start += chunk) {
        if (keys.isEmpty())
            break;
        if (options.cancel && options.cancel->isCancelled()) {
            total.cancelled = true;
            break;
        }
        const QList<KeyRef> slice = keys.mid(start, chunk);
        auto done = withRetry([&]() -> Result<WriteOutcome> {
            WriteOutcome outcome;
            WriteTransaction transaction(session.db());
            CC_TRY(transaction.begin());
            // Nothing in this transaction writes the lookup tables the planners read.
            session.db().keepLookups(true);
            const auto forgetLookups = qScopeGuard([&session] { session.db().keepLookups(false); });
            if (options.batch && !total.batchId) {
                auto batch = AuditLog::newBatch(session, options.batchAction);
                if (!batch)
                    return batch.error();
                outcome.batchId = *batch;
            }
            const std::optional<qint64> batchId = total.batchId ? total.batchId : outcome.batchId;
            // PostgreSQL: a batch's audit entries go in with one insert before the commit (one round
            // trip instead of one per key); a failure there fails the whole transaction.
            const bool deferAudit = options.batch && session.db().isPostgres() && slice.size() > 1;
            QList<AuditEntry> pendingAudit;
            bool releasePending = false; // PostgreSQL: the previous key's savepoint is still open
            CC_TRY(lockKeys(session, slice));
            // A batch reads all its keys' rows at once, under their locks (progress, then licenses);
            // a key whose rows an earlier key's change moved (its extraKeys) is read again.
            std::optional<QMap<KeyRef, KeyRows>> batchRows;
            std::set<KeyRef> moved;
            if (slice.size() > 1) {
                QList<qint64> users;
                users.reserve(slice.size());
                for (const KeyRef& key : slice)
                    users.append(key.userId);
                auto read = RowReader::usersKeys(session, users, true);
                if (!read)
                    return read.error();
                batchRows = std::move(*read);
            }
            if (setBased && batchRows) {
                auto written = writeSetBased(session, *setBased, slice, *batchRows, planner, options, batchId);
                if (!written)
                    return written.error();
                if (*written) {
                    outcome.auditIds = std::move((*written)->auditIds);
                    outcome.applied = std::move((*written)->applied);
                    outcome.skipped = std::move((*written)->skipped);
                    outcome.cancelled = (*written)->cancelled;
                    CC_TRY(transaction.commit());
                    return outcome;
                }
            }
            for (qsizetype i = 0; i < slice.size(); ++i) {
                const KeyRef& key = slice.at(i);
                if (options.batch && options.cancel && options.cancel->isCancelled()) {
                    outcome.cancelled = true;
                    break;
                }
                Result<KeyRows> rows = KeyRows { key, {}, {}, {} };
                if (batchRows && !moved.count(key)) {
                    if (auto found = batchRows->constFind(key); found != batchRows->cend())
                        rows = *found;
                } else {
                    rows = RowReader::key(session, key, true);
                    if (!rows)
                        return rows.error();
                }
                auto change = planner(session, *rows);
                if (!change) {
                    const ErrorCode code = change.error().code;
                    if (options.batch && (code == ErrorCode::Refused || code == ErrorCode::NotFound)) {
                        outcome.skipped.append({ key, change.error().message });
                        continue;
                    }
                    return change.error();
                }
                if (!change->extraKeys.isEmpty())
                    CC_TRY(lockKeys(session, change->extraKeys));
                // A key's writes and its audit entry are all kept or all rolled back.
                // On PostgreSQL the previous key's RELEASE travels with this key's SAVEPOINT in one
                // round trip (QPSQL reports the first statement's error; should the SAVEPOINT fail,
                // the key's first write fails on the aborted transaction and the batch is rolled back).
                const bool savepoint = options.batch && !change->isEmpty();
                if (savepoint && releasePending) {
                    CC_TRY(session.db().runDirect(QStringLiteral("RELEASE SAVEPOINT cc_key; SAVEPOINT cc_key")));
                    releasePending = false;
                } else if (savepoint) {
                    CC_TRY(transaction.savepoint(QStringLiteral("cc_key")));
                }
                Result<std::optional<qint64>> id = std::optional<qint64>();
                if (deferAudit) {
                    auto entry = executeChange(session, *change, batchId);
                    if (!entry)
                        id = entry.error();
                    else if (*entry)
                        pendingAudit.append(std::move(**entry));
                } else {
                    id = executeKey(session, *change, batchId);
                }
                if (!id) {
                    if (savepoint && id.error().code == ErrorCode::Refused) {
                        CC_TRY(transaction.rollbackTo(QStringLiteral("cc_key")));
                        releasePending = session.db().isPostgres(); // the savepoint stays, empty
                        outcome.skipped.append({ key, id.error().message });
                        continue;
                    }
                    return id.error();
                }
                if (savepoint && session.db().isPostgres())
                    releasePending = true; // with the next key's SAVEPOINT, or by the COMMIT
                else if (savepoint)
                    CC_TRY(transaction.release(QStringLiteral("cc_key")));
                for (const KeyRef& other : std::as_const(change->extraKeys))
                    moved.insert(other);
                if (*id)
                    outcome.auditIds.append(**id);
                if (!change->isEmpty())
                    outcome.applied.append(*change);
                if (!change->skipReason.isEmpty())
                    outcome.skipped.append({ key, change->skipReason });
            }
            if (!pendingAudit.isEmpty()) {
                auto ids = AuditLog::recordMany(session, pendingAudit);
                if (!ids)
                    return ids.error();
                outcome.auditIds += *ids;
            }
            CC_TRY(transaction.commit());
            return outcome;
        });
        if (!done) {
            if (start == 0)
                return done.error();
            // Earlier transactions committed: say what they changed and what they did not, so the
            // operator knows the database holds a finished part of the work (issue 5).
            Error error = done.error();
            const KeyRef& lastCommitted = keys.at(start - 1);
            error.message += QStringLiteral("\n%1 of %2 keys were committed before the error (%3 changed, %4 skipped; batch %5, keys "
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

} // namespace cc
