#include "KeyClassifier.h"

#include <iterator>

namespace cc {

namespace {

const char* const kindNames[] = { "duplicate_progress", "duplicate_license", "unknown_specialization",
    "missing_license", "missing_progress", "level_out_of_range", "level_mismatch", "spelling_mismatch" };
static_assert(std::size(kindNames) == violationKindCount);
const char* const warningNames[] = { "unjustified_level", "pending_level_up", "max_below_current" };

QString levelText(std::optional<qint64> level)
{
    return level ? QString::number(*level) : QStringLiteral("NULL");
}

Finding violation(ViolationKind kind, QString action, QString reason)
{
    Finding finding;
    finding.kind = kind;
    finding.action = std::move(action);
    finding.reason = std::move(reason);
    return finding;
}

Finding warning(WarningKind kind, QString action, QString reason)
{
    Finding finding;
    finding.warning = true;
    finding.warningKind = kind;
    finding.action = std::move(action);
    finding.reason = std::move(reason);
    return finding;
}

} // namespace

QString kindName(ViolationKind kind)
{
    return QString::fromLatin1(kindNames[int(kind)]);
}
QString warningName(WarningKind kind)
{
    return QString::fromLatin1(warningNames[int(kind)]);
}

std::optional<ViolationKind> kindFromName(const QString& name)
{
    for (int i = 0; i < violationKindCount; ++i) {
        if (name == QLatin1String(kindNames[i]))
            return ViolationKind(i);
    }
    return std::nullopt;
}

std::optional<WarningKind> warningFromName(const QString& name)
{
    for (int i = 0; i < warningKindCount; ++i) {
        if (name == QLatin1String(warningNames[i]))
            return WarningKind(i);
    }
    return std::nullopt;
}

namespace {

// The stored id without char(n) pad spaces (only trailing spaces; C2).
QString withoutPad(QString id)
{
    while (id.endsWith(u' '))
        id.chop(1);
    return id;
}

} // namespace

bool KeyAggregate::spellingsDiffer() const
{
    if (progressRows != 1 || licenseRows != 1 || !progressSpelling || !licenseSpelling)
        return false;
    return withoutPad(*progressSpelling) != withoutPad(*licenseSpelling);
}

bool isStaffRole(const QVariant& role)
{
    if (role.isNull() || !role.isValid())
        return false;
    // ASCII case-insensitive, as the check's upper(...) <> 'STUDENT' compares on both dialects.
    const QString text = role.toString();
    static const QLatin1String student("student");
    if (text.size() != student.size())
        return true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const char16_t lower = c >= u'A' && c <= u'Z' ? char16_t(c - u'A' + u'a') : c;
        if (lower != char16_t(student.at(i).unicode()))
            return true;
    }
    return false;
}

namespace {

bool inRange(std::optional<qint64> level, int max)
{
    return level && *level >= 1 && *level <= max;
}

// A key with one row a side: its levels out of range, apart, or its track spelled differently.
std::optional<Finding> levelViolation(const KeyAggregate& key, int max)
{
    const bool progressOk
        = key.progressNullLevels == 0 && inRange(key.progressMin, max) && inRange(key.progressMax, max);
    const bool licenseOk
        = key.licenseNullLevels == 0 && inRange(key.licenseMin, max) && inRange(key.licenseMax, max);
    if (!progressOk || !licenseOk) {
        QStringList parts;
        if (!progressOk)
            parts.append(QStringLiteral("progress level %1")
                             .arg(levelText(key.progressNullLevels ? std::nullopt : key.progressMax)));
        if (!licenseOk)
            parts.append(QStringLiteral("license level %1")
                             .arg(levelText(key.licenseNullLevels ? std::nullopt : key.licenseMax)));
        return violation(ViolationKind::LevelOutOfRange, QStringLiteral("clamp_level"),
            parts.join(QStringLiteral(", ")) + QStringLiteral(" outside 1..%1").arg(max));
    }
    if (*key.progressMax != *key.licenseMax) {
        const bool progressHigher = *key.progressMax > *key.licenseMax;
        return violation(ViolationKind::LevelMismatch,
            progressHigher ? QStringLiteral("sync_progress_to_license")
                           : QStringLiteral("sync_license_to_progress"),
            QStringLiteral("license level %1, progress level %2").arg(*key.licenseMax).arg(*key.progressMax));
    }
    if (key.spellingsDiffer())
        return violation(ViolationKind::SpellingMismatch, QStringLiteral("unify_spelling"),
            QStringLiteral("progress spelled %1, license spelled %2")
                .arg(withoutPad(*key.progressSpelling), withoutPad(*key.licenseSpelling)));
    return std::nullopt;
}

// The primary kind, in C3's order: row counts, then the track, then the levels.
std::optional<Finding> primaryViolation(const KeyAggregate& key, bool known, int max)
{
    if (key.progressRows >= 2)
        return violation(ViolationKind::DuplicateProgress, QStringLiteral("merge_duplicates"),
            QStringLiteral("%1 progress rows for this track").arg(key.progressRows));
    if (key.licenseRows >= 2)
        return violation(ViolationKind::DuplicateLicense, QStringLiteral("merge_duplicates"),
            QStringLiteral("%1 license rows for this track").arg(key.licenseRows));
    if (!known)
        return violation(ViolationKind::UnknownSpecialization, QStringLiteral("manual_review"),
            QStringLiteral("track %1 is not in the level catalogue").arg(key.track));
    if (key.licenseRows == 0)
        return violation(ViolationKind::MissingLicense, QStringLiteral("create_license_from_progress"),
            QStringLiteral("progress at level %1, no license").arg(levelText(key.progressMax)));
    if (key.progressRows == 0)
        return violation(ViolationKind::MissingProgress, QStringLiteral("create_progress_from_license"),
            QStringLiteral("license at level %1, no progress").arg(levelText(key.licenseMax)));
    return levelViolation(key, max);
}

// The progress level against the level its counters justify.
std::optional<Finding> justificationWarning(const KeyAggregate& key, int justified, int max)
{
    if (key.progressNullLevels != 0 || !inRange(key.progressMax, max))
        return std::nullopt;
    const qint64 level = *key.progressMax;
    if (level > justified)
        return warning(WarningKind::UnjustifiedLevel, QStringLiteral("manual_review"),
            QStringLiteral("progress level %1, the counters justify level %2").arg(level).arg(justified));
    if (level < justified)
        return warning(WarningKind::PendingLevelUp, QStringLiteral("apply_level_up"),
            QStringLiteral("progress level %1, the counters justify level %2").arg(level).arg(justified));
    return std::nullopt;
}

} // namespace

KeyClassification classifyKey(const KeyAggregate& key, const LevelCatalogue& catalogue)
{
    KeyClassification result;
    if (key.progressMax)
        result.progressLevel = key.progressMax;
    if (key.licenseMax)
        result.licenseLevel = key.licenseMax;
    if (key.progressRows == 0 && key.licenseRows > 0 && key.staffUser) {
        result.staffCredential = true;
        return result;
    }
    const bool known = catalogue.isKnown(key.track);
    const int max = catalogue.maxLevel(key.track);
    result.violation = primaryViolation(key, known, max);
    if (!known)
        return result;
    if (key.progressRows == 1) {
        result.justifiedLevel = catalogue.justifiedLevel(key.track, key.counters);
        if (auto found = justificationWarning(key, result.justifiedLevel, max))
            result.warnings.append(*found);
    }
    if (key.licenseRows == 1 && key.maxAchieved && key.licenseMax && key.licenseNullLevels == 0
        && *key.maxAchieved < *key.licenseMax)
        result.warnings.append(warning(WarningKind::MaxBelowCurrent, QStringLiteral("manual_review"),
            QStringLiteral("license max_achieved_level %1 below its current level %2")
                .arg(*key.maxAchieved)
                .arg(*key.licenseMax)));
    return result;
}

} // namespace cc
