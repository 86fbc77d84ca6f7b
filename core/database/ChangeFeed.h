#pragma once

#include "database/Database.h"

#include <functional>

class QObject;

namespace cc {

// How one instance of the tool learns that another wrote (docs/BEHAVIOUR.md: a second instance
// notices new runs and writes). PostgreSQL: every committed write transaction sends NOTIFY on the
// tool's own channel (announce(), inside the transaction, so it is delivered only if it commits), and
// a listening connection hears it. SQLite: `PRAGMA data_version` changes when another connection
// commits, read by polling.
class ChangeFeed final {
public:
    static inline const QString channel = QStringLiteral("coupling_console_changes");

    // Inside a write transaction, before COMMIT: NOTIFY on PostgreSQL, nothing on SQLite.
    static Result<void> announce(Database& db);
    // PostgreSQL: LISTEN on this connection; `heard` runs in `receiver`'s thread (queued) for each
    // notification, while this connection stays open in a thread with an event loop.
    static Result<void> listen(Database& db, QObject* receiver, std::function<void()> heard);
    // Whether a profile's other writers are heard by listen() (PostgreSQL); otherwise poll dataVersion().
    static bool isPushed(const ConnectionProfile& profile);
    // SQLite: a number that changes when another connection commits. PostgreSQL: 0 (use listen()).
    static Result<qint64> dataVersion(Database& db);
};

} // namespace cc
