#include "session/Permissions.h"

#include "session/PermissionDenial.h"

namespace cc {

QString environmentName(Environment environment)
{
    switch (environment) {
    case Environment::Development:
        return QStringLiteral("development");
    case Environment::Staging:
        return QStringLiteral("staging");
    case Environment::Production:
        return QStringLiteral("production");
    }
    return QStringLiteral("production");
}

Result<Environment> environmentFromName(const QString& name)
{
    if (name == u"development")
        return Environment::Development;
    if (name == u"staging")
        return Environment::Staging;
    if (name == u"production")
        return Environment::Production;
    return refused(
        QStringLiteral("unknown environment \"%1\" (use development, staging or production)").arg(name));
}

QString actionName(Action action)
{
    switch (action) {
    case Action::View:
        return QStringLiteral("view");
    case Action::SyncOne:
        return QStringLiteral("sync");
    case Action::Advance:
        return QStringLiteral("advance");
    case Action::RepairOne:
        return QStringLiteral("repair");
    case Action::UpdateProgress:
        return QStringLiteral("update-progress");
    case Action::SetLevel:
        return QStringLiteral("set-level");
    case Action::Revert:
        return QStringLiteral("revert");
    case Action::RepairAll:
        return QStringLiteral("repair-all");
    case Action::Inject:
        return QStringLiteral("inject");
    case Action::RevertInjection:
        return QStringLiteral("revert an injection");
    case Action::ImportLevels:
        return QStringLiteral("levels --import --apply");
    case Action::SetEnvironment:
        return QStringLiteral("env --set");
    case Action::ChangeSettings:
        return QStringLiteral("settings");
    case Action::CreateIndexes:
        return QStringLiteral("init --indexes");
    case Action::Prune:
        return QStringLiteral("prune");
    case Action::Demo:
        return QStringLiteral("demo");
    case Action::Init:
        return QStringLiteral("init");
    }
    return QStringLiteral("action");
}

std::optional<PermissionDenial> permissionDenial(Action action, const Operator& op, Environment environment)
{
    const bool production = environment == Environment::Production;
    const auto denied = [&](DenialReason reason) {
        return PermissionDenial { reason, action, op.email, op.role };
    };
    if (!op.isSystem() && !op.active)
        return denied(DenialReason::InactiveOperator);
    if (op.role == Role::Student || op.role == Role::Other)
        return denied(DenialReason::RoleMayNotUse);

    enum class Tier { Everyone, Support, AdminOnly, AdminNotProduction, Setup };
    Tier tier = Tier::Everyone;
    switch (action) {
    case Action::View:
        tier = Tier::Everyone;
        break;
    case Action::SyncOne:
    case Action::Advance:
    case Action::RepairOne:
        tier = Tier::Support;
        break;
    case Action::UpdateProgress:
    case Action::SetLevel:
    case Action::Revert:
    case Action::RepairAll:
    case Action::ImportLevels:
    case Action::SetEnvironment:
    case Action::ChangeSettings:
    case Action::CreateIndexes:
    case Action::Prune:
        tier = Tier::AdminOnly;
        break;
    case Action::Inject:
    case Action::RevertInjection:
        tier = Tier::AdminNotProduction;
        break;
    case Action::Demo:
    case Action::Init:
        tier = Tier::Setup;
        break;
    }

    if (tier == Tier::Everyone)
        return std::nullopt;
    if (op.isSystem()) {
        if (tier == Tier::Setup || !production)
            return std::nullopt;
        return denied(DenialReason::NeedsNamedOperator);
    }
    if (op.role == Role::Instructor && tier != Tier::Support)
        return denied(DenialReason::InstructorMayNot);
    if (tier == Tier::AdminNotProduction && production)
        return denied(DenialReason::NeverOnProduction);
    return std::nullopt;
}

QString denialText(const PermissionDenial& denial)
{
    const QString what = actionName(denial.action);
    switch (denial.reason) {
    case DenialReason::InactiveOperator:
        return QStringLiteral("%1 is not an active user and may not %2").arg(denial.email, what);
    case DenialReason::RoleMayNotUse:
        return QStringLiteral("%1 has the role %2, which may not use Coupling Console")
            .arg(denial.email, roleName(denial.role));
    case DenialReason::NeedsNamedOperator:
        return QStringLiteral("%1 on a production database needs a named operator (--operator EMAIL)")
            .arg(what);
    case DenialReason::InstructorMayNot:
        return QStringLiteral("the instructor %1 may not %2; an admin may").arg(denial.email, what);
    case DenialReason::NeverOnProduction:
        return QStringLiteral("%1 is not allowed on a production database").arg(what);
    }
    return QStringLiteral("%1 is not allowed").arg(what);
}

Result<void> authorize(Action action, const Operator& op, Environment environment)
{
    if (const auto denial = permissionDenial(action, op, environment))
        return refused(denialText(*denial));
    return {};
}

} // namespace cc
