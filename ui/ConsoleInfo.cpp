#include "ConsoleInfo.h"

#include "Wording.h"

#include <QCoreApplication>

namespace cc::ui {

Result<void> ConsoleInfo::allows(Action action) const
{
    if (!loaded)
        return Error { ErrorCode::CannotOpen,
            QCoreApplication::translate("ConsoleInfo", "not connected yet") };
    if (readOnly && action != Action::View)
        return Error { ErrorCode::ReadOnly,
            QCoreApplication::translate("ConsoleInfo", "the connection is read-only") };
    if (const auto denied = denial(action))
        return Error { ErrorCode::Refused, Wording::denial(*denied) };
    return {};
}

std::optional<PermissionDenial> ConsoleInfo::denial(Action action) const
{
    return permissionDenial(action, op, environment);
}

QString ConsoleInfo::connectionLabel(const ConnectionProfile& profile)
{
    return profile.name.isEmpty() ? profile.describe()
                                  : profile.name + QStringLiteral(" · ") + profile.describe();
}

Result<ConsoleInfo> ConsoleInfo::read(Session& session)
{
    ConsoleInfo info;
    info.loaded = true;
    info.connection = connectionLabel(session.options().profile);
    info.embedded = session.options().profile.embedded;
    info.readOnly = session.db().isReadOnly();
    info.toolsInstalled = session.toolsInstalled();
    info.op = session.op();
    info.environment = session.environment();
    info.thresholds = session.thresholds();
    for (const QString& track : session.catalogue().tracks())
        info.maxLevels.insert(track, session.catalogue().maxLevel(track));
    return info;
}

} // namespace cc::ui
