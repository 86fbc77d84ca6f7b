#pragma once

#include "session/Session.h"

#include <QRectF>
#include <QWidget>

#include <optional>

class QLabel;

namespace cc::ui {

// A semicircle from 0 to 100 % with coloured bands at the run's thresholds (critical, degraded,
// healthy), a needle at the consistency rate and a three-item legend underneath. Its accessible
// name is "Consistency gauge"; the description reads the rate, the status and the thresholds and
// follows every new reading.
class ConsistencyGauge final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsistencyGauge)

public:
    explicit ConsistencyGauge(QWidget* parent = nullptr);

    void setReading(std::optional<qint64> rateHundredths, const Thresholds& thresholds);
    std::optional<qint64> rate() const { return m_rate; }
    QSize sizeHint() const override { return { 300, 220 }; }

    // Where the dial is drawn at the current size: the needle turns about `pivot` within `radius`
    // (above it); the percentage is written in `value`, below the pivot, so the needle never crosses it.
    struct Geometry {
        QPointF pivot;
        double radius = 0;
        double thickness = 0;
        QRectF value;
    };
    Geometry geometry() const;

protected:
    void paintEvent(QPaintEvent* event) override; // colours are read from ThemeColors at paint time

private:
    void updateLegend();
    void updateAccessibleText();
    QFont valueFont(double radius) const;
    double lowerBound() const; // the scale's left end, in percent

    std::optional<qint64> m_rate;
    Thresholds m_thresholds;
    QLabel* m_legend[3] = {};
    QWidget* m_dial = nullptr;
};

} // namespace cc::ui
