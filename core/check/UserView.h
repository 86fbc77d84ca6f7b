#pragma once

#include "audit/AuditLog.h"
#include "rows/KeyRows.h"

namespace cc {

struct UserSummary {
    qint64 id = 0;
    QString name;
    QString email;
    QString role;
    bool active = true;
};

struct TrackView {
    KeyRows rows;
    KeyClassification classification; // computed live
    int justifiedLevel = 0;
    std::optional<LevelRequirement> nextLevel; // requirements of the level above the progress level
    QList<Row> progressions; // of the key's licenses, oldest first
};

// Everything the per-user desync view and `user --json` show, read live in one snapshot.
struct UserView {
    UserSummary user;
    QList<TrackView> tracks;
    QList<AuditEntry> history; // the user's audit entries, newest first

    static Result<UserView> load(Session& session, qint64 userId);
    // The named keys read and classified live, as load does each of a user's tracks: what a write
    // just left (the QA lab shows an injection's keys at once, without waiting for a check).
    static Result<QList<TrackView>> keys(Session& session, const QList<KeyRef>& keys);
    // The tracks of a user's keys (progress or license rows), in key order; empty for no such user.
    static Result<QStringList> trackNames(Session& session, qint64 userId);
    // Users whose id, email or name matches (email and name: case-insensitive substring, literal).
    static Result<QList<UserSummary>> search(Session& session, const QString& text, int limit = 50);
};

} // namespace cc
