#include "HealthReport.h"

namespace cc {

std::optional<qint64> consistencyRateHundredths(qint64 consistent, qint64 total)
{
    if (total <= 0)
        return std::nullopt;
    return (consistent * 20000 + total) / (2 * total);
}

QString statusFor(std::optional<qint64> rateHundredths, const Thresholds& thresholds)
{
    if (!rateHundredths)
        return QStringLiteral("no_data");
    if (*rateHundredths >= thresholds.healthy)
        return QStringLiteral("healthy");
    if (*rateHundredths >= thresholds.degraded)
        return QStringLiteral("degraded");
    return QStringLiteral("critical");
}

int checkExitCode(const QString& status)
{
    if (status == u"healthy")
        return 0;
    if (status == u"degraded")
        return 1;
    if (status == u"critical")
        return 2;
    if (status == u"no_data")
        return 3;
    if (status == u"cancelled")
        return 130;
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
