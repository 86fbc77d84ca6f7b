#include "check/PlatformRowSource.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

namespace cc {

namespace {

QString ranged(const char* column, bool ranged)
{
    return ranged ? QStringLiteral(" WHERE %1 >= ? AND %1 < ?").arg(QLatin1String(column)) : QString();
}

// The SQLite row source's two ordered streams, `?` for the bound user-id bounds.
QString progressStatement(bool range)
{
    return QStringLiteral(
        "SELECT student_id, specialization_id, current_level, total_xp, completed_sessions, "
        "theory_hours_completed, practice_hours_completed FROM specialization_progress%1 ORDER BY student_id")
        .arg(ranged("student_id", range));
}

QString licenseStatement(bool range)
{
    return QStringLiteral("SELECT user_id, specialization_type, current_level, max_achieved_level FROM "
                          "user_licenses%1 ORDER BY user_id")
        .arg(ranged("user_id", range));
}

} // namespace

QString PlatformRowSource::staffStatement(const SqlDialect& dialect, StaffLookup lookup, bool range)
{
    // The same comparison as docs/BEHAVIOUR.md C2's staff test (isStaffRole): NULL is no role. No
    // ORDER BY: the planner cannot estimate the test, and ordered it walked the primary key through
    // the whole table (0.7 s at 1M users on PostgreSQL); KeyMerge sorts the few ids it returns.
    const QString staff = QStringLiteral("upper(CAST(role AS TEXT)) <> 'STUDENT'");
    const QString within = range ? QStringLiteral(" AND id >= ? AND id < ?") : QString();
    if (lookup == StaffLookup::ScanUsers) // every user's role tested (0.3 s at 1M users on PostgreSQL)
        return QString(QStringLiteral("SELECT id FROM users WHERE ") + staff + within);
    // With cc_users_role: the distinct roles found by walking the index (one probe each), then the
    // rows of the roles that are not student read from the index alone (issue 17).
    const QString roles = QStringLiteral(
        "WITH RECURSIVE roles(role) AS (SELECT min(role) FROM users UNION ALL SELECT (SELECT "
        "min(later.role) FROM users later WHERE later.role > roles.role) FROM roles WHERE roles.role IS "
        "NOT NULL) ");
    return QString(roles + QStringLiteral("SELECT id FROM users WHERE ")
        + dialect.inFewValues(QStringLiteral("role"), QStringLiteral("SELECT role FROM roles WHERE ") + staff)
        + within);
}

Result<std::unique_ptr<PlatformRowSource>> PlatformRowSource::open(
    Database& db, UserRange range, StaffLookup staff)
{
    return db.dialect().openRowSource(db, range, staff);
}

namespace {

// Three statements stepped side by side on the connection's own sqlite3 handle.
class SqliteRowSource final : public PlatformRowSource {
public:
    SqliteRowSource(Database& db, sqlite3* handle)
        : m_db(db)
        , m_handle(handle)
    {
    }
    ~SqliteRowSource() override
    {
        for (sqlite3_stmt* statement : { m_progress, m_license, m_staff })
            sqlite3_finalize(statement);
    }
    Q_DISABLE_COPY_MOVE(SqliteRowSource)

    Result<void> prepare(UserRange range, StaffLookup staff)
    {
        CC_TRY(prepareOne(progressStatement(bool(range)), range, &m_progress));
        CC_TRY(prepareOne(licenseStatement(bool(range)), range, &m_license));
        return prepareOne(staffStatement(m_db.dialect(), staff, bool(range)), range, &m_staff);
    }

    Result<bool> nextProgress(ProgressRow& row) override
    {
        auto stepped = step(m_progress);
        if (!stepped || !*stepped)
            return stepped;
        row.userId = sqlite3_column_int64(m_progress, 0);
        text(m_progress, 1, row.storedId);
        row.level = optionalInt(m_progress, 2);
        row.counters = { sqlite3_column_int64(m_progress, 3), sqlite3_column_int64(m_progress, 4),
            sqlite3_column_int64(m_progress, 5), sqlite3_column_int64(m_progress, 6) };
        return true;
    }

    Result<bool> nextLicense(LicenseRow& row) override
    {
        auto stepped = step(m_license);
        if (!stepped || !*stepped)
            return stepped;
        row.userId = sqlite3_column_int64(m_license, 0);
        text(m_license, 1, row.storedId);
        row.level = optionalInt(m_license, 2);
        row.maxAchieved = optionalInt(m_license, 3);
        return true;
    }

    Result<bool> nextStaffUser(qint64& userId) override
    {
        auto stepped = step(m_staff);
        if (stepped && *stepped)
            userId = sqlite3_column_int64(m_staff, 0);
        return stepped;
    }

private:
    static std::optional<qint64> optionalInt(sqlite3_stmt* statement, int column)
    {
        if (sqlite3_column_type(statement, column) == SQLITE_NULL)
            return std::nullopt;
        return sqlite3_column_int64(statement, column);
    }
    static void text(sqlite3_stmt* statement, int column, std::string& out)
    {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        out.assign(bytes ? bytes : "", size_t(sqlite3_column_bytes(statement, column)));
    }
    Error error(int code) const
    {
        if (code == SQLITE_INTERRUPT)
            return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
        return m_db.sqlError(QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_handle)),
                                 QSqlError::StatementError, QString::number(code)),
            QStringLiteral("the check's statement"));
    }
    Result<bool> step(sqlite3_stmt* statement)
    {
        const int code = sqlite3_step(statement);
        if (code == SQLITE_ROW)
            return true;
        if (code == SQLITE_DONE)
            return false;
        return error(code);
    }
    Result<void> prepareOne(const QString& sql, UserRange range, sqlite3_stmt** statement)
    {
        const QByteArray text = sql.toUtf8();
        if (const int code
            = sqlite3_prepare_v2(m_handle, text.constData(), int(text.size()), statement, nullptr);
            code != SQLITE_OK)
            return error(code);
        if (range) {
            sqlite3_bind_int64(*statement, 1, range->first);
            sqlite3_bind_int64(*statement, 2, range->second);
        }
        return {};
    }

    Database& m_db;
    sqlite3* m_handle;
    sqlite3_stmt* m_progress = nullptr;
    sqlite3_stmt* m_license = nullptr;
    sqlite3_stmt* m_staff = nullptr;
};

} // namespace

Result<std::unique_ptr<PlatformRowSource>> openSqliteRowSource(
    Database& db, PlatformRowSource::UserRange range, StaffLookup staff)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error { ErrorCode::Sql, QStringLiteral("the SQLite driver gave no handle") };
    auto source = std::make_unique<SqliteRowSource>(db, *static_cast<sqlite3* const*>(handle.data()));
    CC_TRY(source->prepare(range, staff));
    return std::unique_ptr<PlatformRowSource>(std::move(source));
}

} // namespace cc
