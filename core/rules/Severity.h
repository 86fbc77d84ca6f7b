#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringView>

namespace cc {

// A finding's severity as the violations table, CSV and JSON hold it (docs/BEHAVIOUR.md C3):
// "violation" for a key's primary kind, "warning" for the others. Its one name↔value place.
constexpr const char* severityName(bool warning)
{
    return warning ? "warning" : "violation";
}

inline QString severityText(bool warning)
{
    return QLatin1String(severityName(warning));
}

inline bool isWarningSeverity(QStringView stored)
{
    return stored == QLatin1String(severityName(true));
}

} // namespace cc
