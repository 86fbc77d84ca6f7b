#include "check/RunStore.h"

#include "base/Time.h"
#include "check/PostgresViolationCopy.h"
#include "check/RunLiveness.h"
#include "check/SqliteViolationInsert.h"
#include "database/WriteTransaction.h"
#include "schema/ToolSchema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

#include <algorithm>

namespace cc {

namespace {

QVariant optionalValue(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalLevel(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
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

} // namespace

// Tool tables older than schema 3, until `init` migrates them, store no staff count and read 0.
Result<bool> RunStore::hasStaffColumn(Database& db)
{
    auto version = ToolSchema::installedVersion(db);
    if (!version)
        return version.error();
    return *version >= 3;
}

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
    // The prepared insert goes before its connection.
    m_sqliteInsert.reset();
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
    if (!m_db->dialect().hasSessionLocks()) // RunLiveness.h: then the run proves it lives by a heartbeat
        m_heartbeat = std::make_unique<RunHeartbeat>(m_db->profile(), id->toLongLong());
    return id->toLongLong();
}

Result<void> RunStore::appendViolations(qint64 runId, const QList<ViolationRecord>& records, qint64& sequence)
{
    if (records.isEmpty())
        return {};
    if (!m_db->dialect().groupsBulkWrites())
        return appendViolationsSqlite(runId, records, sequence);
    // PostgreSQL: one COPY per batch (a multi-row INSERT of 200 rows a statement cost more).
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    CC_TRY(copyViolations(*m_db, runId, records, sequence));
    CC_TRY(transaction.commit());
    m_rowsStored += records.size();
    return {};
}

// SQLite: one single-row statement prepared once and stepped per row (a statement with thousands of
// placeholders costs SQLite more to prepare than to run), on the driver's handle.
Result<void> RunStore::appendViolationsSqlite(
    qint64 runId, const QList<ViolationRecord>& records, qint64& sequence)
{
    if (!m_sqliteInsert) {
        auto prepared = SqliteViolationInsert::prepare(*m_db);
        if (!prepared)
            return prepared.error();
        m_sqliteInsert = std::move(*prepared);
    }
    WriteTransaction transaction(*m_db);
    CC_TRY(transaction.begin());
    for (const ViolationRecord& record : records)
        CC_TRY(m_sqliteInsert->insert(runId, ++sequence, record));
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
    return m_db->dialect().refreshStatistics(*m_db, m_db->tool("violations"), m_rowsStored);
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
