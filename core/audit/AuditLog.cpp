#include "audit/AuditLog.h"

#include "base/Time.h"
#include "schema/AuditChain.h"

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

const char* const auditColumns
    = "id, at, operator_id, operator_email, source, action, user_id, track, before_json, "
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

namespace {

QVariant nullableText(const QString& value)
{
    return value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

// One entry's stored values in AuditChain::hashedColumns() order, NULLs as typed null variants
// (the same values are bound and hashed).
QVariantList storedValues(Session& session, const AuditEntry& entry, qint64 id, const AuditLink& previous)
{
    const Operator& op = session.op();
    return { id, isoUtc(entry.at.isValid() ? entry.at : session.now()),
        op.isSystem() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(op.id),
        nullableText(op.displayName()),
        nullableText(entry.source.isEmpty() ? session.source() : entry.source), nullableText(entry.action),
        nullableId(entry.userId), nullableText(entry.track),
        entry.beforeText.isNull() ? json(entry.before) : entry.beforeText,
        entry.afterText.isNull() ? json(entry.after) : entry.afterText, nullableText(entry.reason),
        nullableId(entry.batchId), nullableId(entry.revertsId),
        previous.id > 0 ? QVariant(previous.id) : QVariant(QMetaType::fromType<qint64>()),
        previous.id > 0 ? nullableText(previous.hash) : QVariant(QMetaType::fromType<QString>()) };
}

QString insertColumns()
{
    return AuditChain::hashedColumns().join(QStringLiteral(", ")) + QStringLiteral(", entry_hash");
}

// One entry's values as a JSON object's members for json_to_recordset (the JSON states raw).
QString jsonMembers(const QVariantList& values, const QString& hash)
{
    const QStringList& columns = AuditChain::hashedColumns();
    QString members;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QVariant& value = values.at(i);
        QString text;
        if (value.isNull())
            text = QStringLiteral("null");
        else if (value.typeId() == QMetaType::LongLong)
            text = QString::number(value.toLongLong());
        else if (columns.at(i).endsWith(QLatin1String("_json")))
            text = value.toString();
        else
            text = QString::fromUtf8(
                QJsonDocument(QJsonArray { value.toString() }).toJson(QJsonDocument::Compact))
                       .mid(1)
                       .chopped(1);
        members += u'"' + columns.at(i) + QStringLiteral("\":") + text + u',';
    }
    return members + QStringLiteral("\"entry_hash\":\"") + hash + u'"';
}

} // namespace

Result<qint64> AuditLog::record(Session& session, const AuditEntry& entry)
{
    Database& db = session.db();
    auto tail = AuditChain::lockTail(db);
    if (!tail)
        return tail.error();
    const qint64 id = tail->id + 1;
    QVariantList binds = storedValues(session, entry, id, *tail);
    binds.append(AuditChain::hash(binds));
    auto query = db.execReused(QStringLiteral("INSERT INTO ") + db.tool("audit") + QStringLiteral(" (")
            + insertColumns() + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        binds);
    if (!query)
        return query.error();
    (*query)->finish();
    return id;
}

Result<QList<qint64>> AuditLog::recordMany(Session& session, const QList<AuditEntry>& entries)
{
    QList<qint64> ids;
    if (entries.isEmpty())
        return ids;
    Database& db = session.db();
    if (!db.dialect().groupsBulkWrites() || entries.size() == 1) {
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
    // record() would store (and what was hashed).
    auto tail = AuditChain::lockTail(db);
    if (!tail)
        return tail.error();
    AuditLink previous = *tail;
    QString list = QStringLiteral("[");
    for (const AuditEntry& entry : entries) {
        if (list.size() > 1)
            list += u',';
        const qint64 id = previous.id + 1;
        const QVariantList values = storedValues(session, entry, id, previous);
        const QString hash = AuditChain::hash(values);
        list += u'{' + jsonMembers(values, hash) + u'}';
        ids.append(id);
        previous = AuditLink { id, hash };
    }
    list += u']';
    auto query = db.execReused(QStringLiteral("INSERT INTO ") + db.tool("audit") + QStringLiteral(" (")
            + insertColumns()
            + QStringLiteral(
                ") SELECT e.id, e.at, e.operator_id, e.operator_email, e.source, e.action, e.user_id, "
                "e.track, "
                "CAST(e.before_json AS text), CAST(e.after_json AS text), e.reason, e.batch_id, "
                "e.reverts_id, "
                "e.prev_id, e.prev_hash, e.entry_hash "
                "FROM json_to_recordset(CAST(? AS json)) AS e(id bigint, at text, operator_id bigint, "
                "operator_email text, source text, action text, user_id bigint, track text, before_json "
                "json, "
                "after_json json, reason text, batch_id bigint, reverts_id bigint, prev_id bigint, "
                "prev_hash text, entry_hash text)"),
        { list });
    if (!query)
        return query.error();
    (*query)->finish();
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
    auto query = db.exec(QStringLiteral("SELECT ") + QLatin1String(auditColumns) + QStringLiteral(" FROM ")
            + db.tool("audit") + QStringLiteral(" WHERE id = ?"),
        { id });
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
    if (filter.operatorEmail.contains(QChar(0)) || filter.action.contains(QChar(0))
        || filter.source.contains(QChar(0)))
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
    if (filter.until.isValid()) {
        sql += QStringLiteral(" AND at < ?");
        binds << isoUtc(filter.until);
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

Result<void> AuditLog::forEachEntry(
    Database& db, const AuditFilter& filter, const std::function<Result<void>(const AuditEntry&)>& visit)
{
    CC_TRY(checkFilter(filter));
    auto [where, binds] = whereClause(filter);
    QString sql = QStringLiteral("SELECT ") + QLatin1String(auditColumns) + QStringLiteral(" FROM ")
        + db.tool("audit") + where;
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
    auto count = db.scalar(
        QStringLiteral("SELECT count(*) FROM ") + db.tool("audit") + QStringLiteral(" WHERE at >= ?"),
        { isoUtc(since) });
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace cc
