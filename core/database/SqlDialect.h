#pragma once

#include "base/Result.h"
#include "database/ConnectionProfile.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace cc {

class Database;
class PlatformRowSource;
enum class StaffLookup;
struct ColumnInfo;
struct ForeignKey;
struct KeyRef;
enum class TypeFamily;

// What one connection keeps between its dialect's calls: learnt when it was configured, and shared
// with the cancels it hands out (which may outlive the connection).
struct ConnectionState {
    qint64 backendPid = 0; // PostgreSQL: the session's server process, which a cancel names
    // Set by a cancel before it is sent: a 57014 then is the user's cancel, otherwise the server's
    // statement_timeout (issue 15).
    std::shared_ptr<std::atomic_bool> cancelRequested = std::make_shared<std::atomic_bool>(false);
    bool walEnabled = false; // SQLite: the file is in WAL mode
};

enum class LockMode { Shared, Exclusive };

// Everything the tool does differently on SQLite and PostgreSQL, named for what differs and grouped
// by concern (docs/ARCHITECTURE.md, "Dialects"). Core asks the connection's dialect (db.dialect())
// instead of asking which engine it is on. One stateless instance per engine (of()), so any thread
// may use it; what a connection learns lives in its ConnectionState. Members that run SQL take the
// connection and run in its thread; the others only spell SQL.
class SqlDialect {
public:
    virtual ~SqlDialect() = default;
    static const SqlDialect& of(Engine engine);
    static const SqlDialect& of(const ConnectionProfile& profile) { return of(profile.engine); }

    // --- Connecting (Database's part)
    virtual QString driverName() const = 0; // the Qt SQL driver
    virtual QString engineName() const = 0; // for messages: "SQLite", "PostgreSQL"
    // Refuses a target that cannot be opened before the driver tries (SQLite: a missing file).
    virtual Result<void> checkTarget(const ConnectionProfile& profile, bool mustExist) const = 0;
    virtual void setConnectOptions(QSqlDatabase& connection, const ConnectionProfile& profile) const = 0;
    virtual Error cannotOpen(const ConnectionProfile& profile, const QString& driverText) const = 0;
    // The session settings every connection starts with (time zone, lock and busy timeouts).
    virtual Result<void> configure(Database& db, ConnectionState& state) const = 0;
    // SQLite switches the file to WAL before its first write; nothing to do on PostgreSQL.
    virtual Result<void> prepareForWrites(Database& db, ConnectionState& state) const = 0;
    // Core's error for a driver error: cancel, read-only, busy, conflicts, disk full, lost server.
    virtual Error classify(const Database& db, const ConnectionState& state, const QSqlError& error,
        const QString& context) const = 0;
    // Stops the statement running on `db`; the function is callable from any thread.
    virtual std::function<void()> interrupter(const Database& db, const ConnectionState& state) const = 0;
    // A tool table's qualified name: cc_audit, coupling_console.audit.
    virtual QString toolTable(const QString& name) const = 0;

    // --- Transactions
    // A write transaction (SQLite takes its one write lock at once, rather than at the first write).
    virtual QString beginWrite() const = 0;
    // A read that sees one snapshot across its statements, and writes nothing.
    virtual QString beginSnapshotRead() const = 0;

    // --- Locks held until the transaction ends. SQLite's one write lock (beginWrite) already
    // serialises every writer, so there these take nothing.
    virtual Result<void> lockName(Database& db, const QString& name, LockMode mode) const = 0;
    // Each (user, track) key, one after the other in the order given (sorted, unique).
    virtual Result<void> lockKeys(Database& db, const QList<KeyRef>& keys) const = 0;
    // Appenders to `table` (qualified) queue, so that each sees the rows the one before committed.
    virtual Result<void> lockAppends(Database& db, const QString& table) const = 0;
    // Appended to a SELECT that reads rows the transaction will write: " FOR UPDATE" or nothing.
    virtual QString lockingRead() const = 0;

    // --- Locks held by a session across transactions (a run's liveness, RunLiveness.h). Without
    // them (SQLite) a run proves it is alive by a heartbeat instead.
    virtual bool hasSessionLocks() const = 0;
    virtual Result<void> lockSession(Database& db, const QString& name) const = 0;
    virtual void unlockSession(Database& db, const QString& name) const = 0;
    // Whether no other session holds `name` (taken and given back at once).
    virtual Result<bool> isSessionLockFree(Database& db, const QString& name) const = 0;

    // --- Round trips
    // Whether bulk writes group rows into multi-row and set-based statements: on PostgreSQL each
    // statement is a round trip to the server; SQLite runs in-process, where a reused one-row
    // statement measured as fast.
    virtual bool groupsBulkWrites() const = 0;
    // Whether connections can share one snapshot (check --parallel reads ranges in it).
    virtual bool sharesSnapshots() const = 0;

    // --- Changes made by other connections (ChangeFeed.h)
    // Whether a commit reaches listening connections as a notification; otherwise they poll.
    virtual bool notifiesChanges() const = 0;
    // Inside a write transaction: the notification its commit sends (nothing without notifications).
    virtual Result<void> announceChange(Database& db, const QString& channel) const = 0;
    // A number that changes when another connection commits (0 with notifications: listen instead).
    virtual Result<qint64> dataVersion(Database& db) const = 0;

    // --- Reading values
    // A select-list entry that reads a column back without loss (PostgreSQL's timestamps, floats,
    // JSON and enums as their text).
    virtual QString readable(const QString& qualified, const QString& name, TypeFamily family) const = 0;
    // An expression's value as text (PostgreSQL's enums have no implicit cast).
    virtual QString asText(const QString& expression) const = 0;
    // An expression that sorts and compares by bytes (SQLite's BINARY, PostgreSQL's "C").
    virtual QString byteOrdered(const QString& expression) const = 0;
    // A list of ids as one bound value, so that a statement's text is the same for every list,
    // and the semi-join that reads it: `column IN (…)`.
    virtual QVariant idList(const QList<qint64>& ids) const = 0;
    virtual QString inIdList(const QString& column) const = 0;
    // `column` among the few rows of `subquery`, probing an index of `column` (PostgreSQL plans an
    // IN over a subquery as a hash join that scans the whole table).
    virtual QString inFewValues(const QString& column, const QString& subquery) const = 0;
    // Milliseconds since the epoch of an ISO-8601 UTC text column, rounded to the millisecond.
    virtual QString epochMillis(const QString& column) const = 0;
    // A bound parameter used as a 64-bit integer in arithmetic.
    virtual QString bigintParameter() const = 0;
    // The server's clock, when there is a server (std::nullopt on SQLite: no clock but the client's).
    virtual Result<std::optional<QString>> serverClock(Database& db) const = 0;
    // About how many rows `tables` hold together, from statistics (0 when there are none).
    virtual Result<qint64> estimatedRows(Database& db, const QStringList& tables) const = 0;
    // The check's three row streams on the driver's own handle (PlatformRowSource.h).
    virtual Result<std::unique_ptr<PlatformRowSource>> openRowSource(
        Database& db, std::optional<std::pair<qint64, qint64>> range, StaffLookup staff) const = 0;

    // --- Schema definitions
    virtual QString serialPrimaryKey(bool bigint) const = 0;
    virtual QString trueLiteral() const = 0;
    // The current time as a TIMESTAMP column's value.
    virtual QString currentTimestamp() const = 0;
    // Statements that make the namespace the tool's tables live in.
    virtual QStringList createToolNamespace() const = 0;
    // An index name on a tool table (PostgreSQL: in the table's schema, so unprefixed).
    virtual QString toolIndexName(const char* table, const char* suffix) const = 0;
    // Statements that widen `columns` of a tool table to 64 bits (SQLite's INTEGER is already).
    virtual QStringList widenToBigint(const QString& table, const QStringList& columns) const = 0;
    // An index's column list: `key` first, then `covering` read from the index alone.
    virtual QString coveringColumns(const QString& key, const QString& covering) const = 0;
    // Whether an index can be built without blocking writers (it then cannot run in a transaction).
    virtual bool buildsIndexesConcurrently() const = 0;
    // PostgreSQL's serial sequence of `table` continues after its highest id (SQLite's does itself).
    virtual Result<void> continueSerialIds(Database& db, const QString& table) const = 0;
    // ANALYZE; SQLite then forgets the tool tables' statistics (docs/PERFORMANCE.md).
    virtual Result<void> analyze(Database& db) const = 0;
    // After a run wrote `rowsWritten` rows to `table`: refreshes the planner's statistics when they
    // no longer describe it (PostgreSQL; autovacuum would a minute later).
    virtual Result<void> refreshStatistics(Database& db, const QString& table, qint64 rowsWritten) const = 0;
    // Spells an integer series CTE named nums(k), 1 … upperBound, for demo data.
    virtual QString integerSeries(const QString& upperBound) const = 0;
    // A timestamp `minutes` after 2025-01-01 00:00:00, for demo data.
    virtual QString demoTimestamp(const QString& minutes) const = 0;

    // --- The catalogue
    virtual Result<bool> hasToolTable(Database& db, const QString& name) const = 0;
    // An index that must be built again: invalid (a stopped concurrent build) or of another width.
    virtual Result<bool> isIndexStale(Database& db, const QString& name, int columnCount) const = 0;
    // Those of the named indexes that exist and can be used (PostgreSQL: not INVALID, which the planner
    // ignores; a stopped concurrent build leaves one), in no particular order.
    virtual Result<QStringList> usableIndexes(Database& db, const QStringList& names) const = 0;
    // Schemas off the connection's search path that hold the platform's tables (none on SQLite).
    virtual Result<QStringList> platformSchemasOffPath(Database& db) const = 0;
    // Tables and views the connection sees that are neither the engine's nor the tool's own.
    virtual Result<QStringList> otherTables(Database& db) const = 0;
    // `schema` empty: where the search path finds the table.
    virtual Result<QList<ColumnInfo>> columns(
        Database& db, const QString& table, const QString& schema) const = 0;
    // The foreign keys that reference the platform tables and their single-column unique columns.
    virtual Result<void> readConstraints(Database& db, QHash<QString, QList<ForeignKey>>& referencing,
        QHash<QString, QStringList>& unique) const = 0;

protected:
    // A statement's one number (a count, a boolean, an estimate); 0 when it returns no row.
    static Result<qint64> number(Database& db, const QString& sql, const QVariantList& binds = {});
    // Whether that number is above 0 (something was counted, a test was true).
    static Result<bool> isPositive(Database& db, const QString& sql, const QVariantList& binds = {});
    // "?, ?, ?": one placeholder per value of `binds`.
    static QString placeholders(const QVariantList& binds);
    // "1,2,3", the body of both engines' id lists.
    static QString joined(const QList<qint64>& ids);
};

} // namespace cc
