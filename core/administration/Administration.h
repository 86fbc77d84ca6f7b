#pragma once

#include "administration/DemoGenerator.h"
#include "schema/LevelCatalogue.h"
#include "session/Session.h"

namespace cc {

struct InitOptions {
    std::optional<Environment> environment;
    bool createIndexes = false;
    bool dropIndexes = false;
};

struct InitResult {
    bool createdPlatformTables = false;
    bool installedTools = false;
    Environment environment = Environment::Production;
    bool indexes = false;
    QList<qint64> auditIds;
};

struct LevelChange {
    int level = 0;
    QString what; // "added", "removed", "changed: xp 100 → 200"
};

struct LevelImport {
    QString track;
    QList<LevelChange> changes;
    bool applied = false;
    QList<qint64> auditIds;
};

// Set-up and settings (docs/BEHAVIOUR.md C1, C4, C6, C7): init, demo, environment, thresholds, level
// catalogue import, retention. Each write is one audited transaction.
class Administration final {
public:
    static Result<InitResult> init(Session& session, const InitOptions& options);
    // Opens (creating when new) and fills a database with demo data; refuses non-empty platform tables.
    static Result<DemoManifest> demo(
        const ConnectionProfile& profile, const DemoOptions& options, const QString& source);
    static Result<qint64> setEnvironment(Session& session, Environment environment);
    // Thresholds in hundredths; at most two decimals, 0 ≤ degraded ≤ healthy ≤ 100.
    static Result<qint64> setThresholds(
        Session& session, std::optional<QString> healthy, std::optional<QString> degraded);
    static Result<int> parseThreshold(const QString& text);
    static Result<LevelImport> importLevels(
        Session& session, const QString& track, const QByteArray& json, bool apply);
    // Applies the retention rule; returns how many stored violations went and the audit id.
    static Result<std::pair<qint64, qint64>> prune(Session& session);
};

} // namespace cc
