#include "AuditLog.h"

#include "Time.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace cc {

namespace {

QString json(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant nullableId(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> readOptional(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

const char* const auditColumns = "id, at, operator_id, operator_email, source, action, user_id, track, before_json, "
                                 "after_json, reason, batch_id, reverts_id";

AuditEntry readEntry(const QSqlQuery& query)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.at = parseIsoUtc(query.value(1).toString());
    entry.operatorId = readOptional(query.value(2));
    entry.operatorEmail = query.value(3).toString();
    entry.source = query.value(4).toString();
    entry.action = query.value(5).toString();
    entry.userId = readOptional(query.value(6));
    entry.track = query.value(7).toString();
    entry.before = QJsonDocument::fromJson(query.value(8).toString().toUtf8()).object();
    entry.after = QJsonDocument::fromJson(query.value(9).toString().toUtf8()).object();
    entry.reason = query.value(10).toString();
    entry.batchId = readOptional(query.value(11));
    entry.revertsId = readOptional(query.value(12));
    return entry;
}

} // namespace

Result<qint64> AuditLog::record(Session& session, AuditEntry entry)
{
    Database& db = session.db();
    const Operator& op = session.op();
    auto query = db.execReused(QStringLiteral("INSERT INTO ") + db.tool("audit")
                            + QStringLiteral(" (at, operator_id, operator_email, source, action, user_id, track, before_json, "
                                             "after_json, reason, batch_id, reverts_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                             "RETURNING id"),
                        { isoUtc(entry.at.isValid() ? entry.at : session.now()), op.isSystem() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(op.id),
                          op.displayName(), entry.source.isEmpty() ? session.source() : entry.source, entry.action,
                          nullableId(entry.userId), entry.track, entry.beforeText.isNull() ? json(entry.before) : entry.beforeText,
                          entry.afterText.isNull() ? json(entry.after) : entry.afterText, entry.reason,
                          nullableId(entry.batchId), nullableId(entry.revertsId) });
    if (!query)
        return query.error();
    if (!(*query)->next())
        return Error { ErrorCode::Sql, QStringLiteral("the audit insert returned no id") };
    const qint64 id = (*query)->value(0).toLongLong();
    (*query)->finish();
    return id;
}

Result<QList<qint64>> AuditLog::recordMany(Session& session, const QList<AuditEntry>& entries)
{
    QList<qint64> ids;
    if (entries.isEmpty())
        return ids;
    Database& db = session.db();
    if (!db.isPostgres() || entries.size() == 1) {
        // SQLite runs in-process: a reused one-row insert costs no round trip.
        for (const AuditEntry& entry : entries) {
            auto id = record(session, entry);
            if (!id)
                return id.error();
            ids.append(*id);
        }
        return ids;
    }
    // One bound JSON array of entries, parsed once (json_to_recordset). before and after go in as
    // JSON values, and PostgreSQL's json type keeps their text as given, so the stored text is what
    // record() would store.
    const Operator& op = session.op();
    const QString operatorId = op.isSystem() ? QStringLiteral("null") : QString::number(op.id);
    auto optionalId = [](const std::optional<qint64>& value) { return value ? QString::number(*value) : QStringLiteral("null"); };
    auto text = [](const QString& value) -> QString {
        if (value.isNull())
            return QStringLiteral("null"); // bound as NULL by record()
        return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    };
    QString list = QStringLiteral("[");
    for (const AuditEntry& entry : entries) {
        if (list.size() > 1)
            list += u',';
        list += QStringLiteral("{\"at\":") + text(isoUtc(entry.at.isValid() ? entry.at : session.now()))
            + QStringLiteral(",\"operator_id\":") + operatorId + QStringLiteral(",\"operator_email\":") + text(op.displayName())
            + QStringLiteral(",\"source\":") + text(entry.source.isEmpty() ? session.source() : entry.source)
            + QStringLiteral(",\"action\":") + text(entry.action) + QStringLiteral(",\"user_id\":") + optionalId(entry.userId)
            + QStringLiteral(",\"track\":") + text(entry.track)
            + QStringLiteral(",\"before_json\":") + (entry.beforeText.isNull() ? json(entry.before) : entry.beforeText)
            + QStringLiteral(",\"after_json\":") + (entry.afterText.isNull() ? json(entry.after) : entry.afterText)
            + QStringLiteral(",\"reason\":") + text(entry.reason) + QStringLiteral(",\"batch_id\":") + optionalId(entry.batchId)
            + QStringLiteral(",\"reverts_id\":") + optionalId(entry.revertsId) + u'}';
    }
    list += u']';
    // Rows are inserted in the array's order, so their ids ascend in that order.
    auto query = db.execReused(QStringLiteral("INSERT INTO ") + db.tool("audit")
                                   + QStringLiteral(" (at, operator_id, operator_email, source, action, user_id, track, before_json, "
                                                    "after_json, reason, batch_id, reverts_id) "
                                                    "SELECT e.at, e.operator_id, e.operator_email, e.source, e.action, e.user_id, e.track, "
                                                    "CAST(e.before_json AS text), CAST(e.after_json AS text), e.reason, e.batch_id, e.reverts_id "
                                                    "FROM ROWS FROM (json_to_recordset(CAST(? AS json)) AS (at text, operator_id bigint, "
                                                    "operator_email text, source text, action text, user_id bigint, track text, before_json json, "
                                                    "after_json json, reason text, batch_id bigint, reverts_id bigint)) WITH ORDINALITY "
                                                    "AS e(at, operator_id, operator_email, source, action, user_id, track, before_json, after_json, "
                                                    "reason, batch_id, reverts_id, n) ORDER BY e.n "
                                                    "RETURNING id"),
                               { list });
    if (!query)
        return query.error();
    while ((*query)->next())
        ids.append((*query)->value(0).toLongLong());
    (*query)->finish();
    if (ids.size() != entries.size())
        return Error { ErrorCode::Sql, QStringLiteral("the audit insert returned %1 ids for %2 entries").arg(ids.size()).arg(entries.size()) };
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<qint64> AuditLog::newBatch(Session& session, const QString& action)
{
    Database& db = session.db();
    auto id = db.scalar(QStringLiteral("INSERT INTO ") + db.tool("batches")
                            + QStringLiteral(" (at, action, operator_email) VALUES (?, ?, ?) RETURNING id"),
                        { isoUtc(session.now()), action, session.op().displayName() });
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<std::optional<AuditEntry>> AuditLog::entry(Database& db, qint64 id)
{
    auto query = db.exec(QStringLiteral("SELECT ") + QLatin1String(auditColumns) + QStringLiteral(" FROM ") + db.tool("audit")
                         + QStringLiteral(" WHERE id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(readEntry(*query));
}

namespace {

// Text filters are matched exactly; NUL cannot be stored in a PostgreSQL text, so it is refused on
// both engines alike.
Result<void> checkFilter(const AuditFilter& filter)
{
    if (filter.operatorEmail.contains(QChar(0)) || filter.action.contains(QChar(0)) || filter.source.contains(QChar(0)))
        return refused(QStringLiteral("the audit filter contains a NUL character"));
    return {};
}

// The WHERE clause (from " WHERE") and its bound values for a filter; paging and order excluded.
std::pair<QString, QVariantList> whereClause(const AuditFilter& filter)
{
    QString sql = QStringLiteral(" WHERE 1 = 1");
    QVariantList binds;
    if (filter.userId) {
        sql += QStringLiteral(" AND user_id = ?");
        binds << *filter.userId;
    }
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND at >= ?");
        binds << isoUtc(filter.since);
    }
    if (!filter.operatorEmail.isEmpty()) {
        sql += QStringLiteral(" AND operator_email = ?");
        binds << filter.operatorEmail;
    }
    if (!filter.source.isEmpty()) {
        sql += QStringLiteral(" AND source = ?");
        binds << filter.source;
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << filter.action;
    }
    if (filter.batchId) {
        sql += QStringLiteral(" AND batch_id = ?");
        binds << *filter.batchId;
    }
    if (filter.afterId > 0) {
        sql += filter.newestFirst ? QStringLiteral(" AND id < ?") : QStringLiteral(" AND id > ?");
        binds << filter.afterId;
    }
    return { sql, binds };
}

} // namespace

Result<QList<AuditEntry>> AuditLog::entries(Database& db, const AuditFilter& filter)
{
    QList<AuditEntry> list;
    CC_TRY(forEachEntry(db, filter, [&](const AuditEntry& entry) -> Result<void> {
        list.append(entry);
        return {};
    }));
    return list;
}

Result<void> AuditLog::forEachEntry(Database& db, const AuditFilter& filter, const std::function<Result<void>(const AuditEntry&)>& visit)
{
    CC_TRY(checkFilter(filter));
    auto [where, binds] = whereClause(filter);
    QString sql = QStringLiteral("SELECT ") + QLatin1String(auditColumns) + QStringLiteral(" FROM ") + db.tool("audit") + where;
    sql += filter.newestFirst ? QStringLiteral(" ORDER BY id DESC") : QStringLiteral(" ORDER BY id");
    if (filter.limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        binds << filter.limit;
    }
    auto query = db.exec(sql, binds);
    if (!query)
        return query.error();
    while (query->next())
        CC_TRY(visit(readEntry(*query)));
    if (query->lastError().isValid())
        return db.sqlError(query->lastError(), QStringLiteral("reading the audit log"));
    return {};
}

Result<qint64> AuditLog::count(Database& db, const AuditFilter& filter)
{
    CC_TRY(checkFilter(filter));
    const auto [where, binds] = whereClause(filter);
    auto count = db.scalar(QStringLiteral("SELECT count(*) FROM ") + db.tool("audit") + where, binds);
    if (!count)
        return count.error();
    return filter.limit >= 0 ? std::min(filter.limit, count->toLongLong()) : count->toLongLong();
}

Result<QDateTime> AuditLog::newestEntryTime(Database& db)
{
    auto at = db.scalar(QStringLiteral("SELECT max(at) FROM ") + db.tool("audit"));
    if (!at)
        return at.error();
    return at->isNull() ? QDateTime() : parseIsoUtc(at->toString());
}

Result<qint64> AuditLog::countSince(Database& db, const QDateTime& since)
{
    auto count = db.scalar(QStringLiteral("SELECT count(*) FROM ") + db.tool("audit") + QStringLiteral(" WHERE at >= ?"), { isoUtc(since) });
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace cc
