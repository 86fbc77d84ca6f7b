#pragma once

#include <QString>

namespace cc::ui {

// The colour theme the user chose (QSettings "ui/theme": system, light or dark) and its effect on
// the running application: System keeps the platform's style and palette, Light and Dark set the
// Fusion style with ThemeColors' palettes. A switch applies at once: widgets that embed colours
// re-colour themselves through ThemeColors::onThemeChange. GUI thread only.
class Appearance final {
public:
    enum class Theme { System, Light, Dark };

    Appearance() = delete;

    static Theme savedTheme();
    // Saves the choice and applies it now.
    static void setTheme(Theme theme);
    static void apply(Theme theme);

    static QString key(Theme theme); // "system", "light", "dark"
    static Theme themeFromKey(const QString& key); // unknown: System
};

} // namespace cc::ui
