#include "write/Achievements.h"

#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"

namespace cc {

QStringList Achievements::earnedBadges(const QString& track, int level, qint64 sessions, qint64 projects)
{
    QStringList badges;
    if (track == u"GANCUJU_PLAYER" || track == u"LFA_COACH") {
        if (level >= 2)
            badges << QStringLiteral("first_level_up");
        if (level >= 3)
            badges << QStringLiteral("skill_milestone");
        if (level >= 5)
            badges << QStringLiteral("advanced_skill");
        if (level >= 8)
            badges << QStringLiteral("master_level");
        if (sessions >= 5)
            badges << (track == u"GANCUJU_PLAYER" ? QStringLiteral("player_dedication")
                                                  : QStringLiteral("coach_dedication"));
    } else if (track == u"INTERNSHIP") {
        if (level >= 2)
            badges << QStringLiteral("first_level_up");
        if (level >= 3)
            badges << QStringLiteral("master_level");
        if (sessions >= 3)
            badges << QStringLiteral("internship_dedication");
        if (projects >= 1)
            badges << QStringLiteral("project_complete");
    }
    return badges;
}

Result<QStringList> Achievements::award(ChangeBuilder& builder, const Row& progress, int level)
{
    const KeyRef& key = builder.original().key;
    const QStringList candidates
        = earnedBadges(key.track, level, rowInt(progress, column::completedSessions).value_or(0),
            rowInt(progress, column::completedProjects).value_or(0));
    if (candidates.isEmpty())
        return QStringList();
    auto held = RowReader::achievementsOf(builder.session(), key, true);
    if (!held)
        return held.error();
    QSet<QString> owned;
    for (const Row& row : std::as_const(*held))
        owned.insert(row.value(QStringLiteral("badge_type")).toString());
    QStringList earned;
    for (const QString& badge : candidates) {
        if (owned.contains(badge))
            continue;
        earned << badge;
        QString title = badge;
        title.replace(u'_', u' ');
        title[0] = title[0].toUpper();
        builder.addOther({ table::achievements, RowOp::Insert, 0, {},
            Row { { column::userId, key.userId }, { QStringLiteral("badge_type"), badge },
                { QStringLiteral("title"), title },
                { QStringLiteral("description"), QStringLiteral("%1 on %2").arg(title, key.track) },
                { QStringLiteral("icon"), QString(QStringLiteral("badge-") + badge) },
                { QStringLiteral("earned_at"), builder.now() },
                { column::specializationId, progress.value(column::specializationId) } } });
    }
    return earned;
}

} // namespace cc
