#include "audit/AuditVocabulary.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace cc {

namespace {

constexpr std::array<std::pair<AuditAction, const char16_t*>, 17> actionNames { {
    { AuditAction::SyncProgressToLicense, u"sync_progress_to_license" },
    { AuditAction::SyncLicenseToProgress, u"sync_license_to_progress" },
    { AuditAction::UpdateProgress, u"update_progress" },
    { AuditAction::Advance, u"advance" },
    { AuditAction::SetLevel, u"set_level" },
    { AuditAction::Repair, u"repair" },
    { AuditAction::Inject, u"inject" },
    { AuditAction::AddSpecialization, u"add_specialization" },
    { AuditAction::Revert, u"revert" },
    { AuditAction::LevelsImport, u"levels_import" },
    { AuditAction::IndexCreate, u"index_create" },
    { AuditAction::IndexDrop, u"index_drop" },
    { AuditAction::Init, u"init" },
    { AuditAction::Demo, u"demo" },
    { AuditAction::Prune, u"prune" },
    { AuditAction::Settings, u"settings" },
    { AuditAction::EnvironmentSet, u"env_set" },
} };

constexpr std::array<std::pair<AuditSource, const char16_t*>, 4> sourceNames { {
    { AuditSource::Cli, u"cli" },
    { AuditSource::Gui, u"gui" },
    { AuditSource::Qa, u"qa" },
    { AuditSource::System, u"system" },
} };

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char16_t*>, N>& names, Enum value)
{
    for (const auto& [known, name] : names) {
        if (known == value)
            return QString::fromUtf16(name);
    }
    return {}; // Other
}

template <typename Enum, std::size_t N>
Enum valueOf(const std::array<std::pair<Enum, const char16_t*>, N>& names, const QString& name)
{
    for (const auto& [value, text] : names) {
        if (name == QStringView(text))
            return value;
    }
    return Enum::Other;
}

} // namespace

QString auditActionName(AuditAction action)
{
    return nameOf(actionNames, action);
}

AuditAction auditActionFromName(const QString& name)
{
    return valueOf(actionNames, name);
}

QString auditSourceName(AuditSource source)
{
    return nameOf(sourceNames, source);
}

AuditSource auditSourceFromName(const QString& name)
{
    return valueOf(sourceNames, name);
}

bool isInjection(AuditSource source, const QString& storedAction)
{
    const AuditAction action = auditActionFromName(storedAction);
    return source == AuditSource::Qa || action == AuditAction::Inject
        || action == AuditAction::AddSpecialization
        || (action == AuditAction::Other && storedAction.startsWith(auditActionName(AuditAction::Inject)));
}

bool changesNoStudentRows(const QString& storedAction)
{
    switch (auditActionFromName(storedAction)) {
    case AuditAction::AddSpecialization:
    case AuditAction::Init:
    case AuditAction::Settings:
    case AuditAction::EnvironmentSet:
    case AuditAction::LevelsImport:
    case AuditAction::IndexCreate:
    case AuditAction::IndexDrop:
        return true;
    case AuditAction::SyncProgressToLicense:
    case AuditAction::SyncLicenseToProgress:
    case AuditAction::UpdateProgress:
    case AuditAction::Advance:
    case AuditAction::SetLevel:
    case AuditAction::Repair:
    case AuditAction::Inject:
    case AuditAction::Revert:
    case AuditAction::Demo:
    case AuditAction::Prune:
        return false;
    case AuditAction::Other:
        return storedAction.startsWith(u"settings") || storedAction.startsWith(u"env")
            || storedAction.startsWith(u"levels") || storedAction.startsWith(u"index");
    }
    return false;
}

QString revertReasonText(const RevertReason& reason)
{
    return QStringLiteral("revert of audit entry %1 (%2)")
        .arg(QString::number(reason.entryId), reason.action);
}

std::optional<RevertReason> revertReasonParts(const QString& text)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("revert of audit entry (\\d+) \\((.*)\\)")),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = pattern.match(text);
    bool ok = false;
    RevertReason reason { match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0, match.captured(2) };
    if (!ok)
        return std::nullopt;
    return reason;
}

} // namespace cc
