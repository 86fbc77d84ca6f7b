#include "schema/LevelCatalogue.h"

#include "database/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cc {

namespace {

QList<LevelRequirement> table(const QStringList& names, const QList<QList<qint64>>& rows)
{
    QList<LevelRequirement> levels;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QList<qint64>& row = rows.at(i);
        levels.append({ int(i + 1), names.value(i), row.value(0), row.value(1), row.value(2), row.value(3) });
    }
    return levels;
}

} // namespace

LevelCatalogue LevelCatalogue::builtIn()
{
    LevelCatalogue catalogue;
    catalogue.m_levels.insert(QStringLiteral("GANCUJU_PLAYER"),
        table({ QStringLiteral("Bambusz Tanítvány"), QStringLiteral("Hajnali Harmat"),
                  QStringLiteral("Rugalmas Nád"), QStringLiteral("Égi Folyó"), QStringLiteral("Erős Gyökér"),
                  QStringLiteral("Téli Hold"), QStringLiteral("Éjfél Őrzője"),
                  QStringLiteral("Sárkány Bölcsesség") },
            { { 12000, 10 }, { 25000, 12 }, { 45000, 15 }, { 70000, 18 }, { 100000, 20 }, { 140000, 22 },
                { 190000, 25 }, { 250000, 30 } }));
    catalogue.m_levels.insert(QStringLiteral("LFA_COACH"),
        table({ QStringLiteral("LFA Pre Football Asszisztens Edző"),
                  QStringLiteral("LFA Pre Football Vezetőedző"),
                  QStringLiteral("LFA Youth Football Asszisztens Edző"),
                  QStringLiteral("LFA Youth Football Vezetőedző"),
                  QStringLiteral("LFA Amateur Football Asszisztens Edző"),
                  QStringLiteral("LFA Amateur Football Vezetőedző"),
                  QStringLiteral("LFA PRO Football Asszisztens Edző"),
                  QStringLiteral("LFA PRO Football Vezetőedző") },
            { { 15000, 15, 30, 50 }, { 35000, 18, 40, 60 }, { 60000, 20, 35, 55 }, { 90000, 22, 45, 65 },
                { 130000, 25, 40, 60 }, { 180000, 28, 35, 55 }, { 240000, 30, 50, 70 },
                { 320000, 35, 60, 80 } }));
    catalogue.m_levels.insert(QStringLiteral("INTERNSHIP"),
        table({ QStringLiteral("Startup Explorer"), QStringLiteral("Growth Hacker"),
                  QStringLiteral("Startup Leader") },
            { { 10000, 15 }, { 18000, 18 }, { 28000, 22 } }));
    QStringList footballNames;
    for (int level = 1; level <= 8; ++level)
        footballNames.append(QStringLiteral("LFA Football Player %1").arg(level));
    catalogue.m_levels.insert(QStringLiteral("LFA_FOOTBALL_PLAYER"),
        table(footballNames,
            { { 0, 0 }, { 1000, 10 }, { 2500, 20 }, { 5000, 40 }, { 10000, 60 }, { 20000, 90 },
                { 40000, 120 }, { 80000, 150 } }));
    catalogue.m_aliases.insert(QStringLiteral("PLAYER"), QStringLiteral("GANCUJU_PLAYER"));
    catalogue.m_aliases.insert(QStringLiteral("COACH"), QStringLiteral("LFA_COACH"));
    return catalogue;
}

Result<LevelCatalogue> LevelCatalogue::load(Database& db)
{
    LevelCatalogue catalogue;
    auto levels
        = db.exec(QStringLiteral("SELECT track, level, name, xp_required, sessions_required, theory_hours, "
                                 "practice_hours FROM ")
            + db.tool("levels") + QStringLiteral(" ORDER BY track, level"));
    if (!levels)
        return levels.error();
    while (levels->next()) {
        catalogue.m_levels[levels->value(0).toString()].append({ levels->value(1).toInt(),
            levels->value(2).toString(), levels->value(3).toLongLong(), levels->value(4).toLongLong(),
            levels->value(5).toLongLong(), levels->value(6).toLongLong() });
    }
    auto aliases = db.exec(QStringLiteral("SELECT alias, canonical FROM ") + db.tool("aliases"));
    if (!aliases)
        return aliases.error();
    while (aliases->next())
        catalogue.m_aliases.insert(aliases->value(0).toString(), aliases->value(1).toString());
    return catalogue;
}

Result<void> LevelCatalogue::store(Database& db) const
{
    CC_TRY(db.run(QStringLiteral("DELETE FROM ") + db.tool("levels")));
    CC_TRY(db.run(QStringLiteral("DELETE FROM ") + db.tool("aliases")));
    const QString insertLevel = QStringLiteral("INSERT INTO ") + db.tool("levels")
        + QStringLiteral(
            " (track, level, name, xp_required, sessions_required, theory_hours, practice_hours) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it) {
        for (const LevelRequirement& level : it.value())
            CC_TRY(db.run(insertLevel,
                { it.key(), level.level, level.name, level.xp, level.sessions, level.theoryHours,
                    level.practiceHours }));
    }
    for (auto it = m_aliases.cbegin(); it != m_aliases.cend(); ++it)
        CC_TRY(db.run(QStringLiteral("INSERT INTO ") + db.tool("aliases")
                + QStringLiteral(" (alias, canonical) VALUES (?, ?)"),
            { it.key(), it.value() }));
    return {};
}

QString LevelCatalogue::canonical(const QString& storedId) const
{
    qsizetype end = storedId.size();
    while (end > 0 && storedId.at(end - 1) == u' ')
        --end;
    const QString id = storedId.left(end);
    return m_aliases.value(id, id);
}

int LevelCatalogue::maxLevel(const QString& track) const
{
    const auto& list = levels(track);
    return list.isEmpty() ? 0 : list.last().level;
}

const QList<LevelRequirement>& LevelCatalogue::levels(const QString& track) const
{
    static const QList<LevelRequirement> none;
    auto it = m_levels.constFind(track);
    return it == m_levels.cend() ? none : *it;
}

const LevelRequirement* LevelCatalogue::requirement(const QString& track, int level) const
{
    for (const LevelRequirement& requirement : levels(track)) {
        if (requirement.level == level)
            return &requirement;
    }
    return nullptr;
}

QStringList LevelCatalogue::spellings(const QString& track) const
{
    QStringList result;
    for (auto it = m_aliases.cbegin(); it != m_aliases.cend(); ++it) {
        if (it.value() == track)
            result.append(it.key());
    }
    result.append(track);
    return result;
}

bool LevelCatalogue::meets(const QString& track, int level, const Counters& counters) const
{
    const LevelRequirement* requirement = this->requirement(track, level);
    if (!requirement)
        return false;
    if (counters.xp < requirement->xp || counters.sessions < requirement->sessions)
        return false;
    if (checksHours(track)
        && (counters.theoryHours < requirement->theoryHours
            || counters.practiceHours < requirement->practiceHours))
        return false;
    return true;
}

int LevelCatalogue::justifiedLevel(const QString& track, const Counters& counters) const
{
    int level = 1;
    while (level < maxLevel(track) && meets(track, level + 1, counters))
        ++level;
    return level;
}

int LevelCatalogue::levelAfterUpdate(const QString& track, int from, const Counters& counters) const
{
    int level = from;
    while (level < maxLevel(track) && meets(track, level + 1, counters))
        ++level;
    return level;
}

namespace {

// The level file's entries: a bare array, or the "levels" array of an object (whose "id", when
// `fileId` is given, is returned there).
Result<QJsonArray> levelEntries(const QByteArray& json, QString* fileId)
{
    if (json.size() > qsizetype(1024) * 1024)
        return refused(QStringLiteral("the level file is larger than 1 MB"));
    if (json.trimmed().isEmpty())
        return refused(QStringLiteral("the level file is empty"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refused(QStringLiteral("the level file is not valid JSON at byte %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString()));
    QJsonArray entries;
    if (fileId && document.isObject()) {
        const QJsonValue id = document.object().value(QLatin1String("id"));
        if (!id.isUndefined() && !id.isNull() && !id.isString())
            return refused(QStringLiteral("the level file's \"id\" must be a string"));
        *fileId = id.toString();
    }
    if (document.isArray())
        entries = document.array();
    else if (document.isObject() && document.object().value(QLatin1String("levels")).isArray())
        entries = document.object().value(QLatin1String("levels")).toArray();
    else
        return refused(
            QStringLiteral("the level file must be an array of levels or an object with a \"levels\" array"));
    if (entries.isEmpty())
        return refused(QStringLiteral("the level file lists no levels"));
    if (entries.size() > 100)
        return refused(
            QStringLiteral("the level file lists %1 levels; at most 100 are accepted").arg(entries.size()));
    return entries;
}

Result<qint64> entryInteger(const QJsonObject& object, const QString& key, int index, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required)
        return qint64(0);
    if (!value.isDouble())
        return refused(QStringLiteral("level entry %1: \"%2\" must be a number").arg(index + 1).arg(key));
    const double number = value.toDouble();
    if (number < 0 || number > 2147483647.0 || number != double(qint64(number)))
        return refused(QStringLiteral("level entry %1: \"%2\" must be a whole number from 0 to 2147483647")
                           .arg(index + 1)
                           .arg(key));
    return qint64(number);
}

Result<QString> entryName(const QJsonObject& object, int index)
{
    const QJsonValue name = object.value(QLatin1String("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return refused(QStringLiteral("level entry %1: \"name\" must be a non-empty string").arg(index + 1));
    const QString text = name.toString();
    if (text.contains(QChar(0)) || text.size() > 200)
        return refused(QStringLiteral(
            "level entry %1: \"name\" contains a NUL character or is longer than 200 characters")
                           .arg(index + 1));
    // The JSON escape \ud800 without its pair: such a name cannot be stored as UTF-8 and would come back
    // changed.
    if (!text.isValidUtf16())
        return refused(QStringLiteral(
            "level entry %1: \"name\" holds an unpaired surrogate (\\ud800 to \\udfff without its pair)")
                           .arg(index + 1));
    return text;
}

// The optional "requirements" object's hours.
Result<void> readHours(const QJsonObject& object, int index, LevelRequirement& requirement)
{
    const QJsonValue requirements = object.value(QLatin1String("requirements"));
    if (requirements.isUndefined() || requirements.isNull())
        return {};
    if (!requirements.isObject())
        return refused(QStringLiteral("level entry %1: \"requirements\" must be an object").arg(index + 1));
    auto theory = entryInteger(requirements.toObject(), QStringLiteral("theory_hours"), index, false);
    if (!theory)
        return theory.error();
    auto practice = entryInteger(requirements.toObject(), QStringLiteral("practice_hours"), index, false);
    if (!practice)
        return practice.error();
    requirement.theoryHours = *theory;
    requirement.practiceHours = *practice;
    return {};
}

Result<LevelRequirement> parseLevel(const QJsonValue& entry, int index)
{
    if (!entry.isObject())
        return refused(QStringLiteral("level entry %1 is not an object").arg(index + 1));
    const QJsonObject object = entry.toObject();
    LevelRequirement requirement;
    auto level = entryInteger(object, QStringLiteral("level"), index, true);
    if (!level)
        return level.error();
    if (*level != index + 1)
        return refused(
            QStringLiteral("level entry %1: \"level\" is %2, expected %3 (levels must run 1, 2, 3, …)")
                .arg(index + 1)
                .arg(*level)
                .arg(index + 1));
    requirement.level = int(*level);
    auto name = entryName(object, index);
    if (!name)
        return name.error();
    requirement.name = *name;
    auto xp = entryInteger(object, QStringLiteral("xp_required"), index, true);
    if (!xp)
        return xp.error();
    auto sessions = entryInteger(object, QStringLiteral("required_sessions"), index, false);
    if (!sessions)
        return sessions.error();
    requirement.xp = *xp;
    requirement.sessions = *sessions;
    CC_TRY(readHours(object, index, requirement));
    return requirement;
}

} // namespace

QJsonObject levelJson(const LevelRequirement& level)
{
    return { { QStringLiteral("level"), level.level }, { QStringLiteral("name"), level.name },
        { QStringLiteral("xp_required"), level.xp }, { QStringLiteral("required_sessions"), level.sessions },
        { QStringLiteral("theory_hours"), level.theoryHours },
        { QStringLiteral("practice_hours"), level.practiceHours } };
}

// Every file of the platform's config/specializations/ is well-formed (docs/BEHAVIOUR.md C6 levels
// import): a level may carry only xp_required (missing sessions and hours are 0) and fields this
// tool does not use (age groups, season dates, costs, skills) are ignored. `fileId`: the file's
// own "id", empty when it has none.
Result<QList<LevelRequirement>> LevelCatalogue::parseLevelFile(const QByteArray& json, QString* fileId)
{
    auto entries = levelEntries(json, fileId);
    if (!entries)
        return entries.error();
    QList<LevelRequirement> levels;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        auto requirement = parseLevel(entries->at(i), int(i));
        if (!requirement)
            return requirement.error();
        if (!levels.isEmpty()
            && (requirement->xp < levels.last().xp || requirement->sessions < levels.last().sessions))
            return refused(
                QStringLiteral("level entry %1: XP and sessions must not decrease from one level to the next")
                    .arg(i + 1));
        levels.append(*requirement);
    }
    return levels;
}

} // namespace cc
