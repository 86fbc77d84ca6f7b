#include "check/RunStore.h"

#include "check/RunLiveness.h"
#include "rules/Severity.h"

#include <QSqlError>

// RunStore's reading of a run's stored violations (docs/BEHAVIOUR.md C4: `violations`, the GUI's
// Violations page, exports).
namespace cc {

namespace {

// A run that did not complete has no violations to list: say why rather than "0 violations".
Result<void> storedViolationsOf(const HealthReport& run)
{
    const qint64 id = run.runId.value_or(0);
    switch (run.status) {
    case RunStatus::Running:
        return refused(QStringLiteral("run %1 is still running: its violations are not stored yet").arg(id));
    case RunStatus::Abandoned:
        return refused(QStringLiteral(
            "run %1 was abandoned: its check stopped without finishing, so it has no violations")
                           .arg(id));
    case RunStatus::Cancelled:
    case RunStatus::Error:
        return refused(QStringLiteral("run %1 did not complete (%2): it has no violations")
                           .arg(id)
                           .arg(runStatusName(run.status)));
    case RunStatus::Healthy:
    case RunStatus::Degraded:
    case RunStatus::Critical:
    case RunStatus::NoData:
        return {};
    }
    return {};
}

Result<std::pair<QString, QVariantList>> whereClause(Database& db, const ViolationFilter& filter)
{
    auto run = RunStore::runFor(db, filter);
    if (!run)
        return run.error();
    const qint64 runId = *run;
    QString where = QStringLiteral(" WHERE run_id = ? AND severity = ?");
    QVariantList binds { runId, severityText(filter.warnings) };
    if (!filter.kind.isEmpty()) {
        where += QStringLiteral(" AND kind = ?");
        binds << filter.kind;
    }
    if (!filter.track.isEmpty()) {
        where += QStringLiteral(" AND track = ?");
        binds << filter.track;
    }
    if (filter.userId) {
        where += QStringLiteral(" AND user_id = ?");
        binds << *filter.userId;
    }
    return std::pair<QString, QVariantList> { where, binds };
}

} // namespace

Result<qint64> RunStore::runFor(Database& db, const ViolationFilter& filter)
{
    if (filter.runId) {
        auto found = RunStore::run(db, *filter.runId);
        if (!found)
            return found.error();
        if (!*found)
            return notFound(QStringLiteral("there is no stored run %1").arg(*filter.runId));
        CC_TRY(storedViolationsOf(**found));
        return *filter.runId;
    }
    auto latest = RunStore::latestCompleted(db);
    if (!latest)
        return latest.error();
    if (!*latest)
        return notFound(QStringLiteral("there is no completed health check yet: run coupling-console check"));
    return *(*latest)->runId;
}

Result<QList<StoredViolation>> RunStore::violations(Database& db, const ViolationFilter& filter)
{
    QList<StoredViolation> rows;
    CC_TRY(forEachViolation(db, filter, [&](const StoredViolation& row) -> Result<void> {
        rows.append(row);
        return {};
    }));
    return rows;
}

Result<void> RunStore::forEachViolation(Database& db, const ViolationFilter& filter,
    const std::function<Result<void>(const StoredViolation&)>& visit)
{
    auto where = whereClause(db, filter);
    if (!where)
        return where.error();
    // Column names come from this fixed list, never from input; values are bound.
    const QString column = filter.order == ViolationOrder::Track ? QStringLiteral("track")
        : filter.order == ViolationOrder::Kind                   ? QStringLiteral("kind")
                                                                 : QString();
    const QString direction = filter.descending ? QStringLiteral(" DESC") : QString();
    const QString beyond = filter.descending ? QStringLiteral(" < ") : QStringLiteral(" > ");
    QString sql = QStringLiteral("SELECT seq, user_id, track, kind, severity, progress_level, license_level, "
                                 "action, reason FROM ")
        + db.tool("violations") + where->first;
    QVariantList binds = where->second;
    if (filter.after && column.isEmpty()) {
        sql += QStringLiteral(" AND seq") + beyond + u'?';
        binds << filter.after->sequence;
    } else if (filter.after) {
        sql += QStringLiteral(" AND (%1%2? OR (%1 = ? AND seq%2?))").arg(column, beyond);
        binds << filter.after->value << filter.after->value << filter.after->sequence;
    }
    sql += QStringLiteral(" ORDER BY ")
        + (column.isEmpty() ? QString() : column + direction + QStringLiteral(", ")) + QStringLiteral("seq")
        + direction;
    if (filter.limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        binds << filter.limit;
    }
    auto query = db.exec(sql, binds);
    if (!query)
        return query.error();
    while (query->next()) {
        StoredViolation row;
        row.sequence = query->value(0).toLongLong();
        row.record.userId = query->value(1).toLongLong();
        row.record.track = query->value(2).toString();
        row.record.kind = query->value(3).toString();
        row.record.warning = isWarningSeverity(query->value(4).toString());
        if (!query->value(5).isNull())
            row.record.progressLevel = query->value(5).toLongLong();
        if (!query->value(6).isNull())
            row.record.licenseLevel = query->value(6).toLongLong();
        row.record.action = query->value(7).toString();
        row.record.reason = query->value(8).toString();
        CC_TRY(visit(row));
    }
    if (query->lastError().isValid())
        return db.sqlError(query->lastError(), QStringLiteral("reading the violations"));
    return {};
}

Result<qint64> RunStore::countViolations(Database& db, const ViolationFilter& filter)
{
    auto where = whereClause(db, filter);
    if (!where)
        return where.error();
    auto count = db.scalar(
        QStringLiteral("SELECT count(*) FROM ") + db.tool("violations") + where->first, where->second);
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace cc
