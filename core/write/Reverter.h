#pragma once

#include "audit/AuditLog.h"
#include "write/CouplingWriter.h"

namespace cc {

// Undoes audited changes (docs/BEHAVIOUR.md C6 revert): restores `before` exactly, refusing when any
// audited row differs from the entry's `after` state. Writes its own, revertible, entry.
class Reverter final {
public:
    static Result<WriteOutcome> revert(Session& session, qint64 auditId);
    // Undoes one repair-all or one inject --random: every entry of the batch, newest first, all or nothing.
    // All or nothing: a cancel rolls the whole batch's revert back (Cancelled).
    static Result<WriteOutcome> revertBatch(Session& session, qint64 batchId, CancelToken* cancel = nullptr);
    // What revert would do, as a plan (rows before → after and the statements), without writing.
    static Result<Plan> preview(Session& session, qint64 auditId);
    // The permission reverting `entry` needs (docs/BEHAVIOUR.md C7): undoing an injection
    // (RevertInjection) is QA's, undoing any other change (Revert) an admin's.
    static Action permissionFor(const AuditEntry& entry);
    // Refused, naming the entry, when it changed no student rows (a setting, the environment,
    // levels, indexes, init, an injection's added specialization): nothing to revert.
    static Result<void> revertible(const AuditEntry& entry);

private:
    static Result<KeyChange> plan(Session& session, const AuditEntry& entry, bool lock);
    static Result<AuditEntry> load(Session& session, qint64 auditId);
    static Result<void> authorizeEntry(Session& session, const AuditEntry& entry);
};

} // namespace cc
