#include "HealthCheck.h"

#include "DuplicateLevels.h"
#include "GroupedKeyScan.h"
#include "KeyMerge.h"
#include "KeyTally.h"
#include "RunStore.h"
#include "Time.h"
#include "ToolSchema.h"
#include "WriteTransaction.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>

#include <atomic>
#include <mutex>
#include <thread>

namespace cc {

namespace {

QString trackExpression(const QString& column, const LevelCatalogue& catalogue, QVariantList* binds)
{
    QString trimmed = QStringLiteral("rtrim(%1, ' ')").arg(column);
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

} // namespace

QString HealthCheck::statement(const Database& db, const LevelCatalogue& catalogue, QVariantList* binds,
    std::optional<std::pair<qint64, qint64>> userRange)
{
    // One grouped pass over UNION ALL of both tables (a FULL OUTER JOIN of two grouped sides is
    // planned as a nested loop by SQLite 3.40). side 0 = progress, 1 = license. With userRange the
    // statement takes [from, to) bounds on the user id for each side (check --parallel).
    QVariantList progressBinds;
    QVariantList licenseBinds;
    const QString progressTrack
        = trackExpression(QStringLiteral("specialization_id"), catalogue, &progressBinds);
    const QString licenseTrack
        = trackExpression(QStringLiteral("specialization_type"), catalogue, &licenseBinds);
    *binds += progressBinds;
    if (userRange)
        *binds << userRange->first << userRange->second;
    *binds += licenseBinds;
    if (userRange)
        *binds << userRange->first << userRange->second;
    const QString progressRange
        = userRange ? QStringLiteral(" WHERE p.student_id >= ? AND p.student_id < ?") : QString();
    const QString licenseRange
        = userRange ? QStringLiteral(" WHERE l.user_id >= ? AND l.user_id < ?") : QString();
    const QString order
        = db.isPostgres() ? QStringLiteral("k.track COLLATE \"C\"") : QStringLiteral("k.track");
    // Each side's stored id as it is (pad spaces are removed in C++): MIN of the raw column costs
    // less than of an expression. By bytes on both dialects (SQLite's BINARY, PostgreSQL's "C").
    auto spelling = [&db](const char* column) {
        return db.isPostgres() ? QStringLiteral("CAST(%1 AS TEXT) COLLATE \"C\"").arg(QLatin1String(column))
                               : QLatin1String(column);
    };
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
        "SUM(k.max_achieved) AS max_achieved, "
        // Each side's stored id (C3 spelling_mismatch, judged on keys with one row a side).
        "MIN(CASE WHEN k.side = 0 THEN k.spelling END) AS progress_spelling, "
        "MIN(CASE WHEN k.side = 1 THEN k.spelling END) AS license_spelling, "
        // C2 staff credentials: the user is looked up for license-only keys alone.
        "CASE WHEN SUM(1 - k.side) = 0 THEN (SELECT CASE WHEN upper(CAST(u.role AS TEXT)) <> 'STUDENT' THEN "
        "1 ELSE 0 END "
        "FROM users u WHERE u.id = k.user_id) ELSE 0 END AS staff_user "
        "FROM ("
        "SELECT p.student_id AS user_id, %1 AS track, 0 AS side, p.current_level AS lvl, p.total_xp AS xp, "
        "p.completed_sessions AS sessions, p.theory_hours_completed AS theory, "
        "p.practice_hours_completed AS practice, NULL AS max_achieved, "
        "%6 AS spelling FROM specialization_progress p%4 "
        "UNION ALL "
        "SELECT l.user_id, %2, 1, l.current_level, NULL, NULL, NULL, NULL, l.max_achieved_level, "
        "%7 FROM user_licenses l%5"
        ") k GROUP BY k.user_id, k.track ORDER BY k.user_id, %3")
        .arg(progressTrack, licenseTrack, order, progressRange, licenseRange, spelling("p.specialization_id"),
            spelling("l.specialization_type"));
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

namespace {

// Streams the keys of one user range (all users when empty) into a tally: through KeyMerge over
// the cc_ indexes, else through the grouped statement (GroupedKeyScan); stores records in batches
// when a store is given.
Result<void> streamKeys(Database& db, PlatformRowSource::UserRange range, bool indexed,
    const LevelCatalogue& catalogue, KeyTally& tally, RunStore* store, std::optional<qint64> runId,
    qint64& sequence, CancelToken* cancel, const std::function<void(qint64)>& onRows)
{
    const Error cancelled { ErrorCode::Cancelled, QStringLiteral("cancelled") };
    if (cancel && cancel->isCancelled())
        return cancelled;
    auto checkpoint = [&]() -> Result<void> {
        if (store && tally.pendingRecords() >= 2000)
            CC_TRY(store->appendViolations(*runId, tally.takeRecords(), sequence));
        if (cancel && cancel->isCancelled())
            return cancelled;
        if (onRows)
            onRows(tally.rows());
        return {};
    };
    if (!indexed) {
        QVariantList binds;
        const QString sql = HealthCheck::statement(db, catalogue, &binds, range);
        return GroupedKeyScan::run(db, sql, binds, tally, checkpoint);
    }
    auto source = PlatformRowSource::open(db, range);
    if (!source)
        return source.error();
    KeyMerge merge(catalogue, tally);
    return merge.run(**source, checkpoint);
}

// About how many rows both tables hold, for the progress bar only: counting them would cost a
// scan as long as the check's own reading (issue 17). SQLite: the highest rowids; PostgreSQL: the
// planner's estimate. Counted when there is no estimate (never analysed, or no rowid).
Result<qint64> estimatedRows(Database& db)
{
    auto estimate = db.scalar(db.isPostgres()
            ? QStringLiteral("SELECT CAST(GREATEST((SELECT reltuples FROM pg_class WHERE oid = "
                             "to_regclass('specialization_progress')), 0) "
                             "+ GREATEST((SELECT reltuples FROM pg_class WHERE oid = "
                             "to_regclass('user_licenses')), 0) AS bigint)")
            : QStringLiteral("SELECT COALESCE((SELECT max(rowid) FROM specialization_progress), 0) + "
                             "COALESCE((SELECT max(rowid) FROM user_licenses), 0)"));
    if (estimate && estimate->toLongLong() > 0)
        return estimate->toLongLong();
    auto counted = db.scalar(QStringLiteral(
        "SELECT (SELECT count(*) FROM specialization_progress) + (SELECT count(*) FROM user_licenses)"));
    if (!counted)
        return counted.error();
    return counted->toLongLong();
}

// Interrupts every connection of a (parallel) check; add() is safe from the scanning threads.
class ParallelInterrupter final {
public:
    void add(std::function<void()> interrupter)
    {
        std::lock_guard lock(m_state->mutex);
        m_state->interrupters.push_back(std::move(interrupter));
    }
    std::function<void()> function() const
    {
        return [state = m_state] {
            std::lock_guard lock(state->mutex);
            for (const auto& interrupter : state->interrupters)
                interrupter();
        };
    }

private:
    struct State {
        std::mutex mutex;
        std::vector<std::function<void()>> interrupters;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

// check --parallel N (PostgreSQL): N connections import the reader's exported snapshot and each
// scans one user-id range; tallies merge in range order, so the result equals the serial one.
Result<void> scanParallel(Session& session, const CheckOptions& options, bool indexed, KeyTally& tally,
    bool keepRecords, ParallelInterrupter& interrupter, const std::function<void(qint64)>& onRows)
{
    Database& db = session.db();
    auto snapshot = db.scalar(QStringLiteral("SELECT pg_export_snapshot()"));
    if (!snapshot)
        return snapshot.error();
    const QString snapshotId = snapshot->toString();
    static const QRegularExpression snapshotPattern(QStringLiteral("^[0-9A-Fa-f-]+$"));
    if (!snapshotPattern.match(snapshotId).hasMatch())
        return Error { ErrorCode::Sql, QStringLiteral("unexpected snapshot id from PostgreSQL") };
    auto bounds
        = db.exec(QStringLiteral("SELECT LEAST((SELECT min(student_id) FROM specialization_progress), "
                                 "(SELECT min(user_id) FROM user_licenses)), "
                                 "GREATEST((SELECT max(student_id) FROM specialization_progress), (SELECT "
                                 "max(user_id) FROM user_licenses))"));
    if (!bounds)
        return bounds.error();
    if (!bounds->next() || bounds->value(0).isNull())
        return {};
    const qint64 low = bounds->value(0).toLongLong();
    const qint64 high = bounds->value(1).toLongLong() + 1;
    bounds->finish();
    const int parts = options.parallel;
    const qint64 width = std::max<qint64>(1, (high - low + parts - 1) / parts);

    std::vector<std::unique_ptr<KeyTally>> tallies;
    std::vector<std::atomic<qint64>> partRows(parts);
    std::vector<std::optional<Error>> errors(parts);
    std::vector<std::thread> threads;
    std::atomic_int running { parts };
    for (int i = 0; i < parts; ++i) {
        tallies.push_back(std::make_unique<KeyTally>(session.catalogue(), options.violationLimit));
        tallies.back()->setKeepRecords(keepRecords);
        const std::pair<qint64, qint64> range { low + i * width,
            i + 1 == parts ? high : std::min(high, low + (i + 1) * width) };
        threads.emplace_back([&, i, range] {
            auto run = [&]() -> Result<void> {
                auto connection = Database::open(db.profile(), Database::OpenMode::MustExist);
                if (!connection)
                    return connection.error();
                Database& part = **connection;
                interrupter.add(part.interrupter());
                CC_TRY(part.runDirect(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")));
                CC_TRY(part.runDirect(QStringLiteral("SET TRANSACTION SNAPSHOT '%1'").arg(snapshotId)));
                qint64 unused = 0;
                CC_TRY(
                    streamKeys(part, range, indexed, session.catalogue(), *tallies[i], nullptr, std::nullopt,
                        unused, options.cancel, [&partRows, i](qint64 rows) { partRows[i].store(rows); }));
                partRows[i].store(tallies[i]->rows());
                return part.runDirect(QStringLiteral("COMMIT"));
            };
            if (auto done = run(); !done)
                errors[i] = done.error();
            --running;
        });
    }
    while (running.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        qint64 rows = 0;
        for (const auto& part : partRows)
            rows += part.load();
        onRows(rows);
    }
    for (auto& thread : threads)
        thread.join();
    for (const auto& error : errors) {
        if (error && error->code != ErrorCode::Cancelled)
            return *error;
    }
    for (const auto& error : errors) {
        if (error)
            return *error;
    }
    for (auto& part : tallies)
        tally.merge(std::move(*part));
    return {};
}

} // namespace

Result<HealthReport> HealthCheck::run(Session& session, const CheckOptions& options)
{
    Database& db = session.db();
    const LevelCatalogue& catalogue = session.catalogue();
    CC_TRY(session.authorize(Action::View));
    CC_TRY(session.platform());
    if (options.parallel > 1 && !db.isPostgres())
        return refused(QStringLiteral("--parallel works on PostgreSQL only"));
    if (options.parallel > 64)
        return refused(QStringLiteral("--parallel takes at most 64 connections"));

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
            report.message
                = QStringLiteral("the tool's tables cannot be written here; this run is not stored");
        } else {
            report.runId = *runId;
        }
    } else if (!session.toolsInstalled()) {
        report.message = QStringLiteral(
            "this database has no Coupling Console tables; using the built-in catalogue and storing nothing");
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
        (void)db.runDirect(QStringLiteral("ROLLBACK"));
        if (store) {
            report.status = error.code == ErrorCode::Cancelled ? RunStatus::Cancelled : RunStatus::Error;
            report.message = error.message;
            report.durationMs = timer.elapsed();
            (void)store->finishRun(report);
        }
        return error;
    };

    CC_TRY(db.runDirect(db.isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                        : QStringLiteral("BEGIN")));
    KeyTally tally(catalogue, options.violationLimit);
    tally.setKeepRecords(store != nullptr);
    qint64 sequence = 0;
    QList<DuplicateRecords> recordedDuplicates; // as the scan recorded them, before DuplicateLevels
    {
        // From here a cancel interrupts the running statement (sqlite3_interrupt / pg_cancel_backend).
        ParallelInterrupter interrupter;
        interrupter.add(db.interrupter());
        CancelToken::InterruptScope interruptScope(options.cancel, interrupter.function());
        auto total = estimatedRows(db);
        if (!total)
            return fail(total.error());
        const qint64 rowsTotal = *total;
        auto onRows = [&](qint64 rows) {
            if (options.progress)
                options.progress(std::min(rows, rowsTotal), rowsTotal);
        };
        auto indexed = ToolSchema::hasKeyIndexes(db);
        if (!indexed)
            return fail(indexed.error());
        Result<void> done = options.parallel > 1
            ? scanParallel(session, options, *indexed, tally, store != nullptr, interrupter, onRows)
            : streamKeys(db, std::nullopt, *indexed, catalogue, tally, store.get(), report.runId, sequence,
                options.cancel, onRows);
        if (!done)
            return fail(done.error());
        // The kept rows' levels of duplicate keys, from the same snapshot (C3).
        recordedDuplicates = tally.duplicates();
        if (auto kept = DuplicateLevels::resolve(session, tally, options.cancel); !kept)
            return fail(kept.error());
        CC_TRY(db.runDirect(QStringLiteral("COMMIT")));
        if (options.progress)
            options.progress(rowsTotal, rowsTotal);
    }
    if (store) {
        if (auto stored = store->appendViolations(*report.runId, tally.takeRecords(), sequence); !stored)
            return fail(stored.error());
        if (auto kept = store->setKeptLevels(*report.runId, recordedDuplicates, tally.duplicates()); !kept)
            return fail(kept.error());
    }
    tally.finish(report, hasPrevious ? &previous : nullptr);
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
    CC_TRY(db.runDirect(db.isPostgres() ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                        : QStringLiteral("BEGIN")));
    auto query = db.exec(sql, binds);
    if (!query) {
        (void)db.runDirect(QStringLiteral("ROLLBACK"));
        return query.error();
    }
    KeyAggregate key;
    while (query->next()) {
        GroupedKeyScan::read(*query, key);
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
