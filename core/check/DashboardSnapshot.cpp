#include "check/DashboardSnapshot.h"

#include "audit/AuditLog.h"
#include "check/RunStore.h"

namespace cc {

namespace {
bool hasRate(const HealthReport& run)
{
    return run.rateHundredths.has_value()
        && (run.status == RunStatus::Healthy || run.status == RunStatus::Degraded
            || run.status == RunStatus::Critical);
}

} // namespace

Result<DashboardSnapshot> DashboardSnapshot::read(Session& session, qint64 rangeSeconds)
{
    Database& db = session.db();
    DashboardSnapshot snapshot;
    snapshot.to = session.now();
    if (rangeSeconds > 0)
        snapshot.from = snapshot.to.addSecs(-rangeSeconds);
    if (!session.toolsInstalled())
        return snapshot;

    auto latest = RunStore::latestCompleted(db);
    if (!latest)
        return latest.error();
    snapshot.latest = *latest;
    auto newest = RunStore::runs(db, 1);
    if (!newest)
        return newest.error();
    if (!newest->isEmpty())
        snapshot.newest = newest->first();

    auto runs = RunStore::runs(db, 50000, snapshot.from);
    if (!runs)
        return runs.error();
    QList<RatePoint> points;
    for (qsizetype i = runs->size() - 1; i >= 0; --i) { // oldest first
        const HealthReport& run = runs->at(i);
        if (hasRate(run))
            points.append(RatePoint { run.startedAt, double(*run.rateHundredths) / 100.0 });
    }
    snapshot.history = bucketed(points, maxPoints);
    if (!snapshot.from.isValid())
        snapshot.from = points.isEmpty() ? snapshot.to.addSecs(-3600) : points.first().at;

    auto changes = AuditLog::changeBuckets(db, snapshot.from, snapshot.to, changeBuckets);
    if (!changes)
        return changes.error();
    snapshot.changes = *changes;

    if (snapshot.latest) {
        auto sinceCheck = AuditLog::countSince(db, snapshot.latest->startedAt);
        if (!sinceCheck)
            return sinceCheck.error();
        snapshot.changesSinceCheck = *sinceCheck;
        ViolationFilter top;
        top.runId = snapshot.latest->runId;
        top.limit = 8;
        auto violations = RunStore::violations(db, top);
        if (!violations)
            return violations.error();
        for (const StoredViolation& row : std::as_const(*violations))
            snapshot.topViolations.append(row.record);
    }
    return snapshot;
}

QList<RatePoint> DashboardSnapshot::bucketed(const QList<RatePoint>& oldestFirst, int maxPoints)
{
    if (oldestFirst.size() <= maxPoints || maxPoints <= 0)
        return oldestFirst;
    // Equal-width time buckets; each non-empty bucket becomes one point at its mean time and rate.
    const qint64 start = oldestFirst.first().at.toMSecsSinceEpoch();
    const qint64 end = oldestFirst.last().at.toMSecsSinceEpoch();
    const double width = double(std::max<qint64>(1, end - start + 1)) / maxPoints;
    QList<RatePoint> result;
    int bucket = -1;
    double sumRate = 0;
    double sumTime = 0;
    int count = 0;
    const auto flush = [&] {
        if (count > 0)
            result.append(RatePoint {
                QDateTime::fromMSecsSinceEpoch(qint64(sumTime / count), Qt::UTC), sumRate / count });
        sumRate = sumTime = 0;
        count = 0;
    };
    for (const RatePoint& point : oldestFirst) {
        const qint64 ms = point.at.toMSecsSinceEpoch();
        const int index = std::min(maxPoints - 1, int(double(ms - start) / width));
        if (index != bucket) {
            flush();
            bucket = index;
        }
        sumRate += point.rate;
        sumTime += double(ms);
        ++count;
    }
    flush();
    return result;
}

} // namespace cc
