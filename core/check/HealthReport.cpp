#include "check/HealthReport.h"

namespace cc {

std::optional<qint64> consistencyRateHundredths(qint64 consistent, qint64 total)
{
    if (total <= 0)
        return std::nullopt;
    return (consistent * 20000 + total) / (2 * total);
}

namespace {

constexpr std::array<std::pair<RunStatus, const char16_t*>, 8> statusNames { {
    { RunStatus::Healthy, u"healthy" },
    { RunStatus::Degraded, u"degraded" },
    { RunStatus::Critical, u"critical" },
    { RunStatus::NoData, u"no_data" },
    { RunStatus::Error, u"error" },
    { RunStatus::Cancelled, u"cancelled" },
    { RunStatus::Running, u"running" },
    { RunStatus::Abandoned, u"abandoned" },
} };

} // namespace

QString runStatusName(RunStatus status)
{
    for (const auto& [value, name] : statusNames) {
        if (value == status)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<RunStatus> runStatusFromName(const QString& name)
{
    for (const auto& [value, text] : statusNames) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

bool isCompleted(RunStatus status)
{
    switch (status) {
    case RunStatus::Healthy:
    case RunStatus::Degraded:
    case RunStatus::Critical:
    case RunStatus::NoData:
        return true;
    case RunStatus::Error:
    case RunStatus::Cancelled:
    case RunStatus::Running:
    case RunStatus::Abandoned:
        return false;
    }
    return false;
}

RunStatus statusFor(std::optional<qint64> rateHundredths, const Thresholds& thresholds)
{
    if (!rateHundredths)
        return RunStatus::NoData;
    if (*rateHundredths >= thresholds.healthy)
        return RunStatus::Healthy;
    if (*rateHundredths >= thresholds.degraded)
        return RunStatus::Degraded;
    return RunStatus::Critical;
}

int checkExitCode(RunStatus status)
{
    switch (status) {
    case RunStatus::Healthy:
        return 0;
    case RunStatus::Degraded:
        return 1;
    case RunStatus::Critical:
        return 2;
    case RunStatus::NoData:
        return 3;
    case RunStatus::Cancelled:
        return 130;
    case RunStatus::Error:
    case RunStatus::Running:
    case RunStatus::Abandoned:
        return 5;
    }
    return 5;
}

QString formatHundredths(qint64 hundredths)
{
    const QString sign = hundredths < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = hundredths < 0 ? -hundredths : hundredths;
    return sign + QString::number(magnitude / 100) + u'.'
        + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

} // namespace cc
