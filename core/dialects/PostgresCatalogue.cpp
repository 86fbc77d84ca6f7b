// PostgresDialect's schema definitions and catalogue reads (pg_catalog, information_schema).
#include "dialects/PostgresDialect.h"

#include "database/Database.h"
#include "schema/ConstraintCatalogue.h"
#include "schema/PlatformSchema.h"

namespace cc {

namespace {

TypeFamily postgresFamily(const QString& dataType, bool isEnum)
{
    if (dataType == u"smallint" || dataType == u"integer" || dataType == u"bigint")
        return TypeFamily::Integer;
    if (dataType == u"text" || dataType == u"character varying" || dataType == u"character" || isEnum)
        return TypeFamily::Text;
    if (dataType == u"boolean")
        return TypeFamily::Boolean;
    if (dataType.startsWith(u"timestamp"))
        return TypeFamily::Timestamp;
    if (dataType == u"double precision" || dataType == u"real")
        return TypeFamily::Float;
    if (dataType == u"json" || dataType == u"jsonb")
        return TypeFamily::Json;
    return TypeFamily::Other;
}

DeleteAction fromPostgres(const QString& code)
{
    if (code == u"c")
        return DeleteAction::Cascade;
    if (code == u"n")
        return DeleteAction::SetNull;
    if (code == u"d")
        return DeleteAction::SetDefault;
    if (code == u"r")
        return DeleteAction::Restrict;
    return DeleteAction::NoAction;
}

const QChar separator(0x1f);

} // namespace

QString PostgresDialect::serialPrimaryKey(bool bigint) const
{
    return bigint ? QStringLiteral("BIGSERIAL PRIMARY KEY") : QStringLiteral("SERIAL PRIMARY KEY");
}

QString PostgresDialect::trueLiteral() const
{
    return QStringLiteral("true");
}

QString PostgresDialect::currentTimestamp() const
{
    return QStringLiteral("now()");
}

QStringList PostgresDialect::createToolNamespace() const
{
    return { QStringLiteral("CREATE SCHEMA IF NOT EXISTS coupling_console") };
}

QString PostgresDialect::toolIndexName(const char* table, const char* suffix) const
{
    return QLatin1String(table) + u'_' + QLatin1String(suffix);
}

QStringList PostgresDialect::widenToBigint(const QString& table, const QStringList& columns) const
{
    QStringList alters;
    for (const QString& column : columns)
        alters << QStringLiteral("ALTER COLUMN %1 TYPE BIGINT").arg(column);
    return { QStringLiteral("ALTER TABLE %1 %2").arg(table, alters.join(QStringLiteral(", "))) };
}

QString PostgresDialect::coveringColumns(const QString& key, const QString& covering) const
{
    return covering.isEmpty() ? key : key + QStringLiteral(") INCLUDE (") + covering;
}

bool PostgresDialect::buildsIndexesConcurrently() const
{
    return true;
}

Result<void> PostgresDialect::continueSerialIds(Database& db, const QString& table) const
{
    return db.runDirect(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT "
                                       "COALESCE(max(id), 0) + 1 FROM %1), false)")
                            .arg(table));
}

Result<void> PostgresDialect::analyze(Database& db) const
{
    return db.runDirect(QStringLiteral("ANALYZE"));
}

// PostgreSQL plans the Violations page from the table's statistics. Right after a large run they
// still describe the table before it (autovacuum analyzes it up to a minute later), and the page's
// index scan loses to a sequential scan and a sort: 700 ms instead of 10 ms for its first rows at
// 1M users × 0.5. Analyze it now, when autovacuum would: once this run's rows exceed a tenth of the
// rows the statistics counted (never counted: -1).
Result<void> PostgresDialect::refreshStatistics(Database& db, const QString& table, qint64 rowsWritten) const
{
    if (rowsWritten == 0)
        return {};
    auto counted = db.scalar(
        QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = CAST(? AS regclass)"), { table });
    if (!counted)
        return counted.error();
    if (double(rowsWritten) < 1000.0 + 0.1 * std::max(0.0, counted->toDouble()))
        return {};
    return db.runDirect(QStringLiteral("ANALYZE ") + table);
}

QString PostgresDialect::integerSeries(const QString& upperBound) const
{
    return QStringLiteral("nums AS (SELECT generate_series(1::bigint, (%1)) AS k)").arg(upperBound);
}

QString PostgresDialect::demoTimestamp(const QString& minutes) const
{
    return QStringLiteral("(TIMESTAMP '2025-01-01 00:00:00' + (%1) * INTERVAL '1 minute')").arg(minutes);
}

Result<bool> PostgresDialect::hasToolTable(Database& db, const QString& name) const
{
    return isPositive(db, QStringLiteral("SELECT to_regclass('%1') IS NOT NULL").arg(toolTable(name)));
}

Result<bool> PostgresDialect::isIndexStale(Database& db, const QString& name, int columnCount) const
{
    return isPositive(db,
        QStringLiteral("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                       "WHERE c.relname = ? AND (NOT i.indisvalid OR i.indnatts <> ?)"),
        { name, columnCount });
}

Result<QStringList> PostgresDialect::usableIndexes(Database& db, const QStringList& names) const
{
    const QVariantList binds(names.cbegin(), names.cend());
    return db.column(
        QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                       "WHERE i.indisvalid AND c.relname IN (%1)")
            .arg(placeholders(binds)),
        binds);
}

// Platform tables in a schema the search_path does not reach: init would create others.
Result<QStringList> PostgresDialect::platformSchemasOffPath(Database& db) const
{
    return db.lookupColumn(QStringLiteral(
        "SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = 'specialization_progress' AND c.relkind IN ('r', 'p') "
        "AND NOT (n.nspname = ANY(current_schemas(false))) ORDER BY 1 LIMIT 11"));
}

Result<QStringList> PostgresDialect::otherTables(Database& db) const
{
    return db.lookupColumn(QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                                          "c.relnamespace "
                                          "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = "
                                          "ANY(current_schemas(false)) ORDER BY 1"));
}

Result<QList<ColumnInfo>> PostgresDialect::columns(
    Database& db, const QString& table, const QString& schema) const
{
    auto query = db.exec(
        QStringLiteral(
            "SELECT c.column_name, c.data_type, c.is_nullable, c.column_default, "
            "EXISTS (SELECT 1 FROM pg_type t WHERE t.typname = c.udt_name AND t.typtype = 'e'), "
            "EXISTS (SELECT 1 FROM information_schema.key_column_usage k "
            "        JOIN information_schema.table_constraints tc ON tc.constraint_name = "
            "k.constraint_name "
            "         AND tc.table_schema = k.table_schema AND tc.constraint_type = 'PRIMARY KEY' "
            "        WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name AND "
            "k.column_name = c.column_name) "
            "FROM information_schema.columns c "
            "WHERE c.table_schema = COALESCE(CAST(? AS text), (SELECT n.nspname FROM pg_class rc JOIN "
            "pg_namespace n ON "
            "n.oid = rc.relnamespace WHERE rc.oid = to_regclass(quote_ident(CAST(? AS text))))) "
            "AND c.table_name = ? ORDER BY c.ordinal_position"),
        { schema.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(schema), table, table });
    if (!query)
        return query.error();
    QList<ColumnInfo> columns;
    while (query->next()) {
        ColumnInfo column;
        column.name = query->value(0).toString();
        column.declaredType = query->value(1).toString();
        column.family = postgresFamily(column.declaredType, query->value(4).toBool());
        column.notNull = query->value(2).toString() == u"NO";
        column.hasDefault = !query->value(3).isNull();
        column.primaryKey = query->value(5).toBool();
        columns.append(column);
    }
    return columns;
}

Result<void> PostgresDialect::readConstraints(
    Database& db, QHash<QString, QList<ForeignKey>>& referencing, QHash<QString, QStringList>& unique) const
{
    const QString names = u'{' + PlatformSchema::tableNames().join(u',') + u'}';
    auto keys = db.exec(
        QStringLiteral(
            "SELECT c.conname, n.nspname, cl.relname, n.oid = rf.relnamespace, "
            "array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord) "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord), chr(31)), "
            "rf.relname, c.confdeltype "
            "FROM pg_constraint c "
            "JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "JOIN pg_class rf ON rf.oid = c.confrelid "
            "WHERE c.contype = 'f' AND n.nspname <> 'coupling_console' "
            "AND rf.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = "
            "to_regclass('specialization_progress')) "
            "AND rf.relname = ANY(CAST(? AS text[])) "
            "ORDER BY rf.relname, n.nspname, cl.relname, c.conname"),
        { names });
    if (!keys)
        return keys.error();
    while (keys->next()) {
        ForeignKey key;
        key.name = keys->value(0).toString();
        key.table
            = sqlTableName(keys->value(1).toString(), keys->value(2).toString(), keys->value(3).toBool());
        key.columns = keys->value(4).toString().split(separator);
        key.referencedTable = keys->value(5).toString();
        key.onDelete = fromPostgres(keys->value(6).toString());
        referencing[key.referencedTable].append(key);
    }
    auto columns = db.exec(
        QStringLiteral("SELECT t.relname, a.attname FROM pg_index i "
                       "JOIN pg_class t ON t.oid = i.indrelid "
                       "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                       "WHERE i.indisunique AND NOT i.indisprimary AND i.indnatts = 1 AND i.indexprs IS NULL "
                       "AND t.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = "
                       "to_regclass('specialization_progress')) "
                       "AND t.relname = ANY(CAST(? AS text[])) ORDER BY 1, 2"),
        { names });
    if (!columns)
        return columns.error();
    while (columns->next()) {
        QStringList& list = unique[columns->value(0).toString()];
        if (!list.contains(columns->value(1).toString()))
            list.append(columns->value(1).toString());
    }
    return {};
}

} // namespace cc
