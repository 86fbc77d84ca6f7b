#pragma once

#include "check/HealthReport.h"
#include "session/Permissions.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <functional>

class QWidget;

namespace cc::ui {

// The one place colours come from. Health colours are the platform's (docs/PLATFORM.md §3) and the same in
// both themes (mid-tone, recognisable on a light and a dark background); everything else is derived
// from the application palette, so it follows a theme switch (see Appearance). Qt 6.4 has no
// QStyleHints::colorScheme: "dark" is read from the palette's window colour.
class ThemeColors final {
public:
    ThemeColors() = delete;

    static QColor healthy() { return QColor(0x10, 0xb9, 0x81); }
    static QColor degraded() { return QColor(0xf5, 0x9e, 0x0b); }
    static QColor critical() { return QColor(0xef, 0x44, 0x44); }
    static QColor unknown() { return QColor(0x9c, 0xa3, 0xaf); }
    // healthy, degraded, critical; anything else (no_data, error, cancelled, running) is grey,
    // except error, which is critical red.
    static QColor forStatus(RunStatus status);

    // Environment chips deliberately avoid the health colours.
    static QColor environment(Environment environment);

    static bool isDark();
    static QColor window();
    static QColor base();
    static QColor text();
    static QColor mutedText();
    static QColor card();
    static QColor cardBorder();
    static QColor accent();
    static QColor sidebar();
    // Background of a field that differs between progress and license.
    static QColor differs();
    static QColor errorBanner();
    static QColor infoBanner();
    // The rate chart's change markers: violet and pink, fixed like the health colours (mid-tone, on a
    // light and a dark card alike), apart from the accent the rate line takes and from each other.
    static QColor markerRepair();
    static QColor markerInjection();
    // Black or white, whichever reads better on `background`.
    static QColor textOn(const QColor& background);
    static QColor mix(const QColor& a, const QColor& b, double amountOfB);

    // The explicit palettes of the Light and Dark themes (every role set, for the Fusion style).
    static QPalette lightPalette();
    static QPalette darkPalette();

    // Calls `restyle` after every application palette change (a theme switch in Settings or on the
    // desktop) for as long as `context` lives. Qt sends QEvent::ApplicationPaletteChange only to the
    // application and its windows, and stops palette propagation at widgets styled by a style sheet;
    // so on each change every widget with a style sheet is re-polished (the roles its sheet does not
    // set follow the new palette), then these callbacks run. GUI thread only.
    static void onThemeChange(QObject* context, std::function<void()> restyle);
    // Sets `widget`'s style sheet from `build` now and again after every theme change, for style
    // sheets that embed colours from here. A second call for the same widget replaces the first.
    static void setStyleSheet(QWidget* widget, std::function<QString()> build);
};

} // namespace cc::ui
