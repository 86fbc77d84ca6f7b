#include "check/ReportContent.h"

#include "check/RunStore.h"

namespace cc {

Result<ReportContent> ReportContent::load(Session& session)
{
    Database& db = session.db();
    auto latest = RunStore::latestCompleted(db);
    if (!latest)
        return latest.error();
    if (!*latest)
        return notFound(QStringLiteral("there is no completed health check yet: run coupling-console check"));
    ReportContent content;
    content.run = **latest;
    ViolationFilter filter;
    filter.runId = content.run.runId;
    filter.limit = topCount;
    auto top = RunStore::violations(db, filter);
    if (!top)
        return top.error();
    for (const StoredViolation& row : std::as_const(*top))
        content.topViolations.append(row.record);
    content.database = db.profile().describe();
    content.generatedAt = session.now();
    return content;
}

} // namespace cc
