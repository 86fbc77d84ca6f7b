#include "ConstraintCatalogue.h"

#include "PlatformSchema.h"

#include <QRegularExpression>

namespace cc {

namespace {

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

QString quotedIdentifier(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// A table as SQL names it: plain when it is a plain name on the search path, quoted otherwise.
QString sqlTableName(const QString& schema, const QString& name, bool visible)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (visible && plain.match(name).hasMatch())
        return name;
    return visible ? quotedIdentifier(name) : quotedIdentifier(schema) + u'.' + quotedIdentifier(name);
}

const QChar separator(0x1f);

Result<void> readPostgres(
    Database& db, QHash<QString, QList<ForeignKey>>& referencing, QHash<QString, QStringList>& unique)
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

Result<void> readSqlite(
    Database& db, QHash<QString, QList<ForeignKey>>& referencing, QHash<QString, QStringList>& unique)
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

QString deleteActionName(DeleteAction action)
{
    switch (action) {
    case DeleteAction::NoAction:
        return QStringLiteral("NO ACTION");
    case DeleteAction::Restrict:
        return QStringLiteral("RESTRICT");
    case DeleteAction::Cascade:
        return QStringLiteral("CASCADE");
    case DeleteAction::SetNull:
        return QStringLiteral("SET NULL");
    case DeleteAction::SetDefault:
        return QStringLiteral("SET DEFAULT");
    }
    return QStringLiteral("NO ACTION");
}

Result<ConstraintCatalogue> ConstraintCatalogue::read(Database& db)
{
    ConstraintCatalogue catalogue;
    CC_TRY(db.isPostgres() ? readPostgres(db, catalogue.m_referencing, catalogue.m_unique)
                           : readSqlite(db, catalogue.m_referencing, catalogue.m_unique));
    return catalogue;
}

QStringList ConstraintCatalogue::referencingTables() const
{
    QStringList tables;
    for (const QString& coupled :
        { QStringLiteral("specialization_progress"), QStringLiteral("user_licenses") }) {
        for (const ForeignKey& key : m_referencing.value(coupled)) {
            if (!tables.contains(key.table))
                tables.append(key.table);
        }
    }
    return tables;
}

} // namespace cc
