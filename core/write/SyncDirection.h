#pragma once

#include <QString>

#include <optional>

namespace cc {

// Which way a manual sync copies the level (docs/BEHAVIOUR.md, C6 "Guards and single-key writes"),
// and its command-line and audit name ("progress-to-license", "license-to-progress", "toward-higher").
enum class SyncDirection { ProgressToLicense, LicenseToProgress, TowardHigher };
std::optional<SyncDirection> syncDirectionFromName(const QString& name);
QString syncDirectionName(SyncDirection direction);

} // namespace cc
