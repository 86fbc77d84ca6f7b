#pragma once

#include <QChartView>

namespace cc::ui {

// A chart view that follows the application theme: Qt Charts' dark theme on a dark palette, the
// light theme otherwise, with the background, title, legend and axis labels taken from ThemeColors.
// QChart::setTheme resets every series' colours, so a subclass re-colours its series in
// recolourSeries(), called after each theme change (ThemeColors::onThemeChange, which follows
// QEvent::ApplicationPaletteChange, and QEvent::PaletteChange of the view). A subclass calls
// applyTheme() once at the end of its constructor.
class ThemedChartView : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemedChartView)

public:
    explicit ThemedChartView(QWidget* parent = nullptr);

    // ChartThemeDark or ChartThemeLight, whichever the palette asks for.
    static QChart::ChartTheme chartTheme();

protected:
    void applyTheme();
    virtual void recolourSeries() = 0;
    void changeEvent(QEvent* event) override;
};

} // namespace cc::ui
