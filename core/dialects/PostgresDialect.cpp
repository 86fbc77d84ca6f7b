#include "dialects/PostgresDialect.h"

#include "check/PlatformRowSource.h"
#include "database/Database.h"
#include "rows/KeyRef.h"
#include "schema/PlatformSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace cc {

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

// The login's grants refused it (docs/grants): name the login, keep PostgreSQL's words without
// their "ERROR:" prefix and "(42501)" suffix.
Error notGranted(const Database& db, const QString& text)
{
    QString reason = text.section(u'\n', 0, 0).trimmed();
    if (reason.startsWith(QLatin1String("ERROR:")))
        reason = reason.mid(6).trimmed();
    const QString login = db.profile().user.isEmpty()
        ? QStringLiteral("this database login")
        : QStringLiteral("the database login %1").arg(db.profile().user);
    return Error { ErrorCode::Refused,
        QStringLiteral("%1 is not granted this by PostgreSQL (%2)").arg(login, reason) };
}

} // namespace

QString PostgresDialect::driverName() const
{
    return QStringLiteral("QPSQL");
}

QString PostgresDialect::engineName() const
{
    return QStringLiteral("PostgreSQL");
}

Result<void> PostgresDialect::checkTarget(const ConnectionProfile&, bool) const
{
    return {}; // the server answers for its databases when connecting
}

void PostgresDialect::setConnectOptions(QSqlDatabase& connection, const ConnectionProfile& profile) const
{
    setPostgresOptions(connection, profile);
}

Error PostgresDialect::cannotOpen(const ConnectionProfile& profile, const QString& driverText) const
{
    return Error { ErrorCode::CannotOpen,
        QStringLiteral("cannot connect to PostgreSQL at %1:%2/%3: %4")
            .arg(profile.host)
            .arg(profile.port)
            .arg(profile.database, driverText) };
}

Result<void> PostgresDialect::configure(Database& db, ConnectionState& state) const
{
    auto pid = db.scalar(QStringLiteral("SELECT pg_backend_pid()"));
    if (!pid)
        return Error { ErrorCode::CannotOpen, pid.error().message };
    state.backendPid = pid->toLongLong();
    CC_TRY(db.runDirect(QStringLiteral("SET TIME ZONE 'UTC'")));
    CC_TRY(db.runDirect(QStringLiteral("SET client_min_messages = warning")));
    // A lock held by another session fails the statement after 5 s (as SQLite's busy timeout).
    CC_TRY(db.runDirect(QStringLiteral("SET lock_timeout = '5s'")));
    if (db.isReadOnly())
        CC_TRY(db.runDirect(QStringLiteral("SET default_transaction_read_only = on")));
    return {};
}

Result<void> PostgresDialect::prepareForWrites(Database&, ConnectionState&) const
{
    return {};
}

Error PostgresDialect::classify(
    const Database& db, const ConnectionState& state, const QSqlError& error, const QString& context) const
{
    const QString native = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString message = context.isEmpty() ? text : context + QStringLiteral(": ") + text;
    // Class 53 "insufficient resources": 53100 disk_full (docs/RELIABILITY.md, "Disk full").
    if (native == u"53100")
        return Error { ErrorCode::Sql,
            QStringLiteral("no space left on the device of the PostgreSQL server; nothing was changed (%1)")
                .arg(text.section(u'\n', 0, 0).trimmed()) };
    if (native == u"40001" || native == u"40P01")
        return Error { ErrorCode::Conflict, message };
    if (native == u"57014" && state.cancelRequested->exchange(false))
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
    if (native == u"42501")
        return notGranted(db, text);
    if (native.startsWith(u"08") || native.startsWith(u"57P") || error.type() == QSqlError::ConnectionError
        || !db.connection().isOpen() || text.contains(QLatin1String("server closed the connection"))
        || text.contains(QLatin1String("no connection to the server")))
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("lost the connection to PostgreSQL: %1").arg(text) };
    return Error { ErrorCode::Sql, message };
}

std::function<void()> PostgresDialect::interrupter(const Database& db, const ConnectionState& state) const
{
    const ConnectionProfile& profile = db.profile(); // copied into the interrupter
    const qint64 pid = state.backendPid;
    const std::shared_ptr<std::atomic_bool> requested = state.cancelRequested;
    return [profile, pid, requested] {
        requested->store(true);
        // A fresh connection in the calling thread: QPSQL has no cancelQuery in Qt 6.4.
        const QString name = uniqueConnectionName(QStringLiteral("cc-cancel"));
        {
            QSqlDatabase cancelling = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            setPostgresOptions(
                cancelling, profile); // a server that does not answer holds the cancel 5 s at most
            if (cancelling.open()) {
                QSqlQuery query(cancelling);
                query.prepare(QStringLiteral("SELECT pg_cancel_backend(?)"));
                query.addBindValue(pid);
                query.exec();
            }
            cancelling.close();
        }
        QSqlDatabase::removeDatabase(name);
    };
}

QString PostgresDialect::toolTable(const QString& name) const
{
    return QStringLiteral("coupling_console.") + name;
}

QString PostgresDialect::beginWrite() const
{
    return QStringLiteral("BEGIN");
}

QString PostgresDialect::beginSnapshotRead() const
{
    return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Result<void> PostgresDialect::lockName(Database& db, const QString& name, LockMode mode) const
{
    return db.run(mode == LockMode::Exclusive
            ? QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
            : QStringLiteral("SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))"),
        { name });
}

Result<void> PostgresDialect::lockKeys(Database& db, const QList<KeyRef>& keys) const
{
    if (keys.isEmpty())
        return {};
    // One statement for all the keys, taken one after the other in the order given.
    QJsonArray list;
    for (const KeyRef& key : keys)
        list.append(QJsonArray { key.userId, key.track });
    auto query = db.execReused(
        QStringLiteral("SELECT count(pg_advisory_xact_lock(CAST(k.value ->> 0 AS integer), hashtext(k.value "
                       "->> 1))) FROM "
                       "(SELECT e.value FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS "
                       "e(value, n) ORDER BY e.n OFFSET 0) AS k"),
        { QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)) });
    if (!query)
        return query.error();
    (*query)->finish();
    return {};
}

Result<void> PostgresDialect::lockAppends(Database& db, const QString& table) const
{
    return db.run(
        QStringLiteral("SELECT pg_advisory_xact_lock(CAST(CAST(CAST(? AS regclass) AS oid) AS bigint))"),
        { table });
}

QString PostgresDialect::lockingRead() const
{
    return QStringLiteral(" FOR UPDATE");
}

bool PostgresDialect::hasSessionLocks() const
{
    return true;
}

Result<void> PostgresDialect::lockSession(Database& db, const QString& name) const
{
    return db.run(QStringLiteral("SELECT pg_advisory_lock(hashtextextended(?, 0))"), { name });
}

void PostgresDialect::unlockSession(Database& db, const QString& name) const
{
    (void)db.run(QStringLiteral("SELECT pg_advisory_unlock(hashtextextended(?, 0))"), { name });
}

Result<bool> PostgresDialect::isSessionLockFree(Database& db, const QString& name) const
{
    auto taken = db.scalar(QStringLiteral("SELECT pg_try_advisory_lock(hashtextextended(?, 0))"), { name });
    if (!taken)
        return taken.error();
    if (!taken->toBool())
        return false;
    CC_TRY(db.run(QStringLiteral("SELECT pg_advisory_unlock(hashtextextended(?, 0))"), { name }));
    return true;
}

bool PostgresDialect::groupsBulkWrites() const
{
    return true;
}

bool PostgresDialect::sharesSnapshots() const
{
    return true;
}

bool PostgresDialect::notifiesChanges() const
{
    return true;
}

Result<void> PostgresDialect::announceChange(Database& db, const QString& channel) const
{
    auto sent = db.exec(QStringLiteral("SELECT pg_notify(?, '')"), { channel });
    if (!sent)
        return sent.error();
    return {};
}

Result<qint64> PostgresDialect::dataVersion(Database&) const
{
    return qint64(0);
}

QString PostgresDialect::readable(const QString& qualified, const QString& name, TypeFamily family) const
{
    const bool lossless = family == TypeFamily::Integer || family == TypeFamily::Boolean;
    return lossless ? qualified : qualified + QStringLiteral("::text AS ") + name;
}

QString PostgresDialect::asText(const QString& expression) const
{
    return QStringLiteral("CAST(%1 AS TEXT)").arg(expression);
}

QString PostgresDialect::byteOrdered(const QString& expression) const
{
    return expression + QStringLiteral(" COLLATE \"C\"");
}

QVariant PostgresDialect::idList(const QList<qint64>& ids) const
{
    return QVariant(u'{' + joined(ids) + u'}');
}

// Hashed (or probing an index of `column`) even in a generic plan, where `= ANY(…)` would compare
// every row with every id.
QString PostgresDialect::inIdList(const QString& column) const
{
    return column + QStringLiteral(" IN (SELECT unnest(CAST(? AS bigint[])))");
}

// ARRAY(…) runs once, before the scan; `= ANY` over its result is an index condition.
QString PostgresDialect::inFewValues(const QString& column, const QString& subquery) const
{
    return column + QStringLiteral(" = ANY(ARRAY(") + subquery + QStringLiteral("))");
}

QString PostgresDialect::epochMillis(const QString& column) const
{
    return QStringLiteral("CAST(round(extract(epoch FROM CAST(%1 AS timestamptz)) * 1000) AS bigint)")
        .arg(column);
}

QString PostgresDialect::bigintParameter() const
{
    return QStringLiteral("CAST(? AS bigint)");
}

Result<std::optional<QString>> PostgresDialect::serverClock(Database& db) const
{
    auto server = db.scalar(
        QStringLiteral("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"));
    if (!server)
        return server.error();
    return std::optional<QString>(server->toString());
}

// The planner's estimate (reltuples; -1 when never analysed counts as 0). `tables` are the
// platform's own names, spelled in the text as the catalogue names them.
Result<qint64> PostgresDialect::estimatedRows(Database& db, const QStringList& tables) const
{
    QStringList terms;
    for (const QString& table : tables)
        terms << QStringLiteral("GREATEST((SELECT reltuples FROM pg_class WHERE oid = to_regclass('%1')), 0)")
                     .arg(table);
    return number(db, QStringLiteral("SELECT CAST(%1 AS bigint)").arg(terms.join(QStringLiteral(" + "))));
}

Result<std::unique_ptr<PlatformRowSource>> PostgresDialect::openRowSource(
    Database& db, std::optional<std::pair<qint64, qint64>> range, StaffLookup staff) const
{
    return openPostgresRowSource(db, range, staff);
}

} // namespace cc
