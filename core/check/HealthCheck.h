#pragma once

#include "base/CancelToken.h"
#include "check/HealthReport.h"
#include "session/Session.h"

#include <functional>

namespace cc {

struct CheckOptions {
    qint64 violationLimit = -1; // how many primary violations the report keeps in memory; -1 all
    bool store = true; // store the run when the tool's tables can be written
    CancelToken* cancel = nullptr;
    std::function<void(qint64 rowsDone, qint64 rowsTotal)> progress;
    int parallel = 1; // PostgreSQL only: connections sharing one exported snapshot
};

// The health check (docs/BEHAVIOUR.md C2–C4): both tables read once in user order in one snapshot
// (PlatformRowSource), each key classified in memory (KeyMerge, classifyKey); results stored over a
// second connection.
class HealthCheck final {
public:
    // Every key's aggregate in one grouped statement and its bound values (the alias mapping): what
    // `check --print-sql` prints and scan() reads; the check itself reads through KeyMerge.
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
