// Wording::reason and recommendedAction: a finding's reason and recommended action in the user's
// language. Core hands the reason as parts (core/rules/FindingReason.h), from a live classification or
// read back from a stored run's English sentence; a sentence this version does not write is shown
// as stored.
#include "Wording.h"

#include "rules/KeyClassifier.h"

namespace cc::ui {

namespace {

QString level(std::optional<qint64> level)
{
    return level ? QString::number(*level) : Wording::tr("NULL");
}

QString outOfRange(const FindingReason& reason)
{
    QStringList sides;
    if (reason.progressOutside)
        sides << Wording::tr("progress level %1").arg(level(reason.progressLevel));
    if (reason.licenseOutside)
        sides << Wording::tr("license level %1").arg(level(reason.licenseLevel));
    return Wording::tr("%1 outside 1..%2")
        .arg(sides.join(QStringLiteral(", ")), QString::number(reason.maxLevel));
}

} // namespace

QString Wording::reason(ViolationKind kind, const FindingReason& reason)
{
    switch (kind) {
    case ViolationKind::DuplicateProgress:
        return tr("%1 progress rows for this track").arg(reason.rows);
    case ViolationKind::DuplicateLicense:
        return tr("%1 license rows for this track").arg(reason.rows);
    case ViolationKind::UnknownSpecialization:
        return tr("track %1 is not in the level catalogue").arg(reason.track);
    case ViolationKind::MissingLicense:
        return tr("progress at level %1, no license").arg(level(reason.progressLevel));
    case ViolationKind::MissingProgress:
        return tr("license at level %1, no progress").arg(level(reason.licenseLevel));
    case ViolationKind::LevelOutOfRange:
        return outOfRange(reason);
    case ViolationKind::LevelMismatch:
        return tr("license level %1, progress level %2")
            .arg(level(reason.licenseLevel), level(reason.progressLevel));
    case ViolationKind::SpellingMismatch:
        return tr("progress spelled %1, license spelled %2")
            .arg(reason.progressSpelling, reason.licenseSpelling);
    }
    return reasonText(kind, reason);
}

QString Wording::reason(WarningKind kind, const FindingReason& reason)
{
    switch (kind) {
    case WarningKind::UnjustifiedLevel:
    case WarningKind::PendingLevelUp:
        return tr("progress level %1, the counters justify level %2")
            .arg(level(reason.progressLevel), QString::number(reason.justifiedLevel));
    case WarningKind::MaxBelowCurrent:
        return tr("license max_achieved_level %1 below its current level %2")
            .arg(QString::number(reason.maxAchieved), level(reason.licenseLevel));
    }
    return reasonText(kind, reason);
}

QString Wording::reason(const Finding& finding)
{
    return finding.warning ? reason(finding.warningKind, finding.reason)
                           : reason(finding.kind, finding.reason);
}

QString Wording::reason(const QString& kind, const QString& stored)
{
    if (const auto primary = kindFromName(kind)) {
        if (const auto parts = reasonParts(*primary, stored))
            return reason(*primary, *parts);
    } else if (const auto warning = warningFromName(kind)) {
        if (const auto parts = reasonParts(*warning, stored))
            return reason(*warning, *parts);
    }
    return stored; // a sentence this version does not write (an older version's): as stored
}

QString Wording::recommendedAction(RecommendedAction action)
{
    switch (action) {
    case RecommendedAction::MergeDuplicates:
        return tr("Merge duplicates");
    case RecommendedAction::ManualReview:
        return tr("Manual review");
    case RecommendedAction::CreateLicenseFromProgress:
        return tr("Create license from progress");
    case RecommendedAction::CreateProgressFromLicense:
        return tr("Create progress from license");
    case RecommendedAction::ClampLevel:
        return tr("Clamp level");
    case RecommendedAction::SyncProgressToLicense:
        return tr("Sync progress → license");
    case RecommendedAction::SyncLicenseToProgress:
        return tr("Sync license → progress");
    case RecommendedAction::ApplyLevelUp:
        return tr("Apply level-up");
    case RecommendedAction::UnifySpelling:
        return tr("Unify spelling");
    }
    return recommendedActionName(action);
}

QString Wording::recommendedAction(const QString& stored)
{
    const auto action = recommendedActionFromName(stored);
    return action ? recommendedAction(*action) : stored;
}

} // namespace cc::ui
