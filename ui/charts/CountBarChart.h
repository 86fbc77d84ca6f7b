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

signals:
    void categoryActivated(const QString& key);

protected:
    void recolourSeries() override;

private:
    QHorizontalBarSeries* m_series = nullptr;
    QBarSet* m_set = nullptr;
    QBarCategoryAxis* m_categories = nullptr;
    QValueAxis* m_values = nullptr;
    QStringList m_keys;
    QString m_title;
};

} // namespace cc::ui
