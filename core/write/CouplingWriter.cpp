#include "write/CouplingWriter.h"

#include "audit/AuditVocabulary.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/ChunkWriter.h"
#include "write/KeyExecution.h"

namespace cc {

using keywrite::executeKey;
using keywrite::lockKeys;

namespace {

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
    switch (auditActionFromName(change.action)) {
    case AuditAction::SyncProgressToLicense:
    case AuditAction::SyncLicenseToProgress:
        return Action::SyncOne;
    case AuditAction::SetLevel:
        return Action::SetLevel;
    case AuditAction::Advance:
        return Action::Advance;
    case AuditAction::UpdateProgress:
        return Action::UpdateProgress;
    case AuditAction::Inject:
        return Action::Inject;
    case AuditAction::Revert:
        return Action::Revert;
    case AuditAction::Repair:
        return batch ? Action::RepairAll : Action::RepairOne;
    case AuditAction::AddSpecialization:
    case AuditAction::LevelsImport:
    case AuditAction::IndexCreate:
    case AuditAction::IndexDrop:
    case AuditAction::Init:
    case AuditAction::Demo:
    case AuditAction::Prune:
    case AuditAction::Settings:
    case AuditAction::EnvironmentSet:
    case AuditAction::Other:
        break; // never a change of a key's rows
    }
    return Error { ErrorCode::Refused,
        QStringLiteral("a change of user %1, %2 names no known action (\"%3\"); nothing was written")
            .arg(change.key.userId)
            .arg(change.key.track, change.action) };
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

Result<WriteOutcome> CouplingWriter::run(
    Session& session, QList<KeyRef> keys, const KeyPlanner& planner, const WriteOptions& options)
{
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    WriteOutcome total;
    // PostgreSQL: a batch set-based (one round trip per statement makes per-key statements its
    // cost); SQLite, in-process, measured no faster set-based and keeps one savepoint per key.
    std::optional<SetBasedBatch> setBased;
    if (options.batch && session.db().dialect().groupsBulkWrites())
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
