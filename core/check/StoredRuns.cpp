#include "check/RunStore.h"

#include "base/Time.h"
#include "check/RunLiveness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

#include <algorithm>

// RunStore's reading of stored runs (docs/BEHAVIOUR.md C4: `runs`, the dashboard, run history,
// the report), each run's liveness settled first.
namespace cc {

namespace {

const char* const runColumnList
    = "id, started_at, finished_at, status, total_pairs, consistent, inconsistent, rate_hundredths, "
      "healthy_hundredths, degraded_hundredths, by_kind, warnings, by_track, database_name, "
      "operator_email, duration_ms, new_since_previous, resolved_since_previous, message";

std::optional<qint64> readOptional(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

HealthReport readRun(const QSqlQuery& query)
{
    HealthReport report;
    report.runId = query.value(0).toLongLong();
    report.startedAt = parseIsoUtc(query.value(1).toString());
    // A name no version of the tool writes (a hand-edited row) reads as a failed run.
    report.status = runStatusFromName(query.value(3).toString()).value_or(RunStatus::Error);
    report.totalPairs = query.value(4).toLongLong();
    report.consistent = query.value(5).toLongLong();
    report.inconsistent = query.value(6).toLongLong();
    report.rateHundredths = readOptional(query.value(7));
    report.thresholds = { query.value(8).toInt(), query.value(9).toInt() };
    const QJsonObject kinds = QJsonDocument::fromJson(query.value(10).toString().toUtf8()).object();
    for (int i = 0; i < violationKindCount; ++i)
        report.byKind[i] = kinds.value(kindName(ViolationKind(i))).toInteger();
    const QJsonObject warnings = QJsonDocument::fromJson(query.value(11).toString().toUtf8()).object();
    for (int i = 0; i < warningKindCount; ++i)
        report.warnings[i] = warnings.value(warningName(WarningKind(i))).toInteger();
    const QJsonObject tracks = QJsonDocument::fromJson(query.value(12).toString().toUtf8()).object();
    for (auto it = tracks.constBegin(); it != tracks.constEnd(); ++it) {
        const QJsonObject counts = it.value().toObject();
        report.byTrack.insert(it.key(),
            { counts.value(QLatin1String("total_pairs")).toInteger(),
                counts.value(QLatin1String("consistent")).toInteger(),
                counts.value(QLatin1String("inconsistent")).toInteger() });
    }
    report.database = query.value(13).toString();
    report.operatorName = query.value(14).toString();
    report.durationMs = query.value(15).toLongLong();
    report.newSincePrevious = readOptional(query.value(16));
    report.resolvedSincePrevious = readOptional(query.value(17));
    report.message = query.value(18).toString();
    report.staffCredentials = query.value(19).toLongLong(); // NULL for runs stored before schema 3: 0
    return report;
}

// A run the reader found dead but could not mark (a read-only connection) is shown abandoned.
HealthReport withLiveness(HealthReport report, const QSet<qint64>& abandoned)
{
    if (report.status == RunStatus::Running && report.runId && abandoned.contains(*report.runId)) {
        report.status = RunStatus::Abandoned;
        report.message = RunLiveness::abandonedMessage();
    }
    return report;
}

QString completedStatuses()
{
    QStringList names;
    for (const RunStatus status :
        { RunStatus::Healthy, RunStatus::Degraded, RunStatus::Critical, RunStatus::NoData })
        names << u'\'' + runStatusName(status) + u'\'';
    return QStringLiteral("status IN (%1)").arg(names.join(QStringLiteral(", ")));
}

} // namespace

Result<QString> RunStore::runColumns(Database& db)
{
    auto staff = hasStaffColumn(db);
    if (!staff)
        return staff.error();
    return QString(QLatin1String(runColumnList)
        + (*staff ? QStringLiteral(", staff_credentials") : QStringLiteral(", NULL")));
}

Result<std::pair<bool, QSet<QString>>> RunStore::previousViolationKeys(
    Database& db, std::optional<qint64> currentRun)
{
    auto latest = db.scalar(QStringLiteral("SELECT max(id) FROM ") + db.tool("runs")
            + QStringLiteral(" WHERE ") + completedStatuses() + QStringLiteral(" AND id <> ?"),
        { currentRun.value_or(-1) });
    if (!latest)
        return latest.error();
    if (latest->isNull())
        return std::pair<bool, QSet<QString>> { false, {} };
    auto query = db.exec(QStringLiteral("SELECT user_id, track, kind FROM ") + db.tool("violations")
            + QStringLiteral(" WHERE run_id = ? AND severity = 'violation'"),
        { latest->toLongLong() });
    if (!query)
        return query.error();
    QSet<QString> keys;
    while (query->next())
        keys.insert(query->value(0).toString() + u'\x1f' + query->value(1).toString() + u'\x1f'
            + query->value(2).toString());
    return std::pair<bool, QSet<QString>> { true, keys };
}

Result<QList<HealthReport>> RunStore::runs(Database& db, qint64 limit, const QDateTime& since)
{
    QList<HealthReport> reports;
    CC_TRY(forEachRun(db, limit, since, [&](const HealthReport& report) -> Result<void> {
        reports.append(report);
        return {};
    }));
    return reports;
}

Result<void> RunStore::forEachRun(Database& db, qint64 limit, const QDateTime& since,
    const std::function<Result<void>(const HealthReport&)>& visit)
{
    auto columns = runColumns(db);
    if (!columns)
        return columns.error();
    auto abandoned = RunLiveness::settle(db);
    if (!abandoned)
        return abandoned.error();
    QString sql = QStringLiteral("SELECT ") + *columns + QStringLiteral(" FROM ") + db.tool("runs");
    QVariantList binds;
    if (since.isValid()) {
        sql += QStringLiteral(" WHERE started_at >= ?");
        binds << isoUtc(since);
    }
    sql += QStringLiteral(" ORDER BY id DESC");
    if (limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        binds.append(limit);
    }
    auto query = db.exec(sql, binds);
    if (!query)
        return query.error();
    while (query->next())
        CC_TRY(visit(withLiveness(readRun(*query), *abandoned)));
    if (query->lastError().isValid())
        return db.sqlError(query->lastError(), QStringLiteral("reading the runs"));
    return {};
}

Result<qint64> RunStore::countRuns(Database& db, qint64 limit)
{
    auto count = db.scalar(QStringLiteral("SELECT count(*) FROM ") + db.tool("runs"));
    if (!count)
        return count.error();
    return limit >= 0 ? std::min(limit, count->toLongLong()) : count->toLongLong();
}

Result<std::optional<HealthReport>> RunStore::latestCompleted(Database& db)
{
    auto columns = runColumns(db);
    if (!columns)
        return columns.error();
    auto query = db.exec(QStringLiteral("SELECT ") + *columns + QStringLiteral(" FROM ") + db.tool("runs")
        + QStringLiteral(" WHERE ") + completedStatuses() + QStringLiteral(" ORDER BY id DESC LIMIT 1"));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<HealthReport>();
    return std::optional<HealthReport>(readRun(*query));
}

Result<std::optional<HealthReport>> RunStore::run(Database& db, qint64 runId)
{
    auto columns = runColumns(db);
    if (!columns)
        return columns.error();
    auto abandoned = RunLiveness::settle(db);
    if (!abandoned)
        return abandoned.error();
    auto query = db.exec(QStringLiteral("SELECT ") + *columns + QStringLiteral(" FROM ") + db.tool("runs")
            + QStringLiteral(" WHERE id = ?"),
        { runId });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<HealthReport>();
    return std::optional<HealthReport>(withLiveness(readRun(*query), *abandoned));
}

} // namespace cc
