#include "HealthCheck.h"

#include "RunStore.h"
#include "Time.h"
#include "WriteTransaction.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>

namespace cc {

namespace {

QString trackExpression(const QString& column, const LevelCatalogue& catalogue, QVariantList* binds)
{
    const QString trimmed = QStringLiteral("rtrim(%1, ' ')").arg(column);
    if (catalogue.aliases().isEmpty())
        return trimmed;
    QString expression = QStringLiteral("CASE ") + trimmed;
    for (auto it = catalogue.aliases().cbegin(); it != catalogue.aliases().cend(); ++it) {
        expression += QStringLiteral(" WHEN ? THEN ?");
        binds->append(it.key());
        binds->append(it.value());
    }
    return expression + QStringLiteral(" ELSE ") + trimmed + QStringLiteral(" END");
}

QString literal(const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QString)
        return u'\'' + value.toString().replace(u'\'', QStringLiteral("''")) + u'\'';
    return value.toString();
}

std::optional<qint64> optionalInt(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

void readAggregate(const QSqlQuery& query, KeyAggregate& key)
{
    key.userId = query.value(0).toLongLong();
    key.track = query.value(1).toString();
    key.progressRows = query.value(2).toInt();
    key.licenseRows = query.value(3).toInt();
    key.progressNullLevels = query.value(4).toInt();
    key.progressMin = optionalInt(query.value(5));
    key.progressMax = optionalInt(query.value(6));
    key.licenseNullLevels = query.value(7).toInt();
    key.licenseMin = optionalInt(query.value(8));
    key.licenseMax = optionalInt(query.value(9));
    key.counters = { query.value(10).toLongLong(), query.value(11).toLongLong(), query.value(12).toLongLong(),
                     query.value(13).toLongLong() };
    key.maxAchieved = optionalInt(query.value(14));
}

QString violationKey(qint64 userId, const QString& track, const QString& kind)
{
    return QString::number(userId) + u'\x1f' + track + u'\x1f' + kind;
}

} // namespace

QString HealthCheck::statement(const Database& db, const LevelCatalogue& catalogue, QVariantList* binds)
{
    // One grouped pass over UNION ALL of both tables (a FULL OUTER JOIN of two grouped sides is
    // planned as a nested loop by SQLite 3.40). side 0 = progress, 1 = license.
    const QString progressTrack = trackExpression(QStringLiteral("specialization_id"), catalogue, binds);
    const QString licenseTrack = trackExpression(QStringLiteral("specialization_type"), catalogue, binds);
    const QString order = db.isPostgres() ? QStringLiteral("k.track COLLATE \"C\"") : QStringLiteral("k.track");
    return QStringLiteral(
               "SELECT k.user_id, k.track, "
               "SUM(1 - k.side) AS progress_rows, "
               "SUM(k.side) AS license_rows, "
               "SUM(CASE WHEN k.side = 0 AND k.lvl IS NULL THEN 1 ELSE 0 END) AS progress_null, "
               "MIN(CASE WHEN k.side = 0 THEN k.lvl END) AS progress_min, "
               "MAX(CASE WHEN k.side = 0 THEN k.lvl END) AS progress_max, "
               "SUM(CASE WHEN k.side = 1 AND k.lvl IS NULL THEN 1 ELSE 0 END) AS license_null, "
               "MIN(CASE WHEN k.side = 1 THEN k.lvl END) AS license_min, "
               "MAX(CASE WHEN k.side = 1 THEN k.lvl END) AS license_max, "
               "SUM(COALESCE(k.xp, 0)) AS xp, SUM(COALESCE(k.sessions, 0)) AS sessions, "
               "SUM(COALESCE(k.theory, 0)) AS theory, SUM(COALESCE(k.practice, 0)) AS practice, "
               "SUM(k.max_achieved) AS max_achieved "
               "FROM ("
               "SELECT p.student_id AS user_id, %1 AS track, 0 AS side, p.current_level AS lvl, p.total_xp AS xp, "
               "p.completed_sessions AS sessions, p.theory_hours_completed AS theory, "
               "p.practice_hours_completed AS practice, NULL AS max_achieved FROM specialization_progress p "
               "UNION ALL "
               "SELECT l.user_id, %2, 1, l.current_level, NULL, NULL, NULL, NULL, l.max_achieved_level FROM user_licenses l"
               ") k GROUP BY k.user_id, k.track ORDER BY k.user_id, %3")
        .arg(progressTrack, licenseTrack, order);
}

QString HealthCheck::printableStatement(const Database& db, const LevelCatalogue& catalogue)
{
    QVariantList binds;
    QString sql = statement(db, catalogue, &binds);
    QString out;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (c == u'?' && next < binds.size())
            out += literal(binds.at(next++));
        else
            out += c;
    }
    return out;
}

Result<HealthReport> HealthCheck::run(Session& session, const CheckOptions& options)
{
    Database& db = session.db();
    const LevelCatalogue& catalogue = session.catalogue();
    CC_TRY(session.authorize(Action::View));
    CC_TRY(session.platform());

    HealthReport report;
    report.thresholds = session.thresholds();
    report.database = db.profile().describe();
    report.operatorName = session.op().displayName();
    report.startedAt = session.now();
    QElapsedTimer timer;
    timer.start();

    // The writer: a second connection, so that the reader's forward-only result is never lost.
    std::unique_ptr<RunStore> store;
    if (options.store && session.toolsInstalled() && !db.isReadOnly()) {
        auto writer = RunStore::openWriter(db.profile());
        if (!writer)
            return writer.error();
        store = std::move(*writer);
        auto runId = store->beginRun(report);
        if (!runId) {
            if (runId.error().code != ErrorCode::ReadOnly && runId.error().code != ErrorCode::Refused)
                return runId.error();
            store.reset();
            report.message = QStringLiteral("the tool's tables cannot be written here; this run is not stored");
        } else {
            report.runId = *runId;
        }
    } else if (!session.toolsInstalled()) {
        report.message = QStringLiteral("this database has no Coupling Console tables; using the built-in catalogue and storing nothing");
    } else if (options.store) {
        report.message = QStringLiteral("read-only: this run is not stored");
    }

    QSet<QString> previous;
    bool hasPrevious = false;
    if (session.toolsInstalled()) {
        auto loaded = RunStore::previousViolationKeys(db, report.runId);
        if (!loaded)
            return loaded.error();
        hasPrevious = loaded->first;
        previous = std::move(loaded->second);
    }

    auto fail = [&](const Error& error) -> Result<HealthReport> {
        db.runDirect(QStringLiteral("ROLLBACK")).ok();
        if (store) {
            report.status = error.code == ErrorCode::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("error");
            report.message = error.message;
            report.durationMs = timer.elapsed();
            (void)store->finishRun(report);
        }
        return error;
    };

    CC_TRY(db.runDirect(db.isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") : QStringLiteral("BEGIN")));
    // From here a cancel interrupts the running statement (sqlite3_interrupt / pg_cancel_backend).
    CancelToken::InterruptScope interruptScope(options.cancel, db.interrupter());
    auto total = db.scalar(QStringLiteral("SELECT (SELECT count(*) FROM specialization_progress) + (SELECT count(*) FROM user_licenses)"));
    if (!total)
        return fail(total.error());
    const qint64 rowsTotal = total->toLongLong();

    QVariantList binds;
    const QString sql = statement(db, catalogue, &binds);
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (options.cancel && options.cancel->isCancelled())
        return fail(Error { ErrorCode::Cancelled, QStringLiteral("cancelled") });
    if (!query.prepare(sql))
        return fail(db.sqlError(query.lastError(), QStringLiteral("the check's statement")));
    for (const QVariant& value : std::as_const(binds))
        query.addBindValue(value);
    if (!query.exec())
        return fail(db.sqlError(query.lastError(), QStringLiteral("the check's statement")));

    qint64 rowsDone = 0;
    qint64 seenPrevious = 0;
    qint64 newCount = 0;
    qint64 sequence = 0;
    QList<ViolationRecord> pending;
    KeyAggregate key;
    while (query.next()) {
        readAggregate(query, key);

        const KeyClassification classification = classifyKey(key, catalogue);
        ++report.totalPairs;
        TrackCounts& track = report.byTrack[key.track];
        ++track.totalPairs;
        if (classification.violation) {
            const Finding& finding = *classification.violation;
            ++report.inconsistent;
            ++track.inconsistent;
            ++report.byKind[int(finding.kind)];
            ViolationRecord record { key.userId, key.track, finding.name(), false, classification.progressLevel,
                                     classification.licenseLevel, finding.action, finding.reason };
            if (hasPrevious) {
                if (previous.contains(violationKey(key.userId, key.track, record.kind)))
                    ++seenPrevious;
                else
                    ++newCount;
            }
            if (options.violationLimit < 0 || report.violations.size() < options.violationLimit)
                report.violations.append(record);
            if (store)
                pending.append(record);
        } else {
            ++report.consistent;
            ++track.consistent;
        }
        for (const Finding& warning : classification.warnings) {
            ++report.warnings[int(warning.warningKind)];
            if (store)
                pending.append({ key.userId, key.track, warning.name(), true, classification.progressLevel,
                                 classification.licenseLevel, warning.action, warning.reason });
        }
        rowsDone += key.progressRows + key.licenseRows;
        if (store && pending.size() >= 2000) {
            if (auto stored = store->appendViolations(*report.runId, pending, sequence); !stored)
                return fail(stored.error());
            pending.clear();
        }
        if ((report.totalPairs & 4095) == 0) {
            if (options.cancel && options.cancel->isCancelled())
                return fail(Error { ErrorCode::Cancelled, QStringLiteral("cancelled") });
            if (options.progress)
                options.progress(rowsDone, rowsTotal);
        }
    }
    if (query.lastError().isValid())
        return fail(db.sqlError(query.lastError(), QStringLiteral("the check's statement")));
    if (options.cancel && options.cancel->isCancelled())
        return fail(Error { ErrorCode::Cancelled, QStringLiteral("cancelled") });
    query.finish();
    CC_TRY(db.runDirect(QStringLiteral("COMMIT")));
    if (options.progress)
        options.progress(rowsTotal, rowsTotal);

    if (store && !pending.isEmpty()) {
        if (auto stored = store->appendViolations(*report.runId, pending, sequence); !stored)
            return fail(stored.error());
    }
    report.rateHundredths = consistencyRateHundredths(report.consistent, report.totalPairs);
    report.status = statusFor(report.rateHundredths, report.thresholds);
    if (hasPrevious) {
        report.newSincePrevious = newCount;
        report.resolvedSincePrevious = qint64(previous.size()) - seenPrevious;
    }
    report.durationMs = timer.elapsed();
    if (store)
        CC_TRY(store->finishRun(report));
    return report;
}

} // namespace cc

namespace cc {

Result<void> HealthCheck::scan(Session& session, const std::function<void(const KeyAggregate&)>& visit)
{
    Database& db = session.db();
    CC_TRY(session.platform());
    QVariantList binds;
    const QString sql = statement(db, session.catalogue(), &binds);
    CC_TRY(db.runDirect(db.isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") : QStringLiteral("BEGIN")));
    auto query = db.exec(sql, binds);
    if (!query) {
        (void)db.runDirect(QStringLiteral("ROLLBACK"));
        return query.error();
    }
    KeyAggregate key;
    while (query->next()) {
        readAggregate(*query, key);
        visit(key);
    }
    const QSqlError error = query->lastError();
    query->finish();
    (void)db.runDirect(QStringLiteral("COMMIT"));
    if (error.isValid())
        return db.sqlError(error, QStringLiteral("the key scan"));
    return {};
}

} // namespace cc
