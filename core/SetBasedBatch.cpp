#include "SetBasedBatch.h"

#include "AuditLog.h"
#include "KeyAudit.h"
#include "PlatformSchema.h"

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

// The batch's groups in an order every key's own statement order agrees with (the first group
// created first among those ready), or std::nullopt when the changes do not fit.
std::optional<QList<Group>> groupsInOrder(const QList<KeyChange>& changes, const PlatformSchema& schema)
{
    QList<Group> groups;
    QHash<QString, qsizetype> bySignature;
    std::vector<std::set<qsizetype>> next;
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
                next.emplace_back();
            }
            if (group != previous) {
                if (seen.contains(group))
                    return std::nullopt;
                if (previous >= 0)
                    next[size_t(previous)].insert(group);
                seen.insert(group);
                previous = group;
            }
            groups[group].rows.append({ c, r });
        }
    }
    for (const Group& group : std::as_const(groups)) {
        if (group.op == RowOp::Insert)
            continue;
        QSet<qint64> ids;
        for (const auto& [c, r] : group.rows) {
            const qint64 id = changes.at(c).changes.at(r).id;
            if (ids.contains(id))
                return std::nullopt;
            ids.insert(id);
        }
    }
    std::vector<int> incoming(size_t(groups.size()), 0);
    for (const std::set<qsizetype>& targets : next) {
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
        for (qsizetype target : next[size_t(ready)])
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

// One statement for the rows of `group`, each written row handed to its key's audit.
Result<void> writeGroup(Session& session, const Group& group, const QStringList& types,
    const QList<KeyChange>& changes, std::vector<KeyAudit>& audits, const PlatformSchema& schema)
{
    Database& db = session.db();
    const qsizetype width = group.columns.size() + (group.op == RowOp::Insert ? 0 : 1);
    QVariantList binds;
    binds.reserve(group.rows.size() * width);
    QHash<qint64, qsizetype> owner; // row id → change (Update, Delete)
    for (const auto& [c, r] : group.rows) {
        const RowChange& row = changes.at(c).changes.at(r);
        if (group.op != RowOp::Insert) {
            binds.append(row.id);
            owner.insert(row.id, c);
        }
        for (const QString& column : group.columns)
            binds.append(row.values.value(column));
    }
    QStringList quotedColumns;
    for (const QString& column : group.columns)
        quotedColumns.append(quoted(column));

    if (group.op == RowOp::Delete) {
        auto query = db.exec(QStringLiteral("DELETE FROM %1 WHERE id IN (VALUES %2)")
                                 .arg(group.table, valuesList(types, width, group.rows.size())),
            binds);
        if (!query)
            return query.error();
        for (const auto& [c, r] : group.rows)
            audits[size_t(c)].removed(group.table, changes.at(c).changes.at(r).id);
    } else if (group.op == RowOp::Update) {
        QStringList sets;
        for (const QString& column : quotedColumns)
            sets.append(column + QStringLiteral(" = v.") + column);
        // RETURNING names the table on each column: v has the same column names.
        const QString source
            = QStringLiteral("(VALUES %1) AS v(id, %2)")
                  .arg(valuesList(types, width, group.rows.size()), quotedColumns.join(QStringLiteral(", ")));
        const QString returning = schema.selectList(group.table, QStringLiteral("t"));
        auto query = db.exec(QStringLiteral("UPDATE %1 AS t SET %2 FROM %3 WHERE t.id = v.id RETURNING %4")
                                 .arg(group.table, sets.join(QStringLiteral(", ")), source, returning),
            binds);
        if (!query)
            return query.error();
        QSet<qint64> returned;
        const QStringList columns = columnNames(*query);
        while (query->next()) {
            const Row written = currentRow(*query, columns);
            const qint64 id = rowId(written);
            audits[size_t(owner.value(id))].written(group.table, id, written);
            returned.insert(id);
        }
        for (auto it = owner.cbegin(); it != owner.cend(); ++it) {
            if (!returned.contains(it.key()))
                audits[size_t(it.value())].removed(group.table, it.key());
        }
    } else {
        auto query
            = db.exec(QStringLiteral("INSERT INTO %1 (%2) VALUES %3 RETURNING %4")
                          .arg(group.table, quotedColumns.join(QStringLiteral(", ")),
                              valuesList({}, width, group.rows.size()), schema.selectList(group.table)),
                binds);
        if (!query)
            return query.error();
        QList<Row> written;
        written.reserve(group.rows.size());
        const QStringList columns = columnNames(*query);
        while (query->next())
            written.append(currentRow(*query, columns));
        // The rows are inserted in the VALUES order, so their ids ascend in that order; every
        // integer written is checked against the row that got the id.
        std::sort(
            written.begin(), written.end(), [](const Row& a, const Row& b) { return rowId(a) < rowId(b); });
        if (written.size() != group.rows.size())
            return Error { ErrorCode::Sql,
                QStringLiteral("inserting into %1 returned %2 rows for %3")
                    .arg(group.table)
                    .arg(written.size())
                    .arg(group.rows.size()) };
        for (qsizetype i = 0; i < written.size(); ++i) {
            const auto& [c, r] = group.rows.at(i);
            const Row& values = changes.at(c).changes.at(r).values;
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                const int type = it.value().typeId();
                const bool integral = type == QMetaType::Int || type == QMetaType::LongLong
                    || type == QMetaType::UInt || type == QMetaType::ULongLong;
                if (integral && !it.value().isNull()
                    && written.at(i).value(it.key()).toLongLong() != it.value().toLongLong())
                    return Error { ErrorCode::Sql,
                        QStringLiteral("inserting into %1 returned its rows out of order").arg(group.table) };
            }
            audits[size_t(c)].written(group.table, rowId(written.at(i)), written.at(i));
        }
    }
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
            types.append(columns->value(QStringLiteral("id")));
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
