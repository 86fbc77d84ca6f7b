#include "rows/RowReader.h"

#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "rules/KeyClassifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace cc {

namespace {

// A list of ids as one bound value, so that a statement's text is the same for every batch and is
// prepared once (SqlDialect::idList).
QVariant idList(const Database& db, const QList<qint64>& ids)
{
    return db.dialect().idList(ids);
}

// A semi-join on both engines, never a per-row walk of the list: SQLite builds the list's index
// once; PostgreSQL hashes it (or probes an index of `column`) even in a generic plan.
QString whereIn(const Database& db, const QString& column)
{
    return db.dialect().inIdList(column);
}

Result<QList<Row>> readRows(
    Session& session, const QString& tableName, const QString& where, const QVariantList& binds, bool lock)
{
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    QString sql = QStringLiteral("SELECT ") + (*schema)->selectList(tableName) + QStringLiteral(" FROM ")
        + tableName + QStringLiteral(" WHERE ") + where + QStringLiteral(" ORDER BY id");
    if (lock)
        sql += session.db().dialect().lockingRead(); // SQLite: BEGIN IMMEDIATE holds every row
    auto query = session.db().execReused(sql, binds);
    if (!query)
        return query.error();
    QList<Row> rows;
    const QStringList columns = columnNames(**query);
    while ((*query)->next())
        rows.append(currentRow(**query, columns));
    (*query)->finish();
    return rows;
}

} // namespace

namespace {

// Groups rows read in id order by key (user, canonical track); each key's rows stay in id order.
QMap<KeyRef, KeyRows> byKey(
    const LevelCatalogue& catalogue, const QList<Row>& progress, const QList<Row>& licenses)
{
    QMap<KeyRef, KeyRows> keys;
    for (const Row& row : progress) {
        const KeyRef key { row.value(column::studentId).toLongLong(),
            catalogue.canonical(row.value(column::specializationId).toString()) };
        KeyRows& rows = keys[key];
        rows.key = key;
        rows.progress.append(row);
    }
    for (const Row& row : licenses) {
        const KeyRef key { row.value(column::userId).toLongLong(),
            catalogue.canonical(row.value(column::specializationType).toString()) };
        KeyRows& rows = keys[key];
        rows.key = key;
        rows.licenses.append(row);
    }
    return keys;
}

// The referrers of every row on a side with two or more rows (what a merge re-points and what
// picks the kept license), in two statements per referencing table for all the keys.
Result<void> readDuplicateReferrers(Session& session, QMap<KeyRef, KeyRows>& keys, bool lock)
{
    QList<qint64> progressIds;
    QList<qint64> licenseIds;
    for (const KeyRows& rows : std::as_const(keys)) {
        if (rows.progress.size() > 1) {
            for (const Row& row : rows.progress)
                progressIds.append(rowId(row));
        }
        if (rows.licenses.size() > 1) {
            for (const Row& row : rows.licenses)
                licenseIds.append(rowId(row));
        }
    }
    if (progressIds.isEmpty() && licenseIds.isEmpty())
        return {};
    auto progressReferrers = RowReader::referrers(session, table::progress, progressIds, lock);
    if (!progressReferrers)
        return progressReferrers.error();
    auto licenseReferrers = RowReader::referrers(session, table::licenses, licenseIds, lock);
    if (!licenseReferrers)
        return licenseReferrers.error();
    for (KeyRows& rows : keys) {
        for (const Row& row : std::as_const(rows.progress)) {
            if (auto found = progressReferrers->constFind(rowId(row));
                rows.progress.size() > 1 && found != progressReferrers->cend())
                rows.progressReferrers.insert(found.key(), found.value());
        }
        for (const Row& row : std::as_const(rows.licenses)) {
            if (auto found = licenseReferrers->constFind(rowId(row));
                rows.licenses.size() > 1 && found != licenseReferrers->cend())
                rows.licenseReferrers.insert(found.key(), found.value());
        }
    }
    return {};
}

// Appends to `keys` the rows of `coupledTable` (keep columns only) of these users whose key is
// one of `keys`.
Result<void> readKeepColumns(
    Session& session, const QString& coupledTable, const QVariant& users, QMap<KeyRef, KeyRows>& keys)
{
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    const bool progress = coupledTable == table::progress;
    const QString user = progress ? column::studentId : column::userId;
    const QString track = progress ? column::specializationId : column::specializationType;
    auto query = session.db().execReused(QStringLiteral("SELECT ")
            + (*schema)->selectList(coupledTable, {}, KeyRows::keepColumns(coupledTable))
            + QStringLiteral(" FROM ") + coupledTable + QStringLiteral(" WHERE ")
            + whereIn(session.db(), user),
        { users });
    if (!query)
        return query.error();
    const QStringList columns = columnNames(**query);
    while ((*query)->next()) {
        Row row = currentRow(**query, columns);
        const KeyRef key { row.value(user).toLongLong(),
            session.catalogue().canonical(row.value(track).toString()) };
        auto found = keys.find(key);
        if (found != keys.end())
            (progress ? found->progress : found->licenses).append(std::move(row));
    }
    (*query)->finish();
    return {};
}

} // namespace

Result<void> RowReader::keepCandidates(Session& session, QMap<KeyRef, KeyRows>& keys)
{
    if (keys.isEmpty())
        return {};
    QList<qint64> users;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        if (users.isEmpty() || users.last() != it.key().userId)
            users.append(it.key().userId);
    }
    const QVariant list = idList(session.db(), users);
    CC_TRY(readKeepColumns(session, table::progress, list, keys));
    CC_TRY(readKeepColumns(session, table::licenses, list, keys));
    QList<qint64> licenseIds;
    for (const KeyRows& rows : std::as_const(keys)) {
        if (rows.licenses.size() > 1) {
            for (const Row& row : rows.licenses)
                licenseIds.append(rowId(row));
        }
    }
    auto referrers = RowReader::referrers(session, table::licenses, licenseIds, false);
    if (!referrers)
        return referrers.error();
    for (KeyRows& rows : keys) {
        if (rows.licenses.size() < 2)
            continue;
        for (const Row& row : std::as_const(rows.licenses)) {
            if (auto found = referrers->constFind(rowId(row)); found != referrers->cend())
                rows.licenseReferrers.insert(found.key(), found.value());
        }
    }
    return {};
}

Result<QList<KeyRows>> RowReader::userKeys(Session& session, qint64 userId, bool lock)
{
    auto progress = readRows(session, table::progress, QStringLiteral("student_id = ?"), { userId }, lock);
    if (!progress)
        return progress.error();
    auto licenses = readRows(session, table::licenses, QStringLiteral("user_id = ?"), { userId }, lock);
    if (!licenses)
        return licenses.error();
    QMap<KeyRef, KeyRows> keys = byKey(session.catalogue(), *progress, *licenses);
    CC_TRY(readDuplicateReferrers(session, keys, lock));
    return keys.values();
}

Result<QMap<KeyRef, KeyRows>> RowReader::usersKeys(Session& session, QList<qint64> userIds, bool lock)
{
    std::sort(userIds.begin(), userIds.end());
    userIds.erase(std::unique(userIds.begin(), userIds.end()), userIds.end());
    const Database& db = session.db();
    const QVariant users = idList(db, userIds);
    auto progress = readRows(session, table::progress, whereIn(db, column::studentId), { users }, lock);
    if (!progress)
        return progress.error();
    auto licenses = readRows(session, table::licenses, whereIn(db, column::userId), { users }, lock);
    if (!licenses)
        return licenses.error();
    QMap<KeyRef, KeyRows> keys = byKey(session.catalogue(), *progress, *licenses);
    CC_TRY(readDuplicateReferrers(session, keys, lock));
    return keys;
}

Result<KeyRows> RowReader::key(Session& session, const KeyRef& key, bool lock)
{
    auto keys = userKeys(session, key.userId, lock);
    if (!keys)
        return keys.error();
    for (const KeyRows& rows : std::as_const(*keys)) {
        if (rows.key.track == key.track)
            return rows;
    }
    KeyRows empty;
    empty.key = key;
    return empty;
}

Result<std::optional<Row>> RowReader::byId(Session& session, const QString& tableName, qint64 id, bool lock)
{
    auto rows = readRows(session, tableName, QStringLiteral("id = ?"), { id }, lock);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Row>();
    return std::optional<Row>(rows->first());
}

Result<QList<Row>> RowReader::progressionsOf(Session& session, qint64 licenseId, bool lock)
{
    return readRows(session, table::progressions, QStringLiteral("user_license_id = ?"), { licenseId }, lock);
}

Result<QList<Row>> RowReader::achievementsOf(Session& session, const KeyRef& key, bool lock)
{
    auto rows = readRows(session, table::achievements, QStringLiteral("user_id = ?"), { key.userId }, lock);
    if (!rows)
        return rows.error();
    QList<Row> matching;
    for (const Row& row : std::as_const(*rows)) {
        if (session.catalogue().canonical(row.value(column::specializationId).toString()) == key.track)
            matching.append(row);
    }
    return matching;
}

Result<Referrers> RowReader::referrers(
    Session& session, const QString& coupledTable, const QList<qint64>& ids, bool lock)
{
    Referrers found;
    if (ids.isEmpty())
        return found;
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    const QVariant list = idList(session.db(), ids);
    for (const ForeignKey& key : (*catalogue)->referencing(coupledTable)) {
        const QString column = u'"' + QString(key.column()).replace(u'"', QStringLiteral("\"\"")) + u'"';
        if (!key.repointable() || !(*schema)->hasRowIds(key.table)) {
            // Rows the tool cannot address: counted, so that a delete is refused rather than cascaded.
            auto query = session.db().exec(QStringLiteral("SELECT ") + column
                    + QStringLiteral(", count(*) FROM ") + key.table + QStringLiteral(" WHERE ")
                    + whereIn(session.db(), column) + QStringLiteral(" GROUP BY 1"),
                { list });
            if (!query)
                return query.error();
            while (query->next()) {
                for (qint64 i = query->value(1).toLongLong(); i > 0; --i)
                    found[query->value(0).toLongLong()].append({ key, Row() });
            }
            continue;
        }
        auto rows = readRows(session, key.table, whereIn(session.db(), column), { list }, lock);
        if (!rows)
            return rows.error();
        for (const Row& row : std::as_const(*rows))
            found[row.value(key.column()).toLongLong()].append({ key, row });
    }
    return found;
}

Result<std::set<KeyRef>> RowReader::referencedKeys(
    Session& session, const QString& coupledTable, const QStringList& exceptTables)
{
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    const bool progress = coupledTable == table::progress;
    const QString user = progress ? column::studentId : column::userId;
    const QString track = progress ? column::specializationId : column::specializationType;
    std::set<KeyRef> keys;
    for (const ForeignKey& key : (*catalogue)->referencing(coupledTable)) {
        if (exceptTables.contains(key.table))
            continue;
        const QString column = u'"' + QString(key.column()).replace(u'"', QStringLiteral("\"\"")) + u'"';
        auto query = session.db().exec(QStringLiteral(
            "SELECT DISTINCT c.%1, c.%2 FROM %3 c WHERE EXISTS (SELECT 1 FROM %4 r WHERE r.%5 = c.id)")
                                           .arg(user, track, coupledTable, key.table, column));
        if (!query)
            return query.error();
        while (query->next()) {
            QString id = query->value(1).toString();
            while (id.endsWith(u' '))
                id.chop(1);
            keys.insert({ query->value(0).toLongLong(), session.catalogue().canonical(id) });
        }
    }
    return keys;
}

Result<QVariant> RowReader::userRole(Session& session, qint64 userId)
{
    // PostgreSQL's role may be an enum, which has no implicit cast to text.
    const QString sql = QStringLiteral("SELECT %1 FROM users WHERE id = ?")
                            .arg(session.db().dialect().asText(QStringLiteral("role")));
    auto query = session.db().exec(sql, { userId });
    if (!query)
        return query.error();
    return query->next() ? query->value(0) : QVariant();
}

Result<bool> RowReader::isStaffCredential(Session& session, const KeyRows& rows)
{
    if (!rows.progress.isEmpty() || rows.licenses.isEmpty())
        return false;
    auto role = userRole(session, rows.key.userId);
    if (!role)
        return role.error();
    return isStaffRole(*role); // the check's own test (C2), so a repair never touches what it leaves out
}

Result<bool> RowReader::userExists(Session& session, qint64 userId)
{
    auto count = session.db().scalar(QStringLiteral("SELECT count(*) FROM users WHERE id = ?"), { userId });
    if (!count)
        return count.error();
    return count->toLongLong() > 0;
}

} // namespace cc
