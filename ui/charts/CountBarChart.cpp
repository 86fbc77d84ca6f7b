#include "CountBarChart.h"

#include "ThemeColors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QSet>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace cc::ui {

CountBarChart::CountBarChart(const QString& objectName, const QString& title, QWidget* parent)
    : ThemedChartView(parent)
    , m_title(title)
{
    setObjectName(objectName);
    setAccessibleName(title);
    setAccessibleDescription(tr("%1: no data").arg(title));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    setCursor(Qt::PointingHandCursor);
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->hide();
    m_series = new QHorizontalBarSeries(this);
    m_set = new QBarSet(title, this);
    m_series->append(m_set);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    chart->addSeries(m_series);
    m_categories = new QBarCategoryAxis(this);
    m_values = new QValueAxis(this);
    m_values->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_categories, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_values);
    setChart(chart);
    applyTheme();
    connect(m_set, &QBarSet::clicked, this, [this](int index) { activate(index); });
    connect(m_set, &QBarSet::hovered, this, [this](bool entered, int index) {
        if (entered)
            QToolTip::showText(QCursor::pos(), barToolTip(int(m_labels.size()) - 1 - index), this);
        else
            QToolTip::hideText();
    });
}

QStringList CountBarChart::shownLabels() const
{
    QStringList shown = m_categories->categories();
    std::reverse(shown.begin(), shown.end());
    return shown;
}

QString CountBarChart::barToolTip(int row) const
{
    if (row < 0 || row >= m_labels.size())
        return {};
    return tr("%1: %2").arg(m_labels.at(row), QLocale().toString(qint64(m_counts.value(row))));
}

void CountBarChart::resizeEvent(QResizeEvent* event)
{
    ThemedChartView::resizeEvent(event);
    applyLabels();
}

void CountBarChart::applyLabels()
{
    // Qt Charts shows a label that does not fit as a bare "…": elide it ourselves to about a third
    // of the width; categories must stay distinct.
    const QFontMetrics metrics(m_categories->labelsFont());
    const int room = std::max(90, width() / 3);
    const auto elideAll = [&](Qt::TextElideMode mode) {
        QStringList all;
        for (qsizetype i = m_labels.size() - 1; i >= 0; --i)
            all << metrics.elidedText(m_labels.at(i), mode, room);
        return all;
    };
    const auto distinct = [](const QStringList& list) {
        return QSet<QString>(list.cbegin(), list.cend()).size() == list.size();
    };
    // The start of each label when that tells them apart, else start and end ("Speci…number 2").
    QStringList elided = elideAll(Qt::ElideRight);
    if (!distinct(elided))
        elided = elideAll(Qt::ElideMiddle);
    if (!distinct(elided)) {
        elided.clear();
        for (qsizetype i = m_labels.size() - 1; i >= 0; --i)
            elided << m_labels.at(i);
    }
    if (m_categories->categories() != elided) {
        m_categories->clear();
        m_categories->append(elided);
    }
}

void CountBarChart::recolourSeries()
{
    m_set->setColor(ThemeColors::critical());
    m_set->setBorderColor(ThemeColors::critical());
    m_set->setLabelColor(ThemeColors::text());
}

void CountBarChart::setCounts(const QStringList& keys, const QStringList& labels, const QList<qreal>& counts)
{
    m_keys = keys;
    QStringList spoken;
    for (qsizetype i = 0; i < labels.size(); ++i)
        spoken << tr("%1 %2").arg(labels.at(i), QLocale().toString(qint64(counts.value(i))));
    setAccessibleDescription(
        spoken.isEmpty() ? tr("%1: no data").arg(m_title) : tr("%1: %2").arg(m_title, spoken.join(tr(", "))));
    // Horizontal bars list the first category at the bottom: reverse so the list reads top-down.
    QList<qreal> reversedCounts;
    for (qsizetype i = labels.size() - 1; i >= 0; --i)
        reversedCounts << counts.value(i);
    m_labels = labels;
    m_counts = counts;
    // Qt Charts replaces a category label by "…" when it is taller than its band: give every bar
    // room for a line of text (eight kinds, or eight tracks, used to show only "…").
    const int band = QFontMetrics(m_categories->labelsFont()).height() + 10;
    setMinimumHeight(std::max(200, 100 + int(labels.size()) * band));
    applyLabels();
    if (m_set->count() != reversedCounts.size()) {
        m_set->remove(0, m_set->count());
        m_set->append(reversedCounts);
    } else {
        for (qsizetype i = 0; i < reversedCounts.size(); ++i)
            m_set->replace(int(i), reversedCounts.at(i));
    }
    qreal top = 1;
    for (qreal count : counts)
        top = std::max(top, count);
    // Whole-number ticks (1, 2 or 5 × 10^k apart, about four of them), so small counts do not get
    // repeated labels such as "0 0 1 1 2".
    const qreal wanted = std::ceil(top * 1.15) / 4.0;
    const qreal magnitude = std::pow(10.0, std::floor(std::log10(std::max<qreal>(1.0, wanted))));
    qreal step = magnitude;
    for (qreal factor : { 1.0, 2.0, 5.0, 10.0 }) {
        step = factor * magnitude;
        if (step >= wanted)
            break;
    }
    step = std::max<qreal>(1.0, step);
    m_values->setTickType(QValueAxis::TicksDynamic);
    m_values->setTickAnchor(0);
    m_values->setTickInterval(step);
    m_values->setRange(0, std::ceil(top * 1.15 / step) * step);
}

void CountBarChart::activate(int index)
{
    // index counts bars from the bottom (see setCounts).
    const qsizetype key = m_keys.size() - 1 - index;
    if (key >= 0 && key < m_keys.size())
        emit categoryActivated(m_keys.at(key));
}

} // namespace cc::ui
