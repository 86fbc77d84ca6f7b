#include "write/KeyExecution.h"

#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/KeyAudit.h"

namespace cc::keywrite {

Result<void> lockKeys(Session& session, QList<KeyRef> keys)
{
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return session.db().dialect().lockKeys(session.db(), keys); // in (user_id, track) order
}

namespace {

// A statement's error, naming the row it wrote: the database's own words name the constraint.
Error inContext(Error error, const RowChange& row)
{
    if (error.code != ErrorCode::Sql)
        return error;
    QString what;
    switch (row.op) {
    case RowOp::Insert:
        what = QStringLiteral("inserting a %1 row").arg(row.table);
        break;
    case RowOp::Delete:
        what = QStringLiteral("deleting %1 row %2").arg(row.table).arg(row.id);
        break;
    case RowOp::Update:
        what = QStringLiteral("updating %1 row %2 (%3)")
                   .arg(row.table)
                   .arg(row.id)
                   .arg(QStringList(row.values.keys()).join(QStringLiteral(", ")));
        break;
    }
    error.message = what + QStringLiteral(": ") + error.message;
    return error;
}

} // namespace

bool skipsKey(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Refused:
    case ErrorCode::NotFound:
    case ErrorCode::Sql:
    case ErrorCode::Busy:
        return true;
    default:
        return false;
    }
}

QString skipReason(const Error& error)
{
    if (error.code == ErrorCode::Sql)
        return skipReasonText(SkipClass::ManualReview, error.message);
    if (error.code == ErrorCode::Busy)
        return skipReasonText(SkipClass::Locked,
            QStringLiteral(
                "another session held this key's rows past the lock timeout; nothing was changed"));
    return error.message;
}

Result<std::optional<AuditEntry>> executeChange(
    Session& session, const KeyChange& change, std::optional<qint64> batchId)
{
    if (change.isEmpty())
        return std::optional<AuditEntry>();
    KeyAudit audit(change);
    QSet<std::pair<QString, qint64>> reread;
    for (const RowChange& row : change.changes) {
        const QString returning = change.returning.value(row.table);
        const PlannedStatement statement = statementFor(row, returning);
        auto query = session.db().execReused(statement.sql, statement.binds);
        if (!query)
            return inContext(query.error(), row);
        const QStringList columns = returning.isEmpty() ? QStringList() : columnNames(**query);
        if (row.op == RowOp::Insert) {
            if (!(*query)->next())
                return Error { ErrorCode::Sql,
                    QStringLiteral("inserting into %1 returned no id").arg(row.table) };
            if (returning.isEmpty()) {
                const qint64 id = (*query)->value(0).toLongLong();
                audit.written(row.table, id, Row());
                reread.insert({ row.table, id });
            } else {
                const Row written = currentRow(**query, columns);
                audit.written(row.table, rowId(written), written);
            }
        } else if (row.op == RowOp::Update) {
            if (returning.isEmpty())
                reread.insert({ row.table, row.id });
            else if ((*query)->next())
                audit.written(row.table, row.id, currentRow(**query, columns));
            else
                audit.removed(row.table, row.id);
        } else {
            audit.removed(row.table, row.id);
            reread.remove({ row.table, row.id });
        }
        (*query)->finish();
    }
    for (const auto& [tableName, id] : std::as_const(reread)) {
        auto row = RowReader::byId(session, tableName, id, false);
        if (!row)
            return row.error();
        if (*row)
            audit.written(tableName, id, **row);
        else
            audit.removed(tableName, id);
    }
    return std::optional<AuditEntry>(audit.entry(session, change, batchId));
}

Result<std::optional<qint64>> executeKey(
    Session& session, const KeyChange& change, std::optional<qint64> batchId)
{
    auto entry = executeChange(session, change, batchId);
    if (!entry)
        return entry.error();
    if (!*entry)
        return std::optional<qint64>();
    auto id = AuditLog::record(session, **entry);
    if (!id)
        return id.error();
    return std::optional<qint64>(*id);
}

} // namespace cc::keywrite
