#pragma once

#include "check/HealthCheck.h"

#include <optional>

namespace cc {

// A check started by a schedule (docs/BEHAVIOUR.md C4, "Scheduled checks"): skipped when any
// completed run, by anyone (another console, cron), is younger than the schedule's interval.
class ScheduledCheck final {
public:
    ScheduledCheck() = delete;

    // The check's report, or std::nullopt when a younger run made it unnecessary. An interval of 0
    // or less always checks.
    static Result<std::optional<HealthReport>> run(
        Session& session, const CheckOptions& options, qint64 intervalSeconds);
};

} // namespace cc
