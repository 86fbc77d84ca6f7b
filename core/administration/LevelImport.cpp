#include "administration/Administration.h"

#include "audit/AuditLog.h"
#include "database/WriteTransaction.h"

#include <QJsonArray>

// Administration's level catalogue import (docs/BEHAVIOUR.md C7: `levels --import`).
namespace cc {

namespace {

QJsonArray levelsJson(const QList<LevelRequirement>& levels)
{
    QJsonArray array;
    for (const LevelRequirement& level : levels)
        array.append(levelJson(level));
    return array;
}

// How one imported level differs from the stored one; empty when it does not.
QString levelDifference(const LevelRequirement& old, const LevelRequirement& level)
{
    QStringList parts;
    if (old.name != level.name)
        parts << QStringLiteral("name %1 → %2").arg(old.name, level.name);
    if (old.xp != level.xp)
        parts << QStringLiteral("xp %1 → %2").arg(old.xp).arg(level.xp);
    if (old.sessions != level.sessions)
        parts << QStringLiteral("sessions %1 → %2").arg(old.sessions).arg(level.sessions);
    if (old.theoryHours != level.theoryHours)
        parts << QStringLiteral("theory hours %1 → %2").arg(old.theoryHours).arg(level.theoryHours);
    if (old.practiceHours != level.practiceHours)
        parts << QStringLiteral("practice hours %1 → %2").arg(old.practiceHours).arg(level.practiceHours);
    return parts.isEmpty() ? QString() : QStringLiteral("changed: ") + parts.join(QStringLiteral(", "));
}

QList<LevelChange> levelChanges(
    const LevelCatalogue& catalogue, const QString& track, const QList<LevelRequirement>& parsed)
{
    QList<LevelChange> changes;
    for (const LevelRequirement& level : parsed) {
        const LevelRequirement* old = catalogue.requirement(track, level.level);
        if (!old) {
            changes.append({ level.level,
                QStringLiteral("added: %1, %2 XP, %3 sessions")
                    .arg(level.name)
                    .arg(level.xp)
                    .arg(level.sessions) });
            continue;
        }
        if (const QString difference = levelDifference(*old, level); !difference.isEmpty())
            changes.append({ level.level, difference });
    }
    for (const LevelRequirement& old : catalogue.levels(track)) {
        if (old.level > parsed.size())
            changes.append({ old.level, QStringLiteral("removed: %1").arg(old.name) });
    }
    return changes;
}

// Replaces the track's stored levels with `parsed` and audits it, in one transaction.
Result<qint64> storeLevels(Session& session, const QString& track, const QList<LevelRequirement>& current,
    const QList<LevelRequirement>& parsed)
{
    return withRetry([&]() -> Result<qint64> {
        WriteTransaction transaction(session.db());
        CC_TRY(transaction.begin());
        CC_TRY(session.recheckAuthority());
        Database& db = session.db();
        CC_TRY(db.run(QStringLiteral("DELETE FROM ") + db.tool("levels") + QStringLiteral(" WHERE track = ?"),
            { track }));
        for (const LevelRequirement& level : parsed)
            CC_TRY(db.run(QStringLiteral("INSERT INTO ") + db.tool("levels")
                    + QStringLiteral(" (track, level, name, xp_required, sessions_required, theory_hours, "
                                     "practice_hours) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                { track, level.level, level.name, level.xp, level.sessions, level.theoryHours,
                    level.practiceHours }));
        AuditEntry entry;
        entry.action = auditActionName(AuditAction::LevelsImport);
        entry.track = track;
        entry.before = QJsonObject { { QStringLiteral("levels"), levelsJson(current) } };
        entry.after = QJsonObject { { QStringLiteral("levels"), levelsJson(parsed) } };
        auto id = AuditLog::record(session, entry);
        if (!id)
            return id.error();
        CC_TRY(transaction.commit());
        return *id;
    });
}

} // namespace

Result<LevelImport> Administration::importLevels(
    Session& session, const QString& trackText, const QByteArray& json, bool apply)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(apply ? Action::ImportLevels : Action::View));
    if (trackText.isEmpty() || trackText.size() > 50 || trackText.contains(QChar(0)))
        return refused(QStringLiteral("--spec must name a track (1 to 50 characters)"));
    QString fileId;
    auto parsed = LevelCatalogue::parseLevelFile(json, &fileId);
    if (!parsed)
        return parsed.error();
    LevelImport result;
    result.track = session.catalogue().canonical(trackText);
    if (!fileId.isEmpty() && session.catalogue().canonical(fileId.trimmed()) != result.track)
        return refused(QStringLiteral(
            "the level file is for %1, which is not a spelling of --spec %2; nothing was imported")
                           .arg(fileId.left(60), trackText));
    result.changes = levelChanges(session.catalogue(), result.track, *parsed);
    if (!apply)
        return result;
    auto id = storeLevels(session, result.track, session.catalogue().levels(result.track), *parsed);
    if (!id)
        return id.error();
    result.applied = true;
    result.auditIds.append(*id);
    CC_TRY(session.reload());
    return result;
}

} // namespace cc
