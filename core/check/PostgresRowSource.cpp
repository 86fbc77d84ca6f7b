#include "check/PlatformRowSource.h"
#include "check/PostgresConnection.h"

#include <QSqlError>

#include <deque>

namespace cc {

namespace {

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

// A text field of COPY's text format, unescaped (COPY TO writes \\, \b, \f, \n, \r, \t and \v).
void unescape(const char* text, const char* end, std::string& out)
{
    out.clear();
    for (; text < end; ++text) {
        if (*text != '\\' || text + 1 == end) {
            out += *text;
            continue;
        }
        switch (*++text) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        default:
            out += *text;
        }
    }
}

// One line of the merged stream split at its tabs: side, user, stored id, level, then four values.
struct Fields {
    const char* begin[8] = {};
    const char* end[8] = {};
    int count = 0;

    bool isNull(int i) const { return end[i] - begin[i] == 2 && begin[i][0] == '\\' && begin[i][1] == 'N'; }
    std::optional<qint64> optional(int i) const
    {
        return isNull(i) ? std::nullopt : std::optional<qint64>(parseInteger(begin[i]));
    }
};

Fields split(const char* line, int length)
{
    Fields fields;
    const char* end = line + length;
    if (end > line && end[-1] == '\n')
        --end;
    const char* field = line;
    for (const char* c = line; fields.count < 8; ++c) {
        if (c == end || *c == '\t') {
            fields.begin[fields.count] = field;
            fields.end[fields.count++] = c;
            field = c + 1;
            if (c == end)
                break;
        }
    }
    return fields;
}

} // namespace

// The progress and license rows in one statement: both tables merged by user id (two index-only scans
// over the cc_ indexes and a merge, no sort), told apart by the first column. The bounds go outside the
// UNION ALL: inside it, PostgreSQL 15 sorts the appended branches instead of merging them.
QByteArray PlatformRowSource::mergedStatement(UserRange range)
{
    // COPY takes no parameters: the bounds are the tool's own integers.
    const QByteArray within = range ? " WHERE user_id >= " + QByteArray::number(range->first)
            + " AND user_id < " + QByteArray::number(range->second)
                                    : QByteArray();
    return "SELECT * FROM (SELECT 0 AS side, student_id AS user_id, specialization_id::text AS stored_id, "
           "current_level, total_xp, completed_sessions, theory_hours_completed, practice_hours_completed "
           "FROM specialization_progress UNION ALL SELECT 1, user_id, specialization_type::text, "
           "current_level, "
           "max_achieved_level, NULL, NULL, NULL FROM user_licenses) merged"
        + within + " ORDER BY user_id";
}

namespace {

class PostgresRowSource final : public PlatformRowSource {
public:
    PostgresRowSource(Database& db, PGconn* connection)
        : m_db(db)
        , m_connection(connection)
    {
    }
    ~PostgresRowSource() override
    {
        PQclear(m_staff);
        endCopy();
    }
    Q_DISABLE_COPY_MOVE(PostgresRowSource)

    Result<void> declare(UserRange range, StaffLookup staff)
    {
        // The check's own transaction: no JIT for a plain scan.
        CC_TRY(command("SET LOCAL jit = off"));
        m_range = range;
        return readStaff(range, staff);
    }

    Result<bool> nextProgress(ProgressRow& row) override
    {
        return next(row, m_pendingProgress, m_pendingLicenses);
    }
    Result<bool> nextLicense(LicenseRow& row) override
    {
        return next(row, m_pendingLicenses, m_pendingProgress);
    }

    Result<bool> nextStaffUser(qint64& userId) override
    {
        if (m_staffRow >= PQntuples(m_staff))
            return false;
        userId = parseInteger(PQgetvalue(m_staff, m_staffRow++, 0));
        return true;
    }

private:
    static char sideOf(const ProgressRow&) { return '0'; }
    static char sideOf(const LicenseRow&) { return '1'; }

    // The next row of one table: one read earlier, else the stream's next of that table, queuing the
    // other table's rows passed on the way.
    template <typename Row, typename Other>
    Result<bool> next(Row& row, std::deque<Row>& pending, std::deque<Other>& others)
    {
        if (!pending.empty()) {
            std::swap(row, pending.front());
            pending.pop_front();
            return true;
        }
        for (;;) {
            auto line = nextLine();
            if (!line || !*line)
                return line;
            if (m_fields.begin[0][0] == sideOf(row)) {
                read(row);
                return true;
            }
            read(others.emplace_back());
        }
    }

    void read(ProgressRow& row) const
    {
        row.userId = parseInteger(m_fields.begin[1]);
        unescape(m_fields.begin[2], m_fields.end[2], row.storedId);
        row.level = m_fields.optional(3);
        row.counters = { m_fields.optional(4).value_or(0), m_fields.optional(5).value_or(0),
            m_fields.optional(6).value_or(0), m_fields.optional(7).value_or(0) };
    }

    void read(LicenseRow& row) const
    {
        row.userId = parseInteger(m_fields.begin[1]);
        unescape(m_fields.begin[2], m_fields.end[2], row.storedId);
        row.level = m_fields.optional(3);
        row.maxAchieved = m_fields.optional(4);
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
    Result<void> command(const QByteArray& sql)
    {
        PGresult* result = execute(sql, {});
        const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
        Result<void> outcome = ok ? Result<void>() : Result<void>(error(result));
        PQclear(result);
        return outcome;
    }

    // The staff ids at once, not through a cursor: a cursor's plan has no parallel workers, and
    // the filter reads the whole users table (issue 17). They are few; KeyMerge sorts them.
    Result<void> readStaff(UserRange range, StaffLookup staff)
    {
        std::vector<QByteArray> bounds;
        if (range)
            bounds = { QByteArray::number(range->first), QByteArray::number(range->second) };
        m_staff = execute(numbered(staffStatement(m_db.dialect(), staff, bool(range))), bounds);
        if (!m_staff || PQresultStatus(m_staff) != PGRES_TUPLES_OK)
            return error(m_staff);
        return {};
    }

    // The next line of the merged stream into m_fields (started at the first call); false at its end.
    Result<bool> nextLine()
    {
        if (m_state == Copy::Ended)
            return false;
        if (m_state == Copy::NotStarted) {
            // COPY sends the rows without a round trip per batch, as a cursor's FETCH needs (issue 17).
            const QByteArray copy = "COPY (" + mergedStatement(m_range) + ") TO STDOUT";
            PGresult* started = PQexec(m_connection, copy.constData());
            const bool copying = PQresultStatus(started) == PGRES_COPY_OUT;
            const Error failed = copying ? Error() : error(started);
            PQclear(started);
            if (!copying)
                return failed;
            m_state = Copy::Running;
        }
        PQfreemem(m_line);
        m_line = nullptr;
        const int length = PQgetCopyData(m_connection, &m_line, 0);
        if (length > 0) {
            m_fields = split(m_line, length);
            if (m_fields.count == 8)
                return true;
            return Error { ErrorCode::Sql, QStringLiteral("the check's row stream sent a malformed row") };
        }
        m_state = Copy::Ended;
        Result<bool> outcome = length == -1 ? Result<bool>(false) : Result<bool>(error(nullptr));
        while (PGresult* result = PQgetResult(m_connection)) {
            if (PQresultStatus(result) != PGRES_COMMAND_OK && outcome)
                outcome = error(result);
            PQclear(result);
        }
        return outcome;
    }

    // A stream left before its end (a cancel, an error elsewhere): cancelled on the server and
    // drained, so the connection can run the transaction's next statement.
    void endCopy()
    {
        PQfreemem(m_line);
        m_line = nullptr;
        if (m_state != Copy::Running)
            return;
        m_state = Copy::Ended;
        if (PGcancel* cancel = PQgetCancel(m_connection)) {
            char message[256];
            (void)PQcancel(cancel, message, sizeof message);
            PQfreeCancel(cancel);
        }
        char* line = nullptr;
        while (PQgetCopyData(m_connection, &line, 0) > 0)
            PQfreemem(line);
        while (PGresult* result = PQgetResult(m_connection))
            PQclear(result);
    }

    enum class Copy { NotStarted, Running, Ended };

    Database& m_db;
    PGconn* m_connection;
    UserRange m_range;
    PGresult* m_staff = nullptr;
    int m_staffRow = 0;
    Copy m_state = Copy::NotStarted;
    char* m_line = nullptr; // the current line, libpq's
    Fields m_fields;
    // Rows of one table read while looking for the other's next row.
    std::deque<ProgressRow> m_pendingProgress;
    std::deque<LicenseRow> m_pendingLicenses;
};

} // namespace

Result<std::unique_ptr<PlatformRowSource>> openPostgresRowSource(
    Database& db, PlatformRowSource::UserRange range, StaffLookup staff)
{
    auto handle = postgresConnection(db);
    if (!handle)
        return handle.error();
    auto source = std::make_unique<PostgresRowSource>(db, *handle);
    CC_TRY(source->declare(range, staff));
    return std::unique_ptr<PlatformRowSource>(std::move(source));
}

} // namespace cc
