#include "ThemedChartView.h"

#include "ThemeColors.h"

#include <QAbstractAxis>
#include <QChart>
#include <QEvent>
#include <QLegend>

namespace cc::ui {

ThemedChartView::ThemedChartView(QWidget* parent)
    : QChartView(parent)
{
    ThemeColors::onThemeChange(this, [this] { applyTheme(); });
}

QChart::ChartTheme ThemedChartView::chartTheme()
{
    return ThemeColors::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight;
}

void ThemedChartView::applyTheme()
{
    QChart* chart = this->chart();
    if (!chart)
        return;
    chart->setTheme(chartTheme());
    // The theme's own background is a gradient of its choosing: use the card colour, so a chart
    // sits on the dashboard like the metric cards do.
    chart->setBackgroundBrush(ThemeColors::card());
    chart->setBackgroundPen(QPen(ThemeColors::cardBorder()));
    chart->setTitleBrush(ThemeColors::text());
    chart->legend()->setLabelColor(ThemeColors::text());
    const QColor grid = ThemeColors::mix(ThemeColors::text(), ThemeColors::card(), 0.85);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(ThemeColors::text());
        axis->setLinePenColor(ThemeColors::mutedText());
        axis->setGridLineColor(grid);
    }
    recolourSeries();
}

void ThemedChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

} // namespace cc::ui
