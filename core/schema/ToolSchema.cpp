#include "schema/ToolSchema.h"

#include "database/WriteTransaction.h"
#include "schema/AuditChain.h"

#include <QDateTime>

namespace cc {

namespace {

// Version 1: the tool's tables.
QStringList firstVersionStatements(const Database& db)
{
    const SqlDialect& dialect = db.dialect();
    const QString id = dialect.serialPrimaryKey(true);
    auto t = [&db](const char* name) { return db.tool(name); };
    auto index
        = [&dialect](const char* table, const char* suffix) { return dialect.toolIndexName(table, suffix); };
    QStringList statements = dialect.createToolNamespace();
    statements
        << QStringLiteral("CREATE TABLE %1 (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
               .arg(t("schema_version"))
        << QStringLiteral("CREATE TABLE %1 (key TEXT PRIMARY KEY, value TEXT NOT NULL)").arg(t("settings"))
        << QStringLiteral(
               "CREATE TABLE %1 (track TEXT NOT NULL, level INTEGER NOT NULL, name TEXT NOT NULL, "
               "xp_required BIGINT NOT NULL, sessions_required BIGINT NOT NULL, theory_hours BIGINT NOT "
               "NULL, "
               "practice_hours BIGINT NOT NULL, PRIMARY KEY (track, level))")
               .arg(t("levels"))
        << QStringLiteral("CREATE TABLE %1 (alias TEXT PRIMARY KEY, canonical TEXT NOT NULL)")
               .arg(t("aliases"))
        << QStringLiteral(
               "CREATE TABLE %1 (id %2, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT "
               "NULL, "
               "total_pairs BIGINT, consistent BIGINT, inconsistent BIGINT, rate_hundredths BIGINT, "
               "healthy_hundredths INTEGER NOT NULL, degraded_hundredths INTEGER NOT NULL, by_kind TEXT, "
               "warnings TEXT, by_track TEXT, database_name TEXT, operator_email TEXT, duration_ms "
               "BIGINT, "
               "new_since_previous BIGINT, resolved_since_previous BIGINT, message TEXT)")
               .arg(t("runs"), id)
        << QStringLiteral("CREATE INDEX %1 ON %2 (started_at)").arg(index("runs", "started"), t("runs"))
        << QStringLiteral(
               "CREATE TABLE %1 (run_id BIGINT NOT NULL, seq BIGINT NOT NULL, user_id BIGINT NOT NULL, "
               "track TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL, progress_level INTEGER, "
               "license_level INTEGER, action TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (run_id, "
               "seq))")
               .arg(t("violations"))
        << QStringLiteral("CREATE INDEX %1 ON %2 (run_id, kind, seq)")
               .arg(index("violations", "kind"), t("violations"))
        << QStringLiteral("CREATE INDEX %1 ON %2 (run_id, user_id)")
               .arg(index("violations", "user"), t("violations"))
        << QStringLiteral(
               "CREATE TABLE %1 (id %2, at TEXT NOT NULL, operator_id BIGINT, operator_email TEXT, "
               "source TEXT NOT NULL, action TEXT NOT NULL, user_id BIGINT, track TEXT, before_json "
               "TEXT, "
               "after_json TEXT, reason TEXT, batch_id BIGINT, reverts_id BIGINT)")
               .arg(t("audit"), id)
        << QStringLiteral("CREATE INDEX %1 ON %2 (user_id, track)").arg(index("audit", "key"), t("audit"))
        << QStringLiteral("CREATE INDEX %1 ON %2 (batch_id)").arg(index("audit", "batch"), t("audit"))
        << QStringLiteral("CREATE INDEX %1 ON %2 (at)").arg(index("audit", "at"), t("audit"))
        << QStringLiteral(
               "CREATE TABLE %1 (id %2, at TEXT NOT NULL, action TEXT NOT NULL, operator_email TEXT)")
               .arg(t("batches"), id)
        << QStringLiteral(
               "CREATE TABLE %1 (email TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until TEXT)")
               .arg(t("signin"));
    return statements;
}

QStringList migrationStatements(int version, const Database& db)
{
    if (version == 1)
        return firstVersionStatements(db);
    const SqlDialect& dialect = db.dialect();
    auto t = [&db](const char* name) { return db.tool(name); };
    QStringList statements;
    if (version == 2) {
        // The violations page sorts a run by track in SQL (kind order uses the kind index).
        statements << QStringLiteral("CREATE INDEX %1 ON %2 (run_id, track, seq)")
                          .arg(dialect.toolIndexName("violations", "track"), t("violations"));
    } else if (version == 3) {
        // Staff credentials counted by each run (docs/BEHAVIOUR.md C2); runs stored before read as NULL.
        statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN staff_credentials BIGINT").arg(t("runs"));
    } else if (version == 4) {
        // The audit hash chain (AuditChain.h); migrate() then hashes the entries already stored.
        // One entry per predecessor: two writers can never both extend the same tail.
        statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN prev_id BIGINT").arg(t("audit"))
                   << QStringLiteral("ALTER TABLE %1 ADD COLUMN prev_hash TEXT").arg(t("audit"))
                   << QStringLiteral("ALTER TABLE %1 ADD COLUMN entry_hash TEXT").arg(t("audit"))
                   << QStringLiteral("CREATE UNIQUE INDEX %1 ON %2 (prev_id)")
                          .arg(dialect.toolIndexName("audit", "prev"), t("audit"));
        // A platform level beyond 32 bits is stored as read (SQLite's INTEGER is 64-bit already).
        statements << dialect.widenToBigint(
            t("violations"), { QStringLiteral("progress_level"), QStringLiteral("license_level") });
    }
    return statements;
}

} // namespace

Result<bool> ToolSchema::isInstalled(Database& db)
{
    auto version = installedVersion(db);
    if (!version)
        return version.error();
    return *version > 0;
}

Result<int> ToolSchema::installedVersion(Database& db)
{
    auto exists = db.dialect().hasToolTable(db, QStringLiteral("schema_version"));
    if (!exists)
        return exists.error();
    if (!*exists)
        return 0;
    auto version = db.scalar(QStringLiteral("SELECT max(version) FROM ") + db.tool("schema_version"));
    if (!version)
        return version.error();
    return version->toInt();
}

Result<void> ToolSchema::migrate(Database& db)
{
    auto installed = installedVersion(db);
    if (!installed)
        return installed.error();
    for (int version = *installed + 1; version <= currentVersion; ++version) {
        for (const QString& statement : migrationStatements(version, db))
            CC_TRY(db.runDirect(statement));
        if (version == 4)
            CC_TRY(AuditChain::hashExisting(db));
        CC_TRY(db.run(QStringLiteral("INSERT INTO ") + db.tool("schema_version")
                + QStringLiteral(" (version, applied_at) VALUES (?, ?)"),
            { version, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) }));
    }
    return {};
}

namespace {

struct KeyIndex {
    enum class Use { CheckKey, Progressions, StaffRole };
    Use use;
    const char* name;
    const char* table;
    const char* columns;
    // The other columns the check reads (issue 17): with them in the index the check's ordered
    // streams read the index alone (SQLite: trailing key columns; PostgreSQL: INCLUDE).
    const char* covering;
    int columnCount; // key and covering columns together
};

constexpr KeyIndex keyIndexes[] = {
    { KeyIndex::Use::CheckKey, "cc_progress_key", "specialization_progress", "student_id, specialization_id",
        "current_level, total_xp, completed_sessions, theory_hours_completed, practice_hours_completed", 7 },
    { KeyIndex::Use::CheckKey, "cc_license_key", "user_licenses", "user_id, specialization_type",
        "current_level, max_achieved_level", 4 },
    { KeyIndex::Use::Progressions, "cc_progressions_license", "license_progressions", "user_license_id", "",
        1 },
    // The check's staff ids (C2) from the few users whose role is not student, not a scan of users.
    { KeyIndex::Use::StaffRole, "cc_users_role", "users", "role", "id", 2 },
};

// An index of that name that must be built again: INVALID (a stopped CONCURRENTLY build) or
// narrower than its definition (a cc_ index from before issue 17 covered the key alone).
Result<bool> isStale(Database& db, const KeyIndex& index)
{
    return db.dialect().isIndexStale(db, QString::fromLatin1(index.name), index.columnCount);
}

// Drops the INVALID index a stopped CONCURRENTLY build left, without the login's statement_timeout
// (the timeout that stopped the build would stop its cleanup too).
void dropInvalidIndex(Database& db, const QString& name)
{
    (void)db.runDirect(QStringLiteral("SET statement_timeout = 0"));
    (void)db.runDirect(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS ") + name);
    (void)db.runDirect(QStringLiteral("RESET statement_timeout"));
}

} // namespace

Result<void> ToolSchema::createKeyIndexes(Database& db, bool concurrently)
{
    const SqlDialect& dialect = db.dialect();
    concurrently = concurrently && dialect.buildsIndexesConcurrently();
    const QString how = concurrently ? QStringLiteral("CONCURRENTLY") : QString();
    for (const KeyIndex& index : keyIndexes) {
        const QString name = QString::fromLatin1(index.name);
        auto stale = isStale(db, index);
        if (!stale)
            return stale.error();
        if (*stale)
            CC_TRY(db.runDirect(QStringLiteral("DROP INDEX %1 IF EXISTS %2").arg(how, name)));
        auto created = db.runDirect(QStringLiteral("CREATE INDEX %1 IF NOT EXISTS %2 ON %3 (%4)")
                                        .arg(how, name, QString::fromLatin1(index.table),
                                            dialect.coveringColumns(QString::fromLatin1(index.columns),
                                                QString::fromLatin1(index.covering))));
        if (!created && concurrently)
            dropInvalidIndex(db, name); // a CONCURRENTLY build stopped half-way leaves an INVALID index
        if (!created)
            return created.error();
    }
    return {};
}

Result<void> ToolSchema::dropKeyIndexes(Database& db)
{
    for (const KeyIndex& index : keyIndexes)
        CC_TRY(db.runDirect(QStringLiteral("DROP INDEX IF EXISTS ") + QString::fromLatin1(index.name)));
    return {};
}

Result<ToolSchema::CheckIndexes> ToolSchema::checkIndexes(Database& db)
{
    auto usable = db.dialect().usableIndexes(db, keyIndexNames());
    if (!usable)
        return usable.error();
    CheckIndexes found { true, true };
    for (const KeyIndex& index : keyIndexes) {
        const bool exists = usable->contains(QString::fromLatin1(index.name));
        if (index.use == KeyIndex::Use::CheckKey)
            found.keys = found.keys && exists;
        else if (index.use == KeyIndex::Use::StaffRole)
            found.usersRole = found.usersRole && exists;
    }
    return found;
}

Result<bool> ToolSchema::hasKeyIndexes(Database& db)
{
    auto indexes = checkIndexes(db);
    if (!indexes)
        return indexes.error();
    return indexes->keys;
}

QStringList ToolSchema::keyIndexNames()
{
    QStringList names;
    for (const KeyIndex& index : keyIndexes)
        names += QString::fromLatin1(index.name);
    return names;
}

std::optional<qint64> ToolSchema::unindexedScanRows(Database& db)
{
    auto indexed = hasKeyIndexes(db);
    if (!indexed || *indexed)
        return std::nullopt;
    auto rows = db.scalar(QStringLiteral("SELECT count(*) FROM specialization_progress"));
    if (!rows || rows->toLongLong() <= 50000)
        return std::nullopt;
    return rows->toLongLong();
}

} // namespace cc
