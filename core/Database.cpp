#include "Database.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

#include <cerrno>

namespace cc {

QString uniqueConnectionName(const QString& prefix)
{
    static QAtomicInteger<quint64> counter;
    return prefix + u'-' + QString::number(++counter);
}

namespace {

// Every PostgreSQL connection the tool opens (the session's and a cancel's): the profile's server
// and login, a 5 s connect timeout, and the tool's name in pg_stat_activity.
void setPostgresOptions(QSqlDatabase& db, const ConnectionProfile& profile)
{
    db.setHostName(profile.host);
    db.setPort(profile.port);
    db.setDatabaseName(profile.database);
    db.setUserName(profile.user);
    db.setPassword(profile.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=coupling-console"));
}

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

} // namespace

Database::Database(ConnectionProfile profile, QString name)
    : m_profile(std::move(profile))
    , m_name(std::move(name))
{
}

Database::~Database()
{
    m_reused.clear(); // prepared statements go before their connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<Database>> Database::open(
    const ConnectionProfile& profile, OpenMode mode, const QString& connectionName)
{
    const QString name
        = connectionName.isEmpty() ? uniqueConnectionName(QStringLiteral("cc")) : connectionName;
    if (profile.dialect == Dialect::SQLite) {
        const QFileInfo info(profile.sqlitePath);
        if (profile.sqlitePath.isEmpty())
            return Error { ErrorCode::CannotOpen, QStringLiteral("no database file given") };
        CC_TRY(ConnectionProfile::checkSqlitePath(profile.sqlitePath));
        if (info.isDir())
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("%1 is a directory, not a database file").arg(profile.sqlitePath) };
        if (!info.exists() && mode == OpenMode::MustExist)
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("database file %1 does not exist").arg(profile.sqlitePath) };
        if (!info.exists() && profile.readOnly)
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("database file %1 does not exist").arg(profile.sqlitePath) };
    }
    std::unique_ptr<Database> database(new Database(profile, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(
        profile.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (!db.isValid())
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("the Qt SQL driver for %1 is not installed")
                .arg(profile.isPostgres() ? u"PostgreSQL" : u"SQLite") };
    if (profile.isPostgres()) {
        setPostgresOptions(db, profile);
    } else {
        db.setDatabaseName(profile.sqlitePath);
        if (profile.readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    if (!db.open()) {
        const QString text = db.lastError().text().trimmed();
        if (profile.isPostgres())
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("cannot connect to PostgreSQL at %1:%2/%3: %4")
                    .arg(profile.host)
                    .arg(profile.port)
                    .arg(profile.database, text) };
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("cannot open %1: %2").arg(profile.sqlitePath, text) };
    }
    CC_TRY(database->configure());
    return database;
}

Result<void> Database::configure()
{
    if (isPostgres()) {
        auto pid = scalar(QStringLiteral("SELECT pg_backend_pid()"));
        if (!pid)
            return Error { ErrorCode::CannotOpen, pid.error().message };
        m_backendPid = pid->toLongLong();
        CC_TRY(runDirect(QStringLiteral("SET TIME ZONE 'UTC'")));
        CC_TRY(runDirect(QStringLiteral("SET client_min_messages = warning")));
        // A lock held by another session fails the statement after 5 s (as SQLite's busy timeout).
        CC_TRY(runDirect(QStringLiteral("SET lock_timeout = '5s'")));
        if (m_profile.readOnly)
            CC_TRY(runDirect(QStringLiteral("SET default_transaction_read_only = on")));
        return {};
    }
    // A file that is not a database fails on its first read, here, rather than later.
    auto probe = scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!probe) {
        if (probe.error().code == ErrorCode::ReadOnly)
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("cannot read %1: it is a WAL database and this user cannot write the file "
                               "or its directory, so SQLite cannot create %1-shm")
                    .arg(m_profile.sqlitePath) };
        if (probe.error().code == ErrorCode::CannotOpen
            || probe.error().message.startsWith(QLatin1String("no space left")))
            return Error { ErrorCode::CannotOpen, probe.error().message };
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("%1 is not a usable SQLite database: %2")
                .arg(m_profile.sqlitePath, probe.error().message) };
    }
    CC_TRY(runDirect(QStringLiteral("PRAGMA busy_timeout = 5000")));
    CC_TRY(runDirect(QStringLiteral("PRAGMA foreign_keys = ON")));
    if (m_profile.readOnly)
        return {};
    CC_TRY(runDirect(QStringLiteral("PRAGMA synchronous = NORMAL")));
    // An empty file stays untouched until its first write; a file this user may not write stays
    // readable (its writes are refused as read-only).
    if (probe->toLongLong() == 0)
        return {};
    if (auto wal = prepareForWrites(); !wal && wal.error().code != ErrorCode::ReadOnly)
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("cannot open %1 for writing: %2").arg(m_profile.sqlitePath, wal.error().message) };
    return {};
}

Result<void> Database::prepareForWrites()
{
    if (isPostgres() || m_walEnabled)
        return {};
    auto mode = scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return Error { ErrorCode::ReadOnly,
            QStringLiteral(
                "the database refused a write: %1 cannot switch to WAL mode (it is read-only for this user)")
                .arg(m_profile.sqlitePath) };
    m_walEnabled = true;
    return {};
}

QString Database::tool(const char* name) const
{
    const QString base = QString::fromLatin1(name);
    return isPostgres() ? QStringLiteral("coupling_console.") + base : QStringLiteral("cc_") + base;
}

Error Database::sqlError(const QSqlError& error, const QString& context) const
{
    const QString native = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString message = context.isEmpty() ? text : context + QStringLiteral(": ") + text;
    if (isPostgres()) {
        // Class 53 "insufficient resources": 53100 disk_full (docs/RELIABILITY.md, "Disk full").
        if (native == u"53100")
            return Error { ErrorCode::Sql,
                QStringLiteral(
                    "no space left on the device of the PostgreSQL server; nothing was changed (%1)")
                    .arg(text.section(u'\n', 0, 0).trimmed()) };
        if (native == u"40001" || native == u"40P01")
            return Error { ErrorCode::Conflict, message };
        if (native == u"57014" && m_cancelRequested->exchange(false))
            return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
        if (native == u"57014")
            return Error { ErrorCode::Busy,
                QStringLiteral("PostgreSQL stopped the statement at its statement_timeout (set for this "
                               "login, database or "
                               "server)%1; what it was doing was rolled back. Raise statement_timeout or try "
                               "again when the "
                               "database is less busy")
                    .arg(context.isEmpty() ? QString() : QStringLiteral(" while ") + context) };
        if (native == u"25006")
            return Error { ErrorCode::ReadOnly,
                QStringLiteral("the database refused a write: the connection is read-only") };
        if (native == u"55P03")
            return Error { ErrorCode::Busy,
                QStringLiteral("the database stayed busy: another session held a lock on the rows or tables "
                               "this command needs for 5 s (another process is writing); try again") };
        if (native == u"42501") {
            // The login's grants refused it (docs/grants): name the login, keep PostgreSQL's words
            // without their "ERROR:" prefix and "(42501)" suffix.
            QString reason = text.section(u'\n', 0, 0).trimmed();
            if (reason.startsWith(QLatin1String("ERROR:")))
                reason = reason.mid(6).trimmed();
            const QString login = m_profile.user.isEmpty()
                ? QStringLiteral("this database login")
                : QStringLiteral("the database login %1").arg(m_profile.user);
            return Error { ErrorCode::Refused,
                QStringLiteral("%1 is not granted this by PostgreSQL (%2)").arg(login, reason) };
        }
        if (native.startsWith(u"08") || native.startsWith(u"57P")
            || error.type() == QSqlError::ConnectionError || !connection().isOpen()
            || text.contains(QLatin1String("server closed the connection"))
            || text.contains(QLatin1String("no connection to the server")))
            return Error { ErrorCode::CannotOpen,
                QStringLiteral("lost the connection to PostgreSQL: %1").arg(text) };
        return Error { ErrorCode::Sql, message };
    }
    if (auto known = sqliteError(native.toInt() & 0xff, m_profile.sqlitePath, text))
        return *known;
    return Error { ErrorCode::Sql, message };
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& binds, bool forwardOnly)
{
    QSqlQuery query(connection());
    query.setForwardOnly(forwardOnly);
    if (!query.prepare(sql))
        return sqlError(query.lastError(), QString());
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (m_observer && !sql.startsWith(u"SELECT") && !sql.startsWith(u"WITH"))
        m_observer(sql, binds);
    if (!query.exec())
        return sqlError(query.lastError(), QString());
    return query;
}

Result<QSqlQuery*> Database::execReused(const QString& sql, const QVariantList& binds)
{
    constexpr size_t reusedLimit = 64;
    auto found = m_reused.find(sql);
    if (found == m_reused.end()) {
        if (m_reused.size() >= reusedLimit)
            m_reused.clear();
        auto query = std::make_unique<QSqlQuery>(connection());
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return sqlError(query->lastError(), QString());
        found = m_reused.emplace(sql, std::move(query)).first;
    }
    QSqlQuery& query = *found->second;
    query.finish();
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds.at(i));
    if (m_observer && !sql.startsWith(u"SELECT") && !sql.startsWith(u"WITH"))
        m_observer(sql, binds);
    if (!query.exec())
        return sqlError(query.lastError(), QString());
    return &query;
}

Result<QStringList> Database::lookupColumn(const QString& sql)
{
    if (m_keepLookups) {
        if (auto found = m_lookups.find(sql); found != m_lookups.end())
            return found->second;
    }
    auto query = execReused(sql);
    if (!query)
        return query.error();
    QStringList values;
    while ((*query)->next())
        values.append((*query)->value(0).toString());
    (*query)->finish();
    if (m_keepLookups)
        m_lookups.emplace(sql, values);
    return values;
}

void Database::keepLookups(bool keep)
{
    m_keepLookups = keep;
    if (!keep)
        m_lookups.clear();
}

Result<void> Database::run(const QString& sql, const QVariantList& binds)
{
    auto query = exec(sql, binds);
    if (!query)
        return query.error();
    return {};
}

Result<QVariant> Database::scalar(const QString& sql, const QVariantList& binds)
{
    auto query = exec(sql, binds);
    if (!query)
        return query.error();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

Result<void> Database::runDirect(const QString& sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql))
        return sqlError(query.lastError(), QString());
    return {};
}

std::function<void()> Database::interrupter() const
{
    if (!isPostgres()) {
        const QVariant handle = connection().driver()->handle();
        sqlite3* raw = nullptr;
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            raw = *static_cast<sqlite3* const*>(handle.data());
        return [raw] {
            if (raw)
                sqlite3_interrupt(raw);
        };
    }
    const ConnectionProfile profile = m_profile;
    const qint64 pid = m_backendPid;
    const std::shared_ptr<std::atomic_bool> requested = m_cancelRequested;
    return [profile, pid, requested] {
        requested->store(true);
        // A fresh connection in the calling thread: QPSQL has no cancelQuery in Qt 6.4.
        const QString name = uniqueConnectionName(QStringLiteral("cc-cancel"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            setPostgresOptions(db, profile); // a server that does not answer holds the cancel 5 s at most
            if (db.open()) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT pg_cancel_backend(?)"));
                query.addBindValue(pid);
                query.exec();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    };
}

} // namespace cc
