#include "RateHistoryChart.h"

#include "ThemeColors.h"
#include "Wording.h"

#include <QChart>
#include <QCursor>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QToolTip>
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

constexpr qreal markerSize = 10;

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
    m_repairs = addMarkerSeries(QStringLiteral("repairMarkers"), tr("Repairs"));
    m_repairs->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_injections = addMarkerSeries(QStringLiteral("injectionMarkers"), tr("Injections"));

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
    connect(chart, &QChart::plotAreaChanged, this, &RateHistoryChart::placeMarkers);
    applyTheme();
}

// A marker series: hovering a marker shows its tooltip, clicking it asks for its entries.
QScatterSeries* RateHistoryChart::addMarkerSeries(const QString& objectName, const QString& name)
{
    auto* series = new QScatterSeries(this);
    series->setObjectName(objectName);
    series->setName(name);
    series->setMarkerSize(markerSize);
    connect(series, &QScatterSeries::hovered, this,
        [this, series](const QPointF& point, bool hovered) { showToolTip(series, point, hovered); });
    connect(series, &QScatterSeries::clicked, this, [this, series](const QPointF& point) {
        if (const AuditChangeBucket* bucket = bucketAt(series, point))
            emit changesActivated(*bucket);
    });
    return series;
}

void RateHistoryChart::recolourSeries()
{
    m_rate->setPen(QPen(ThemeColors::accent(), 2));
    m_points->setColor(ThemeColors::accent());
    m_points->setBorderColor(ThemeColors::accent());
    m_healthy->setPen(QPen(ThemeColors::healthy(), 1.5, Qt::DashLine));
    m_degraded->setPen(QPen(ThemeColors::degraded(), 1.5, Qt::DashLine));
    // A card-coloured rim keeps a marker apart from the rate line it sits on.
    m_repairs->setColor(ThemeColors::markerRepair());
    m_repairs->setBorderColor(ThemeColors::card());
    m_injections->setColor(ThemeColors::markerInjection());
    m_injections->setBorderColor(ThemeColors::card());
}

void RateHistoryChart::setHistory(const QList<RatePoint>& points, const QList<AuditChangeBucket>& changes,
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
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)), QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    const qint64 span = qint64(x1 - x0) / 1000;
    m_timeFormat = span <= 86400 ? QLocale().timeFormat(QLocale::ShortFormat) : dayAndTimeFormat();
    m_time->setFormat(m_timeFormat);
    m_value->setRange(minY, maxY);
    m_changes.clear();
    m_injected.clear();
    for (const AuditChangeBucket& bucket : changes)
        (bucket.injections ? m_injected : m_changes).append(bucket);
    placeMarkers();
    m_value->setTickCount(int(std::lround((maxY - minY) / step)) + 1);
    m_value->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    if (points.isEmpty())
        setAccessibleDescription(tr("Consistency rate over time: no runs in this range"));
    else
        setAccessibleDescription(
            tr("Consistency rate over time: %n run(s), latest %1 %", nullptr, int(points.size()))
                .arg(QLocale().toString(points.last().rate, 'f', 2)));
}

// Each marker at the middle of its bucket's entries, changes on a row at the top and injections on
// the row below, moved in from the plot's edges by half a marker and a little more.
void RateHistoryChart::placeMarkers()
{
    const QRectF area = chart()->plotArea();
    const double x0 = double(m_time->min().toMSecsSinceEpoch());
    const double x1 = double(m_time->max().toMSecsSinceEpoch());
    const double perPixelX = (x1 - x0) / (area.width() > 1 ? area.width() : 600);
    const double perPixelY = (m_value->max() - m_value->min()) / (area.height() > 1 ? area.height() : 160);
    const double inset = markerSize / 2 + 2;
    const auto place = [&](const QList<AuditChangeBucket>& buckets, double row) {
        QList<QPointF> points;
        points.reserve(buckets.size());
        const double y = m_value->max() - (inset + row * (markerSize + 3)) * perPixelY;
        for (const AuditChangeBucket& bucket : buckets) {
            const double middle
                = (double(bucket.first.toMSecsSinceEpoch()) + double(bucket.last.toMSecsSinceEpoch())) / 2;
            const double low = x0 + inset * perPixelX;
            const double high = std::max(low, x1 - inset * perPixelX);
            points.append(QPointF(std::clamp(middle, low, high), y));
        }
        return points;
    };
    m_repairs->replace(place(m_changes, 0));
    m_injections->replace(place(m_injected, 1));
}

const AuditChangeBucket* RateHistoryChart::bucketAt(const QScatterSeries* series, const QPointF& point) const
{
    const QList<AuditChangeBucket>& buckets = series == m_injections ? m_injected : m_changes;
    const QList<QPointF> points = series->points();
    qsizetype nearest = -1;
    for (qsizetype i = 0; i < points.size() && i < buckets.size(); ++i) {
        if (nearest < 0
            || std::abs(points.at(i).x() - point.x()) < std::abs(points.at(nearest).x() - point.x()))
            nearest = i;
    }
    return nearest < 0 ? nullptr : &buckets.at(nearest);
}

QString RateHistoryChart::describe(const AuditChangeBucket& bucket) const
{
    const auto time
        = [this](const QDateTime& at) { return QLocale().toString(at.toLocalTime(), m_timeFormat); };
    QString text = (bucket.injections ? tr("Injections, %1–%2") : tr("Changes, %1–%2"))
                       .arg(time(bucket.start), time(bucket.end));
    for (const AuditActionCount& count : bucket.actions) {
        text += u'\n'
            + tr("%1: %n entry(ies)", nullptr, int(count.entries)).arg(Wording::auditAction(count.action));
        if (count.batches > 0)
            text += u' ' + tr("(%n batch(es))", nullptr, int(count.batches));
    }
    return text;
}

void RateHistoryChart::showToolTip(const QScatterSeries* series, const QPointF& point, bool hovered)
{
    const AuditChangeBucket* bucket = hovered ? bucketAt(series, point) : nullptr;
    if (!bucket) {
        QToolTip::hideText();
        unsetCursor();
        return;
    }
    setCursor(Qt::PointingHandCursor);
    QToolTip::showText(QCursor::pos(), describe(*bucket), this);
}

} // namespace cc::ui
