#include "session/Session.h"

#include "base/Time.h"
#include "schema/ToolSchema.h"
#include "session/SharedSignIn.h"
#include "session/SignIn.h"

namespace cc {

Result<std::unique_ptr<Session>> Session::open(const SessionOptions& options)
{
    std::unique_ptr<Session> session(new Session);
    session->m_options = options;
    auto db = Database::open(options.profile, options.openMode, options.connectionName);
    if (!db)
        return db.error();
    session->m_db = std::move(*db);
    CC_TRY(session->reload());
    CC_TRY(session->signIn());
    return session;
}

bool Session::mustSignIn() const
{
    return !m_options.operatorEmail.isEmpty() && m_toolsInstalled && m_environment == Environment::Production;
}

Result<void> Session::signIn()
{
    if (!mustSignIn() || m_signedIn)
        return {};
    if (m_options.password.isEmpty())
        return Error { ErrorCode::SignInRequired,
            QStringLiteral("%1 on a production database must sign in with a password")
                .arg(m_options.operatorEmail) };
    const auto check
        = [this] { return SignIn::authenticate(*this, m_options.operatorEmail, m_options.password); };
    auto signedIn = m_options.sharedSignIn ? m_options.sharedSignIn->authenticate(check) : check();
    if (!signedIn)
        return signedIn.error();
    m_operator = *signedIn;
    m_signedIn = true;
    return {};
}

Result<void> Session::reload()
{
    auto installed = ToolSchema::isInstalled(*m_db);
    if (!installed)
        return installed.error();
    m_toolsInstalled = *installed;
    m_catalogue = LevelCatalogue::builtIn();
    m_environment = Environment::Production;
    m_thresholds = {};
    m_granted.clear();
    if (m_toolsInstalled) {
        auto catalogue = LevelCatalogue::load(*m_db);
        if (!catalogue)
            return catalogue.error();
        m_catalogue = *catalogue;
        auto environment = setting(QStringLiteral("environment"));
        if (!environment)
            return environment.error();
        if (auto parsed = environmentFromName(*environment))
            m_environment = *parsed;
        auto healthy = setting(QStringLiteral("healthy_threshold"));
        auto degraded = setting(QStringLiteral("degraded_threshold"));
        if (healthy && !healthy->isEmpty())
            m_thresholds.healthy = healthy->toInt();
        if (degraded && !degraded->isEmpty())
            m_thresholds.degraded = degraded->toInt();
    }
    auto server = serverNow();
    if (!server)
        return server.error();
    m_clockOffsetMs = m_clock ? 0 : QDateTime::currentDateTimeUtc().msecsTo(*server);
    m_operator = Operator::system();
    // Who the operator is, or whether they exist or are active, is said only after the password
    // proved it (issue 15): until signIn() the session acts as no one.
    if (!m_options.operatorEmail.isEmpty() && (!mustSignIn() || m_signedIn)) {
        auto found = Operator::lookup(*m_db, m_options.operatorEmail);
        if (!found)
            return found.error();
        m_operator = *found;
    }
    return {};
}

Result<void> Session::refresh()
{
    CC_TRY(reload());
    if (mustSignIn() && !m_signedIn && !m_options.password.isEmpty())
        return signIn();
    return {};
}

Result<QDateTime> Session::serverNow() const
{
    if (m_clock)
        return m_clock();
    const QDateTime client = QDateTime::currentDateTimeUtc();
    auto server = m_db->dialect().serverClock(*m_db);
    if (!server)
        return server.error();
    if (*server) {
        const QDateTime parsed = parseIsoUtc(**server);
        return parsed.isValid() ? parsed : client;
    }
    // No server (SQLite): the client's clock, never before the latest audit entry.
    if (!m_toolsInstalled)
        return client;
    auto latest = m_db->scalar(QStringLiteral("SELECT max(at) FROM ") + m_db->tool("audit"));
    if (!latest)
        return latest.error();
    const QDateTime recorded = parseIsoUtc(latest->toString());
    return recorded.isValid() && recorded > client ? recorded : client;
}

Result<const PlatformSchema*> Session::platform()
{
    if (!m_platform) {
        auto schema = PlatformSchema::inspect(*m_db);
        if (!schema)
            return schema.error();
        auto catalogue = constraints();
        if (!catalogue)
            return catalogue.error();
        CC_TRY(schema->addReferencingTables(*m_db, (*catalogue)->referencingTables()));
        m_platform = *schema;
    }
    return &*m_platform;
}

Result<const ConstraintCatalogue*> Session::constraints()
{
    if (!m_constraints) {
        auto catalogue = ConstraintCatalogue::read(*m_db);
        if (!catalogue)
            return catalogue.error();
        m_constraints = std::move(*catalogue);
    }
    return &*m_constraints;
}

Result<void> Session::requireTools() const
{
    if (!m_toolsInstalled)
        return Error { ErrorCode::NotInitialised,
            QStringLiteral("this database has no Coupling Console tables: run coupling-console init first") };
    return {};
}

Result<void> Session::authorize(Action action) const
{
    CC_TRY(cc::authorize(action, m_operator, m_environment));
    if (action != Action::View && !m_granted.contains(action))
        m_granted.append(action);
    return {};
}

Result<void> Session::lockSettings(bool exclusive)
{
    return m_db->dialect().lockName(*m_db, QStringLiteral("coupling_console.settings"),
        exclusive ? LockMode::Exclusive : LockMode::Shared);
}

Result<void> Session::recheckAuthority()
{
    if (!m_toolsInstalled || m_granted.isEmpty())
        return {};
    CC_TRY(lockSettings(false));
    auto stopped = [](const QString& why) {
        return refused(
            QStringLiteral("stopped: %1 (changed since this command began); this transaction was rolled back")
                .arg(why));
    };
    auto environment = setting(QStringLiteral("environment"));
    if (!environment)
        return environment.error();
    auto parsed = environmentFromName(*environment);
    m_environment = parsed ? *parsed : Environment::Production; // as reload(): unknown is production
    if (!m_operator.isSystem()) {
        auto found = Operator::lookup(*m_db, m_options.operatorEmail);
        if (!found)
            return found.error().code == ErrorCode::Refused ? stopped(found.error().message) : found.error();
        m_operator = *found;
    }
    for (const Action action : std::as_const(m_granted)) {
        if (auto granted = cc::authorize(action, m_operator, m_environment); !granted)
            return stopped(granted.error().message);
    }
    return {};
}

Result<QString> Session::setting(const QString& key) const
{
    auto value = m_db->scalar(
        QStringLiteral("SELECT value FROM ") + m_db->tool("settings") + QStringLiteral(" WHERE key = ?"),
        { key });
    if (!value)
        return value.error();
    return value->toString();
}

Result<void> Session::storeSetting(const QString& key, const QString& value)
{
    CC_TRY(m_db->run(
        QStringLiteral("DELETE FROM ") + m_db->tool("settings") + QStringLiteral(" WHERE key = ?"), { key }));
    return m_db->run(QStringLiteral("INSERT INTO ") + m_db->tool("settings")
            + QStringLiteral(" (key, value) VALUES (?, ?)"),
        { key, value });
}

} // namespace cc
