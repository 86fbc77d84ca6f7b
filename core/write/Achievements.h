#pragma once

#include "write/ChangeBuilder.h"

namespace cc {

// The platform's achievement rules (docs/PLATFORM.md §3), awarded once per (user, badge, track) across
// spellings.
class Achievements final {
public:
    // Adds inserts for badges the progress row now earns and the key does not hold; returns their names.
    static Result<QStringList> award(ChangeBuilder& builder, const Row& progress, int level);
    static QStringList earnedBadges(const QString& track, int level, qint64 sessions, qint64 projects);
};

} // namespace cc
