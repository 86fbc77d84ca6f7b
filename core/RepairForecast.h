#pragma once

#include "Plan.h"

#include <QMap>

namespace cc {

class LevelCatalogue;

// What a previewed plan will leave one key as: its rows with the plan's changes applied in memory,
// classified as a check would (docs/BEHAVIOUR.md C2). No database access: made from the plan alone.
struct KeyForecast {
    std::optional<qint64> progressBefore, licenseBefore; // the kept rows' levels now
    std::optional<qint64> progressAfter, licenseAfter; // after the plan
    int inserted = 0, updated = 0, deleted = 0;
    int repointed = 0; // rows of other tables moved to the row a merge keeps
    // What the plan does to the key, as recommended-action names (merge_duplicates, clamp_level,
    // create_license_from_progress, sync_progress_to_license, unify_spelling, …; other_update for
    // any other column), in that order.
    QStringList steps;
    QStringList warningsAfter; // warning names the key will carry after the plan
    bool violationAfter = false; // the key is still inconsistent after the plan
};

// A plan's totals for a summary, and one forecast per key (same order as plan.keys).
struct PlanForecast {
    QList<KeyForecast> keys;
    QMap<QString, int> keysByAction; // keys with changes, by step (a key counts once per step)
    QMap<QString, int> skippedByReason; // by skipClass()
    QMap<QString, int> warningsCreated; // warning name → keys that gain it
    qint64 inserted = 0, updated = 0, deleted = 0, repointed = 0;

    static PlanForecast of(const Plan& plan, const LevelCatalogue& catalogue);
    // A skip reason's class, the words before its first colon ("missing license", "manual_review",
    // "locked"); the whole reason when it has none.
    static QString skipClass(const QString& reason);
};

} // namespace cc
