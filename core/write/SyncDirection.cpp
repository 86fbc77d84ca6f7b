#include "write/SyncDirection.h"

namespace cc {

std::optional<SyncDirection> syncDirectionFromName(const QString& name)
{
    if (name == u"progress-to-license")
        return SyncDirection::ProgressToLicense;
    if (name == u"license-to-progress")
        return SyncDirection::LicenseToProgress;
    if (name == u"toward-higher")
        return SyncDirection::TowardHigher;
    return std::nullopt;
}

QString syncDirectionName(SyncDirection direction)
{
    switch (direction) {
    case SyncDirection::ProgressToLicense:
        return QStringLiteral("progress-to-license");
    case SyncDirection::LicenseToProgress:
        return QStringLiteral("license-to-progress");
    case SyncDirection::TowardHigher:
        return QStringLiteral("toward-higher");
    }
    return QStringLiteral("toward-higher");
}

} // namespace cc
