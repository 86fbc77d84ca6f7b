#include "rules/KeyClassifier.h"

#include <iterator>

namespace cc {

namespace {

const char* const kindNames[] = { "duplicate_progress", "duplicate_license", "unknown_specialization",
    "missing_license", "missing_progress", "level_out_of_range", "level_mismatch", "spelling_mismatch" };
static_assert(std::size(kindNames) == violationKindCount);
const char* const warningNames[] = { "unjustified_level", "pending_level_up", "max_below_current" };

Finding violation(ViolationKind kind, RecommendedAction action, FindingReason reason)
{
    Finding finding;
    finding.kind = kind;
    finding.action = action;
    finding.reason = std::move(reason);
    return finding;
}

Finding warning(WarningKind kind, RecommendedAction action, FindingReason reason)
{
    Finding finding;
    finding.warning = true;
    finding.warningKind = kind;
    finding.action = action;
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
    FindingReason reason;
    if (!progressOk || !licenseOk) {
        reason.progressOutside = !progressOk;
        reason.licenseOutside = !licenseOk;
        if (!progressOk && !key.progressNullLevels)
            reason.progressLevel = key.progressMax;
        if (!licenseOk && !key.licenseNullLevels)
            reason.licenseLevel = key.licenseMax;
        reason.maxLevel = max;
        return violation(ViolationKind::LevelOutOfRange, RecommendedAction::ClampLevel, reason);
    }
    if (*key.progressMax != *key.licenseMax) {
        reason.progressLevel = key.progressMax;
        reason.licenseLevel = key.licenseMax;
        return violation(ViolationKind::LevelMismatch,
            *key.progressMax > *key.licenseMax ? RecommendedAction::SyncProgressToLicense
                                               : RecommendedAction::SyncLicenseToProgress,
            reason);
    }
    if (key.spellingsDiffer()) {
        reason.progressSpelling = withoutPad(*key.progressSpelling);
        reason.licenseSpelling = withoutPad(*key.licenseSpelling);
        return violation(ViolationKind::SpellingMismatch, RecommendedAction::UnifySpelling, reason);
    }
    return std::nullopt;
}

// The primary kind, in C3's order: row counts, then the track, then the levels.
std::optional<Finding> primaryViolation(const KeyAggregate& key, bool known, int max)
{
    FindingReason reason;
    if (key.hasDuplicateRows()) {
        const bool progress = key.progressRows > 1;
        reason.rows = progress ? key.progressRows : key.licenseRows;
        return violation(progress ? ViolationKind::DuplicateProgress : ViolationKind::DuplicateLicense,
            RecommendedAction::MergeDuplicates, reason);
    }
    if (!known) {
        reason.track = key.track;
        return violation(ViolationKind::UnknownSpecialization, RecommendedAction::ManualReview, reason);
    }
    if (key.licenseRows == 0) {
        reason.progressLevel = key.progressMax;
        return violation(ViolationKind::MissingLicense, RecommendedAction::CreateLicenseFromProgress, reason);
    }
    if (key.progressRows == 0) {
        reason.licenseLevel = key.licenseMax;
        return violation(
            ViolationKind::MissingProgress, RecommendedAction::CreateProgressFromLicense, reason);
    }
    return levelViolation(key, max);
}

// The progress level against the level its counters justify.
std::optional<Finding> justificationWarning(const KeyAggregate& key, int justified, int max)
{
    if (key.progressNullLevels != 0 || !inRange(key.progressMax, max) || *key.progressMax == justified)
        return std::nullopt;
    FindingReason reason;
    reason.progressLevel = key.progressMax;
    reason.justifiedLevel = justified;
    if (*key.progressMax > justified)
        return warning(WarningKind::UnjustifiedLevel, RecommendedAction::ManualReview, reason);
    return warning(WarningKind::PendingLevelUp, RecommendedAction::ApplyLevelUp, reason);
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
        && *key.maxAchieved < *key.licenseMax) {
        FindingReason reason;
        reason.maxAchieved = *key.maxAchieved;
        reason.licenseLevel = key.licenseMax;
        result.warnings.append(
            warning(WarningKind::MaxBelowCurrent, RecommendedAction::ManualReview, reason));
    }
    return result;
}

} // namespace cc
