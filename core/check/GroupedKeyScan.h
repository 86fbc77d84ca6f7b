#pragma once

#include "check/KeyTally.h"
#include "database/Database.h"

#include <QSqlQuery>

#include <functional>

namespace cc {

// The check's plan on a platform database without the cc_ indexes (issue 17): the grouped
// statement of HealthCheck::statement, read forward-only, one row per key (the plan before issue
// 17). Without the indexes PlatformRowSource's streams need the database to sort each table: on
// PostgreSQL the cursors' sorts took 170 s at 1M users in one bench run (docs/PERFORMANCE.md).
class GroupedKeyScan final {
public:
    // One row of HealthCheck::statement as a key's aggregate.
    static void read(const QSqlQuery& query, KeyAggregate& key);
    // Runs the statement and adds every key to the tally; `checkpoint` runs every 4096 keys (store
    // records, poll cancel, report progress) and once at the end; an error from it stops the scan.
    static Result<void> run(Database& db, const QString& sql, const QVariantList& binds, KeyTally& tally,
        const std::function<Result<void>()>& checkpoint);
};

} // namespace cc
