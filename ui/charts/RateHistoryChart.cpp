#include "RateHistoryChart.h"

#include "ThemeColors.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QValueAxis>

namespace cc::ui {

namespace {

// The locale's short date without its year, then the time: "MM. dd. H:mm" in Hungarian, "M/d h:mm AP"
// in American English.
QString dayAndTimeFormat()
{
    static const QRegularExpression leadingYear(QStringLiteral("^y+[^dM]*"));
    static const QRegularExpression trailingYear(QStringLiteral("[^dM]*y+$"));
    QString day = QLocale().dateFormat(QLocale::ShortFormat);
    day.remove(leadingYear).remove(trailingYear);
    return day + u' ' + QLocale().timeFormat(QLocale::ShortFormat);
}

} // namespace

RateHistoryChart::RateHistoryChart(QWidget* parent)
    : ThemedChartView(parent)
{
    setObjectName(QStringLiteral("rateChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    auto* chart = new QChart;
    chart->setTitle(tr("Consistency rate over time"));
    setAccessibleName(chart->title());
    setAccessibleDescription(tr("Consistency rate over time: no runs in this range"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);

    m_rate = new QLineSeries(this);
    m_rate->setObjectName(QStringLiteral("rateSeries"));
    m_rate->setName(tr("Rate %"));
    m_points = new QScatterSeries(this);
    m_points->setMarkerSize(6);
    m_healthy = new QLineSeries(this);
    m_healthy->setName(tr("Healthy threshold"));
    m_degraded = new QLineSeries(this);
    m_degraded->setName(tr("Degraded threshold"));
    m_repairs = new QScatterSeries(this);
    m_repairs->setObjectName(QStringLiteral("repairMarkers"));
    m_repairs->setName(tr("Repairs"));
    m_repairs->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_repairs->setMarkerSize(9);
    m_injections = new QScatterSeries(this);
    m_injections->setObjectName(QStringLiteral("injectionMarkers"));
    m_injections->setName(tr("Injections"));
    m_injections->setMarkerSize(9);

    m_time = new QDateTimeAxis(this);
    m_time->setFormat(dayAndTimeFormat());
    m_time->setTickCount(6);
    m_value = new QValueAxis(this);
    m_value->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    for (QXYSeries* series : { static_cast<QXYSeries*>(m_healthy), static_cast<QXYSeries*>(m_degraded),
             static_cast<QXYSeries*>(m_rate), static_cast<QXYSeries*>(m_points),
             static_cast<QXYSeries*>(m_repairs), static_cast<QXYSeries*>(m_injections) }) {
        chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_value);
    }
    for (QLegendMarker* marker : chart->legend()->markers(m_points))
        marker->setVisible(false);
    setChart(chart);
    applyTheme();
}

void RateHistoryChart::recolourSeries()
{
    m_rate->setPen(QPen(ThemeColors::accent(), 2));
    m_points->setColor(ThemeColors::accent());
    m_points->setBorderColor(ThemeColors::accent());
    m_healthy->setPen(QPen(ThemeColors::healthy(), 1.5, Qt::DashLine));
    m_degraded->setPen(QPen(ThemeColors::degraded(), 1.5, Qt::DashLine));
    m_repairs->setColor(ThemeColors::markerRepair());
    m_repairs->setBorderColor(ThemeColors::markerRepair());
    m_injections->setColor(ThemeColors::markerInjection());
    m_injections->setBorderColor(ThemeColors::markerInjection());
}

void RateHistoryChart::setHistory(const QList<RatePoint>& points, const QList<ChangeMarker>& markers,
    const Thresholds& thresholds, const QDateTime& from, const QDateTime& to)
{
    QList<QPointF> rate;
    rate.reserve(points.size());
    double low = thresholds.degraded / 100.0;
    for (const RatePoint& point : points) {
        rate.append(QPointF(double(point.at.toMSecsSinceEpoch()), point.rate));
        low = std::min(low, point.rate);
    }
    // Nice ticks ending at exactly 100 % (never above): a step of 0.5, 1, 2, 5, 10, 20 or 25 points
    // that leaves at most 6 intervals down to just below the lowest rate or threshold.
    const double wanted = std::max(0.5, 100 - low + std::max(0.5, (100 - low) * 0.1));
    double step = 25;
    for (double candidate : { 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0 }) {
        if (wanted / candidate <= 6) {
            step = candidate;
            break;
        }
    }
    const int intervals = std::max(1, int(std::ceil(wanted / step)));
    const double maxY = 100;
    const double minY = std::max(0.0, maxY - intervals * step);
    m_rate->replace(rate);
    m_points->replace(rate);
    const double x0 = double(from.toMSecsSinceEpoch());
    const double x1 = double(std::max(to, from.addSecs(60)).toMSecsSinceEpoch());
    m_healthy->replace({ QPointF(x0, thresholds.healthy / 100.0), QPointF(x1, thresholds.healthy / 100.0) });
    m_degraded->replace(
        { QPointF(x0, thresholds.degraded / 100.0), QPointF(x1, thresholds.degraded / 100.0) });
    QList<QPointF> repairs;
    QList<QPointF> injections;
    for (const ChangeMarker& marker : markers)
        (marker.injection ? injections : repairs)
            .append(QPointF(double(marker.at.toMSecsSinceEpoch()), maxY - step * 0.2));
    m_repairs->replace(repairs);
    m_injections->replace(injections);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)), QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    const qint64 span = qint64(x1 - x0) / 1000;
    m_time->setFormat(span <= 86400 ? QLocale().timeFormat(QLocale::ShortFormat) : dayAndTimeFormat());
    m_value->setRange(minY, maxY);
    m_value->setTickCount(int(std::lround((maxY - minY) / step)) + 1);
    m_value->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    if (points.isEmpty())
        setAccessibleDescription(tr("Consistency rate over time: no runs in this range"));
    else
        setAccessibleDescription(
            tr("Consistency rate over time: %n run(s), latest %1 %", nullptr, int(points.size()))
                .arg(QLocale().toString(points.last().rate, 'f', 2)));
}

} // namespace cc::ui
