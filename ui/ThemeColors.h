#pragma once

#include "Permissions.h"

#include <QColor>
#include <QString>

namespace cc::ui {

// The one place colours come from. Health colours are the platform's (DOMAIN.md §3); everything
// else is derived from the application palette so a dark theme needs no code change.
class ThemeColors final {
public:
    ThemeColors() = delete;

    static QColor healthy() { return QColor(0x10, 0xb9, 0x81); }
    static QColor degraded() { return QColor(0xf5, 0x9e, 0x0b); }
    static QColor critical() { return QColor(0xef, 0x44, 0x44); }
    static QColor unknown() { return QColor(0x9c, 0xa3, 0xaf); }
    // healthy, degraded, critical; anything else (no_data, error, cancelled, running) is grey,
    // except error, which is critical red.
    static QColor forStatus(const QString& status);

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
    static QColor markerRepair();
    static QColor markerInjection();
    // Black or white, whichever reads better on `background`.
    static QColor textOn(const QColor& background);
    static QColor mix(const QColor& a, const QColor& b, double amountOfB);
};

} // namespace cc::ui
