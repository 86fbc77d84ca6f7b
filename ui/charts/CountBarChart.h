#pragma once

#include "charts/ThemedChartView.h"

#include <QList>
#include <QStringList>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;

namespace cc::ui {

// Counts per category as horizontal bars (violations by kind, by track), in the critical colour in
// both themes. Clicking a bar emits the category's key (the kind or track name, not its label).
// The title is the accessible name; the description lists every category with its count.
class CountBarChart final : public ThemedChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CountBarChart)

public:
    CountBarChart(const QString& objectName, const QString& title, QWidget* parent = nullptr);

    void setCounts(const QStringList& keys, const QStringList& labels, const QList<qreal>& counts);
    QBarSet* barSet() const { return m_set; }
    QStringList keys() const { return m_keys; }
    // The same as a click on the bar at `index` (for keyboard users and tests).
    void activate(int index);
    // The category labels as drawn, top-down: a label wider than about a third of the chart is
    // elided ("Specialization wi…"); the bar's tooltip gives it whole.
    QStringList shownLabels() const;
    // The tooltip of the bar at `row` (top-down): the whole label and its count.
    QString barToolTip(int row) const;

signals:
    void categoryActivated(const QString& key);

protected:
    void recolourSeries() override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyLabels();

    QHorizontalBarSeries* m_series = nullptr;
    QBarSet* m_set = nullptr;
    QBarCategoryAxis* m_categories = nullptr;
    QValueAxis* m_values = nullptr;
    QStringList m_keys;
    QStringList m_labels; // whole, top-down
    QList<qreal> m_counts; // top-down
    QString m_title;
};

} // namespace cc::ui
