#include "administration/Administration.h"

#include "audit/AuditLog.h"
#include "base/CancelToken.h"
#include "check/RunStore.h"
#include "database/WriteTransaction.h"
#include "schema/ToolSchema.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace cc {

namespace {

Result<void> installTools(Session& session, Environment environment)
{
    Database& db = session.db();
    CC_TRY(ToolSchema::migrate(db));
    CC_TRY(LevelCatalogue::builtIn().store(db));
    CC_TRY(session.storeSetting(QStringLiteral("environment"), environmentName(environment)));
    CC_TRY(session.storeSetting(QStringLiteral("healthy_threshold"), QStringLiteral("9900")));
    CC_TRY(session.storeSetting(QStringLiteral("degraded_threshold"), QStringLiteral("9500")));
    return {};
}

Result<qint64> auditSetting(Session& session, const QString& action, const QJsonObject& before,
    const QJsonObject& after, const QString& source = {})
{
    AuditEntry entry;
    entry.action = action;
    entry.source = source;
    entry.before = before;
    entry.after = after;
    return AuditLog::record(session, entry);
}

struct SettingsChange {
    QList<std::pair<QString, QString>> settings;
    QJsonObject before;
    QJsonObject after;
};

// Stores a settings change and its audit entry in one transaction, then reloads the session. The
// change is planned inside the transaction, under the settings lock, from the values stored now
// (issue 15): two concurrent changes queue, and each one's `before` is the other's `after`.
Result<qint64> storeSettingsAudited(
    Session& session, const QString& action, const std::function<Result<SettingsChange>(Session&)>& plan)
{
    auto id = withRetry([&]() -> Result<qint64> {
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.lockSettings(true));
        CC_TRY(session.recheckAuthority());
        auto change = plan(session);
        if (!change)
            return change.error();
        for (const auto& [key, value] : std::as_const(change->settings))
            CC_TRY(session.storeSetting(key, value));
        auto auditId = auditSetting(session, action, change->before, change->after);
        if (!auditId)
            return auditId.error();
        CC_TRY(transaction.commit());
        return *auditId;
    });
    if (!id)
        return id.error();
    CC_TRY(session.reload());
    return *id;
}

// A stored threshold in hundredths; the default when none is stored.
Result<int> storedThreshold(Session& session, const QString& key, int fallback)
{
    auto value = session.setting(key);
    if (!value)
        return value.error();
    return value->isEmpty() ? fallback : value->toInt();
}

Result<qint64> changeIndexes(Session& session, bool create)
{
    CC_TRY(session.authorize(Action::CreateIndexes));
    Database& db = session.db();
    if (db.isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; no index was changed") };
    // CREATE INDEX CONCURRENTLY cannot run inside a transaction; audited afterwards in its own.
    const bool concurrently = db.dialect().buildsIndexesConcurrently();
    if (concurrently)
        CC_TRY(create ? ToolSchema::createKeyIndexes(db, true) : ToolSchema::dropKeyIndexes(db));
    WriteTransaction transaction(db);
    CC_TRY(transaction.begin());
    if (!concurrently)
        CC_TRY(create ? ToolSchema::createKeyIndexes(db, false) : ToolSchema::dropKeyIndexes(db));
    auto id = auditSetting(session,
        auditActionName(create ? AuditAction::IndexCreate : AuditAction::IndexDrop), {},
        QJsonObject {
            { QStringLiteral("indexes"), QJsonArray::fromStringList(ToolSchema::keyIndexNames()) } });
    if (!id)
        return id.error();
    CC_TRY(transaction.commit());
    return *id;
}

// `init --indexes` / `--drop-indexes`, when asked for: its audit id joins the result's.
Result<void> changeIndexesIfAsked(Session& session, const InitOptions& options, InitResult& result)
{
    if (!options.createIndexes && !options.dropIndexes)
        return {};
    auto id = changeIndexes(session, options.createIndexes);
    if (!id)
        return id.error();
    result.auditIds.append(*id);
    return {};
}

// init's own transaction: the platform tables when the database is empty, the tool's tables
// installed or migrated, the environment, and the init entry.
Result<void> writeInit(Session& session, bool empty, bool hadTools, Environment target, InitResult& result)
{
    Database& db = session.db();
    return withRetry([&]() -> Result<void> {
        WriteTransaction transaction(db);
        CC_TRY(transaction.begin());
        if (hadTools) {
            CC_TRY(session.lockSettings(true));
            CC_TRY(session.recheckAuthority());
        }
        if (empty) {
            CC_TRY(PlatformSchema::create(db));
            CC_TRY(ToolSchema::createKeyIndexes(db, false));
            result.createdPlatformTables = true;
        }
        result.environment = target;
        if (!hadTools) {
            CC_TRY(installTools(session, result.environment));
            result.installedTools = true;
        } else {
            CC_TRY(ToolSchema::migrate(db));
            CC_TRY(session.storeSetting(QStringLiteral("environment"), environmentName(result.environment)));
        }
        auto id = auditSetting(session, auditActionName(AuditAction::Init), {},
            QJsonObject { { QStringLiteral("environment"), environmentName(result.environment) },
                { QStringLiteral("schema_version"), ToolSchema::currentVersion },
                { QStringLiteral("created_platform_tables"), result.createdPlatformTables } },
            auditSourceName(AuditSource::System));
        if (!id)
            return id.error();
        result.auditIds.append(*id);
        return transaction.commit();
    });
}

// demo fills only a new file or empty platform tables.
Result<void> refuseRows(Database& db)
{
    for (const char* name : { "users", "specialization_progress", "user_licenses" }) {
        auto rows = db.scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(name));
        if (!rows)
            return rows.error();
        if (rows->toLongLong() > 0)
            return refused(
                QStringLiteral("demo works only on a new file or on empty platform tables; %1 has rows")
                    .arg(QLatin1String(name)));
    }
    return {};
}

// demo's one transaction: the platform tables when new, the tool's tables when missing, the
// generated data and the demo entry. SIGINT/SIGTERM (issue 15) interrupts the running statement
// and rolls it back whole.
Result<DemoManifest> writeDemo(Session& session, bool empty, const DemoOptions& options)
{
    Database& db = session.db();
    return withRetry([&]() -> Result<DemoManifest> {
        WriteTransaction transaction(db);
        CC_TRY(transaction.begin());
        CancelToken::InterruptScope interrupt(options.cancel, db.interrupter());
        if (empty)
            CC_TRY(PlatformSchema::create(db));
        if (!session.toolsInstalled())
            CC_TRY(installTools(session, Environment::Development));
        auto manifest = DemoGenerator::generate(db, LevelCatalogue::builtIn(), options);
        if (!manifest)
            return manifest.error();
        QJsonObject planted;
        for (int i = 0; i < DemoManifest::plantedKinds; ++i)
            planted.insert(DemoManifest::kindAt(i), manifest->planted[i]);
        auto id = auditSetting(session, auditActionName(AuditAction::Demo), {},
            QJsonObject { { QStringLiteral("users"), manifest->users },
                { QStringLiteral("keys"), manifest->keys }, { QStringLiteral("seed"), options.seed },
                { QStringLiteral("planted"), planted },
                { QStringLiteral("staff_credentials"), manifest->staffCredentials } },
            auditSourceName(AuditSource::System));
        if (!id)
            return id.error();
        if (options.cancel && options.cancel->isCancelled())
            return Error { ErrorCode::Cancelled, QStringLiteral("cancelled; demo changed nothing") };
        CC_TRY(transaction.commit());
        return *manifest;
    });
}

} // namespace

Result<InitResult> Administration::init(Session& session, const InitOptions& options)
{
    CC_TRY(session.authorize(Action::Init));
    Database& db = session.db();
    if (db.isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; init changes nothing") };
    InitResult result;
    auto empty = PlatformSchema::isEmpty(db);
    if (!empty)
        return empty.error();
    if (!*empty)
        CC_TRY(session.platform());
    else
        CC_TRY(PlatformSchema::refuseForeign(db));
    const bool hadTools = session.toolsInstalled();
    if (hadTools && options.environment && *options.environment != session.environment())
        CC_TRY(session.authorize(Action::SetEnvironment));
    // A refused command writes nothing (issue 15): the index change is judged in the environment
    // init leaves before init writes its own entry.
    const Environment target = hadTools
        ? options.environment.value_or(session.environment())
        : options.environment.value_or(*empty ? Environment::Development : Environment::Production);
    if (options.createIndexes || options.dropIndexes)
        CC_TRY(cc::authorize(Action::CreateIndexes, session.op(), target));
    // On an initialised database the index change comes first: PostgreSQL builds indexes outside
    // any transaction, so an index build stopped by the server's statement_timeout must leave no
    // init entry behind (a failed command writes nothing).
    if (hadTools)
        CC_TRY(changeIndexesIfAsked(session, options, result));
    CC_TRY(writeInit(session, *empty, hadTools, target, result));
    CC_TRY(session.reload());
    if (!hadTools)
        CC_TRY(changeIndexesIfAsked(session, options, result));
    auto indexes = ToolSchema::hasKeyIndexes(db);
    if (!indexes)
        return indexes.error();
    result.indexes = *indexes;
    return result;
}

Result<DemoManifest> Administration::demo(
    const ConnectionProfile& profile, const DemoOptions& options, const QString& source)
{
    CC_TRY(DemoGenerator::validate(options));
    SessionOptions sessionOptions;
    sessionOptions.profile = profile;
    sessionOptions.openMode = Database::OpenMode::MayCreate;
    sessionOptions.source = source;
    auto opened = Session::open(sessionOptions);
    if (!opened)
        return opened.error();
    Session& session = **opened;
    Database& db = session.db();
    CC_TRY(session.authorize(Action::Demo));
    if (db.isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; demo changes nothing") };
    auto empty = PlatformSchema::isEmpty(db);
    if (!empty)
        return empty.error();
    if (*empty)
        CC_TRY(PlatformSchema::refuseForeign(db));
    if (!*empty) {
        CC_TRY(session.platform());
        CC_TRY(refuseRows(db));
    }
    auto manifest = writeDemo(session, *empty, options);
    if (!manifest)
        return manifest.error();
    if (*empty) {
        WriteTransaction transaction(db);
        CC_TRY(transaction.begin());
        CC_TRY(ToolSchema::createKeyIndexes(db, false));
        CC_TRY(transaction.commit());
    }
    CC_TRY(db.dialect().analyze(db));
    return *manifest;
}

Result<qint64> Administration::setEnvironment(Session& session, Environment environment)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::SetEnvironment));
    return storeSettingsAudited(
        session, auditActionName(AuditAction::EnvironmentSet), [&](Session& s) -> Result<SettingsChange> {
            auto stored = s.setting(QStringLiteral("environment"));
            if (!stored)
                return stored.error();
            auto before = environmentFromName(*stored);
            return SettingsChange { { { QStringLiteral("environment"), environmentName(environment) } },
                QJsonObject { { QStringLiteral("environment"),
                    environmentName(before ? *before : Environment::Production) } },
                QJsonObject { { QStringLiteral("environment"), environmentName(environment) } } };
        });
}

Result<int> Administration::parseThreshold(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,3})(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return refused(
            QStringLiteral("threshold \"%1\" must be a number from 0 to 100 with at most two decimals")
                .arg(text));
    const QString fraction = match.captured(2).leftJustified(2, u'0');
    const int value = match.captured(1).toInt() * 100 + fraction.toInt();
    if (value > 10000)
        return refused(QStringLiteral("threshold %1 is above 100").arg(text));
    return value;
}

Result<qint64> Administration::setThresholds(
    Session& session, std::optional<QString> healthy, std::optional<QString> degraded)
{
    CC_TRY(session.requireTools());
    std::optional<int> newHealthy;
    std::optional<int> newDegraded;
    if (healthy) {
        auto value = parseThreshold(*healthy);
        if (!value)
            return value.error();
        newHealthy = *value;
    }
    if (degraded) {
        auto value = parseThreshold(*degraded);
        if (!value)
            return value.error();
        newDegraded = *value;
    }
    CC_TRY(session.authorize(Action::ChangeSettings));
    return storeSettingsAudited(
        session, auditActionName(AuditAction::Settings), [&](Session& s) -> Result<SettingsChange> {
            const Thresholds defaults;
            auto storedHealthy = storedThreshold(s, QStringLiteral("healthy_threshold"), defaults.healthy);
            auto storedDegraded = storedThreshold(s, QStringLiteral("degraded_threshold"), defaults.degraded);
            if (!storedHealthy)
                return storedHealthy.error();
            if (!storedDegraded)
                return storedDegraded.error();
            const Thresholds before { *storedHealthy, *storedDegraded };
            const Thresholds next { newHealthy.value_or(before.healthy),
                newDegraded.value_or(before.degraded) };
            if (next.degraded > next.healthy)
                return refused(
                    QStringLiteral("the degraded threshold (%1) must not be above the healthy threshold (%2)")
                        .arg(next.degraded / 100.0, 0, 'f', 2)
                        .arg(next.healthy / 100.0, 0, 'f', 2));
            return SettingsChange {
                { { QStringLiteral("healthy_threshold"), QString::number(next.healthy) },
                    { QStringLiteral("degraded_threshold"), QString::number(next.degraded) } },
                QJsonObject { { QStringLiteral("healthy"), before.healthy / 100.0 },
                    { QStringLiteral("degraded"), before.degraded / 100.0 } },
                QJsonObject { { QStringLiteral("healthy"), next.healthy / 100.0 },
                    { QStringLiteral("degraded"), next.degraded / 100.0 } }
            };
        });
}

Result<std::pair<qint64, qint64>> Administration::prune(Session& session)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::Prune));
    return withRetry([&]() -> Result<std::pair<qint64, qint64>> {
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.recheckAuthority());
        auto removed = RunStore::prune(session.db(), session.now());
        if (!removed)
            return removed.error();
        auto id = auditSetting(session, auditActionName(AuditAction::Prune), {},
            QJsonObject { { QStringLiteral("violations_removed"), *removed } });
        if (!id)
            return id.error();
        CC_TRY(transaction.commit());
        return std::pair<qint64, qint64> { *removed, *id };
    });
}

} // namespace cc
