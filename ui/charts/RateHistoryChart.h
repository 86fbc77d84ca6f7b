#pragma once

#include "Session.h"
#include "charts/ThemedChartView.h"

#include <QDateTime>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace cc::ui {

struct RatePoint {
    QDateTime at;
    double rate = 0; // percent
};

struct ChangeMarker {
    QDateTime at;
    bool injection = false; // else a repair or another write
};

// Consistency rate over time from stored runs, with the two threshold lines and markers where
// repairs or injections happened. Series are updated with replace(), never point by point. The
// threshold lines keep the health colours in both themes; the rate line takes the accent colour.
// The accessible description sums it up in words: how many runs, the latest rate.
class RateHistoryChart final : public ThemedChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateHistoryChart)

public:
    explicit RateHistoryChart(QWidget* parent = nullptr);

    void setHistory(const QList<RatePoint>& points, const QList<ChangeMarker>& markers,
        const Thresholds& thresholds, const QDateTime& from, const QDateTime& to);
    QLineSeries* rateSeries() const { return m_rate; }
    QScatterSeries* markerSeries() const { return m_repairs; }

protected:
    void recolourSeries() override;

private:
    QLineSeries* m_rate = nullptr;
    QScatterSeries* m_points = nullptr;
    QLineSeries* m_healthy = nullptr;
    QLineSeries* m_degraded = nullptr;
    QScatterSeries* m_repairs = nullptr;
    QScatterSeries* m_injections = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_value = nullptr;
};

} // namespace cc::ui
