// AuditLog::changeBuckets: the audit log's changes over a time range, counted by the database in
// one grouped statement.
#include "audit/AuditLog.h"

#include "base/Time.h"

#include <QSqlError>

#include <algorithm>

namespace cc {

namespace {

// A bucket width of whole minutes that gives at most `buckets` buckets over `spanMs`, rounded up
// to a width a clock reads easily (buckets then start at 14:05, 14:10, …).
qint64 bucketWidthMs(qint64 spanMs, int buckets)
{
    constexpr qint64 minute = 60000;
    const qint64 wanted = std::max<qint64>(minute, (spanMs + buckets - 1) / std::max(1, buckets));
    for (const qint64 minutes : { 1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440 }) {
        if (minutes * minute >= wanted)
            return minutes * minute;
    }
    constexpr qint64 day = 1440 * minute;
    return (wanted + day - 1) / day * day;
}

// An entry's time in milliseconds since the epoch, rounded to the millisecond (`at` is ISO-8601
// UTC text on both engines), divided by the bound bucket width.
QString bucketExpression(const Database& db)
{
    const SqlDialect& dialect = db.dialect();
    return dialect.epochMillis(QStringLiteral("at")) + QStringLiteral(" / ") + dialect.bigintParameter();
}

// QA's writes and an inject action (a name no version writes that starts with "inject" too).
// Adds one grouped row (a bucket's entries of one source and action) to `buckets`, oldest first.
void addRow(QList<AuditChangeBucket>& buckets, const QSqlQuery& row, qint64 widthMs)
{
    const qint64 index = row.value(0).toLongLong();
    const bool injections
        = isInjection(auditSourceFromName(row.value(1).toString()), row.value(2).toString());
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(index * widthMs, Qt::UTC);
    auto bucket = std::find_if(buckets.begin(), buckets.end(), [&](const AuditChangeBucket& known) {
        return known.start == start && known.injections == injections;
    });
    if (bucket == buckets.end()) {
        AuditChangeBucket added;
        added.start = start;
        added.end = start.addMSecs(widthMs);
        added.injections = injections;
        buckets.append(added);
        bucket = buckets.end() - 1;
    }
    const QString action = row.value(2).toString();
    auto count = std::find_if(bucket->actions.begin(), bucket->actions.end(),
        [&](const AuditActionCount& known) { return known.action == action; });
    if (count == bucket->actions.end()) {
        bucket->actions.append(AuditActionCount { action, 0, 0 });
        count = bucket->actions.end() - 1;
    }
    const qint64 entries = row.value(3).toLongLong();
    const qint64 batches = row.value(4).toLongLong();
    count->entries += entries;
    count->batches += batches;
    bucket->entries += entries;
    bucket->batches += batches;
    const QDateTime first = parseIsoUtc(row.value(5).toString());
    const QDateTime last = parseIsoUtc(row.value(6).toString());
    bucket->first = bucket->first.isValid() ? std::min(bucket->first, first) : first;
    bucket->last = std::max(bucket->last, last);
}

} // namespace

Result<QList<AuditChangeBucket>> AuditLog::changeBuckets(
    Database& db, const QDateTime& from, const QDateTime& to, int buckets)
{
    QList<AuditChangeBucket> result;
    if (!from.isValid() || !to.isValid() || to < from)
        return result;
    const qint64 width = bucketWidthMs(from.msecsTo(to), buckets);
    const qint64 firstStart = from.toMSecsSinceEpoch() / width * width;
    const qint64 lastEnd = (to.toMSecsSinceEpoch() / width + 1) * width;
    const QString sql = QStringLiteral("SELECT ") + bucketExpression(db)
        + QStringLiteral(", source, action, count(*), count(DISTINCT batch_id), min(at), max(at) FROM ")
        + db.tool("audit")
        + QStringLiteral(" WHERE at >= ? AND at < ? AND source <> ? AND action <> ? AND action <> ? "
                         "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    auto query = db.exec(sql,
        { width, isoUtc(QDateTime::fromMSecsSinceEpoch(firstStart, Qt::UTC)),
            isoUtc(QDateTime::fromMSecsSinceEpoch(lastEnd, Qt::UTC)), auditSourceName(AuditSource::System),
            auditActionName(AuditAction::Init), auditActionName(AuditAction::Demo) });
    if (!query)
        return query.error();
    while (query->next())
        addRow(result, *query, width);
    if (query->lastError().isValid())
        return db.sqlError(query->lastError(), QStringLiteral("counting the audit log's changes"));
    for (AuditChangeBucket& bucket : result)
        std::stable_sort(bucket.actions.begin(), bucket.actions.end(),
            [](const AuditActionCount& a, const AuditActionCount& b) { return a.entries > b.entries; });
    return result;
}

AuditFilter AuditLog::entriesOf(const AuditChangeBucket& bucket)
{
    AuditFilter filter;
    filter.since = bucket.start;
    filter.until = bucket.end;
    if (bucket.injections)
        filter.source = auditSourceName(AuditSource::Qa);
    if (bucket.actions.size() == 1)
        filter.action = bucket.actions.first().action;
    return filter;
}

} // namespace cc
