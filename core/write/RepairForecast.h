#pragma once

#include "rules/FindingReason.h"
#include "rules/KeyClassifier.h"
#include "write/Plan.h"

#include <QMap>

namespace cc {

class LevelCatalogue;

// One thing a plan does to a key: what a recommended action changes, or updates of other columns.
struct ForecastStep {
    std::optional<RecommendedAction> action; // empty: updates of other columns only

    // The action's stored name, or "other_update".
    QString name() const;
    friend bool operator==(const ForecastStep&, const ForecastStep&) = default;
    // The actions in RecommendedAction's order, other column updates last.
    friend bool operator<(const ForecastStep& a, const ForecastStep& b)
    {
        return a.action.has_value() != b.action.has_value() ? a.action.has_value() : a.action < b.action;
    }
};

// A count of skipped keys: by class, and for Other by the whole reason (which names what failed).
struct SkipCount {
    SkipClass kind = SkipClass::Other;
    QString reason; // Other's whole reason; empty for the other classes
    friend bool operator<(const SkipCount& a, const SkipCount& b)
    {
        return std::tie(a.kind, a.reason) < std::tie(b.kind, b.reason);
    }
};

// What a previewed plan will leave one key as: its rows with the plan's changes applied in memory,
// classified as a check would (docs/BEHAVIOUR.md C2). No database access: made from the plan alone.
struct KeyForecast {
    std::optional<qint64> progressBefore, licenseBefore; // the kept rows' levels now
    std::optional<qint64> progressAfter, licenseAfter; // after the plan
    int inserted = 0, updated = 0, deleted = 0;
    int repointed = 0; // rows of other tables moved to the row a merge keeps
    // What the plan does to the key (merge duplicates, clamp the level, create the license, sync a
    // side, unify the spelling, …; other column updates), in that order.
    QList<ForecastStep> steps;
    QList<WarningKind> warningsAfter; // the warnings the key will carry after the plan
    bool violationAfter = false; // the key is still inconsistent after the plan
};

// A plan's totals for a summary, and one forecast per key (same order as plan.keys).
struct PlanForecast {
    QList<KeyForecast> keys;
    QMap<ForecastStep, int> keysByAction; // keys with changes, by step (a key counts once per step)
    QMap<SkipCount, int> skippedByReason;
    QMap<WarningKind, int> warningsCreated; // keys that gain the warning
    qint64 inserted = 0, updated = 0, deleted = 0, repointed = 0;

    static PlanForecast of(const Plan& plan, const LevelCatalogue& catalogue);
};

} // namespace cc
