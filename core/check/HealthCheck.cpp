#include "check/HealthCheck.h"

#include "base/Time.h"
#include "check/DuplicateLevels.h"
#include "check/GroupedKeyScan.h"
#include "check/KeyMerge.h"
#include "check/KeyTally.h"
#include "check/PrefetchedRowSource.h"
#include "check/RunStore.h"
#include "database/WriteTransaction.h"
#include "schema/ToolSchema.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>

#include <atomic>
#include <mutex>
#include <thread>

namespace cc {

namespace {

// How the check reads, asked of the catalogue once per check: every part of a parallel check reads
// the same way.
struct ReadPlan {
    bool keyIndexes = false; // KeyMerge over the cc_ key indexes, else the grouped statement
    StaffLookup staff = StaffLookup::ScanUsers; // for KeyMerge's row source
};

Result<ReadPlan> readPlan(Database& db)
{
    auto indexes = ToolSchema::checkIndexes(db);
    if (!indexes)
        return indexes.error();
    return ReadPlan { indexes->keys, indexes->usersRole ? StaffLookup::RoleIndex : StaffLookup::ScanUsers };
}

// Streams the keys of one user range (all users when empty) into a tally: through KeyMerge over
// the cc_ indexes, else through the grouped statement (GroupedKeyScan); stores records in batches
// when a store is given.
Result<void> streamKeys(Database& db, PlatformRowSource::UserRange range, const ReadPlan& plan,
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
    if (!plan.keyIndexes) {
        QVariantList binds;
        const QString sql = HealthCheck::statement(db, catalogue, &binds, range);
        return GroupedKeyScan::run(db, sql, binds, tally, checkpoint);
    }
    auto source = PlatformRowSource::open(db, range, plan.staff);
    if (!source)
        return source.error();
    KeyMerge merge(catalogue, tally);
    return merge.run(*prefetched(std::move(*source)), checkpoint);
}

// About how many rows both tables hold, for the progress bar only: counting them would cost a
// scan as long as the check's own reading (issue 17). SQLite: the highest rowids; PostgreSQL: the
// planner's estimate. Counted when there is no estimate (never analysed, or no rowid).
Result<qint64> estimatedRows(Database& db)
{
    auto estimate = db.dialect().estimatedRows(
        db, { QStringLiteral("specialization_progress"), QStringLiteral("user_licenses") });
    if (estimate && *estimate > 0)
        return *estimate;
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

// The user ids both tables hold, as [low, high); empty when they hold no rows.
Result<std::optional<std::pair<qint64, qint64>>> userSpan(Database& db)
{
    auto bounds
        = db.exec(QStringLiteral("SELECT LEAST((SELECT min(student_id) FROM specialization_progress), "
                                 "(SELECT min(user_id) FROM user_licenses)), "
                                 "GREATEST((SELECT max(student_id) FROM specialization_progress), (SELECT "
                                 "max(user_id) FROM user_licenses))"));
    if (!bounds)
        return bounds.error();
    if (!bounds->next() || bounds->value(0).isNull())
        return std::optional<std::pair<qint64, qint64>>();
    const std::pair<qint64, qint64> span { bounds->value(0).toLongLong(), bounds->value(1).toLongLong() + 1 };
    bounds->finish();
    return std::optional(span);
}

// One user-id range of a parallel check, on its own connection in the reader's exported snapshot.
Result<void> scanPart(const ConnectionProfile& profile, const QString& snapshotId,
    std::pair<qint64, qint64> range, const ReadPlan& plan, const LevelCatalogue& catalogue, KeyTally& tally,
    CancelToken* cancel, ParallelInterrupter& interrupter, std::atomic<qint64>& rows)
{
    auto connection = Database::open(profile, Database::OpenMode::MustExist);
    if (!connection)
        return connection.error();
    Database& part = **connection;
    interrupter.add(part.interrupter());
    CC_TRY(part.runDirect(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")));
    CC_TRY(part.runDirect(QStringLiteral("SET TRANSACTION SNAPSHOT '%1'").arg(snapshotId)));
    qint64 unused = 0;
    CC_TRY(streamKeys(part, range, plan, catalogue, tally, nullptr, std::nullopt, unused, cancel,
        [&rows](qint64 read) { rows.store(read); }));
    rows.store(tally.rows());
    return part.runDirect(QStringLiteral("COMMIT"));
}

// The parts' error to report: any other before a cancel, which the others' failure may have caused.
std::optional<Error> firstError(const std::vector<std::optional<Error>>& errors)
{
    for (const auto& error : errors) {
        if (error && error->code != ErrorCode::Cancelled)
            return error;
    }
    for (const auto& error : errors) {
        if (error)
            return error;
    }
    return std::nullopt;
}

// check --parallel N (PostgreSQL): N connections import the reader's exported snapshot and each
// scans one user-id range; tallies merge in range order, so the result equals the serial one.
Result<void> scanParallel(Session& session, const CheckOptions& options, const ReadPlan& plan,
    KeyTally& tally, bool keepRecords, ParallelInterrupter& interrupter,
    const std::function<void(qint64)>& onRows)
{
    Database& db = session.db();
    auto snapshot = db.scalar(QStringLiteral("SELECT pg_export_snapshot()"));
    if (!snapshot)
        return snapshot.error();
    const QString snapshotId = snapshot->toString();
    static const QRegularExpression snapshotPattern(QStringLiteral("^[0-9A-Fa-f-]+$"));
    if (!snapshotPattern.match(snapshotId).hasMatch())
        return Error { ErrorCode::Sql, QStringLiteral("unexpected snapshot id from PostgreSQL") };
    auto span = userSpan(db);
    if (!span)
        return span.error();
    if (!*span)
        return {};
    const auto [low, high] = **span;
    const int parts = options.parallel;
    const qint64 width = std::max<qint64>(1, (high - low + parts - 1) / parts);

    // Every part's tally exists before any thread starts: a thread must not read a container the
    // starting loop still grows (a push_back that reallocated under a running part crashed it).
    std::vector<std::unique_ptr<KeyTally>> tallies;
    for (int i = 0; i < parts; ++i) {
        tallies.push_back(std::make_unique<KeyTally>(session.catalogue(), options.violationLimit));
        tallies.back()->setKeepRecords(keepRecords);
    }
    std::vector<std::atomic<qint64>> partRows(parts);
    std::vector<std::optional<Error>> errors(parts);
    std::vector<std::thread> threads;
    std::atomic_int running { parts };
    for (int i = 0; i < parts; ++i) {
        const std::pair<qint64, qint64> range { low + i * width,
            i + 1 == parts ? high : std::min(high, low + (i + 1) * width) };
        KeyTally* part = tallies[i].get();
        threads.emplace_back([&, i, range, part] {
            if (auto done = scanPart(db.profile(), snapshotId, range, plan, session.catalogue(), *part,
                    options.cancel, interrupter, partRows[i]);
                !done)
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
    if (const auto error = firstError(errors))
        return *error;
    for (auto& part : tallies)
        tally.merge(std::move(*part));
    return {};
}

// Opens the run's writer and stores the run as running; without one (no tool tables, read-only),
// says in the report why the run is not stored.
Result<std::unique_ptr<RunStore>> openStore(
    Session& session, const CheckOptions& options, HealthReport& report)
{
    Database& db = session.db();
    if (options.store && session.toolsInstalled() && !db.isReadOnly()) {
        auto writer = RunStore::openWriter(db.profile());
        if (!writer)
            return writer.error();
        auto runId = (*writer)->beginRun(report);
        if (runId) {
            report.runId = *runId;
            return std::move(*writer);
        }
        if (runId.error().code != ErrorCode::ReadOnly && runId.error().code != ErrorCode::Refused)
            return runId.error();
        report.message = QStringLiteral("the tool's tables cannot be written here; this run is not stored");
    } else if (!session.toolsInstalled()) {
        report.message = QStringLiteral(
            "this database has no Coupling Console tables; using the built-in catalogue and storing nothing");
    } else if (options.store) {
        report.message = QStringLiteral("read-only: this run is not stored");
    }
    return std::unique_ptr<RunStore>();
}

// Reads every key into the tally (in parallel when asked) and the kept rows' levels of duplicate
// keys from the same snapshot (C3); returns the rows the progress counts to.
Result<qint64> readKeys(Session& session, const CheckOptions& options, KeyTally& tally, RunStore* store,
    std::optional<qint64> runId, qint64& sequence, ParallelInterrupter& interrupter,
    QList<DuplicateRecords>& recordedDuplicates)
{
    Database& db = session.db();
    auto total = estimatedRows(db);
    if (!total)
        return total.error();
    const qint64 rowsTotal = *total;
    auto onRows = [&](qint64 rows) {
        if (options.progress)
            options.progress(std::min(rows, rowsTotal), rowsTotal);
    };
    auto plan = readPlan(db);
    if (!plan)
        return plan.error();
    Result<void> done = options.parallel > 1
        ? scanParallel(session, options, *plan, tally, store != nullptr, interrupter, onRows)
        : streamKeys(db, std::nullopt, *plan, session.catalogue(), tally, store, runId, sequence,
            options.cancel, onRows);
    if (!done)
        return done.error();
    recordedDuplicates = tally.duplicates();
    CC_TRY(DuplicateLevels::resolve(session, tally, options.cancel));
    return rowsTotal;
}

// The latest completed run's violations, to count what is new and resolved since; none without
// the tool's tables or an earlier run.
Result<std::optional<QSet<QString>>> previousKeys(Session& session, std::optional<qint64> runId)
{
    if (!session.toolsInstalled())
        return std::optional<QSet<QString>>();
    auto loaded = RunStore::previousViolationKeys(session.db(), runId);
    if (!loaded)
        return loaded.error();
    if (!loaded->first)
        return std::optional<QSet<QString>>();
    return std::optional(std::move(loaded->second));
}

// A failed check ends its read transaction and stores the run as cancelled or failed.
Error failRun(
    Database& db, RunStore* store, HealthReport& report, const QElapsedTimer& timer, const Error& error)
{
    (void)db.runDirect(QStringLiteral("ROLLBACK"));
    if (store) {
        report.status = error.code == ErrorCode::Cancelled ? RunStatus::Cancelled : RunStatus::Error;
        report.message = error.message;
        report.durationMs = timer.elapsed();
        (void)store->finishRun(report);
    }
    return error;
}

// The records not stored yet, and the kept rows' levels of duplicate keys.
Result<void> storeRecords(
    RunStore& store, qint64 runId, KeyTally& tally, qint64& sequence, const QList<DuplicateRecords>& recorded)
{
    CC_TRY(store.appendViolations(runId, tally.takeRecords(), sequence));
    return store.setKeptLevels(runId, recorded, tally.duplicates());
}

} // namespace

Result<HealthReport> HealthCheck::run(Session& session, const CheckOptions& options)
{
    Database& db = session.db();
    CC_TRY(session.authorize(Action::View));
    CC_TRY(session.platform());
    if (options.parallel > 1 && !db.dialect().sharesSnapshots())
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
    auto opened = openStore(session, options, report);
    if (!opened)
        return opened.error();
    std::unique_ptr<RunStore> store = std::move(*opened);
    auto previous = previousKeys(session, report.runId);
    if (!previous)
        return previous.error();

    CC_TRY(db.runDirect(db.dialect().beginSnapshotRead()));
    KeyTally tally(session.catalogue(), options.violationLimit);
    tally.setKeepRecords(store != nullptr);
    qint64 sequence = 0;
    QList<DuplicateRecords> recordedDuplicates; // as the scan recorded them, before DuplicateLevels
    {
        // From here a cancel interrupts the running statement (sqlite3_interrupt / pg_cancel_backend).
        ParallelInterrupter interrupter;
        interrupter.add(db.interrupter());
        CancelToken::InterruptScope interruptScope(options.cancel, interrupter.function());
        auto rowsTotal = readKeys(
            session, options, tally, store.get(), report.runId, sequence, interrupter, recordedDuplicates);
        if (!rowsTotal)
            return failRun(db, store.get(), report, timer, rowsTotal.error());
        CC_TRY(db.runDirect(QStringLiteral("COMMIT")));
        if (options.progress)
            options.progress(*rowsTotal, *rowsTotal);
    }
    if (store) {
        if (auto stored = storeRecords(*store, *report.runId, tally, sequence, recordedDuplicates); !stored)
            return failRun(db, store.get(), report, timer, stored.error());
    }
    tally.finish(report, *previous ? &**previous : nullptr);
    report.durationMs = timer.elapsed();
    if (store)
        CC_TRY(store->finishRun(report));
    return report;
}

} // namespace cc
