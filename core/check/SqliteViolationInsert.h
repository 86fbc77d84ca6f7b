#pragma once

#include "check/HealthReport.h"
#include "database/Database.h"

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace cc {

// Stores a check's violations on SQLite through the driver's own handle (issue 17): one INSERT
// prepared once and stepped per row inside the caller's transaction, its values bound without a
// QVariant each (through QSqlQuery the binding cost more than the insert). Thread affinity: the
// thread owning `db`; destroyed before the connection closes.
class SqliteViolationInsert final {
public:
    static Result<std::unique_ptr<SqliteViolationInsert>> prepare(Database& db);
    ~SqliteViolationInsert();
    Q_DISABLE_COPY_MOVE(SqliteViolationInsert)

    Result<void> insert(qint64 runId, qint64 seq, const ViolationRecord& record);

private:
    SqliteViolationInsert(Database& db, sqlite3* handle)
        : m_db(db)
        , m_handle(handle)
    {
    }

    Database& m_db;
    sqlite3* m_handle;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace cc
