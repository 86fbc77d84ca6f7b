// SqliteDialect's schema definitions and catalogue reads (sqlite_master and the PRAGMA functions).
#include "dialects/SqliteDialect.h"

#include "database/Database.h"
#include "schema/ConstraintCatalogue.h"
#include "schema/PlatformSchema.h"

namespace cc {

namespace {

TypeFamily sqliteFamily(const QString& declared)
{
    const QString type = declared.toUpper();
    if (type.contains(u"INT"))
        return TypeFamily::Integer;
    if (type.contains(u"BOOL"))
        return TypeFamily::Boolean;
    if (type.contains(u"TIMESTAMP") || type.contains(u"DATETIME"))
        return TypeFamily::Timestamp;
    if (type.contains(u"CHAR") || type.contains(u"TEXT") || type.contains(u"CLOB"))
        return TypeFamily::Text;
    if (type.contains(u"REAL") || type.contains(u"FLOA") || type.contains(u"DOUB"))
        return TypeFamily::Float;
    if (type.contains(u"JSON"))
        return TypeFamily::Json;
    return TypeFamily::Other;
}

DeleteAction fromSqlite(const QString& text)
{
    const QString action = text.toUpper();
    if (action == u"CASCADE")
        return DeleteAction::Cascade;
    if (action == u"SET NULL")
        return DeleteAction::SetNull;
    if (action == u"SET DEFAULT")
        return DeleteAction::SetDefault;
    if (action == u"RESTRICT")
        return DeleteAction::Restrict;
    return DeleteAction::NoAction;
}

// Single-column unique indexes of each platform table, but the primary key's.
Result<void> readUniqueColumns(Database& db, QHash<QString, QStringList>& unique)
{
    for (const QString& table : PlatformSchema::tableNames()) {
        auto columns = db.exec(
            QStringLiteral(
                "SELECT il.name, ii.name FROM pragma_index_list(?) il JOIN pragma_index_info(il.name) ii "
                "WHERE il.\"unique\" = 1 AND il.origin <> 'pk' ORDER BY il.name, ii.seqno"),
            { table });
        if (!columns)
            return columns.error();
        QHash<QString, QStringList> byIndex;
        QStringList order;
        while (columns->next()) {
            const QString index = columns->value(0).toString();
            if (!byIndex.contains(index))
                order.append(index);
            byIndex[index].append(columns->value(1).toString());
        }
        for (const QString& index : std::as_const(order)) {
            const QStringList& list = byIndex.value(index);
            if (list.size() == 1 && !list.first().isEmpty() && !unique[table].contains(list.first()))
                unique[table].append(list.first());
        }
    }
    return {};
}

} // namespace

QString SqliteDialect::serialPrimaryKey(bool) const
{
    return QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"); // 64-bit either way
}

QString SqliteDialect::trueLiteral() const
{
    return QStringLiteral("1");
}

QString SqliteDialect::currentTimestamp() const
{
    return QStringLiteral("strftime('%Y-%m-%d %H:%M:%S','now')");
}

QStringList SqliteDialect::createToolNamespace() const
{
    return {}; // the tool's tables sit beside the platform's, prefixed cc_
}

QString SqliteDialect::toolIndexName(const char* table, const char* suffix) const
{
    return toolTable(QLatin1String(table)) + u'_' + QLatin1String(suffix);
}

QStringList SqliteDialect::widenToBigint(const QString&, const QStringList&) const
{
    return {};
}

// Trailing key columns: SQLite has no INCLUDE.
QString SqliteDialect::coveringColumns(const QString& key, const QString& covering) const
{
    return covering.isEmpty() ? key : key + QStringLiteral(", ") + covering;
}

bool SqliteDialect::buildsIndexesConcurrently() const
{
    return false;
}

Result<void> SqliteDialect::continueSerialIds(Database&, const QString&) const
{
    return {}; // AUTOINCREMENT continues after the highest id by itself
}

// SQLite keeps what ANALYZE saw until the next ANALYZE: its statistics of the tool's tables, all
// but empty after a demo and large after the first repair-all, made it scan and sort the whole audit
// log for each `id < ? ORDER BY id DESC LIMIT 1` (revert --batch of a 200,000-user demo: 41 s instead
// of 4 s, docs/PERFORMANCE.md). Without statistics it uses its indexes as a fresh table would.
Result<void> SqliteDialect::analyze(Database& db) const
{
    CC_TRY(db.runDirect(QStringLiteral("ANALYZE")));
    return db.runDirect(QStringLiteral("DELETE FROM sqlite_stat1 WHERE tbl LIKE 'cc\\_%' ESCAPE '\\'"));
}

Result<void> SqliteDialect::refreshStatistics(Database&, const QString&, qint64) const
{
    return {}; // no autovacuum: the statistics are ANALYZE's, kept as they were
}

QString SqliteDialect::integerSeries(const QString& upperBound) const
{
    return QStringLiteral("RECURSIVE nums(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM nums WHERE k < (%1))")
        .arg(upperBound);
}

QString SqliteDialect::demoTimestamp(const QString& minutes) const
{
    return QStringLiteral("strftime('%Y-%m-%d %H:%M:%S', '2025-01-01 00:00:00', '+' || (%1) || ' minutes')")
        .arg(minutes);
}

Result<bool> SqliteDialect::hasToolTable(Database& db, const QString& name) const
{
    return isPositive(db,
        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"),
        { toolTable(name) });
}

Result<bool> SqliteDialect::isIndexStale(Database& db, const QString& name, int columnCount) const
{
    return isPositive(db,
        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ? "
                       "AND (SELECT count(*) FROM pragma_index_info(?)) <> ?"),
        { name, name, columnCount });
}

Result<QStringList> SqliteDialect::usableIndexes(Database& db, const QStringList& names) const
{
    const QVariantList binds(names.cbegin(), names.cend());
    return db.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (%1)")
                         .arg(placeholders(binds)),
        binds);
}

Result<QStringList> SqliteDialect::platformSchemasOffPath(Database&) const
{
    return QStringList(); // one file, one namespace
}

Result<QStringList> SqliteDialect::otherTables(Database& db) const
{
    return db.lookupColumn(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name "
                       "NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                       "AND name NOT LIKE 'cc\\_%' ESCAPE '\\' ORDER BY name"));
}

Result<QList<ColumnInfo>> SqliteDialect::columns(Database& db, const QString& table, const QString&) const
{
    auto query
        = db.exec(QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)"),
            { table });
    if (!query)
        return query.error();
    QList<ColumnInfo> columns;
    while (query->next()) {
        ColumnInfo column;
        column.name = query->value(0).toString();
        column.declaredType = query->value(1).toString();
        column.family = sqliteFamily(column.declaredType);
        column.notNull = query->value(2).toInt() != 0;
        column.hasDefault = !query->value(3).isNull();
        column.primaryKey = query->value(4).toInt() > 0;
        columns.append(column);
    }
    return columns;
}

Result<void> SqliteDialect::readConstraints(
    Database& db, QHash<QString, QList<ForeignKey>>& referencing, QHash<QString, QStringList>& unique) const
{
    auto keys = db.exec(
        QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.on_delete FROM sqlite_master m "
                       "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND m.name NOT LIKE "
                       "'cc\\_%' ESCAPE '\\' "
                       "ORDER BY m.name, f.id, f.seq"));
    if (!keys)
        return keys.error();
    QList<ForeignKey> found;
    QString previous;
    while (keys->next()) {
        const QString table = keys->value(0).toString();
        const QString identity = table + u'\n' + keys->value(1).toString();
        if (identity != previous) {
            ForeignKey key;
            key.table = sqlTableName({}, table, true);
            key.referencedTable = keys->value(2).toString().toLower();
            key.onDelete = fromSqlite(keys->value(4).toString());
            found.append(key);
            previous = identity;
        }
        found.last().columns.append(keys->value(3).toString());
    }
    for (ForeignKey& key : found) {
        if (!PlatformSchema::tableNames().contains(key.referencedTable))
            continue;
        key.name = key.table + u'.' + key.columns.join(u',');
        referencing[key.referencedTable].append(key);
    }
    return readUniqueColumns(db, unique);
}

} // namespace cc
