#include "dialects/SqliteDialect.h"

#include "check/PlatformRowSource.h"
#include "database/Database.h"
#include "schema/PlatformSchema.h"

#include <QFileInfo>
#include <QSqlDriver>

#include <sqlite3.h>

#include <cerrno>

namespace cc {

namespace {

// The SQLite result codes a user can act on, worded; std::nullopt for the others.
std::optional<Error> sqliteError(int code, const QString& path, const QString& text)
{
    // SQLITE_FULL, or an I/O error whose cause was ENOSPC ("disk I/O error" with no room to write).
    if (code == SQLITE_FULL || (code == SQLITE_IOERR && errno == ENOSPC))
        return Error { ErrorCode::Sql,
            QStringLiteral("no space left on the device: %1 cannot grow; nothing was changed (%2)")
                .arg(path, text) };
    if (code == SQLITE_INTERRUPT)
        return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
    if (code == SQLITE_READONLY)
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database refused a write: %1 is read-only").arg(path) };
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return Error { ErrorCode::Busy,
            QStringLiteral("the database %1 stayed busy (another process is writing); try again").arg(path) };
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("%1 is damaged or not a database: %2").arg(path, text) };
    return std::nullopt;
}

// A file that is not a database fails on its first read, here, rather than later.
Result<qint64> probe(Database& db)
{
    const QString& path = db.profile().sqlitePath;
    auto probe = db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (probe)
        return probe->toLongLong();
    if (probe.error().code == ErrorCode::ReadOnly)
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("cannot read %1: it is a WAL database and this user cannot write the file "
                           "or its directory, so SQLite cannot create %1-shm")
                .arg(path) };
    if (probe.error().code == ErrorCode::CannotOpen
        || probe.error().message.startsWith(QLatin1String("no space left")))
        return Error { ErrorCode::CannotOpen, probe.error().message };
    return Error { ErrorCode::CannotOpen,
        QStringLiteral("%1 is not a usable SQLite database: %2").arg(path, probe.error().message) };
}

} // namespace

QString SqliteDialect::driverName() const
{
    return QStringLiteral("QSQLITE");
}

QString SqliteDialect::engineName() const
{
    return QStringLiteral("SQLite");
}

Result<void> SqliteDialect::checkTarget(const ConnectionProfile& profile, bool mustExist) const
{
    const QFileInfo info(profile.sqlitePath);
    if (profile.sqlitePath.isEmpty())
        return Error { ErrorCode::CannotOpen, QStringLiteral("no database file given") };
    CC_TRY(ConnectionProfile::checkSqlitePath(profile.sqlitePath));
    if (info.isDir())
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("%1 is a directory, not a database file").arg(profile.sqlitePath) };
    if (!info.exists() && (mustExist || profile.readOnly))
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("database file %1 does not exist").arg(profile.sqlitePath) };
    return {};
}

void SqliteDialect::setConnectOptions(QSqlDatabase& connection, const ConnectionProfile& profile) const
{
    connection.setDatabaseName(profile.sqlitePath);
    if (profile.readOnly)
        connection.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
}

Error SqliteDialect::cannotOpen(const ConnectionProfile& profile, const QString& driverText) const
{
    return Error { ErrorCode::CannotOpen,
        QStringLiteral("cannot open %1: %2").arg(profile.sqlitePath, driverText) };
}

Result<void> SqliteDialect::configure(Database& db, ConnectionState&) const
{
    auto tables = probe(db);
    if (!tables)
        return tables.error();
    CC_TRY(db.runDirect(QStringLiteral("PRAGMA busy_timeout = 5000")));
    CC_TRY(db.runDirect(QStringLiteral("PRAGMA foreign_keys = ON")));
    if (db.isReadOnly())
        return {};
    CC_TRY(db.runDirect(QStringLiteral("PRAGMA synchronous = NORMAL")));
    // An empty file stays untouched until its first write; a file this user may not write stays
    // readable (its writes are refused as read-only).
    if (*tables == 0)
        return {};
    if (auto wal = db.prepareForWrites(); !wal && wal.error().code != ErrorCode::ReadOnly)
        return Error {
            ErrorCode::CannotOpen,
            QStringLiteral("cannot open %1 for writing: %2").arg(db.profile().sqlitePath, wal.error().message)
        };
    return {};
}

Result<void> SqliteDialect::prepareForWrites(Database& db, ConnectionState& state) const
{
    if (state.walEnabled)
        return {};
    auto mode = db.scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return Error { ErrorCode::ReadOnly,
            QStringLiteral(
                "the database refused a write: %1 cannot switch to WAL mode (it is read-only for this user)")
                .arg(db.profile().sqlitePath) };
    state.walEnabled = true;
    return {};
}

Error SqliteDialect::classify(
    const Database& db, const ConnectionState&, const QSqlError& error, const QString& context) const
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (auto known = sqliteError(error.nativeErrorCode().toInt() & 0xff, db.profile().sqlitePath, text))
        return *known;
    return Error { ErrorCode::Sql, context.isEmpty() ? text : context + QStringLiteral(": ") + text };
}

std::function<void()> SqliteDialect::interrupter(const Database& db, const ConnectionState&) const
{
    const QVariant handle = db.connection().driver()->handle();
    sqlite3* raw = nullptr;
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        raw = *static_cast<sqlite3* const*>(handle.data());
    return [raw] {
        if (raw)
            sqlite3_interrupt(raw);
    };
}

QString SqliteDialect::toolTable(const QString& name) const
{
    return QStringLiteral("cc_") + name;
}

QString SqliteDialect::beginWrite() const
{
    return QStringLiteral("BEGIN IMMEDIATE"); // Qt's transaction() sends a deferred BEGIN
}

QString SqliteDialect::beginSnapshotRead() const
{
    return QStringLiteral("BEGIN"); // a read transaction sees one snapshot of a WAL file
}

Result<void> SqliteDialect::lockName(Database&, const QString&, LockMode) const
{
    return {};
}

Result<void> SqliteDialect::lockKeys(Database&, const QList<KeyRef>&) const
{
    return {};
}

Result<void> SqliteDialect::lockAppends(Database&, const QString&) const
{
    return {};
}

QString SqliteDialect::lockingRead() const
{
    return {};
}

bool SqliteDialect::hasSessionLocks() const
{
    return false;
}

Result<void> SqliteDialect::lockSession(Database&, const QString&) const
{
    return {};
}

void SqliteDialect::unlockSession(Database&, const QString&) const { }

Result<bool> SqliteDialect::isSessionLockFree(Database&, const QString&) const
{
    return false; // no session locks: whether their owner lives is told by a heartbeat
}

bool SqliteDialect::groupsBulkWrites() const
{
    return false;
}

bool SqliteDialect::sharesSnapshots() const
{
    return false;
}

bool SqliteDialect::notifiesChanges() const
{
    return false;
}

Result<void> SqliteDialect::announceChange(Database&, const QString&) const
{
    return {};
}

Result<qint64> SqliteDialect::dataVersion(Database& db) const
{
    auto query = db.exec(QStringLiteral("PRAGMA data_version"));
    if (!query)
        return query.error();
    if (!query->next())
        return Error { ErrorCode::Sql, QStringLiteral("PRAGMA data_version returned no row") };
    return query->value(0).toLongLong();
}

QString SqliteDialect::readable(const QString& qualified, const QString&, TypeFamily) const
{
    return qualified; // values come back as stored
}

QString SqliteDialect::asText(const QString& expression) const
{
    return expression;
}

QString SqliteDialect::byteOrdered(const QString& expression) const
{
    return expression; // BINARY is SQLite's default collation
}

QVariant SqliteDialect::idList(const QList<qint64>& ids) const
{
    return QVariant(u'[' + joined(ids) + u']');
}

// SQLite builds the list's index once, never a per-row walk of the list.
QString SqliteDialect::inIdList(const QString& column) const
{
    return column + QStringLiteral(" IN (SELECT value FROM json_each(?))");
}

QString SqliteDialect::inFewValues(const QString& column, const QString& subquery) const
{
    return column + QStringLiteral(" IN (") + subquery + u')';
}

QString SqliteDialect::epochMillis(const QString& column) const
{
    return QStringLiteral("CAST(round((julianday(%1) - 2440587.5) * 86400000.0) AS INTEGER)").arg(column);
}

QString SqliteDialect::bigintParameter() const
{
    return QStringLiteral("?");
}

Result<std::optional<QString>> SqliteDialect::serverClock(Database&) const
{
    return std::optional<QString>();
}

// The highest rowids: SQLite keeps no row count.
Result<qint64> SqliteDialect::estimatedRows(Database& db, const QStringList& tables) const
{
    QStringList terms;
    for (const QString& table : tables)
        terms << QStringLiteral("COALESCE((SELECT max(rowid) FROM %1), 0)").arg(table);
    return number(db, QStringLiteral("SELECT ") + terms.join(QStringLiteral(" + ")));
}

Result<std::unique_ptr<PlatformRowSource>> SqliteDialect::openRowSource(
    Database& db, std::optional<std::pair<qint64, qint64>> range, StaffLookup staff) const
{
    return openSqliteRowSource(db, range, staff);
}

} // namespace cc
