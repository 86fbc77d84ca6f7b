#include "ConsistencyGauge.h"

#include "ThemeColors.h"
#include "Wording.h"
#include "check/HealthReport.h"

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <cmath>

namespace cc::ui {

namespace {

// The needle from the pivot, `length` long, at `degrees` (Qt's: 0° at 3 o'clock, counter-clockwise).
void drawNeedle(QPainter& painter, const QPointF& centre, double length, double degrees)
{
    const double radians = degrees * M_PI / 180.0;
    const QPointF tip(centre.x() + std::cos(radians) * length, centre.y() - std::sin(radians) * length);
    painter.setPen(QPen(ThemeColors::text(), 3, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(centre, tip);
    painter.setBrush(ThemeColors::text());
    painter.drawEllipse(centre, 5, 5);
}

} // namespace

ConsistencyGauge::ConsistencyGauge(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(240, 190);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(1);
    auto* legend = new QHBoxLayout;
    legend->setSpacing(12);
    legend->addStretch();
    for (QLabel*& item : m_legend) {
        item = new QLabel(this);
        item->setObjectName(QStringLiteral("gaugeLegendItem"));
        item->setTextFormat(Qt::RichText);
        legend->addWidget(item);
    }
    legend->addStretch();
    layout->addLayout(legend);
    updateLegend();
    setAccessibleName(tr("Consistency gauge"));
    updateAccessibleText();
    ThemeColors::onThemeChange(this, [this] { update(); });
}

void ConsistencyGauge::setReading(std::optional<qint64> rateHundredths, const Thresholds& thresholds)
{
    m_rate = rateHundredths;
    m_thresholds = thresholds;
    updateLegend();
    updateAccessibleText();
    update();
}

void ConsistencyGauge::updateAccessibleText()
{
    if (!m_rate) {
        setAccessibleDescription(tr("No completed check yet"));
        return;
    }
    setAccessibleDescription(
        tr("Consistency rate %1, %2 (healthy at or above %3, degraded at or above %4)")
            .arg(Wording::rate(*m_rate), Wording::status(statusFor(m_rate, m_thresholds)),
                Wording::percent(m_thresholds.healthy), Wording::percent(m_thresholds.degraded)));
}

void ConsistencyGauge::updateLegend()
{
    const auto item = [](const QColor& colour, const QString& text) {
        return QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2")
            .arg(colour.name(), text.toHtmlEscaped());
    };
    m_legend[0]->setText(
        item(ThemeColors::healthy(), tr("Healthy ≥ %1").arg(Wording::percent(m_thresholds.healthy))));
    m_legend[1]->setText(
        item(ThemeColors::degraded(), tr("Degraded ≥ %1").arg(Wording::percent(m_thresholds.degraded))));
    m_legend[2]->setText(
        item(ThemeColors::critical(), tr("Critical < %1").arg(Wording::percent(m_thresholds.degraded))));
}

double ConsistencyGauge::lowerBound() const
{
    double low = 2.0 * m_thresholds.degraded / 100.0 - 100.0;
    if (m_rate)
        low = std::min(low, double(*m_rate) / 100.0 - 2.0);
    low = std::floor(std::max(0.0, low) / 5.0) * 5.0;
    return std::min(low, 90.0);
}

void ConsistencyGauge::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Geometry shape = geometry();
    const QPointF centre = shape.pivot;
    const double radius = shape.radius;
    const double thickness = shape.thickness;
    const QRectF arcRect(centre.x() - radius + thickness / 2, centre.y() - radius + thickness / 2,
        2 * radius - thickness, 2 * radius - thickness);

    // The scale starts low enough to show the critical band as wide as the degraded-to-100 span
    // (90..100 with the default thresholds), and always below the reading; both ends are labelled.
    const double low = lowerBound();
    // Qt angles: 0° at 3 o'clock, counter-clockwise, in 1/16 degree. `low` is at 180°, 100 % at 0°.
    const auto angleOf = [low](double percent) {
        return 180.0 - (std::clamp(percent, low, 100.0) - low) / (100.0 - low) * 180.0;
    };
    const auto band = [&](double from, double to, const QColor& colour) {
        if (to <= from)
            return;
        QPen pen(colour, thickness, Qt::SolidLine, Qt::FlatCap);
        painter.setPen(pen);
        const double start = angleOf(from);
        const double span = angleOf(to) - start;
        painter.drawArc(arcRect, int(start * 16), int(span * 16));
    };
    const double degraded = m_thresholds.degraded / 100.0;
    const double healthy = m_thresholds.healthy / 100.0;
    const bool known = m_rate.has_value();
    const auto dim = [&](const QColor& colour) {
        return known ? colour : ThemeColors::mix(colour, ThemeColors::window(), 0.6);
    };
    band(low, degraded, dim(ThemeColors::critical()));
    band(degraded, healthy, dim(ThemeColors::degraded()));
    band(healthy, 100, dim(ThemeColors::healthy()));

    // Threshold ticks and end labels.
    painter.setPen(QPen(ThemeColors::mutedText(), 1));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    painter.drawText(QRectF(centre.x() - radius - 4, centre.y() + 2, 40, 18), Qt::AlignLeft | Qt::AlignTop,
        QString::number(low, 'f', 0));
    painter.drawText(QRectF(centre.x() + radius - 36, centre.y() + 2, 40, 18), Qt::AlignRight | Qt::AlignTop,
        QStringLiteral("100"));

    if (known)
        drawNeedle(painter, centre, radius - thickness - 4, angleOf(double(*m_rate) / 100.0));

    // The value under the pivot, where the needle never reaches.
    painter.setFont(valueFont(radius));
    painter.setPen(ThemeColors::text());
    const QString value = known ? Wording::rate(*m_rate) : tr("no data");
    painter.drawText(shape.value, Qt::AlignCenter, value);
}

QFont ConsistencyGauge::valueFont(double radius) const
{
    QFont big = font();
    big.setBold(true);
    big.setPointSizeF(std::clamp(radius / 6.0, 11.0, 20.0));
    return big;
}

ConsistencyGauge::Geometry ConsistencyGauge::geometry() const
{
    const int legendHeight = m_legend[0]->sizeHint().height() + 8;
    const QRectF area = QRectF(rect()).adjusted(12, 8, -12, -legendHeight);
    // The value's line comes first: the dial gets the height that remains above it.
    const double lineHeight = QFontMetricsF(valueFont(area.width() / 2.0)).height();
    Geometry shape;
    shape.radius = std::max(20.0, std::min(area.width() / 2.0, area.height() - lineHeight - 12));
    shape.pivot = QPointF(area.center().x(), area.top() + shape.radius + 4);
    shape.thickness = std::max(14.0, shape.radius * 0.2);
    const double textHeight = QFontMetricsF(valueFont(shape.radius)).height();
    // Between the end labels ("90" and "100"), from just under the pivot's disc.
    shape.value
        = QRectF(shape.pivot.x() - shape.radius + 40, shape.pivot.y() + 7, 2 * shape.radius - 80, textHeight);
    return shape;
}

} // namespace cc::ui
