#pragma once

#include "database/Database.h"

namespace cc {

// RAII guard for one write transaction: BEGIN IMMEDIATE on SQLite (Qt's transaction() would send
// a deferred BEGIN), BEGIN on PostgreSQL. Rolls back on destruction unless committed.
class WriteTransaction final {
public:
    explicit WriteTransaction(Database& db)
        : m_db(db)
    {
    }
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    Result<void> begin();
    Result<void> commit();
    void rollback();

    // Savepoints for "one key at a time" inside a batch.
    Result<void> savepoint(const QString& name);
    Result<void> release(const QString& name);
    Result<void> rollbackTo(const QString& name);

private:
    Database& m_db;
    bool m_open = false;
};

// Runs a whole transaction body, retrying serialization failures and deadlocks (bounded).
template <typename Body> auto withRetry(Body&& body) -> decltype(body())
{
    constexpr int attempts = 8;
    for (int attempt = 1;; ++attempt) {
        auto result = body();
        if (result.ok() || result.error().code != ErrorCode::Conflict || attempt == attempts)
            return result;
    }
}

} // namespace cc
