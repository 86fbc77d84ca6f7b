#pragma once

#include "rows/KeyRef.h"
#include "session/Session.h"
#include "write/CouplingWriter.h"
#include "write/SyncDirection.h"

namespace cc {

struct ProgressDelta {
    qint64 xp = 0;
    qint64 sessions = 0;
    qint64 projects = 0;
    qint64 theoryHours = 0;
    qint64 practiceHours = 0;
};

struct ProgressUpdate {
    int oldLevel = 1;
    int newLevel = 1;
    qint64 totalXp = 0;
    qint64 completedSessions = 0;
    std::optional<qint64> licenseLevel;
    QStringList achievementsEarned;
    WriteOutcome outcome;
};

// The single-key writes of docs/BEHAVIOUR.md C6. Each checks the operator's permission first, takes the
// key's locks, re-reads its rows and writes one audited transaction.
class Operations final {
public:
    // A user by id or email; refused (NotFound) when there is no such user.
    static Result<qint64> resolveUser(Session& session, const QString& idOrEmail);
    // A known track from a legacy or canonical id; refused when the catalogue does not know it.
    static Result<QString> resolveTrack(Session& session, const QString& text);

    static Result<ProgressUpdate> updateProgress(
        Session& session, const KeyRef& key, const ProgressDelta& delta);
    static Result<WriteOutcome> advance(
        Session& session, const KeyRef& key, int toLevel, const QString& reason);
    static KeyPlanner syncPlanner(SyncDirection direction);
    static Result<Plan> previewSync(Session& session, const KeyRef& key, SyncDirection direction);
    static Result<WriteOutcome> sync(Session& session, const KeyRef& key, SyncDirection direction);
    static KeyPlanner setLevelPlanner(int level, const QString& reason, const ProgressDelta& delta);
    static Result<WriteOutcome> setLevel(
        Session& session, const KeyRef& key, int level, const QString& reason, const ProgressDelta& delta);

    static Result<void> checkDelta(const ProgressDelta& delta);
};

} // namespace cc
