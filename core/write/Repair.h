#pragma once

#include "rows/KeyRef.h"
#include "session/Session.h"
#include "write/CouplingWriter.h"
#include "write/Operations.h"

namespace cc {

struct RepairOptions {
    std::optional<SyncDirection> direction; // mismatches only; empty: toward the higher level
    bool createLicenses = false; // a license is a paid product: created only when asked
    CancelToken* cancel = nullptr;
    std::function<void(qint64 done, qint64 total)> progress;
};

// Repairs (docs/BEHAVIOUR.md C6): merge duplicates, clamp, then create or sync, in one transaction per key.
class Repair final {
public:
    static KeyPlanner planner(const RepairOptions& options);

    static Result<Plan> previewUser(
        Session& session, qint64 userId, const QString& track, const RepairOptions& options);
    static Result<WriteOutcome> repairUser(
        Session& session, qint64 userId, const QString& track, const RepairOptions& options);

    // The keys of the latest completed run's violations; runs a check first when there is no run or
    // when the newest audit entry is younger than the run.
    static Result<QList<KeyRef>> keysToRepair(Session& session, CancelToken* cancel);
    static Result<Plan> previewAll(Session& session, const RepairOptions& options);
    static Result<WriteOutcome> repairAll(Session& session, const RepairOptions& options);
};

} // namespace cc
