#include "Appearance.h"

#include "ThemeColors.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>

namespace cc::ui {

namespace {
const auto themeSetting = QStringLiteral("ui/theme");

// The style the platform chose, remembered before the first switch to Fusion.
QString platformStyleName()
{
    static const QString name = QApplication::style()->name();
    return name;
}

void useStyle(const QString& name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(name);
}
} // namespace

Appearance::Theme Appearance::savedTheme()
{
    return themeFromKey(QSettings().value(themeSetting).toString());
}

void Appearance::setTheme(Theme theme)
{
    QSettings().setValue(themeSetting, key(theme));
    apply(theme);
}

void Appearance::apply(Theme theme)
{
    const QString platformStyle = platformStyleName();
    switch (theme) {
    case Theme::System:
        useStyle(platformStyle);
        // A palette with no role set resolves to the platform theme's palette, or the style's
        // standard palette where the platform has none (Qt 6 basePalette).
        QApplication::setPalette(QPalette());
        break;
    case Theme::Light:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(ThemeColors::lightPalette());
        break;
    case Theme::Dark:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(ThemeColors::darkPalette());
        break;
    }
}

QString Appearance::key(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

Appearance::Theme Appearance::themeFromKey(const QString& key)
{
    if (key == u"light")
        return Theme::Light;
    if (key == u"dark")
        return Theme::Dark;
    return Theme::System;
}

} // namespace cc::ui
