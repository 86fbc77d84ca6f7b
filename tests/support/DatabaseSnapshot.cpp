#include "DatabaseSnapshot.h"

#include <QSet>
#include <QSqlQuery>

namespace cc::test {

namespace {

QString quoted(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

struct TableShape {
    QString name; // as shown: "users", "coupling_console.audit", "cc_audit"
    QString sqlName; // as written in a statement
    QStringList columns;
    QStringList primaryKey; // empty: none
};

Result<QList<TableShape>> tableShapes(Database& db)
{
    QList<TableShape> shapes;
    if (db.profile().engine == Engine::PostgreSQL) {
        auto tables = db.exec(
            QStringLiteral("SELECT n.nspname, c.relname, c.oid::bigint FROM pg_class c "
                           "JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'coupling_console') "
                           "ORDER BY 1, 2"));
        if (!tables)
            return tables.error();
        QList<std::pair<TableShape, qint64>> found;
        while (tables->next()) {
            TableShape shape;
            const QString schema = tables->value(0).toString();
            const QString name = tables->value(1).toString();
            shape.name = schema == u"public" ? name : schema + u'.' + name;
            shape.sqlName = quoted(schema) + u'.' + quoted(name);
            found.append({ shape, tables->value(2).toLongLong() });
        }
        for (auto& [shape, oid] : found) {
            auto columns = db.exec(
                QStringLiteral("SELECT attname FROM pg_attribute WHERE attrelid = %1 AND attnum > 0 "
                               "AND NOT attisdropped ORDER BY attnum")
                    .arg(oid));
            if (!columns)
                return columns.error();
            while (columns->next())
                shape.columns << columns->value(0).toString();
            auto key = db.exec(
                QStringLiteral("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH "
                               "ORDINALITY AS k(attnum, ord) "
                               "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                               "WHERE i.indrelid = %1 AND i.indisprimary ORDER BY k.ord")
                    .arg(oid));
            if (!key)
                return key.error();
            while (key->next())
                shape.primaryKey << key->value(0).toString();
            shapes.append(shape);
        }
        return shapes;
    }
    auto tables
        = db.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    if (!tables)
        return tables.error();
    QStringList names;
    while (tables->next())
        names << tables->value(0).toString();
    for (const QString& name : std::as_const(names)) {
        TableShape shape;
        shape.name = name;
        shape.sqlName = quoted(name);
        auto columns
            = db.exec(QStringLiteral("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid"), { name });
        if (!columns)
            return columns.error();
        QMap<int, QString> key;
        while (columns->next()) {
            shape.columns << columns->value(0).toString();
            if (columns->value(1).toInt() > 0)
                key.insert(columns->value(1).toInt(), columns->value(0).toString());
        }
        shape.primaryKey = key.values();
        shapes.append(shape);
    }
    return shapes;
}

} // namespace

DatabaseSnapshot DatabaseSnapshot::take(const TestDatabase& testDb)
{
    DatabaseSnapshot snapshot;
    auto opened = Database::open(testDb.profile(), Database::OpenMode::MustExist);
    if (!opened) {
        snapshot.m_error = opened.error().message;
        return snapshot;
    }
    Database& db = **opened;
    const bool pg = db.profile().engine == Engine::PostgreSQL;
    auto shapes = tableShapes(db);
    if (!shapes) {
        snapshot.m_error = shapes.error().message;
        return snapshot;
    }
    auto literal = [pg](const QString& column) {
        return pg ? QStringLiteral("quote_nullable(%1::text)").arg(quoted(column))
                  : QStringLiteral("quote(%1)").arg(quoted(column));
    };
    for (const TableShape& shape : std::as_const(*shapes)) {
        // Key columns first (as literals), then every column; ordered by the key's own values.
        QStringList select;
        QStringList order;
        if (!shape.primaryKey.isEmpty()) {
            for (const QString& column : shape.primaryKey) {
                select << literal(column);
                order << quoted(column);
            }
        } else if (!pg) {
            select << QStringLiteral("rowid");
            order << QStringLiteral("rowid");
        }
        const int keyColumns = int(select.size());
        for (const QString& column : shape.columns)
            select << literal(column);
        if (order.isEmpty()) // PostgreSQL without a key: the whole row orders it and is its key
            order = QStringList(select.mid(keyColumns));
        auto query = db.exec(
            QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                .arg(select.join(QStringLiteral(", ")), shape.sqlName, order.join(QStringLiteral(", "))));
        if (!query) {
            snapshot.m_error = shape.name + QStringLiteral(": ") + query.error().message;
            return snapshot;
        }
        Table table;
        while (query->next()) {
            QStringList values;
            for (int i = 0; i < shape.columns.size(); ++i)
                values << shape.columns.at(i) + u'=' + query->value(keyColumns + i).toString();
            const QString text = values.join(QStringLiteral(", "));
            QString key;
            if (keyColumns > 0) {
                QStringList parts;
                for (int i = 0; i < keyColumns; ++i)
                    parts << query->value(i).toString().remove(u'\'');
                key = parts.join(u'|');
            } else {
                key = text; // equal rows of a keyless table are told apart by their occurrence
                for (int n = 2; table.rows.contains(key); ++n)
                    key = text + QStringLiteral(" #%1").arg(n);
            }
            table.keys << key;
            table.rows.insert(key, text);
        }
        snapshot.m_tables.insert(shape.name, table);
        snapshot.m_order << shape.name;
    }
    return snapshot;
}

bool DatabaseSnapshot::isToolTable(const QString& table)
{
    return table.startsWith(u"coupling_console.") || table.startsWith(u"cc_") || table.startsWith(u"sqlite_");
}

qsizetype DatabaseSnapshot::rowCount(const QString& table) const
{
    return m_tables.value(table).keys.size();
}

QString DatabaseSnapshot::row(const QString& table, const QString& primaryKey) const
{
    return m_tables.value(table).rows.value(primaryKey);
}

QList<ChangedRow> DatabaseSnapshot::changesTo(const DatabaseSnapshot& after) const
{
    QList<ChangedRow> changes;
    QStringList names = m_order;
    for (const QString& name : after.m_order) {
        if (!names.contains(name))
            names << name;
    }
    for (const QString& name : std::as_const(names)) {
        const Table mine = m_tables.value(name);
        const Table theirs = after.m_tables.value(name);
        for (const QString& key : mine.keys) {
            const auto found = theirs.rows.constFind(key);
            if (found == theirs.rows.cend())
                changes.append({ name, key, RowDiffKind::Deleted, mine.rows.value(key), {} });
            else if (*found != mine.rows.value(key))
                changes.append({ name, key, RowDiffKind::Updated, mine.rows.value(key), *found });
        }
        for (const QString& key : theirs.keys) {
            if (!mine.rows.contains(key))
                changes.append({ name, key, RowDiffKind::Inserted, {}, theirs.rows.value(key) });
        }
    }
    return changes;
}

QString DatabaseSnapshot::text() const
{
    QString text;
    for (const QString& name : m_order) {
        const Table& table = m_tables[name];
        for (const QString& key : table.keys)
            text += name + u' ' + key + QStringLiteral(": ") + table.rows.value(key) + u'\n';
    }
    return text;
}

QString describe(const ChangedRow& row)
{
    switch (row.kind) {
    case RowDiffKind::Inserted:
        return QStringLiteral("%1 row %2 inserted: %3").arg(row.table, row.primaryKey, row.after);
    case RowDiffKind::Deleted:
        return QStringLiteral("%1 row %2 deleted (was: %3)").arg(row.table, row.primaryKey, row.before);
    case RowDiffKind::Updated:
        break;
    }
    // Only the columns that differ.
    const QStringList before = row.before.split(QStringLiteral(", "));
    const QStringList after = row.after.split(QStringLiteral(", "));
    QStringList differing;
    for (qsizetype i = 0; i < qMax(before.size(), after.size()); ++i) {
        const QString was = before.value(i);
        const QString now = after.value(i);
        if (was != now)
            differing << was + QStringLiteral(" → ") + now.section(u'=', 1);
    }
    return QStringLiteral("%1 row %2 updated: %3")
        .arg(row.table, row.primaryKey, differing.join(QStringLiteral("; ")));
}

QString describe(const QList<ChangedRow>& rows)
{
    QStringList lines;
    for (const ChangedRow& row : rows)
        lines << QStringLiteral("  ") + describe(row);
    return lines.join(u'\n');
}

namespace {

bool allowed(const QList<AllowedRow>& rows, const ChangedRow& change)
{
    return std::any_of(rows.cbegin(), rows.cend(), [&](const AllowedRow& row) {
        return row.table == change.table && row.primaryKey == change.primaryKey;
    });
}

QList<ChangedRow> platformChanges(const DatabaseSnapshot& before, const DatabaseSnapshot& after)
{
    QList<ChangedRow> changes;
    for (const ChangedRow& change : before.changesTo(after)) {
        if (!DatabaseSnapshot::isToolTable(change.table))
            changes.append(change);
    }
    return changes;
}

SnapshotVerdict invalid(const DatabaseSnapshot& before, const DatabaseSnapshot& after)
{
    if (!before.isValid())
        return { false, QStringLiteral("the snapshot before could not be read: ") + before.error() };
    if (!after.isValid())
        return { false, QStringLiteral("the snapshot after could not be read: ") + after.error() };
    return {};
}

} // namespace

SnapshotVerdict onlyPlannedRowsChanged(const DatabaseSnapshot& before, const DatabaseSnapshot& after,
    const cc::WriteOutcome& outcome, const QList<AllowedRow>& alsoAllowed)
{
    if (auto verdict = invalid(before, after); !verdict)
        return verdict;
    QSet<QString> updates, deletes, insertsWithId;
    QHash<QString, int> inserts;
    QStringList planned;
    for (const KeyChange& key : outcome.applied) {
        for (const RowChange& change : key.changes) {
            const QString id = change.table + u'|' + QString::number(change.id);
            switch (change.op) {
            case RowOp::Update:
                updates.insert(id);
                planned << QStringLiteral("update ") + change.table + u' ' + QString::number(change.id);
                break;
            case RowOp::Delete:
                deletes.insert(id);
                planned << QStringLiteral("delete ") + change.table + u' ' + QString::number(change.id);
                break;
            case RowOp::Insert:
                if (change.id != 0)
                    insertsWithId.insert(id);
                else
                    ++inserts[change.table];
                planned << QStringLiteral("insert ") + change.table
                        + (change.id != 0 ? u' ' + QString::number(change.id) : QString());
                break;
            }
        }
    }
    QList<ChangedRow> unplanned;
    const QList<ChangedRow> changes = platformChanges(before, after);
    for (const ChangedRow& change : changes) {
        if (allowed(alsoAllowed, change))
            continue;
        const QString id = change.table + u'|' + change.primaryKey;
        bool ok = false;
        switch (change.kind) {
        case RowDiffKind::Updated:
            ok = updates.contains(id);
            break;
        case RowDiffKind::Deleted:
            ok = deletes.contains(id);
            break;
        case RowDiffKind::Inserted:
            ok = insertsWithId.contains(id) || inserts.value(change.table) > 0;
            if (ok && !insertsWithId.contains(id))
                --inserts[change.table];
            break;
        }
        if (!ok)
            unplanned.append(change);
    }
    if (unplanned.isEmpty())
        return {};
    return { false,
        QStringLiteral("%1 platform row(s) changed that the plan did not list:\n%2\nthe plan listed: %3")
            .arg(unplanned.size())
            .arg(describe(unplanned),
                planned.isEmpty() ? QStringLiteral("nothing") : planned.join(QStringLiteral(", "))) };
}

namespace {

// Both revert verdicts: every platform row as before the write but `alsoAllowed` and, when
// `reverseHistory`, the license_progressions rows a revert inserts.
SnapshotVerdict restored(const DatabaseSnapshot& beforeWrite, const DatabaseSnapshot& afterRevert,
    const QList<AllowedRow>& alsoAllowed, bool reverseHistory)
{
    if (auto verdict = invalid(beforeWrite, afterRevert); !verdict)
        return verdict;
    QList<ChangedRow> differing;
    for (const ChangedRow& change : platformChanges(beforeWrite, afterRevert)) {
        const bool history = change.table == u"license_progressions" && change.kind == RowDiffKind::Inserted;
        if (!(reverseHistory && history) && !allowed(alsoAllowed, change))
            differing.append(change);
    }
    if (differing.isEmpty())
        return {};
    return { false,
        QStringLiteral("after the revert %1 platform row(s) differ from before the write:\n%2")
            .arg(differing.size())
            .arg(describe(differing)) };
}

} // namespace

SnapshotVerdict restoredByRevert(const DatabaseSnapshot& beforeWrite, const DatabaseSnapshot& afterRevert,
    const QList<AllowedRow>& alsoAllowed)
{
    return restored(beforeWrite, afterRevert, alsoAllowed, true);
}

SnapshotVerdict restoredExactly(const DatabaseSnapshot& beforeWrite, const DatabaseSnapshot& afterRevert,
    const QList<AllowedRow>& alsoAllowed)
{
    return restored(beforeWrite, afterRevert, alsoAllowed, false);
}

SnapshotVerdict platformUnchanged(const DatabaseSnapshot& before, const DatabaseSnapshot& after)
{
    if (auto verdict = invalid(before, after); !verdict)
        return verdict;
    const QList<ChangedRow> changes = platformChanges(before, after);
    if (changes.isEmpty())
        return {};
    return { false,
        QStringLiteral("%1 platform row(s) changed:\n%2").arg(changes.size()).arg(describe(changes)) };
}

} // namespace cc::test
