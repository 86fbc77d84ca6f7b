#include "RunStore.h"

#include "RunLiveness.h"
#include "Time.h"
#include "ToolSchema.h"
#include "WriteTransaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

#include <algorithm>

namespace cc {

namespace {

const char* const runColumnList
    = "id, started_at, finished_at, status, total_pairs, consistent, inconsistent, rate_hundredths, "
      "healthy_hundredths, degraded_hundredths, by_kind, warnings, by_track, database_name, "
      "operator_email, duration_ms, new_since_previous, resolved_since_previous, message";

// Whether the runs table counts staff credentials (tool schema 3). Tool tables of an older
// version, until `init` migrates them, store none and read 0.
Result<bool> hasStaffColumn(Database& db)
{
    auto version = ToolSchema::installedVersion(db);
    if (!version)
        return version.error();
    return *version >= 3;
}

Result<QString> runColumns(Database& db)
{
    auto staff = hasStaffColumn(db);
    if (!staff)
        return staff.error();
    return QString(QLatin1String(runColumnList)
        + (*staff ? QStringLiteral(", staff_credentials") : QStringLiteral(", NULL")));
}

QVariant optionalValue(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalLevel(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

std::optional<qint64> readOptional(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QString kindsJson(const HealthReport& report)
{
    QJsonObject object;
    for (int i = 0; i < violationKindCount; ++i)
        object.insert(kindName(ViolationKind(i)), report.byKind[i]);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString warningsJson(const HealthReport& report)
{
    QJsonObject object;
    for (int i = 0; i < warningKindCount; ++i)
        object.insert(warningName(WarningKind(i)), report.warnings[i]);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString tracksJson(const HealthReport& report)
{
    QJsonObject object;
    for (auto it = report.byTrack.cbegin(); it != report.byTrack.cend(); ++it)
        object.insert(it.key(),
            QJsonObject { { QStringLiteral("total_pairs"), it->totalPairs },
                { QStringLiteral("consistent"), it->consistent },
                { QStringLiteral("inconsistent"), it->inconsistent } });
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
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

Result<std::unique_ptr<RunStore>> RunStore::openWriter(const ConnectionProfile& profile)
{
    auto db = Database::open(profile, Database::OpenMode::MustExist);
    if (!db)
        return db.error();
    return std::make_unique<RunStore>(std::move(*db));
}

RunStore::RunStore(std::unique_ptr<Database> db)
    : m_db(std::move(db))
{
}

RunStore::~RunStore()
{
    m_heartbeat.reset(); // a run left unfinished is abandoned once its heartbeat or lock is gone
    // Queries go before their connection.
    m_insertFull.reset();
    m_insertTail.reset();
}

Result<qint64> RunStore::beginRun(const HealthReport& report)
{
    m_rowsStored = 0;
    auto staff = hasStaffColumn(*m_db);
    if (!staff)
        return staff.error();
    m_staffColumn = *staff;
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    auto id = m_db->scalar(QStringLiteral("INSERT INTO ") + m_db->tool("runs")
            + QStringLiteral(" (started_at, status, healthy_hundredths, degraded_hundredths, database_name, "
                             "operator_email, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { isoUtc(report.startedAt), runStatusName(RunStatus::Running), report.thresholds.healthy,
            report.thresholds.degraded, report.database, report.operatorName,
            isoUtc(QDateTime::currentDateTimeUtc()) });
    if (!id)
        return id.error();
    // The run's liveness (RunLiveness): the lock is held before any reader can see the row.
    CC_TRY(RunLiveness::claim(*m_db, id->toLongLong()));
    CC_TRY(transaction.commit());
    if (!m_db->isPostgres())
        m_heartbeat = std::make_unique<RunHeartbeat>(m_db->profile(), id->toLongLong());
    return id->toLongLong();
}

Result<void> RunStore::appendViolations(qint64 runId, const QList<ViolationRecord>& records, qint64& sequence)
{
    if (records.isEmpty())
        return {};
    // SQLite: one single-row statement prepared once and re-executed (a statement with thousands of
    // placeholders costs SQLite more to prepare than to run). PostgreSQL: 200 rows a statement,
    // prepared once, to save round trips.
    const qsizetype rowsPerStatement = m_db->isPostgres() ? 200 : 1;
    auto prepared = [&](qsizetype rows) -> Result<QSqlQuery*> {
        std::unique_ptr<QSqlQuery>& slot = rows == rowsPerStatement ? m_insertFull : m_insertTail;
        if (slot && m_preparedRows.value(slot.get()) == rows)
            return slot.get();
        QString sql = QStringLiteral("INSERT INTO ") + m_db->tool("violations")
            + QStringLiteral(" (run_id, seq, user_id, track, kind, severity, progress_level, license_level, "
                             "action, reason) VALUES ");
        for (qsizetype i = 0; i < rows; ++i)
            sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                          : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        slot = std::make_unique<QSqlQuery>(m_db->connection());
        if (!slot->prepare(sql))
            return m_db->sqlError(slot->lastError(), QStringLiteral("storing violations"));
        m_preparedRows.insert(slot.get(), rows);
        return slot.get();
    };
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    for (qsizetype start = 0; start < records.size(); start += rowsPerStatement) {
        const qsizetype end = std::min(records.size(), start + rowsPerStatement);
        auto query = prepared(end - start);
        if (!query)
            return query.error();
        int position = 0;
        for (qsizetype i = start; i < end; ++i) {
            const ViolationRecord& record = records.at(i);
            const QVariantList values { runId, ++sequence, record.userId, record.track, record.kind,
                record.warning ? QStringLiteral("warning") : QStringLiteral("violation"),
                optionalLevel(record.progressLevel), optionalLevel(record.licenseLevel), record.action,
                record.reason };
            for (const QVariant& value : values)
                (*query)->bindValue(position++, value);
        }
        if (!(*query)->exec())
            return m_db->sqlError((*query)->lastError(), QStringLiteral("storing violations"));
    }
    CC_TRY(transaction.commit());
    m_rowsStored += records.size();
    return {};
}

Result<void> RunStore::setKeptLevels(
    qint64 runId, const QList<DuplicateRecords>& recorded, const QList<DuplicateRecords>& kept)
{
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    QSqlQuery update(m_db->connection());
    if (!update.prepare(QStringLiteral("UPDATE ") + m_db->tool("violations")
            + QStringLiteral(
                " SET progress_level = ?, license_level = ? WHERE run_id = ? AND seq >= ? AND seq <= ?")))
        return m_db->sqlError(update.lastError(), QStringLiteral("storing the kept rows' levels"));
    for (qsizetype i = 0; i < kept.size(); ++i) {
        const DuplicateRecords& now = kept.at(i);
        if (now.progressLevel == recorded.at(i).progressLevel
            && now.licenseLevel == recorded.at(i).licenseLevel)
            continue;
        const QVariantList values { optionalLevel(now.progressLevel), optionalLevel(now.licenseLevel), runId,
            now.firstSequence, now.lastSequence };
        for (int position = 0; position < values.size(); ++position)
            update.bindValue(position, values.at(position));
        if (!update.exec())
            return m_db->sqlError(update.lastError(), QStringLiteral("storing the kept rows' levels"));
    }
    CC_TRY(transaction.commit());
    return {};
}

Result<void> RunStore::finishRun(const HealthReport& report)
{
    m_heartbeat.reset();
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    const bool failed = report.status == RunStatus::Cancelled || report.status == RunStatus::Error;
    if (failed)
        CC_TRY(m_db->run(
            QStringLiteral("DELETE FROM ") + m_db->tool("violations") + QStringLiteral(" WHERE run_id = ?"),
            { *report.runId }));
    CC_TRY(m_db->run(QStringLiteral("UPDATE ") + m_db->tool("runs")
            + QStringLiteral(
                " SET finished_at = ?, status = ?, total_pairs = ?, consistent = ?, inconsistent = ?, "
                "rate_hundredths = ?, by_kind = ?, warnings = ?, by_track = ?, duration_ms = ?, "
                "new_since_previous = ?, resolved_since_previous = ?, message = ? WHERE id = ?"),
        { isoUtc(report.startedAt.addMSecs(report.durationMs)), runStatusName(report.status),
            report.totalPairs, report.consistent, report.inconsistent, optionalValue(report.rateHundredths),
            kindsJson(report), warningsJson(report), tracksJson(report), report.durationMs,
            optionalValue(report.newSincePrevious), optionalValue(report.resolvedSincePrevious),
            report.message, *report.runId }));
    if (m_staffColumn)
        CC_TRY(m_db->run(QStringLiteral("UPDATE ") + m_db->tool("runs")
                + QStringLiteral(" SET staff_credentials = ? WHERE id = ?"),
            { report.staffCredentials, *report.runId }));
    CC_TRY(transaction.commit());
    RunLiveness::release(*m_db, *report.runId);
    if (!failed)
        (void)refreshStatistics(); // only a plan is at stake: the run is stored either way
    return {};
}

Result<void> RunStore::refreshStatistics()
{
    // PostgreSQL plans the Violations page from the table's statistics. Right after a large run they
    // still describe the table before it (autovacuum analyzes it up to a minute later), and the
    // page's index scan loses to a sequential scan and a sort: 700 ms instead of 10 ms for its first
    // rows at 1M users × 0.5. Analyze it now, when autovacuum would: once this run's rows exceed a
    // tenth of the rows the statistics counted (never counted: -1).
    if (!m_db->isPostgres() || m_rowsStored == 0)
        return {};
    auto counted
        = m_db->scalar(QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = CAST(? AS regclass)"),
            { m_db->tool("violations") });
    if (!counted)
        return counted.error();
    if (double(m_rowsStored) < 1000.0 + 0.1 * std::max(0.0, counted->toDouble()))
        return {};
    return m_db->runDirect(QStringLiteral("ANALYZE ") + m_db->tool("violations"));
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

Result<qint64> RunStore::prune(Database& db, const QDateTime& now)
{
    auto cutoffRun = db.scalar(QStringLiteral("SELECT min(id) FROM (SELECT id FROM ") + db.tool("runs")
        + QStringLiteral(" ORDER BY id DESC LIMIT 50) recent"));
    if (!cutoffRun)
        return cutoffRun.error();
    if (cutoffRun->isNull())
        return qint64(0);
    auto removed = db.exec(QStringLiteral("DELETE FROM ") + db.tool("violations")
            + QStringLiteral(" WHERE run_id < ? AND run_id IN (SELECT id FROM ") + db.tool("runs")
            + QStringLiteral(" WHERE started_at < ?)"),
        { cutoffRun->toLongLong(), isoUtc(now.addDays(-30)) });
    if (!removed)
        return removed.error();
    return qint64(removed->numRowsAffected());
}

} // namespace cc
