#pragma once

#include "audit/AuditLog.h"
#include "check/HealthReport.h"
#include "session/Session.h"

#include <QDateTime>
#include <QList>

namespace cc {

// One point of the rate history: a completed run's time and rate (percent).
struct RatePoint {
    QDateTime at;
    double rate = 0; // percent

    bool operator==(const RatePoint&) const = default;
};

// The dashboard's read model: what one refresh reads from stored runs and the audit log (never a
// new check), in a worker thread, for any front end to show.
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

} // namespace cc
