#include "check/SqliteViolationInsert.h"

#include "rules/Severity.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

namespace cc {

namespace {

void bindText(sqlite3_stmt* statement, int index, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    sqlite3_bind_text(statement, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
}

void bindLevel(sqlite3_stmt* statement, int index, const std::optional<qint64>& level)
{
    if (level)
        sqlite3_bind_int64(statement, index, *level);
    else
        sqlite3_bind_null(statement, index);
}

} // namespace

Result<std::unique_ptr<SqliteViolationInsert>> SqliteViolationInsert::prepare(Database& db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error { ErrorCode::Sql, QStringLiteral("the SQLite driver gave no handle") };
    std::unique_ptr<SqliteViolationInsert> insert(
        new SqliteViolationInsert(db, *static_cast<sqlite3* const*>(handle.data())));
    const QByteArray sql = (QStringLiteral("INSERT INTO ") + db.tool("violations")
        + QStringLiteral(" (run_id, seq, user_id, track, kind, severity, progress_level, license_level, "
                         "action, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                               .toUtf8();
    const int code = sqlite3_prepare_v2(
        insert->m_handle, sql.constData(), int(sql.size()), &insert->m_statement, nullptr);
    if (code != SQLITE_OK)
        return db.sqlError(QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(insert->m_handle)),
                               QSqlError::StatementError, QString::number(code)),
            QStringLiteral("storing violations"));
    return insert;
}

SqliteViolationInsert::~SqliteViolationInsert()
{
    sqlite3_finalize(m_statement);
}

Result<void> SqliteViolationInsert::insert(qint64 runId, qint64 seq, const ViolationRecord& record)
{
    sqlite3_stmt* statement = m_statement;
    sqlite3_bind_int64(statement, 1, runId);
    sqlite3_bind_int64(statement, 2, seq);
    sqlite3_bind_int64(statement, 3, record.userId);
    bindText(statement, 4, record.track);
    bindText(statement, 5, record.kind);
    sqlite3_bind_text(statement, 6, severityName(record.warning), -1, SQLITE_STATIC);
    bindLevel(statement, 7, record.progressLevel);
    bindLevel(statement, 8, record.licenseLevel);
    bindText(statement, 9, record.action);
    bindText(statement, 10, record.reason);
    const int code = sqlite3_step(statement);
    if (code == SQLITE_DONE) {
        sqlite3_reset(statement);
        return {};
    }
    const Error error = m_db.sqlError(QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(m_handle)),
                                          QSqlError::StatementError, QString::number(code)),
        QStringLiteral("storing violations"));
    sqlite3_reset(statement);
    return error;
}

} // namespace cc
