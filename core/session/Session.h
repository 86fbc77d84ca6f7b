#pragma once

#include "database/Database.h"
#include "schema/ConstraintCatalogue.h"
#include "schema/LevelCatalogue.h"
#include "schema/PlatformSchema.h"
#include "session/Operator.h"
#include "session/Permissions.h"
#include "session/Thresholds.h"

#include <QDateTime>

#include <functional>
#include <memory>
#include <optional>

namespace cc {

class SharedSignIn;

struct SessionOptions {
    ConnectionProfile profile;
    QString operatorEmail; // empty: the system
    // The operator's platform password, checked when the session opens on a production database
    // (C7, issue 5). Held in memory only.
    QString password;
    // Set by a front end that opens several sessions with these options (the GUI's workers): the
    // password is then checked once for all of them.
    std::shared_ptr<SharedSignIn> sharedSignIn;
    QString source = QStringLiteral("cli"); // audit source: cli or gui
    Database::OpenMode openMode = Database::OpenMode::MustExist;
    QString connectionName;
};

// Everything one front end needs to act on one database from one thread: the connection, the
// catalogue, the operator, the environment and the settings. Thread affinity: the opening thread.
class Session final {
public:
    static Result<std::unique_ptr<Session>> open(const SessionOptions& options);
    Q_DISABLE_COPY_MOVE(Session)

    Database& db() { return *m_db; }
    const LevelCatalogue& catalogue() const { return m_catalogue; }
    const Operator& op() const { return m_operator; }
    Environment environment() const { return m_environment; }
    const Thresholds& thresholds() const { return m_thresholds; }
    bool toolsInstalled() const { return m_toolsInstalled; }
    const QString& source() const { return m_options.source; }
    const SessionOptions& options() const { return m_options; }

    // The platform tables, checked once per session, with the columns of every table whose
    // foreign keys reference the coupled rows.
    Result<const PlatformSchema*> platform();
    // The database's own constraints on the platform tables, read once per session.
    Result<const ConstraintCatalogue*> constraints();
    Result<void> requireTools() const;
    // Checks the permission table (C7) for `action` and remembers the grant until the next reload().
    Result<void> authorize(Action action) const;
    // The first thing every write transaction does (issue 15): reads the environment and the
    // operator again inside it, and refuses when an action this session was granted since it
    // (re)loaded is no longer granted, so a change committed elsewhere stops the next chunk.
    Result<void> recheckAuthority();
    // Inside the caller's transaction: serialises settings changes (exclusive) against each other
    // and against every write transaction (shared, taken by recheckAuthority). PostgreSQL: a
    // transaction advisory lock; SQLite: BEGIN IMMEDIATE already serialises every writer.
    Result<void> lockSettings(bool exclusive);
    // Reads settings, catalogue and operator again (after init, migrations or imports).
    Result<void> reload();
    // reload(), then signs in with the password it was given when the database has become
    // production meanwhile (a front end's re-read before a write); without a password the session
    // goes on as the system, which may only look.
    Result<void> refresh();

    Result<QString> setting(const QString& key) const;
    // Inside the caller's transaction.
    Result<void> storeSetting(const QString& key, const QString& value);

    // Time for audit entries, runs and throttling comes from the database, never from this
    // machine's clock (issue 15): now() is this clock corrected by the offset to serverNow()
    // measured when the session (re)loads; serverNow() asks the database each time: PostgreSQL's
    // now(), on SQLite this clock but never earlier than the latest audit entry (a monotonic
    // record the tool keeps). A clock set by a test replaces both.
    QDateTime now() const
    {
        return m_clock ? m_clock() : QDateTime::currentDateTimeUtc().addMSecs(m_clockOffsetMs);
    }
    Result<QDateTime> serverNow() const;
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

private:
    Session() = default;
    // A named operator on a production database proves who they are, whatever the front end.
    Result<void> signIn();
    bool mustSignIn() const;

    SessionOptions m_options;
    std::unique_ptr<Database> m_db;
    LevelCatalogue m_catalogue;
    std::optional<PlatformSchema> m_platform;
    std::optional<ConstraintCatalogue> m_constraints;
    Operator m_operator;
    Environment m_environment = Environment::Production;
    Thresholds m_thresholds;
    bool m_toolsInstalled = false;
    std::function<QDateTime()> m_clock;
    qint64 m_clockOffsetMs = 0;
    bool m_signedIn = false;
    mutable QList<Action> m_granted; // actions authorize() granted since the last reload()
};

} // namespace cc
