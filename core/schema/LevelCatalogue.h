#pragma once

#include "base/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace cc {

class Database;

struct LevelRequirement {
    int level = 1;
    QString name;
    qint64 xp = 0;
    qint64 sessions = 0;
    qint64 theoryHours = 0;
    qint64 practiceHours = 0;
};

// A level as the JSON output and the audit log spell it (xp_required, required_sessions, …).
QJsonObject levelJson(const LevelRequirement& level);

struct Counters {
    qint64 xp = 0;
    qint64 sessions = 0;
    qint64 theoryHours = 0;
    qint64 practiceHours = 0;
};

// The one authoritative level catalogue (docs/PLATFORM.md §2) with the alias table. A value: loaded once
// per session from the tool's tables, or the built-in copy when those tables do not exist.
class LevelCatalogue final {
public:
    static LevelCatalogue builtIn();
    static Result<LevelCatalogue> load(Database& db);
    // Writes this catalogue into the tool's tables (inside the caller's transaction).
    Result<void> store(Database& db) const;

    // Stored id → canonical track: trailing pad spaces removed, then the alias table (exact match).
    QString canonical(const QString& storedId) const;
    bool isKnown(const QString& track) const { return m_levels.contains(track); }
    int maxLevel(const QString& track) const;
    const QList<LevelRequirement>& levels(const QString& track) const;
    const LevelRequirement* requirement(const QString& track, int level) const;
    // Every stored spelling of a canonical track, legacy (alias) spellings first.
    QStringList spellings(const QString& track) const;
    QStringList tracks() const { return m_levels.keys(); }
    const QMap<QString, QString>& aliases() const { return m_aliases; }
    bool checksHours(const QString& track) const { return track == u"LFA_COACH"; }

    // 1 + the consecutive levels from 2 upward whose requirements the counters meet.
    int justifiedLevel(const QString& track, const Counters& counters) const;
    // From level `from`, the level the counters reach (docs/PLATFORM.md §3 level-up); never lowers.
    int levelAfterUpdate(const QString& track, int from, const Counters& counters) const;
    bool meets(const QString& track, int level, const Counters& counters) const;

    // Validates a platform JSON level file; the error names where it is wrong.
    static Result<QList<LevelRequirement>> parseLevelFile(const QByteArray& json, QString* fileId = nullptr);
    void setLevels(const QString& track, const QList<LevelRequirement>& levels)
    {
        m_levels.insert(track, levels);
    }

private:
    QMap<QString, QList<LevelRequirement>> m_levels;
    QMap<QString, QString> m_aliases;
};

} // namespace cc
