#include "administration/Exporter.h"

#include "base/Time.h"
#include "rules/Severity.h"
#include "schema/RowJson.h"

#include <QFile>
#include <QIODevice>
#include <QJsonDocument>
#include <QSaveFile>

#include <sys/stat.h>

namespace cc {

namespace {

QJsonValue optional(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QString levelText(const std::optional<qint64>& level)
{
    return level ? QString::number(*level) : QString();
}

// Writes rows as they come: CSV lines after a header, or the elements of a JSON array laid out
// exactly as QJsonDocument::Indented lays out the whole array. Progress and cancel between rows.
class RowWriter final {
public:
    RowWriter(QIODevice& out, const ExportOptions& options, qint64 total)
        : m_out(out)
        , m_options(options)
        , m_total(total)
    {
    }

    Result<void> begin(const QString& csvHeader)
    {
        report();
        if (m_options.format == ExportFormat::Json)
            return write(QByteArrayLiteral("[\n"));
        return write(csvHeader.toUtf8() + '\n');
    }

    Result<void> row(const QString& csvLine, const std::function<QJsonObject()>& json)
    {
        if (m_options.cancel && m_options.cancel->isCancelled())
            return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
        if (m_options.format == ExportFormat::Csv) {
            CC_TRY(write(csvLine.toUtf8() + '\n'));
        } else {
            QByteArray element = QJsonDocument(json()).toJson(QJsonDocument::Indented);
            element.chop(1); // the document's final newline
            element.replace('\n', QByteArrayLiteral("\n    "));
            CC_TRY(write((m_rows == 0 ? QByteArrayLiteral("    ") : QByteArrayLiteral(",\n    ")) + element));
        }
        if (++m_rows % 500 == 0)
            report();
        return {};
    }

    Result<qint64> end()
    {
        if (m_options.format == ExportFormat::Json)
            CC_TRY(write(m_rows == 0 ? QByteArrayLiteral("]\n") : QByteArrayLiteral("\n]\n")));
        report();
        return m_rows;
    }

private:
    Result<void> write(const QByteArray& bytes)
    {
        if (m_out.write(bytes) != bytes.size())
            return refused(QStringLiteral("cannot write the export: %1").arg(m_out.errorString()));
        return {};
    }

    void report() const
    {
        if (m_options.progress)
            m_options.progress(m_rows, std::max(m_total, m_rows));
    }

    QIODevice& m_out;
    const ExportOptions& m_options;
    qint64 m_total;
    qint64 m_rows = 0;
};

} // namespace

Result<qint64> Exporter::violations(
    Session& session, const ViolationFilter& requested, QIODevice& out, const ExportOptions& options)
{
    Database& db = session.db();
    // Every row of the filter, in its order; the run resolved once, so count and rows agree.
    ViolationFilter filter = requested;
    filter.after.reset();
    filter.limit = -1;
    auto run = RunStore::runFor(db, filter);
    if (!run)
        return run.error();
    filter.runId = *run;
    auto total = RunStore::countViolations(db, filter);
    if (!total)
        return total.error();
    CancelToken::InterruptScope interrupt(options.cancel, db.interrupter());
    RowWriter writer(out, options, *total);
    CC_TRY(writer.begin(QStringLiteral(
        "user_id,specialization,kind,severity,progress_level,license_level,recommended_action,reason")));
    CC_TRY(RunStore::forEachViolation(db, filter, [&](const StoredViolation& row) -> Result<void> {
        const ViolationRecord& record = row.record;
        return writer.row(QString::number(record.userId) + u',' + csvField(record.track) + u','
                + csvField(record.kind) + u',' + severityText(record.warning) + u','
                + levelText(record.progressLevel) + u',' + levelText(record.licenseLevel) + u','
                + csvField(record.action) + u',' + csvField(record.reason),
            [&] { return violationJson(record); });
    }));
    return writer.end();
}

Result<qint64> Exporter::audit(
    Session& session, const AuditFilter& filter, QIODevice& out, const ExportOptions& options)
{
    Database& db = session.db();
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    auto total = AuditLog::count(db, filter);
    if (!total)
        return total.error();
    CancelToken::InterruptScope interrupt(options.cancel, db.interrupter());
    RowWriter writer(out, options, *total);
    CC_TRY(
        writer.begin(QStringLiteral("id,at,operator,source,action,user_id,specialization,reason,batch_id")));
    CC_TRY(AuditLog::forEachEntry(db, filter, [&](const AuditEntry& entry) -> Result<void> {
        return writer.row(QString::number(entry.id) + u',' + isoUtc(entry.at) + u','
                + csvField(entry.operatorEmail) + u',' + csvField(entry.source) + u','
                + csvField(entry.action) + u',' + (entry.userId ? QString::number(*entry.userId) : QString())
                + u',' + csvField(entry.track) + u',' + csvField(entry.reason) + u','
                + (entry.batchId ? QString::number(*entry.batchId) : QString()),
            [&] {
                return QJsonObject {
                    { QStringLiteral("id"), entry.id },
                    { QStringLiteral("at"), isoUtc(entry.at) },
                    { QStringLiteral("operator"), entry.operatorEmail },
                    { QStringLiteral("source"), entry.source },
                    { QStringLiteral("action"), entry.action },
                    { QStringLiteral("user_id"), optional(entry.userId) },
                    { QStringLiteral("specialization"),
                        entry.track.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(entry.track) },
                    { QStringLiteral("before"), stateForDisplay(**schema, entry.before) },
                    { QStringLiteral("after"), stateForDisplay(**schema, entry.after) },
                    { QStringLiteral("reason"), entry.reason },
                    { QStringLiteral("batch_id"), optional(entry.batchId) },
                };
            });
    }));
    return writer.end();
}

Result<qint64> Exporter::runs(Session& session, qint64 limit, QIODevice& out, const ExportOptions& options)
{
    Database& db = session.db();
    auto total = RunStore::countRuns(db, limit);
    if (!total)
        return total.error();
    CancelToken::InterruptScope interrupt(options.cancel, db.interrupter());
    RowWriter writer(out, options, *total);
    CC_TRY(writer.begin(QStringLiteral(
        "run_id,started_at,status,consistency_rate,total_pairs,consistent,inconsistent,duration_ms")));
    CC_TRY(RunStore::forEachRun(db, limit, {}, [&](const HealthReport& report) -> Result<void> {
        return writer.row(QString::number(report.runId.value_or(0)) + u',' + isoUtc(report.startedAt) + u','
                + csvField(runStatusName(report.status)) + u','
                + (report.rateHundredths ? formatHundredths(*report.rateHundredths) : QString()) + u','
                + QString::number(report.totalPairs) + u',' + QString::number(report.consistent) + u','
                + QString::number(report.inconsistent) + u',' + QString::number(report.durationMs),
            [&] { return runJson(report); });
    }));
    return writer.end();
}

Result<void> Exporter::checkTarget(const QString& path, const QString& what)
{
    struct stat info { };
    // Absent (or unreachable: opening it says why): a new file.
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &info) != 0 || S_ISREG(info.st_mode))
        return {};
    QString kind = QStringLiteral("not a regular file");
    if (S_ISFIFO(info.st_mode))
        kind = QStringLiteral("a FIFO");
    else if (S_ISDIR(info.st_mode))
        kind = QStringLiteral("a directory");
    else if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode))
        kind = QStringLiteral("a device");
    else if (S_ISSOCK(info.st_mode))
        kind = QStringLiteral("a socket");
    return refused(QStringLiteral("cannot write %1 to %2: it is %3, not a regular file; nothing was written "
                                  "(give the name of a new or existing regular file)")
                       .arg(what, path, kind));
}

Result<void> Exporter::openTarget(QSaveFile& file, const QString& what)
{
    CC_TRY(checkTarget(file.fileName(), what));
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return refused(
            QStringLiteral("cannot write %1 to %2: %3").arg(what, file.fileName(), file.errorString()));
    return {};
}

std::optional<ExportFormat> Exporter::formatForPath(const QString& path)
{
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return ExportFormat::Csv;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return ExportFormat::Json;
    return std::nullopt;
}

QJsonObject Exporter::runJson(const HealthReport& report)
{
    QJsonObject byKind;
    for (int i = 0; i < violationKindCount; ++i)
        byKind.insert(kindName(ViolationKind(i)), report.byKind[i]);
    QJsonObject warnings;
    for (int i = 0; i < warningKindCount; ++i)
        warnings.insert(warningName(WarningKind(i)), report.warnings[i]);
    QJsonObject byTrack;
    for (auto it = report.byTrack.cbegin(); it != report.byTrack.cend(); ++it)
        byTrack.insert(it.key(),
            QJsonObject { { QStringLiteral("total_pairs"), it->totalPairs },
                { QStringLiteral("consistent"), it->consistent },
                { QStringLiteral("inconsistent"), it->inconsistent } });
    return QJsonObject {
        { QStringLiteral("json_version"),
            2 }, // 2: spelling_mismatch and staff_credentials (C8, revised 2026-12)
        { QStringLiteral("run_id"), optional(report.runId) },
        { QStringLiteral("status"), runStatusName(report.status) },
        { QStringLiteral("consistency_rate"),
            report.rateHundredths ? QJsonValue(double(*report.rateHundredths) / 100.0)
                                  : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("total_pairs"), report.totalPairs },
        { QStringLiteral("consistent"), report.consistent },
        { QStringLiteral("inconsistent"), report.inconsistent },
        { QStringLiteral("by_kind"), byKind },
        { QStringLiteral("warnings"), warnings },
        { QStringLiteral("staff_credentials"), report.staffCredentials },
        { QStringLiteral("by_track"), byTrack },
        { QStringLiteral("thresholds"),
            QJsonObject { { QStringLiteral("healthy"), report.thresholds.healthy / 100.0 },
                { QStringLiteral("degraded"), report.thresholds.degraded / 100.0 } } },
        { QStringLiteral("database"), report.database },
        { QStringLiteral("started_at"), isoUtc(report.startedAt) },
        { QStringLiteral("duration_ms"), report.durationMs },
        { QStringLiteral("new_since_previous"), optional(report.newSincePrevious) },
        { QStringLiteral("resolved_since_previous"), optional(report.resolvedSincePrevious) },
    };
}

QJsonObject Exporter::violationJson(const ViolationRecord& record)
{
    return QJsonObject { { QStringLiteral("user_id"), record.userId },
        { QStringLiteral("specialization"), record.track }, { QStringLiteral("kind"), record.kind },
        { QStringLiteral("severity"), severityText(record.warning) },
        { QStringLiteral("progress_level"), optional(record.progressLevel) },
        { QStringLiteral("license_level"), optional(record.licenseLevel) },
        { QStringLiteral("recommended_action"), record.action },
        { QStringLiteral("reason"), record.reason } };
}

QString Exporter::csvField(const QString& text)
{
    // OWASP's CSV-injection guidance: a cell a spreadsheet would read as a formula (it begins with
    // =, +, -, @, a tab or a carriage return) gets a leading ' and is quoted, so it reads as text.
    const bool formula = !text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front());
    if (!formula && !text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    const QString cell = formula ? u'\'' + text : text;
    return u'"' + QString(cell).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

} // namespace cc
