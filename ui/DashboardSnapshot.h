#pragma once

#include "AuditLog.h"
#include "HealthReport.h"
#include "Session.h"
#include "charts/RateHistoryChart.h"

namespace cc::ui {

// What one dashboard refresh reads from stored runs (never a new check), in the worker thread.
struct DashboardSnapshot {
    std::optional<HealthReport> latest; // latest completed run
    std::optional<HealthReport> newest; // newest run of any status (running, failed, cancelled)
    QList<RatePoint> history; // oldest first, at most maxPoints (older runs bucketed)
    QList<AuditChangeBucket> changes; // the range's changes, bucketed (AuditLog::changeBuckets)
    qint64 changesSinceCheck = 0;
    QList<ViolationRecord> topViolations;
    QDateTime from;
    QDateTime to;

    static constexpr int maxPoints = 2000;
    static constexpr int changeBuckets = 60; // about this many buckets of changes over the range
    // rangeSeconds <= 0: all runs.
    static Result<DashboardSnapshot> read(Session& session, qint64 rangeSeconds);
    static QList<RatePoint> bucketed(const QList<RatePoint>& oldestFirst, int maxPoints);
};

} // namespace cc::ui
