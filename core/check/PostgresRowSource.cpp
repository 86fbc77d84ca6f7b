#include "check/PlatformRowSource.h"

#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

namespace cc {

namespace {

constexpr int fetchRows = 10000;

// A decimal integer as PostgreSQL prints one (an integer column's text form).
qint64 parseInteger(const char* text)
{
    bool negative = *text == '-';
    if (negative)
        ++text;
    qint64 value = 0;
    for (; *text >= '0' && *text <= '9'; ++text)
        value = value * 10 + (*text - '0');
    return negative ? -value : value;
}

// `?` placeholders as libpq's $1, $2.
QByteArray numbered(const QString& sql)
{
    QByteArray out;
    int next = 0;
    for (const QChar c : sql) {
        if (c == u'?')
            out += '$' + QByteArray::number(++next);
        else
            out += c.toLatin1();
    }
    return out;
}

// One cursor of the check's read transaction, fetched fetchRows at a time.
struct Cursor {
    const char* name = nullptr;
    PGresult* batch = nullptr;
    int row = -1;
    int rows = 0;
    bool done = false;
};

class PostgresRowSource final : public PlatformRowSource {
public:
    PostgresRowSource(Database& db, PGconn* connection)
        : m_db(db)
        , m_connection(connection)
    {
    }
    ~PostgresRowSource() override
    {
        for (Cursor* cursor : { &m_progress, &m_license, &m_staff })
            PQclear(cursor->batch);
    }
    Q_DISABLE_COPY_MOVE(PostgresRowSource)

    Result<void> declare(UserRange range)
    {
        // The check's own transaction: no JIT for a plain scan, room for a sort without the cc_ indexes.
        CC_TRY(command("SET LOCAL jit = off"));
        CC_TRY(command("SET LOCAL work_mem = '64MB'"));
        m_progress.name = "cc_check_progress";
        m_license.name = "cc_check_licenses";
        CC_TRY(declareOne(m_progress, progressStatement(bool(range)), range));
        CC_TRY(declareOne(m_license, licenseStatement(bool(range)), range));
        return readStaff(range);
    }

    Result<bool> nextProgress(ProgressRow& row) override
    {
        auto more = advance(m_progress);
        if (!more || !*more)
            return more;
        const PGresult* r = m_progress.batch;
        const int i = m_progress.row;
        row.userId = parseInteger(PQgetvalue(r, i, 0));
        row.storedId.assign(PQgetvalue(r, i, 1), size_t(PQgetlength(r, i, 1)));
        row.level = optionalInt(r, i, 2);
        row.counters = { optionalInt(r, i, 3).value_or(0), optionalInt(r, i, 4).value_or(0),
            optionalInt(r, i, 5).value_or(0), optionalInt(r, i, 6).value_or(0) };
        return true;
    }

    Result<bool> nextLicense(LicenseRow& row) override
    {
        auto more = advance(m_license);
        if (!more || !*more)
            return more;
        const PGresult* r = m_license.batch;
        const int i = m_license.row;
        row.userId = parseInteger(PQgetvalue(r, i, 0));
        row.storedId.assign(PQgetvalue(r, i, 1), size_t(PQgetlength(r, i, 1)));
        row.level = optionalInt(r, i, 2);
        row.maxAchieved = optionalInt(r, i, 3);
        return true;
    }

    Result<bool> nextStaffUser(qint64& userId) override
    {
        auto more = advance(m_staff);
        if (more && *more)
            userId = parseInteger(PQgetvalue(m_staff.batch, m_staff.row, 0));
        return more;
    }

private:
    static std::optional<qint64> optionalInt(const PGresult* result, int row, int column)
    {
        if (PQgetisnull(result, row, column))
            return std::nullopt;
        return parseInteger(PQgetvalue(result, row, column));
    }

    Error error(const PGresult* result) const
    {
        const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(m_connection);
        return m_db.sqlError(QSqlError(QString(), QString::fromUtf8(message).trimmed(),
                                 QSqlError::StatementError, QString::fromLatin1(state ? state : "")),
            QStringLiteral("the check's statement"));
    }

    // Runs a statement with text parameters; the caller clears the result.
    PGresult* execute(const QByteArray& sql, const std::vector<QByteArray>& values)
    {
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (const QByteArray& value : values)
            pointers.push_back(value.constData());
        return PQexecParams(m_connection, sql.constData(), int(pointers.size()), nullptr, pointers.data(),
            nullptr, nullptr, 0);
    }

    // Runs a statement that returns no rows.
    Result<void> command(const QByteArray& sql, const std::vector<QByteArray>& values = {})
    {
        PGresult* result = execute(sql, values);
        const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
        Result<void> outcome = ok ? Result<void>() : Result<void>(error(result));
        PQclear(result);
        return outcome;
    }

    static std::vector<QByteArray> bounds(UserRange range)
    {
        if (!range)
            return {};
        return { QByteArray::number(range->first), QByteArray::number(range->second) };
    }

    Result<void> declareOne(Cursor& cursor, const QString& sql, UserRange range)
    {
        const QByteArray declare
            = QByteArray("DECLARE ") + cursor.name + " NO SCROLL CURSOR FOR " + numbered(sql);
        return command(declare, bounds(range));
    }

    // The staff ids at once, not through a cursor: a cursor's plan has no parallel workers, and
    // the filter reads the whole users table (issue 17). They are few; KeyMerge sorts them.
    Result<void> readStaff(UserRange range)
    {
        m_staff.batch = execute(numbered(staffStatement(bool(range))), bounds(range));
        if (!m_staff.batch || PQresultStatus(m_staff.batch) != PGRES_TUPLES_OK)
            return error(m_staff.batch);
        m_staff.rows = PQntuples(m_staff.batch);
        m_staff.done = true;
        return {};
    }

    Result<bool> advance(Cursor& cursor)
    {
        if (cursor.row + 1 < cursor.rows) {
            ++cursor.row;
            return true;
        }
        if (cursor.done)
            return false;
        PQclear(cursor.batch);
        const QByteArray fetch
            = QByteArray("FETCH FORWARD ") + QByteArray::number(fetchRows) + " FROM " + cursor.name;
        cursor.batch = PQexec(m_connection, fetch.constData());
        if (!cursor.batch || PQresultStatus(cursor.batch) != PGRES_TUPLES_OK)
            return error(cursor.batch);
        cursor.rows = PQntuples(cursor.batch);
        cursor.row = 0;
        cursor.done = cursor.rows < fetchRows;
        return cursor.rows > 0;
    }

    Database& m_db;
    PGconn* m_connection;
    Cursor m_progress;
    Cursor m_license;
    Cursor m_staff;
};

} // namespace

Result<std::unique_ptr<PlatformRowSource>> openPostgresRowSource(
    Database& db, PlatformRowSource::UserRange range)
{
    const QVariant handle = db.connection().driver()->handle();
    // Qt names the handle's type by the struct behind libpq's typedef.
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return Error { ErrorCode::Sql, QStringLiteral("the PostgreSQL driver gave no handle") };
    auto source = std::make_unique<PostgresRowSource>(db, *static_cast<PGconn* const*>(handle.data()));
    CC_TRY(source->declare(range));
    return std::unique_ptr<PlatformRowSource>(std::move(source));
}

} // namespace cc
