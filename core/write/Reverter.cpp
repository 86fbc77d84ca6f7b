#include "write/Reverter.h"

#include "schema/AuditChain.h"

namespace cc {

Result<void> Reverter::revertible(const AuditEntry& entry)
{
    if (changesNoStudentRows(entry.action))
        return refused(QStringLiteral("audit entry %1 (%2) changes no student rows and cannot be reverted")
                           .arg(entry.id)
                           .arg(entry.action));
    return {};
}

Action Reverter::permissionFor(const AuditEntry& entry)
{
    return entry.sourceKind() == AuditSource::Qa ? Action::RevertInjection : Action::Revert;
}

Result<void> Reverter::authorizeEntry(Session& session, const AuditEntry& entry)
{
    CC_TRY(revertible(entry));
    return session.authorize(permissionFor(entry));
}

Result<AuditEntry> Reverter::load(Session& session, qint64 auditId)
{
    CC_TRY(session.requireTools());
    auto entry = AuditLog::entry(session.db(), auditId);
    if (!entry)
        return entry.error();
    if (!*entry)
        return notFound(QStringLiteral("there is no audit entry %1").arg(auditId));
    CC_TRY(AuditChain::verifyEntry(session.db(), auditId));
    return **entry;
}

Result<Plan> Reverter::preview(Session& session, qint64 auditId)
{
    auto entry = load(session, auditId);
    if (!entry)
        return entry.error();
    CC_TRY(session.authorize(Action::View));
    CC_TRY(revertible(*entry));
    auto change = plan(session, *entry, false);
    if (!change)
        return change.error();
    Plan result;
    result.keys.append(*change);
    return result;
}

Result<WriteOutcome> Reverter::revert(Session& session, qint64 auditId)
{
    auto entry = load(session, auditId);
    if (!entry)
        return entry.error();
    CC_TRY(authorizeEntry(session, *entry));
    const AuditEntry found = *entry;
    QList<KeyRef> keys { { found.userId.value_or(0), found.track } };
    return CouplingWriter::runSteps(session, keys, { [found](Session& s) { return plan(s, found, true); } });
}

Result<WriteOutcome> Reverter::revertBatch(Session& session, qint64 batchId, CancelToken* cancel)
{
    CC_TRY(session.requireTools());
    AuditFilter filter;
    filter.batchId = batchId;
    filter.newestFirst = true;
    auto entries = AuditLog::entries(session.db(), filter);
    if (!entries)
        return entries.error();
    if (entries->isEmpty())
        return notFound(QStringLiteral("batch %1 has no audit entries").arg(batchId));
    // The chain around every entry of the batch, in one pass over the log (a verifyEntry per entry
    // costs three lookups each). A signal stops it too, before anything is written.
    QList<qint64> ids;
    for (const AuditEntry& entry : std::as_const(*entries))
        ids.append(entry.id);
    if (auto verified = AuditChain::verifyEntries(session.db(), ids, cancel); !verified) {
        if (verified.error().code == ErrorCode::Cancelled)
            return Error { ErrorCode::Cancelled,
                QStringLiteral("cancelled while verifying the batch's audit entries; nothing was changed") };
        return verified.error();
    }
    QList<KeyRef> keys;
    QList<StepPlanner> steps;
    for (const AuditEntry& entry : std::as_const(*entries)) {
        CC_TRY(authorizeEntry(session, entry));
        keys.append({ entry.userId.value_or(0), entry.track });
        steps.append([entry](Session& s) { return plan(s, entry, true); });
    }
    return CouplingWriter::runSteps(session, keys, steps, QStringLiteral("revert-batch"), cancel);
}

} // namespace cc
