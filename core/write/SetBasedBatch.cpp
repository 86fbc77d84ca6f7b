#include "write/SetBasedBatch.h"

#include "audit/AuditLog.h"
#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "schema/PlatformSchema.h"
#include "session/Session.h"
#include "write/KeyAudit.h"

#include <set>

namespace cc {

namespace {

// One statement's rows: every row change of the batch with this table, operation and column set.
struct Group {
    QString table;
    RowOp op = RowOp::Update;
    QStringList columns; // Update, Insert: the columns written, in the order RowChange::values holds them
    QList<std::pair<qsizetype, qsizetype>> rows; // (change, row change), in key order
};

QString quoted(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QString signature(const RowChange& row)
{
    return row.table + u'\n' + QString::number(int(row.op)) + u'\n'
        + QStringList(row.values.keys()).join(u'\n');
}

// The batch's groups, created in the order the keys' row changes meet them, and for each group the
// groups some key writes right after it; std::nullopt when the changes do not fit one statement a group.
struct Grouping {
    QList<Group> groups;
    std::vector<std::set<qsizetype>> next;
};

std::optional<Grouping> groupRows(const QList<KeyChange>& changes, const PlatformSchema& schema)
{
    Grouping grouping;
    QList<Group>& groups = grouping.groups;
    QHash<QString, qsizetype> bySignature;
    QHash<std::pair<QString, qint64>, qsizetype> writer; // (table, id) → the change that writes the row
    for (qsizetype c = 0; c < changes.size(); ++c) {
        const KeyChange& change = changes.at(c);
        qsizetype previous = -1;
        QSet<qsizetype> seen;
        for (qsizetype r = 0; r < change.changes.size(); ++r) {
            const RowChange& row = change.changes.at(r);
            if (row.op != RowOp::Delete && change.returning.value(row.table) != schema.selectList(row.table))
                return std::nullopt;
            if (row.op != RowOp::Insert && writer.value({ row.table, row.id }, c) != c)
                return std::nullopt;
            if (row.op != RowOp::Insert)
                writer.insert({ row.table, row.id }, c);
            const QString key = signature(row);
            qsizetype group = bySignature.value(key, -1);
            if (group < 0) {
                group = groups.size();
                bySignature.insert(key, group);
                groups.append({ row.table, row.op,
                    row.op == RowOp::Delete ? QStringList() : QStringList(row.values.keys()), {} });
                grouping.next.emplace_back();
            }
            if (group != previous) {
                if (seen.contains(group))
                    return std::nullopt;
                if (previous >= 0)
                    grouping.next[size_t(previous)].insert(group);
                seen.insert(group);
                previous = group;
            }
            groups[group].rows.append({ c, r });
        }
    }
    return grouping;
}

// Whether each update or delete statement names each row once.
bool rowsOnce(const QList<Group>& groups, const QList<KeyChange>& changes)
{
    for (const Group& group : groups) {
        if (group.op == RowOp::Insert)
            continue;
        QSet<qint64> ids;
        for (const auto& [c, r] : group.rows) {
            const qint64 id = changes.at(c).changes.at(r).id;
            if (ids.contains(id))
                return false;
            ids.insert(id);
        }
    }
    return true;
}

// The batch's groups in an order every key's own statement order agrees with (the first group
// created first among those ready), or std::nullopt when the changes do not fit.
std::optional<QList<Group>> groupsInOrder(const QList<KeyChange>& changes, const PlatformSchema& schema)
{
    const std::optional<Grouping> grouping = groupRows(changes, schema);
    if (!grouping || !rowsOnce(grouping->groups, changes))
        return std::nullopt;
    const QList<Group>& groups = grouping->groups;
    std::vector<int> incoming(size_t(groups.size()), 0);
    for (const std::set<qsizetype>& targets : grouping->next) {
        for (qsizetype target : targets)
            ++incoming[size_t(target)];
    }
    QList<Group> ordered;
    std::vector<bool> done(size_t(groups.size()), false);
    while (ordered.size() < groups.size()) {
        qsizetype ready = -1;
        for (qsizetype g = 0; g < groups.size() && ready < 0; ++g) {
            if (!done[size_t(g)] && incoming[size_t(g)] == 0)
                ready = g;
        }
        if (ready < 0)
            return std::nullopt; // two keys need the same two statements in opposite orders
        done[size_t(ready)] = true;
        for (qsizetype target : grouping->next[size_t(ready)])
            --incoming[size_t(target)];
        ordered.append(groups.at(ready));
    }
    return ordered;
}

// "(CAST(? AS t1), CAST(? AS t2)), (?, ?), …": the first row names the types and the other rows'
// parameters take the same; "(?, ?), (?, ?), …" without types (an insert's columns give them).
QString valuesList(const QStringList& types, qsizetype columns, qsizetype rows)
{
    QString first = QStringLiteral("(");
    QString other = QStringLiteral("(");
    for (qsizetype i = 0; i < columns; ++i) {
        const QString separator = i > 0 ? QStringLiteral(", ") : QString();
        first += separator
            + (types.isEmpty() ? QStringLiteral("?") : QStringLiteral("CAST(? AS ") + types.at(i) + u')');
        other += separator + u'?';
    }
    first += u')';
    other += u')';
    QString text;
    text.reserve(first.size() + (other.size() + 2) * rows);
    text += first;
    for (qsizetype i = 1; i < rows; ++i)
        text += QStringLiteral(", ") + other;
    return text;
}

// One group's statement parameters: each row's id (update, delete) and its written columns' values.
struct GroupStatement {
    const Group& group;
    qsizetype width = 0; // parameters a row
    QVariantList binds;
    QHash<qint64, qsizetype> owner; // row id → change (Update, Delete)
    QStringList quotedColumns;
};

GroupStatement statementFor(const Group& group, const QList<KeyChange>& changes)
{
    GroupStatement statement { group, group.columns.size() + (group.op == RowOp::Insert ? 0 : 1), {}, {},
        {} };
    statement.binds.reserve(group.rows.size() * statement.width);
    for (const auto& [c, r] : group.rows) {
        const RowChange& row = changes.at(c).changes.at(r);
        if (group.op != RowOp::Insert) {
            statement.binds.append(row.id);
            statement.owner.insert(row.id, c);
        }
        for (const QString& column : group.columns)
            statement.binds.append(row.values.value(column));
    }
    for (const QString& column : group.columns)
        statement.quotedColumns.append(quoted(column));
    return statement;
}

Result<void> deleteGroup(Database& db, const GroupStatement& statement, const QStringList& types,
    const QList<KeyChange>& changes, std::vector<KeyAudit>& audits)
{
    const Group& group = statement.group;
    auto query = db.exec(QStringLiteral("DELETE FROM %1 WHERE id IN (VALUES %2)")
                             .arg(group.table, valuesList(types, statement.width, group.rows.size())),
        statement.binds);
    if (!query)
        return query.error();
    for (const auto& [c, r] : group.rows)
        audits[size_t(c)].removed(group.table, changes.at(c).changes.at(r).id);
    return {};
}

Result<void> updateGroup(Database& db, const GroupStatement& statement, const QStringList& types,
    const PlatformSchema& schema, std::vector<KeyAudit>& audits)
{
    const Group& group = statement.group;
    QStringList sets;
    for (const QString& column : statement.quotedColumns)
        sets.append(column + QStringLiteral(" = v.") + column);
    // RETURNING names the table on each column: v has the same column names.
    const QString source = QStringLiteral("(VALUES %1) AS v(id, %2)")
                               .arg(valuesList(types, statement.width, group.rows.size()),
                                   statement.quotedColumns.join(QStringLiteral(", ")));
    const QString returning = schema.selectList(group.table, QStringLiteral("t"));
    auto query = db.exec(QStringLiteral("UPDATE %1 AS t SET %2 FROM %3 WHERE t.id = v.id RETURNING %4")
                             .arg(group.table, sets.join(QStringLiteral(", ")), source, returning),
        statement.binds);
    if (!query)
        return query.error();
    QSet<qint64> returned;
    const QStringList columns = columnNames(*query);
    while (query->next()) {
        const Row written = currentRow(*query, columns);
        const qint64 id = rowId(written);
        audits[size_t(statement.owner.value(id))].written(group.table, id, written);
        returned.insert(id);
    }
    for (auto it = statement.owner.cbegin(); it != statement.owner.cend(); ++it) {
        if (!returned.contains(it.key()))
            audits[size_t(it.value())].removed(group.table, it.key());
    }
    return {};
}

// Whether every integer `values` holds is what the row `written` holds.
bool sameIntegers(const Row& values, const Row& written)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const int type = it.value().typeId();
        const bool integral = type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::UInt
            || type == QMetaType::ULongLong;
        if (integral && !it.value().isNull()
            && written.value(it.key()).toLongLong() != it.value().toLongLong())
            return false;
    }
    return true;
}

Result<void> insertGroup(Database& db, const GroupStatement& statement, const QList<KeyChange>& changes,
    const PlatformSchema& schema, std::vector<KeyAudit>& audits)
{
    const Group& group = statement.group;
    auto query
        = db.exec(QStringLiteral("INSERT INTO %1 (%2) VALUES %3 RETURNING %4")
                      .arg(group.table, statement.quotedColumns.join(QStringLiteral(", ")),
                          valuesList({}, statement.width, group.rows.size()), schema.selectList(group.table)),
            statement.binds);
    if (!query)
        return query.error();
    QList<Row> written;
    written.reserve(group.rows.size());
    const QStringList columns = columnNames(*query);
    while (query->next())
        written.append(currentRow(*query, columns));
    // The rows are inserted in the VALUES order, so their ids ascend in that order; every
    // integer written is checked against the row that got the id.
    std::sort(written.begin(), written.end(), [](const Row& a, const Row& b) { return rowId(a) < rowId(b); });
    if (written.size() != group.rows.size())
        return Error { ErrorCode::Sql,
            QStringLiteral("inserting into %1 returned %2 rows for %3")
                .arg(group.table)
                .arg(written.size())
                .arg(group.rows.size()) };
    for (qsizetype i = 0; i < written.size(); ++i) {
        const auto& [c, r] = group.rows.at(i);
        if (!sameIntegers(changes.at(c).changes.at(r).values, written.at(i)))
            return Error { ErrorCode::Sql,
                QStringLiteral("inserting into %1 returned its rows out of order").arg(group.table) };
        audits[size_t(c)].written(group.table, rowId(written.at(i)), written.at(i));
    }
    return {};
}

// One statement for the rows of `group`, each written row handed to its key's audit.
Result<void> writeGroup(Session& session, const Group& group, const QStringList& types,
    const QList<KeyChange>& changes, std::vector<KeyAudit>& audits, const PlatformSchema& schema)
{
    const GroupStatement statement = statementFor(group, changes);
    switch (group.op) {
    case RowOp::Delete:
        return deleteGroup(session.db(), statement, types, changes, audits);
    case RowOp::Update:
        return updateGroup(session.db(), statement, types, schema, audits);
    case RowOp::Insert:
        return insertGroup(session.db(), statement, changes, schema, audits);
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace

Result<QHash<QString, QString>> SetBasedBatch::columnTypes(const QString& tableName)
{
    if (auto found = m_types.constFind(tableName); found != m_types.cend())
        return *found;
    auto query = m_session.db().exec(
        QStringLiteral("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped"),
        { tableName });
    if (!query)
        return query.error();
    QHash<QString, QString> types;
    while (query->next())
        types.insert(query->value(0).toString(), query->value(1).toString());
    m_types.insert(tableName, types);
    return types;
}

Result<std::optional<QList<qint64>>> SetBasedBatch::execute(
    const QList<KeyChange>& changes, std::optional<qint64> batchId)
{
    auto schema = m_session.platform();
    if (!schema)
        return schema.error();
    const std::optional<QList<Group>> groups = groupsInOrder(changes, **schema);
    if (!groups)
        return std::optional<QList<qint64>>();
    std::vector<KeyAudit> audits;
    audits.reserve(size_t(changes.size()));
    for (const KeyChange& change : changes)
        audits.emplace_back(change);

    for (const Group& group : *groups) {
        QStringList types; // the types of the VALUES columns of an update or delete
        if (group.op != RowOp::Insert) {
            auto columns = columnTypes(group.table);
            if (!columns)
                return columns.error();
            types.append(columns->value(column::id));
            for (const QString& column : group.columns)
                types.append(columns->value(column));
            if (types.contains(QString()))
                return Error { ErrorCode::Sql,
                    QStringLiteral("%1 lacks a column the batch writes").arg(group.table) };
        }
        CC_TRY(writeGroup(m_session, group, types, changes, audits, **schema));
    }

    QList<AuditEntry> entries;
    for (qsizetype c = 0; c < changes.size(); ++c) {
        if (!changes.at(c).isEmpty())
            entries.append(audits[size_t(c)].entry(m_session, changes.at(c), batchId));
    }
    auto ids = AuditLog::recordMany(m_session, entries);
    if (!ids)
        return ids.error();
    return std::optional<QList<qint64>>(*ids);
}

} // namespace cc
