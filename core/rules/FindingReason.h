#pragma once

#include <QString>

#include <optional>

namespace cc {

enum class ViolationKind;
enum class WarningKind;

// What a check recommends for a finding (docs/BEHAVIOUR.md C3). Its names (recommendedActionName)
// are what the violations table, the command line's text, JSON and CSV hold, byte for byte.
enum class RecommendedAction {
    MergeDuplicates, // "merge_duplicates"
    ManualReview, // "manual_review"
    CreateLicenseFromProgress, // "create_license_from_progress"
    CreateProgressFromLicense, // "create_progress_from_license"
    ClampLevel, // "clamp_level"
    SyncProgressToLicense, // "sync_progress_to_license"
    SyncLicenseToProgress, // "sync_license_to_progress"
    ApplyLevelUp, // "apply_level_up"
    UnifySpelling, // "unify_spelling"
};

QString recommendedActionName(RecommendedAction action);
// A stored name; std::nullopt for a name no version of the tool writes.
std::optional<RecommendedAction> recommendedActionFromName(const QString& name);

// What a finding's reason says, in parts; each kind uses the parts named at it. Core stores and
// the command line prints the English sentence (reasonText); the GUI words the parts in the
// user's language, from a live classification or from a stored run's sentence read back
// (reasonParts), so no English from core reaches a translated screen.
struct FindingReason {
    qint64 rows = 0; // duplicate_progress, duplicate_license: the side's rows for the track
    QString track; // unknown_specialization
    // missing_license, level_out_of_range, level_mismatch, unjustified_level, pending_level_up;
    // empty for NULL
    std::optional<qint64> progressLevel;
    // missing_progress, level_out_of_range, level_mismatch, max_below_current; empty for NULL
    std::optional<qint64> licenseLevel;
    bool progressOutside = false, licenseOutside = false; // level_out_of_range: the sides outside
    qint64 maxLevel = 0; // level_out_of_range: the track's highest level
    QString progressSpelling, licenseSpelling; // spelling_mismatch, pad spaces removed
    qint64 justifiedLevel = 0; // unjustified_level, pending_level_up
    qint64 maxAchieved = 0; // max_below_current

    bool operator==(const FindingReason&) const = default;
};

QString reasonText(ViolationKind kind, const FindingReason& reason);
QString reasonText(WarningKind kind, const FindingReason& reason);
// A stored sentence read back into its parts; std::nullopt for a sentence this version does not
// write for that kind (an older version's), which a front end shows as stored.
std::optional<FindingReason> reasonParts(ViolationKind kind, const QString& text);
std::optional<FindingReason> reasonParts(WarningKind kind, const QString& text);

} // namespace cc
