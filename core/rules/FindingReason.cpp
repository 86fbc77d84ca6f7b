#include "rules/FindingReason.h"

#include "rules/KeyClassifier.h"

#include <QRegularExpression>
#include <QStringList>

#include <iterator>

namespace cc {

namespace {

const char* const actionNames[] = { "merge_duplicates", "manual_review", "create_license_from_progress",
    "create_progress_from_license", "clamp_level", "sync_progress_to_license", "sync_license_to_progress",
    "apply_level_up", "unify_spelling" };
static_assert(std::size(actionNames) == int(RecommendedAction::UnifySpelling) + 1);

QString levelText(std::optional<qint64> level)
{
    return level ? QString::number(*level) : QStringLiteral("NULL");
}

// The captures of `pattern` matched against the whole of `text`, or nothing.
std::optional<QStringList> capture(const QString& pattern, const QString& text)
{
    const QRegularExpression expression(
        QRegularExpression::anchoredPattern(pattern), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = expression.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    QStringList parts = match.capturedTexts();
    parts.removeFirst();
    return parts;
}

// A level as levelText writes it: a number, or NULL for none. False for anything else.
bool readLevel(const QString& text, std::optional<qint64>& level)
{
    if (text == u"NULL") {
        level.reset();
        return true;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (ok)
        level = value;
    return ok;
}

bool readNumber(const QString& text, qint64& number)
{
    bool ok = false;
    number = text.toLongLong(&ok);
    return ok;
}

QString outOfRangeText(const FindingReason& reason)
{
    QStringList sides;
    if (reason.progressOutside)
        sides << QStringLiteral("progress level %1").arg(levelText(reason.progressLevel));
    if (reason.licenseOutside)
        sides << QStringLiteral("license level %1").arg(levelText(reason.licenseLevel));
    return sides.join(QStringLiteral(", ")) + QStringLiteral(" outside 1..%1").arg(reason.maxLevel);
}

std::optional<FindingReason> outOfRangeParts(const QString& text)
{
    const auto parts = capture(QStringLiteral("(.*) outside 1\\.\\.(\\d+)"), text);
    FindingReason reason;
    if (!parts || !readNumber(parts->at(1), reason.maxLevel))
        return std::nullopt;
    const QStringList sides = parts->at(0).split(QStringLiteral(", "));
    for (const QString& side : sides) {
        std::optional<QStringList> level;
        if (!reason.progressOutside && !reason.licenseOutside
            && (level = capture(QStringLiteral("progress level (\\S+)"), side))) {
            reason.progressOutside = readLevel(level->at(0), reason.progressLevel);
            if (!reason.progressOutside)
                return std::nullopt;
        } else if (!reason.licenseOutside
            && (level = capture(QStringLiteral("license level (\\S+)"), side))) {
            reason.licenseOutside = readLevel(level->at(0), reason.licenseLevel);
            if (!reason.licenseOutside)
                return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    return reason;
}

} // namespace

QString recommendedActionName(RecommendedAction action)
{
    return QString::fromLatin1(actionNames[int(action)]);
}

std::optional<RecommendedAction> recommendedActionFromName(const QString& name)
{
    for (int i = 0; i < int(std::size(actionNames)); ++i) {
        if (name == QLatin1String(actionNames[i]))
            return RecommendedAction(i);
    }
    return std::nullopt;
}

QString reasonText(ViolationKind kind, const FindingReason& reason)
{
    switch (kind) {
    case ViolationKind::DuplicateProgress:
        return QStringLiteral("%1 progress rows for this track").arg(reason.rows);
    case ViolationKind::DuplicateLicense:
        return QStringLiteral("%1 license rows for this track").arg(reason.rows);
    case ViolationKind::UnknownSpecialization:
        return QStringLiteral("track %1 is not in the level catalogue").arg(reason.track);
    case ViolationKind::MissingLicense:
        return QStringLiteral("progress at level %1, no license").arg(levelText(reason.progressLevel));
    case ViolationKind::MissingProgress:
        return QStringLiteral("license at level %1, no progress").arg(levelText(reason.licenseLevel));
    case ViolationKind::LevelOutOfRange:
        return outOfRangeText(reason);
    case ViolationKind::LevelMismatch:
        return QStringLiteral("license level %1, progress level %2")
            .arg(levelText(reason.licenseLevel), levelText(reason.progressLevel));
    case ViolationKind::SpellingMismatch:
        return QStringLiteral("progress spelled %1, license spelled %2")
            .arg(reason.progressSpelling, reason.licenseSpelling);
    }
    return {};
}

QString reasonText(WarningKind kind, const FindingReason& reason)
{
    switch (kind) {
    case WarningKind::UnjustifiedLevel:
    case WarningKind::PendingLevelUp:
        return QStringLiteral("progress level %1, the counters justify level %2")
            .arg(levelText(reason.progressLevel), QString::number(reason.justifiedLevel));
    case WarningKind::MaxBelowCurrent:
        return QStringLiteral("license max_achieved_level %1 below its current level %2")
            .arg(QString::number(reason.maxAchieved), levelText(reason.licenseLevel));
    }
    return {};
}

std::optional<FindingReason> reasonParts(ViolationKind kind, const QString& text)
{
    FindingReason reason;
    std::optional<QStringList> parts;
    switch (kind) {
    case ViolationKind::DuplicateProgress:
    case ViolationKind::DuplicateLicense:
        parts = capture(kind == ViolationKind::DuplicateProgress
                ? QStringLiteral("(\\d+) progress rows for this track")
                : QStringLiteral("(\\d+) license rows for this track"),
            text);
        if (!parts || !readNumber(parts->at(0), reason.rows))
            return std::nullopt;
        return reason;
    case ViolationKind::UnknownSpecialization:
        if (!(parts = capture(QStringLiteral("track (.*) is not in the level catalogue"), text)))
            return std::nullopt;
        reason.track = parts->at(0);
        return reason;
    case ViolationKind::MissingLicense:
        parts = capture(QStringLiteral("progress at level (\\S+), no license"), text);
        if (!parts || !readLevel(parts->at(0), reason.progressLevel))
            return std::nullopt;
        return reason;
    case ViolationKind::MissingProgress:
        parts = capture(QStringLiteral("license at level (\\S+), no progress"), text);
        if (!parts || !readLevel(parts->at(0), reason.licenseLevel))
            return std::nullopt;
        return reason;
    case ViolationKind::LevelOutOfRange:
        return outOfRangeParts(text);
    case ViolationKind::LevelMismatch:
        parts = capture(QStringLiteral("license level (\\S+), progress level (\\S+)"), text);
        if (!parts || !readLevel(parts->at(0), reason.licenseLevel)
            || !readLevel(parts->at(1), reason.progressLevel))
            return std::nullopt;
        return reason;
    case ViolationKind::SpellingMismatch:
        if (!(parts = capture(QStringLiteral("progress spelled (.*), license spelled (.*)"), text)))
            return std::nullopt;
        reason.progressSpelling = parts->at(0);
        reason.licenseSpelling = parts->at(1);
        return reason;
    }
    return std::nullopt;
}

std::optional<FindingReason> reasonParts(WarningKind kind, const QString& text)
{
    FindingReason reason;
    std::optional<QStringList> parts;
    switch (kind) {
    case WarningKind::UnjustifiedLevel:
    case WarningKind::PendingLevelUp:
        parts = capture(QStringLiteral("progress level (\\S+), the counters justify level (\\S+)"), text);
        if (!parts || !readLevel(parts->at(0), reason.progressLevel)
            || !readNumber(parts->at(1), reason.justifiedLevel))
            return std::nullopt;
        return reason;
    case WarningKind::MaxBelowCurrent:
        parts = capture(
            QStringLiteral("license max_achieved_level (\\S+) below its current level (\\S+)"), text);
        if (!parts || !readNumber(parts->at(0), reason.maxAchieved)
            || !readLevel(parts->at(1), reason.licenseLevel))
            return std::nullopt;
        return reason;
    }
    return std::nullopt;
}

} // namespace cc
