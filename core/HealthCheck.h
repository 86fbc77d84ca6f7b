#pragma once

#include "CancelToken.h"
#include "HealthReport.h"

#include <functional>

namespace cc {

struct CheckOptions {
    qint64 violationLimit = -1; // how many primary violations the report keeps in memory; -1 all
    bool store = true; // store the run when the tool's tables can be written
    CancelToken* cancel = nullptr;
    std::function<void(qint64 rowsDone, qint64 rowsTotal)> progress;
    int parallel = 1; // PostgreSQL only: connections sharing one exported snapshot
};

// The health check (docs/BEHAVIOUR.md C2–C4): one grouped, forward-only pass over both tables' keys in
// one snapshot; each key classified in memory; results stored over a second connection.
class HealthCheck final {
public:
    // The classification statement and its bound values (the alias mapping).
    // With a user range, only keys whose user id is in [first, second).
    static QString statement(const Database& db, const LevelCatalogue& catalogue, QVariantList* binds,
                             std::optional<std::pair<qint64, qint64>> userRange = std::nullopt);
    // The same statement with its values inlined, as `check --print-sql` prints it.
    static QString printableStatement(const Database& db, const LevelCatalogue& catalogue);

    static Result<HealthReport> run(Session& session, const CheckOptions& options);
    // Streams every key's aggregate in key order from one snapshot; stores nothing.
    static Result<void> scan(Session& session, const std::function<void(const KeyAggregate&)>& visit);
};

} // namespace cc
