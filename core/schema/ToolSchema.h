#pragma once

#include "database/Database.h"

#include <optional>

namespace cc {

// The tool's own tables (schema coupling_console on PostgreSQL, cc_ prefix on SQLite) and their
// versioned migrations. Each migration runs in its own transaction, one statement per exec.
class ToolSchema final {
public:
    static constexpr int currentVersion = 4;

    static Result<bool> isInstalled(Database& db);
    static Result<int> installedVersion(Database& db);
    // Applies every missing migration; the caller audits.
    static Result<void> migrate(Database& db);

    // The cc_ indexes on the platform's key columns (C1).
    static Result<void> createKeyIndexes(Database& db, bool concurrently);
    static Result<void> dropKeyIndexes(Database& db);
    static QStringList keyIndexNames();
    // Which of the cc_ indexes the check reads through exist and can be used, asked in one query.
    struct CheckIndexes {
        bool keys = false; // cc_progress_key and cc_license_key: the check's ordered streams
        bool usersRole = false; // cc_users_role: users(role) with the ids, the staff statement's walk
    };
    static Result<CheckIndexes> checkIndexes(Database& db);
    static Result<bool> hasKeyIndexes(Database& db);
    // Without the cc_ indexes, single-user operations scan the whole progress table: its row count
    // when that is worth a warning (more than 50,000 rows and no indexes), otherwise nothing.
    static std::optional<qint64> unindexedScanRows(Database& db);
};

} // namespace cc
