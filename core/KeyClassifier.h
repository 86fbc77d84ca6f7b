#pragma once

#include "LevelCatalogue.h"

#include <QList>
#include <QString>

#include <optional>

namespace cc {

// Primary kinds in precedence order (CONTRACT.md C3).
enum class ViolationKind {
    DuplicateProgress,
    DuplicateLicense,
    UnknownSpecialization,
    MissingLicense,
    MissingProgress,
    LevelOutOfRange,
    LevelMismatch,
};
constexpr int violationKindCount = 7;

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
};

struct Finding {
    bool warning = false;
    ViolationKind kind = ViolationKind::LevelMismatch; // when !warning
    WarningKind warningKind = WarningKind::UnjustifiedLevel; // when warning
    QString action;
    QString reason;

    QString name() const { return warning ? warningName(warningKind) : kindName(kind); }
};

struct KeyClassification {
    std::optional<Finding> violation; // the primary kind, if the key is inconsistent
    QList<Finding> warnings;
    std::optional<int> progressLevel; // the level of the row a merge would keep
    std::optional<int> licenseLevel;
    int justifiedLevel = 0; // 0 when not computable
};

KeyClassification classifyKey(const KeyAggregate& key, const LevelCatalogue& catalogue);

} // namespace cc
