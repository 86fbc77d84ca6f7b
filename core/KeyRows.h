#pragma once

#include "KeyClassifier.h"
#include "RowJson.h"
#include "Session.h"

#include <set>

namespace cc {

namespace table {
inline const QString progress = QStringLiteral("specialization_progress");
inline const QString licenses = QStringLiteral("user_licenses");
inline const QString progressions = QStringLiteral("license_progressions");
inline const QString achievements = QStringLiteral("user_achievements");
} // namespace table

struct KeyRef {
    qint64 userId = 0;
    QString track; // canonical

    friend bool operator<(const KeyRef& a, const KeyRef& b)
    {
        if (a.userId != b.userId)
            return a.userId < b.userId;
        return a.track.toUtf8() < b.track.toUtf8();
    }
    friend bool operator==(const KeyRef& a, const KeyRef& b) = default;
};

// The rows both tables hold for one key, ordered by id.
// A row of another table whose foreign key points at one of the key's rows (docs/BEHAVIOUR.md C5).
struct Referrer {
    ForeignKey key;
    Row row; // every column; empty when the table's rows cannot be addressed (no integer id)
};

// Coupled row id → the rows of other tables that reference it, in (table, id) order.
using Referrers = QMap<qint64, QList<Referrer>>;

// The rows both tables hold for one key, ordered by id.
struct KeyRows {
    KeyRef key;
    QList<Row> progress;
    QList<Row> licenses;
    // Read with the rows (locked like them) for a side with two or more rows: the rows of other
    // tables a merge re-points, and what picks the license a merge keeps.
    Referrers progressReferrers;
    Referrers licenseReferrers;

    // As the check's statement aggregates the key; `staffUser` is left for the caller, who knows
    // the user's role.
    KeyAggregate aggregate(const LevelCatalogue& catalogue) const;
    // The rows a merge keeps (docs/BEHAVIOUR.md C6 step 1: the row holding the student's real record,
    // never the platform sync's newer empty twin). Progress: highest total_xp (NULL as 0), then most
    // completed_sessions, then lowest id. License: referenced by the most rows of other tables,
    // then payment_verified, then highest max_achieved_level, then earliest started_at, then lowest id.
    const Row* keptProgress() const;
    const Row* keptLicense() const;
    // The current_level of each side's kept row (what the check reports for the side).
    std::pair<std::optional<qint64>, std::optional<qint64>> keptLevels() const;
    // The columns of a coupled table that the key and the rules above read.
    static QStringList keepColumns(const QString& coupledTable);
};

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
    // The user's role as stored (enum labels as text), or empty when the user does not exist.
    static Result<std::optional<QString>> userRole(Session& session, qint64 userId);
    // A key with license rows, no progress rows, whose user exists with a role other than student:
    // a teaching credential, not a pair (docs/BEHAVIOUR.md C2). Never repaired or injected.
    static Result<bool> isStaffCredential(Session& session, const KeyRows& rows);
    static Result<QList<Row>> achievementsOf(Session& session, const KeyRef& key, bool lock);
    static Result<bool> userExists(Session& session, qint64 userId);
};

qint64 rowId(const Row& row);
// The names of a result's columns; read them before next() (positioned, QSqlQuery::record() also
// copies the row's values), once for all the rows.
QStringList columnNames(const QSqlQuery& query);
// The row a query is positioned on, every column by name.
Row currentRow(const QSqlQuery& query, const QStringList& columns);
std::optional<qint64> rowInt(const Row& row, const QString& column);

} // namespace cc
