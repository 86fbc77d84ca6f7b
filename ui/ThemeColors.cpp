#include "ThemeColors.h"

#include <QApplication>
#include <QPalette>

namespace cc::ui {

namespace {
QPalette palette() { return QApplication::palette(); }
} // namespace

QColor ThemeColors::forStatus(const QString& status)
{
    if (status == u"healthy")
        return healthy();
    if (status == u"degraded")
        return degraded();
    if (status == u"critical" || status == u"error")
        return critical();
    return unknown();
}

QColor ThemeColors::environment(Environment environment)
{
    switch (environment) {
    case Environment::Production: return isDark() ? QColor(0xa7, 0x8b, 0xfa) : QColor(0x6d, 0x28, 0xd9); // violet
    case Environment::Staging: return isDark() ? QColor(0x60, 0xa5, 0xfa) : QColor(0x1d, 0x4e, 0xd8); // blue
    case Environment::Development: return isDark() ? QColor(0x94, 0xa3, 0xb8) : QColor(0x33, 0x41, 0x55); // slate
    }
    return QColor(0x33, 0x41, 0x55);
}

bool ThemeColors::isDark() { return palette().color(QPalette::Window).lightness() < 128; }
QColor ThemeColors::window() { return palette().color(QPalette::Window); }
QColor ThemeColors::base() { return palette().color(QPalette::Base); }
QColor ThemeColors::text() { return palette().color(QPalette::WindowText); }
QColor ThemeColors::mutedText() { return mix(text(), window(), 0.45); }
QColor ThemeColors::card() { return isDark() ? window().lighter(125) : base(); }
QColor ThemeColors::cardBorder() { return mix(text(), window(), 0.82); }
QColor ThemeColors::accent() { return palette().color(QPalette::Highlight); }
QColor ThemeColors::sidebar() { return isDark() ? window().darker(130) : mix(window(), text(), 0.06); }
QColor ThemeColors::differs() { return mix(base(), degraded(), isDark() ? 0.45 : 0.30); }
QColor ThemeColors::errorBanner() { return mix(base(), critical(), isDark() ? 0.45 : 0.18); }
QColor ThemeColors::infoBanner() { return mix(base(), healthy(), isDark() ? 0.40 : 0.16); }
QColor ThemeColors::markerRepair() { return accent(); }
QColor ThemeColors::markerInjection() { return mix(text(), window(), 0.2); }

QColor ThemeColors::textOn(const QColor& background)
{
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor ThemeColors::mix(const QColor& a, const QColor& b, double amountOfB)
{
    const double t = std::clamp(amountOfB, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace cc::ui
