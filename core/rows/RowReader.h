#pragma once

#include "rows/KeyRows.h"
#include "session/Session.h"

#include <set>

namespace cc {

// Reads platform rows losslessly. `lock` adds FOR UPDATE on PostgreSQL (inside a transaction).
class RowReader final {
public:
    static Result<QList<KeyRows>> userKeys(Session& session, qint64 userId, bool lock);
    static Result<KeyRows> key(Session& session, const KeyRef& key, bool lock);
    // Every key of these users in two statements (progress rows, then license rows, each in id
    // order and locked with `lock`), and a third for the history of keys with two or more
    // licenses, for a batch; a key without rows is absent.
    static Result<QMap<KeyRef, KeyRows>> usersKeys(Session& session, QList<qint64> userIds, bool lock);
    // Fills the keys of `keys` with their rows, only KeyRows::keepColumns, unlocked, and the license
    // referrers of keys with two or more licenses: one statement per table for all the keys (one
    // scan of each table when the key columns have no index), rows of the users' other keys
    // skipped as they are read.
    static Result<void> keepCandidates(Session& session, QMap<KeyRef, KeyRows>& keys);
    static Result<std::optional<Row>> byId(Session& session, const QString& tableName, qint64 id, bool lock);
    static Result<QList<Row>> progressionsOf(Session& session, qint64 licenseId, bool lock);
    // The rows of other tables that reference these rows of `coupledTable`, found through the
    // database's own foreign keys (ConstraintCatalogue), locked with `lock`.
    static Result<Referrers> referrers(
        Session& session, const QString& coupledTable, const QList<qint64>& ids, bool lock);
    // The keys with a row of `coupledTable` that a row of another table (not of `exceptTables`)
    // references: rows a remove without survivor must leave alone.
    static Result<std::set<KeyRef>> referencedKeys(
        Session& session, const QString& coupledTable, const QStringList& exceptTables);
    // The user's role as stored (enum labels as text); NULL when it is NULL or the user does not exist.
    static Result<QVariant> userRole(Session& session, qint64 userId);
    // A key with license rows, no progress rows, whose user exists with a role other than student:
    // a teaching credential, not a pair (docs/BEHAVIOUR.md C2). Never repaired or injected.
    static Result<bool> isStaffCredential(Session& session, const KeyRows& rows);
    static Result<QList<Row>> achievementsOf(Session& session, const KeyRef& key, bool lock);
    static Result<bool> userExists(Session& session, qint64 userId);
};

} // namespace cc
