#pragma once

#include "database/Database.h"
#include "schema/LevelCatalogue.h"

#include <memory>
#include <optional>
#include <string>

namespace cc {

// One specialization_progress row as the check needs it; the stored id as stored (bytes, UTF-8).
struct ProgressRow {
    qint64 userId = 0;
    std::string storedId;
    std::optional<qint64> level;
    Counters counters; // NULL counters read as 0
};

struct LicenseRow {
    qint64 userId = 0;
    std::string storedId;
    std::optional<qint64> level;
    std::optional<qint64> maxAchieved;
};

// How the staff ids (C2) are found: by walking cc_users_role when the database has it (one probe per
// distinct role, then the staff rows from the index alone), else by testing every user's role.
enum class StaffLookup { ScanUsers, RoleIndex };

// The check's reading plan (issue 17): three streams read in the caller's read transaction on the
// caller's connection, with bound user-id bounds when given: progress rows and license rows ordered
// by user id, and the ids of users whose role is not student (C2) in no particular order. With the cc_
// indexes each stream walks its key index (no sort); without them the database sorts each table once. One
// implementation per engine, on the driver's own handle: sqlite3 statements stepped side by side on SQLite;
// on PostgreSQL one COPY of both tables merged by user id, split back into the two streams,
// and the staff ids read at once, over libpq, so no QVariant is made per value. Thread
// affinity: the thread owning `db`.
class PlatformRowSource {
public:
    using UserRange = std::optional<std::pair<qint64, qint64>>; // [first, second)

    virtual ~PlatformRowSource() = default;
    static Result<std::unique_ptr<PlatformRowSource>> open(Database& db, UserRange range, StaffLookup staff);

    // false at the end of the stream.
    virtual Result<bool> nextProgress(ProgressRow& row) = 0;
    virtual Result<bool> nextLicense(LicenseRow& row) = 0;
    virtual Result<bool> nextStaffUser(qint64& userId) = 0;

    // The staff ids by `lookup`'s plan, `?` for the bound user-id bounds; `dialect` spells its list of
    // roles.
    static QString staffStatement(const SqlDialect& dialect, StaffLookup lookup, bool ranged);
    // PostgreSQL: both tables in one statement ordered by user id, which the row source COPYs.
    static QByteArray mergedStatement(UserRange range);
};

Result<std::unique_ptr<PlatformRowSource>> openSqliteRowSource(
    Database& db, PlatformRowSource::UserRange range, StaffLookup staff);
Result<std::unique_ptr<PlatformRowSource>> openPostgresRowSource(
    Database& db, PlatformRowSource::UserRange range, StaffLookup staff);

} // namespace cc
