#include "check/ScheduledCheck.h"

#include "check/RunStore.h"

namespace cc {

Result<std::optional<HealthReport>> ScheduledCheck::run(
    Session& session, const CheckOptions& options, qint64 intervalSeconds)
{
    if (intervalSeconds > 0 && session.toolsInstalled()) {
        auto latest = RunStore::latestCompleted(session.db());
        if (!latest)
            return latest.error();
        if (*latest && (*latest)->startedAt.secsTo(session.now()) < intervalSeconds)
            return std::optional<HealthReport>();
    }
    auto report = HealthCheck::run(session, options);
    if (!report)
        return report.error();
    return std::optional<HealthReport>(std::move(*report));
}

} // namespace cc
