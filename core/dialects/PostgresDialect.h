#pragma once

#include "database/SqlDialect.h"

namespace cc {

// PostgreSQL: a server reached over libpq; row, advisory and session locks, NOTIFY, shared
// snapshots. Connection and SQL spellings in PostgresDialect.cpp, catalogue reads (pg_catalog,
// information_schema) in PostgresCatalogue.cpp.
class PostgresDialect final : public SqlDialect {
public:
    QString driverName() const override;
    QString engineName() const override;
    Result<void> checkTarget(const ConnectionProfile& profile, bool mustExist) const override;
    void setConnectOptions(QSqlDatabase& connection, const ConnectionProfile& profile) const override;
    Error cannotOpen(const ConnectionProfile& profile, const QString& driverText) const override;
    Result<void> configure(Database& db, ConnectionState& state) const override;
    Result<void> prepareForWrites(Database& db, ConnectionState& state) const override;
    Error classify(const Database& db, const ConnectionState& state, const QSqlError& error,
        const QString& context) const override;
    std::function<void()> interrupter(const Database& db, const ConnectionState& state) const override;
    QString toolTable(const QString& name) const override;
    QString beginWrite() const override;
    QString beginSnapshotRead() const override;
    Result<void> lockName(Database& db, const QString& name, LockMode mode) const override;
    Result<void> lockKeys(Database& db, const QList<KeyRef>& keys) const override;
    Result<void> lockAppends(Database& db, const QString& table) const override;
    QString lockingRead() const override;
    bool hasSessionLocks() const override;
    Result<void> lockSession(Database& db, const QString& name) const override;
    void unlockSession(Database& db, const QString& name) const override;
    Result<bool> isSessionLockFree(Database& db, const QString& name) const override;
    bool groupsBulkWrites() const override;
    bool sharesSnapshots() const override;
    bool notifiesChanges() const override;
    Result<void> announceChange(Database& db, const QString& channel) const override;
    Result<qint64> dataVersion(Database& db) const override;
    QString readable(const QString& qualified, const QString& name, TypeFamily family) const override;
    QString asText(const QString& expression) const override;
    QString byteOrdered(const QString& expression) const override;
    QVariant idList(const QList<qint64>& ids) const override;
    QString inIdList(const QString& column) const override;
    QString inFewValues(const QString& column, const QString& subquery) const override;
    QString epochMillis(const QString& column) const override;
    QString bigintParameter() const override;
    Result<std::optional<QString>> serverClock(Database& db) const override;
    Result<qint64> estimatedRows(Database& db, const QStringList& tables) const override;
    Result<std::unique_ptr<PlatformRowSource>> openRowSource(
        Database& db, std::optional<std::pair<qint64, qint64>> range, StaffLookup staff) const override;
    QString serialPrimaryKey(bool bigint) const override;
    QString trueLiteral() const override;
    QString currentTimestamp() const override;
    QStringList createToolNamespace() const override;
    QString toolIndexName(const char* table, const char* suffix) const override;
    QStringList widenToBigint(const QString& table, const QStringList& columns) const override;
    QString coveringColumns(const QString& key, const QString& covering) const override;
    bool buildsIndexesConcurrently() const override;
    Result<void> continueSerialIds(Database& db, const QString& table) const override;
    Result<void> analyze(Database& db) const override;
    Result<void> refreshStatistics(Database& db, const QString& table, qint64 rowsWritten) const override;
    QString integerSeries(const QString& upperBound) const override;
    QString demoTimestamp(const QString& minutes) const override;
    Result<bool> hasToolTable(Database& db, const QString& name) const override;
    Result<bool> isIndexStale(Database& db, const QString& name, int columnCount) const override;
    Result<QStringList> usableIndexes(Database& db, const QStringList& names) const override;
    Result<QStringList> platformSchemasOffPath(Database& db) const override;
    Result<QStringList> otherTables(Database& db) const override;
    Result<QList<ColumnInfo>> columns(
        Database& db, const QString& table, const QString& schema) const override;
    Result<void> readConstraints(Database& db, QHash<QString, QList<ForeignKey>>& referencing,
        QHash<QString, QStringList>& unique) const override;
};

} // namespace cc
