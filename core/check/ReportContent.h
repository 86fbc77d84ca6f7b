#pragma once

#include "check/HealthReport.h"
#include "session/Session.h"

namespace cc {

// What the printed health report shows: the latest completed run and its first violations.
// Loaded in the thread that owns the session; a plain value afterwards.
struct ReportContent {
    static constexpr int topCount = 20;

    HealthReport run; // the latest completed run (its counts, thresholds and database)
    QList<ViolationRecord> topViolations; // its first primary violations in key order, at most topCount
    QString database; // where the report was made (the session's connection)
    QDateTime generatedAt; // UTC

    // NotFound when no check has completed yet.
    static Result<ReportContent> load(Session& session);
};

} // namespace cc
