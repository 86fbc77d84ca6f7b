#pragma once

#include "KeyClassifier.h"
#include "Session.h"

#include <QJsonObject>
#include <QVariantMap>

namespace cc {

// One platform row: every column, including those the tool otherwise ignores.
using Row = QVariantMap;

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
struct KeyRows {
    KeyRef key;
    QList<Row> progress;
    QList<Row> licenses;
    // Read with a batch's rows when the key has two or more licenses: the history a merge
    // re-points, license id (every license but the one a merge keeps) → its license_progressions
    // rows in id order, locked like the rows.
    std::optional<QMap<qint64, QList<Row>>> licenseHistory;

    // As the check's statement aggregates the key; `staffUser` is left for the caller, who knows
    // the user's role.
    KeyAggregate aggregate(const LevelCatalogue& catalogue) const;
    // The row a merge keeps: highest level (NULL lowest), then latest updated_at, then lowest id.
    static const Row* keeper(const QList<Row>& rows);
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
    static Result<std::optional<Row>> byId(Session& session, const QString& tableName, qint64 id, bool lock);
    static Result<QList<Row>> progressionsOf(Session& session, qint64 licenseId, bool lock);
    static Result<QList<Row>> achievementsOf(Session& session, const KeyRef& key, bool lock);
    static Result<bool> userExists(Session& session, qint64 userId);
};

QJsonValue valueToJson(const QVariant& value);
QJsonObject rowToJson(const Row& row);
// {table: [rows]} as compact JSON text, the same text QJsonDocument gives for the rowToJson form
// of each row, written directly (a bulk write audits thousands of rows).
QString rowsJsonText(const QMap<QString, QList<Row>>& rows);
// Restores typed values from an audit entry (integral numbers stay integers).
Row rowFromJson(const QJsonObject& object);
bool sameRow(const Row& a, const Row& b);
// Two column values mean the same (a boolean equals its 0/1; NULL equals only NULL).
bool sameValue(const QVariant& expected, const QVariant& actual);
// A row as front ends show it: timestamps as ISO-8601 UTC with Z, booleans as true/false (SQLite
// stores them as 0/1), judged by the platform schema's type families.
QJsonObject rowForDisplay(const PlatformSchema& schema, const QString& tableName, const QJsonObject& row);
// Every table's rows of an audit state ({table: [rows]}) for display.
QJsonObject stateForDisplay(const PlatformSchema& schema, const QJsonObject& state);
QString rowDifference(const Row& expected, const Row& actual); // the first differing column, or empty
qint64 rowId(const Row& row);
// The names of a result's columns; read them before next() (positioned, QSqlQuery::record() also
// copies the row's values), once for all the rows.
QStringList columnNames(const QSqlQuery& query);
// The row a query is positioned on, every column by name.
Row currentRow(const QSqlQuery& query, const QStringList& columns);
std::optional<qint64> rowInt(const Row& row, const QString& column);

} // namespace cc
