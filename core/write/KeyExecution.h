#pragma once

#include "audit/AuditLog.h"
#include "write/Plan.h"

// How one planned key change is executed inside a write transaction (docs/BEHAVIOUR.md C5): its
// locks, its statements verbatim, its audit entry, and which failures skip the key in a batch.
// Used by CouplingWriter and its ChunkWriter only.
namespace cc::keywrite {

// PostgreSQL: the keys' advisory locks, in (user_id, track) order, in one statement. SQLite: nothing
// (BEGIN IMMEDIATE already holds the write lock).
Result<void> lockKeys(Session& session, QList<KeyRef> keys);

// Whether a key's failure skips that key in a batch (rolled back to its savepoint) instead of
// stopping the run: refusals, constraints the database enforces, rows locked past the timeout.
// Conflicts retry the transaction; cancel, lost connections and read-only stop it.
bool skipsKey(const Error& error);
// What a skipped key's listing says about the failure.
QString skipReason(const Error& error);

// Executes one key's change inside the caller's transaction and builds its audit entry (not yet
// recorded). The entry's `after` holds the rows the writes returned, the untouched rows as read
// under the locks, and rows re-read only where a write returned no row (a planner that gave no
// select list). std::nullopt for an empty change.
Result<std::optional<AuditEntry>> executeChange(
    Session& session, const KeyChange& change, std::optional<qint64> batchId);
// executeChange, then records the entry; its id.
Result<std::optional<qint64>> executeKey(
    Session& session, const KeyChange& change, std::optional<qint64> batchId);

} // namespace cc::keywrite
