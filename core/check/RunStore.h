#pragma once

#include "check/HealthReport.h"
#include "check/KeyTally.h"
#include "database/Database.h"

#include <QSet>

#include <functional>
#include <memory>

namespace cc {

class SqliteViolationInsert;

class RunHeartbeat;

// The order the violations page lists a run in; every order ends with the stored sequence (key
// order), so keyset paging has a unique position.
enum class ViolationOrder { Key, Track, Kind };

// A keyset position: the last row seen, by the order's column and its sequence.
struct ViolationCursor {
    QString value; // the order column's value (empty for key order)
    qint64 sequence = -1;
    bool operator==(const ViolationCursor&) const = default;
};

struct ViolationFilter {
    std::optional<qint64> runId; // empty: the latest completed run
    QString kind; // a violation kind or warning name; empty: any
    QString track;
    std::optional<qint64> userId;
    bool warnings = false; // list warnings instead of violations
    ViolationOrder order = ViolationOrder::Key;
    bool descending = false;
    std::optional<ViolationCursor> after; // keyset paging: rows after this position; empty: from the start
    qint64 limit = -1;
};

struct StoredViolation {
    qint64 sequence = 0;
    ViolationRecord record;
};

// The tool's runs and violations tables: writing a run (over its own connection) and reading
// stored runs for every front end.
class RunStore final {
public:
    static Result<std::unique_ptr<RunStore>> openWriter(const ConnectionProfile& profile);
    explicit RunStore(std::unique_ptr<Database> db);
    ~RunStore();
    Q_DISABLE_COPY_MOVE(RunStore)

    Result<qint64> beginRun(const HealthReport& report);
    Result<void> appendViolations(qint64 runId, const QList<ViolationRecord>& records, qint64& sequence);
    Result<void> finishRun(const HealthReport& report);
    // Rewrites the levels of stored duplicate keys' records whose kept rows' levels differ from
    // the recorded ones (`recorded`, in the same order as `kept`).
    Result<void> setKeptLevels(
        qint64 runId, const QList<DuplicateRecords>& recorded, const QList<DuplicateRecords>& kept);

    // The latest completed run's primary violations as keys, excluding `currentRun`.
    static Result<std::pair<bool, QSet<QString>>> previousViolationKeys(
        Database& db, std::optional<qint64> currentRun);
    static Result<QList<HealthReport>> runs(Database& db, qint64 limit, const QDateTime& since = {});
    // Visits the stored runs newest first, read forward-only one row at a time (nothing is held);
    // an error returned by `visit` stops the walk and is returned. Runs no other statement on `db`
    // while visiting, and `visit` must not either (QPSQL drops a forward-only result then).
    static Result<void> forEachRun(Database& db, qint64 limit, const QDateTime& since,
        const std::function<Result<void>(const HealthReport&)>& visit);
    static Result<qint64> countRuns(Database& db, qint64 limit);
    static Result<std::optional<HealthReport>> latestCompleted(Database& db);
    static Result<std::optional<HealthReport>> run(Database& db, qint64 runId);
    static Result<QList<StoredViolation>> violations(Database& db, const ViolationFilter& filter);
    // As forEachRun, for the violations `filter` selects, in its order.
    static Result<void> forEachViolation(Database& db, const ViolationFilter& filter,
        const std::function<Result<void>(const StoredViolation&)>& visit);
    // The run a filter reads: its runId, or the latest completed run (NotFound when there is none).
    static Result<qint64> runFor(Database& db, const ViolationFilter& filter);
    static Result<qint64> countViolations(Database& db, const ViolationFilter& filter);
    // Retention (C4): violations of the last 50 runs or the last 30 days, whichever keeps more.
    static Result<qint64> prune(Database& db, const QDateTime& now);

private:
    Result<void> appendViolationsSqlite(
        qint64 runId, const QList<ViolationRecord>& records, qint64& sequence);
    // Whether the runs table counts staff credentials (tool schema 3).
    static Result<bool> hasStaffColumn(Database& db);
    // The runs table's columns as readRun reads them (NULL for staff_credentials before schema 3).
    static Result<QString> runColumns(Database& db);
    Result<void> refreshStatistics();

    std::unique_ptr<Database> m_db;
    qint64 m_rowsStored = 0; // violation rows this writer stored
    bool m_staffColumn = true; // the runs table has staff_credentials (tool schema 3)
    // SQLite: the prepared violation insert, reused across batches.
    std::unique_ptr<SqliteViolationInsert> m_sqliteInsert;
    std::unique_ptr<RunHeartbeat> m_heartbeat; // SQLite: the running run's heartbeat
};

} // namespace cc
