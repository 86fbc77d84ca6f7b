#pragma once

#include "audit/AuditLog.h"
#include "charts/ThemedChartView.h"
#include "check/DashboardSnapshot.h"
#include "session/Session.h"

#include <QDateTime>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace cc::ui {

// Consistency rate over time from stored runs, with the two threshold lines and a marker for each
// bucket of changes (AuditLog::changeBuckets): repairs and other changes in one series, injections
// in another, each in a colour of its own. A marker sits inside the plot, never cut at its edges;
// hovering it names what happened and when, clicking it asks for those audit entries
// (changesActivated). Series are updated with replace(), never point by point. The threshold lines
// keep the health colours in both themes; the rate line takes the accent colour. The accessible
// description sums it up in words: how many runs, the latest rate.
class RateHistoryChart final : public ThemedChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateHistoryChart)

public:
    explicit RateHistoryChart(QWidget* parent = nullptr);

    void setHistory(const QList<RatePoint>& points, const QList<AuditChangeBucket>& changes,
        const Thresholds& thresholds, const QDateTime& from, const QDateTime& to);
    QLineSeries* rateSeries() const { return m_rate; }
    QScatterSeries* repairSeries() const { return m_repairs; }
    QScatterSeries* injectionSeries() const { return m_injections; }
    // The bucket of the marker of `series` nearest to `point`; nullptr when the series has none.
    const AuditChangeBucket* bucketAt(const QScatterSeries* series, const QPointF& point) const;
    // What a marker's tooltip says: the bucket's time and each action's entries and batches.
    QString describe(const AuditChangeBucket& bucket) const;

signals:
    // A marker was clicked: the audit entries of its bucket are asked for.
    void changesActivated(const cc::AuditChangeBucket& bucket);

protected:
    void recolourSeries() override;

private:
    QScatterSeries* addMarkerSeries(const QString& objectName, const QString& name);
    // Places the markers inside the plot area (again after it changes size).
    void placeMarkers();
    void showToolTip(const QScatterSeries* series, const QPointF& point, bool hovered);

    QLineSeries* m_rate = nullptr;
    QScatterSeries* m_points = nullptr;
    QLineSeries* m_healthy = nullptr;
    QLineSeries* m_degraded = nullptr;
    QScatterSeries* m_repairs = nullptr;
    QScatterSeries* m_injections = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_value = nullptr;
    QList<AuditChangeBucket> m_changes; // in the order of m_repairs' points
    QList<AuditChangeBucket> m_injected; // in the order of m_injections' points
    QString m_timeFormat;
};

} // namespace cc::ui
