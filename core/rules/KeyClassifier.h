#pragma once

#include "rules/FindingReason.h"
#include "schema/LevelCatalogue.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace cc {

// Primary kinds in precedence order (docs/BEHAVIOUR.md C3).
enum class ViolationKind {
    DuplicateProgress,
    DuplicateLicense,
    UnknownSpecialization,
    MissingLicense,
    MissingProgress,
    LevelOutOfRange,
    LevelMismatch,
    SpellingMismatch, // the levels agree, the two sides' stored ids differ (revised 2026-12)
};
constexpr int violationKindCount = 8;

enum class WarningKind { UnjustifiedLevel, PendingLevelUp, MaxBelowCurrent };
constexpr int warningKindCount = 3;

QString kindName(ViolationKind kind);
QString warningName(WarningKind kind);
std::optional<ViolationKind> kindFromName(const QString& name);
std::optional<WarningKind> warningFromName(const QString& name);

// What the two tables hold for one key (user, track): the result of the check's grouped pass.
struct KeyAggregate {
    qint64 userId = 0;
    QString track; // canonical
    int progressRows = 0;
    int licenseRows = 0;
    int progressNullLevels = 0;
    int licenseNullLevels = 0;
    std::optional<qint64> progressMin, progressMax; // over non-NULL levels
    std::optional<qint64> licenseMin, licenseMax;
    Counters counters; // summed; meaningful when progressRows == 1
    std::optional<qint64> maxAchieved; // summed; meaningful when licenseRows == 1
    // One stored id of each side as stored (the lowest by bytes; pad spaces not removed), empty
    // when the side has no rows or it was not read. A spelling mismatch is judged on keys with one
    // row per side, where this is the row's id.
    std::optional<QString> progressSpelling, licenseSpelling;
    // The user exists and their role is not student (isStaffRole). Filled only for keys without
    // progress rows (the check looks the user up for those alone).
    bool staffUser = false;

    // One row per side, stored under two spellings once char(n) pad spaces are removed.
    bool spellingsDiffer() const;
    // More rows than one on a side: a duplicate key (C3), which a merge would reduce to kept rows.
    bool hasDuplicateRows() const { return progressRows > 1 || licenseRows > 1; }
};

// A role other than student, compared case-insensitively (docs/BEHAVIOUR.md C2); NULL is no role.
bool isStaffRole(const QVariant& role);

struct Finding {
    bool warning = false;
    ViolationKind kind = ViolationKind::LevelMismatch; // when !warning
    WarningKind warningKind = WarningKind::UnjustifiedLevel; // when warning
    RecommendedAction action = RecommendedAction::ManualReview;
    FindingReason reason;

    QString name() const { return warning ? warningName(warningKind) : kindName(kind); }
    QString actionName() const { return recommendedActionName(action); }
    // The English sentence core stores and the command line prints.
    QString reasonText() const
    {
        return warning ? cc::reasonText(warningKind, reason) : cc::reasonText(kind, reason);
    }
};

struct KeyClassification {
    // License rows, no progress rows, a staff user: a teaching credential, not a pair (C2). Such
    // a key has no violation and no warnings.
    bool staffCredential = false;
    std::optional<Finding> violation; // the primary kind, if the key is inconsistent
    QList<Finding> warnings;
    std::optional<qint64> progressLevel; // the level of the row a merge would keep
    std::optional<qint64> licenseLevel;
    int justifiedLevel = 0; // 0 when not computable
};

KeyClassification classifyKey(const KeyAggregate& key, const LevelCatalogue& catalogue);

} // namespace cc
