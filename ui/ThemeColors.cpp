#include "ThemeColors.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>
#include <QPointer>
#include <QWidget>

namespace cc::ui {

namespace {
QPalette palette()
{
    return QApplication::palette();
}

struct PaletteColours {
    QColor window, windowText, base, alternateBase, text, button, buttonText, highlight, highlightedText,
        link, linkVisited, toolTipBase, toolTipText, placeholder, brightText, disabledText;
};

// Every role of every group set explicitly, so the palette wins over a platform theme's palette
// (QApplication::setPalette resolves unset roles against the platform's).
QPalette build(const PaletteColours& c, bool dark)
{
    QPalette p;
    const QColor light = dark ? c.button.lighter(150) : QColor(Qt::white);
    const QColor midlight = dark ? c.button.lighter(125) : c.button.lighter(106);
    const QColor mid = dark ? c.button.darker(120) : c.button.darker(135);
    const QColor shadowed = dark ? c.button.darker(180) : c.button.darker(160);
    const QColor shadow = dark ? QColor(0, 0, 0) : QColor(0x5a, 0x5a, 0x5a);
    for (QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive, QPalette::Disabled }) {
        const bool disabled = group == QPalette::Disabled;
        p.setColor(group, QPalette::Window, c.window);
        p.setColor(group, QPalette::WindowText, disabled ? c.disabledText : c.windowText);
        p.setColor(group, QPalette::Base, disabled ? c.window : c.base);
        p.setColor(group, QPalette::AlternateBase, c.alternateBase);
        p.setColor(group, QPalette::Text, disabled ? c.disabledText : c.text);
        p.setColor(group, QPalette::Button, c.button);
        p.setColor(group, QPalette::ButtonText, disabled ? c.disabledText : c.buttonText);
        p.setColor(group, QPalette::BrightText, c.brightText);
        p.setColor(group, QPalette::Light, light);
        p.setColor(group, QPalette::Midlight, midlight);
        p.setColor(group, QPalette::Mid, mid);
        p.setColor(group, QPalette::Dark, shadowed);
        p.setColor(group, QPalette::Shadow, shadow);
        p.setColor(group, QPalette::Highlight,
            disabled ? ThemeColors::mix(c.highlight, c.window, 0.5) : c.highlight);
        p.setColor(group, QPalette::HighlightedText, c.highlightedText);
        p.setColor(group, QPalette::Link, c.link);
        p.setColor(group, QPalette::LinkVisited, c.linkVisited);
        p.setColor(group, QPalette::ToolTipBase, c.toolTipBase);
        p.setColor(group, QPalette::ToolTipText, c.toolTipText);
        p.setColor(group, QPalette::PlaceholderText, c.placeholder);
        p.setColor(group, QPalette::NoRole, QColor());
    }
    return p;
}

// The one listener for palette changes: an event filter on the application object, which receives
// QEvent::ApplicationPaletteChange after every QApplication::setPalette and desktop theme change.
class ThemeRelay final : public QObject {
public:
    static ThemeRelay* instance()
    {
        static QPointer<ThemeRelay> relay;
        if (!relay) {
            relay = new ThemeRelay(QCoreApplication::instance());
            QCoreApplication::instance()->installEventFilter(relay);
        }
        return relay;
    }

    void add(QObject* context, bool styleSheet, std::function<void()> restyle)
    {
        m_entries.removeIf([context, styleSheet](const Entry& entry) {
            return entry.context.isNull() || (styleSheet && entry.styleSheet && entry.context == context);
        });
        m_entries.append({ context, styleSheet, std::move(restyle) });
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange && watched == QCoreApplication::instance())
            themeChanged();
        return false;
    }

private:
    using QObject::QObject;

    struct Entry {
        QPointer<QObject> context;
        bool styleSheet = false;
        std::function<void()> restyle;
    };

    void themeChanged()
    {
        const QWidgetList widgets = QApplication::allWidgets();
        for (QWidget* widget : widgets) {
            if (!widget->styleSheet().isEmpty())
                widget->setStyleSheet(widget->styleSheet()); // re-polish against the new palette
        }
        m_entries.removeIf([](const Entry& entry) { return entry.context.isNull(); });
        const QList<Entry> entries = m_entries; // a callback may register more
        for (const Entry& entry : entries) {
            if (entry.context)
                entry.restyle();
        }
    }

    QList<Entry> m_entries;
};
} // namespace

QColor ThemeColors::forStatus(RunStatus status)
{
    switch (status) {
    case RunStatus::Healthy:
        return healthy();
    case RunStatus::Degraded:
        return degraded();
    case RunStatus::Critical:
    case RunStatus::Error:
        return critical();
    case RunStatus::NoData:
    case RunStatus::Cancelled:
    case RunStatus::Running:
    case RunStatus::Abandoned:
        return unknown();
    }
    return unknown();
}

QColor ThemeColors::environment(Environment environment)
{
    switch (environment) {
    case Environment::Production:
        return isDark() ? QColor(0xa7, 0x8b, 0xfa) : QColor(0x6d, 0x28, 0xd9); // violet
    case Environment::Staging:
        return isDark() ? QColor(0x60, 0xa5, 0xfa) : QColor(0x1d, 0x4e, 0xd8); // blue
    case Environment::Development:
        return isDark() ? QColor(0x94, 0xa3, 0xb8) : QColor(0x33, 0x41, 0x55); // slate
    }
    return QColor(0x33, 0x41, 0x55);
}

bool ThemeColors::isDark()
{
    return palette().color(QPalette::Window).lightness() < 128;
}
QColor ThemeColors::window()
{
    return palette().color(QPalette::Window);
}
QColor ThemeColors::base()
{
    return palette().color(QPalette::Base);
}
QColor ThemeColors::text()
{
    return palette().color(QPalette::WindowText);
}
QColor ThemeColors::mutedText()
{
    return mix(text(), window(), 0.45);
}
QColor ThemeColors::card()
{
    return isDark() ? window().lighter(125) : base();
}
QColor ThemeColors::cardBorder()
{
    return mix(text(), window(), 0.82);
}
QColor ThemeColors::accent()
{
    return palette().color(QPalette::Highlight);
}
QColor ThemeColors::sidebar()
{
    return isDark() ? window().darker(130) : mix(window(), text(), 0.06);
}
QColor ThemeColors::differs()
{
    return mix(base(), degraded(), isDark() ? 0.45 : 0.30);
}
QColor ThemeColors::errorBanner()
{
    return mix(base(), critical(), isDark() ? 0.45 : 0.18);
}
QColor ThemeColors::infoBanner()
{
    return mix(base(), healthy(), isDark() ? 0.40 : 0.16);
}
QColor ThemeColors::markerRepair()
{
    return QColor(0x8b, 0x5c, 0xf6);
}
QColor ThemeColors::markerInjection()
{
    return QColor(0xec, 0x48, 0x99);
}

QColor ThemeColors::textOn(const QColor& background)
{
    const double luminance
        = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor ThemeColors::mix(const QColor& a, const QColor& b, double amountOfB)
{
    const double t = std::clamp(amountOfB, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
        float(a.greenF() * (1 - t) + b.greenF() * t), float(a.blueF() * (1 - t) + b.blueF() * t));
}

QPalette ThemeColors::lightPalette()
{
    PaletteColours c;
    c.window = QColor(0xf2, 0xf3, 0xf5);
    c.windowText = QColor(0x1f, 0x23, 0x28);
    c.base = QColor(Qt::white);
    c.alternateBase = QColor(0xf6, 0xf7, 0xf9);
    c.text = c.windowText;
    c.button = QColor(0xf2, 0xf3, 0xf5);
    c.buttonText = c.windowText;
    c.highlight = QColor(0x25, 0x63, 0xeb);
    c.highlightedText = QColor(Qt::white);
    c.link = QColor(0x1d, 0x4e, 0xd8);
    c.linkVisited = QColor(0x6d, 0x28, 0xd9);
    c.toolTipBase = QColor(0xff, 0xff, 0xe1);
    c.toolTipText = QColor(Qt::black);
    c.placeholder = QColor(0x6b, 0x72, 0x80);
    c.brightText = QColor(Qt::white);
    c.disabledText = QColor(0x9c, 0xa3, 0xaf);
    return build(c, false);
}

QPalette ThemeColors::darkPalette()
{
    PaletteColours c;
    c.window = QColor(0x24, 0x26, 0x2b);
    c.windowText = QColor(0xe5, 0xe7, 0xeb);
    c.base = QColor(0x1b, 0x1d, 0x21);
    c.alternateBase = QColor(0x26, 0x29, 0x2e);
    c.text = c.windowText;
    c.button = QColor(0x30, 0x33, 0x39);
    c.buttonText = c.windowText;
    c.highlight = QColor(0x3b, 0x82, 0xf6);
    c.highlightedText = QColor(Qt::white);
    c.link = QColor(0x60, 0xa5, 0xfa);
    c.linkVisited = QColor(0xa7, 0x8b, 0xfa);
    c.toolTipBase = QColor(0x30, 0x33, 0x39);
    c.toolTipText = c.windowText;
    c.placeholder = QColor(0x8b, 0x91, 0x9a);
    c.brightText = QColor(0xff, 0x6b, 0x6b);
    c.disabledText = QColor(0x6b, 0x70, 0x78);
    return build(c, true);
}

void ThemeColors::onThemeChange(QObject* context, std::function<void()> restyle)
{
    ThemeRelay::instance()->add(context, false, std::move(restyle));
}

void ThemeColors::setStyleSheet(QWidget* widget, std::function<QString()> build)
{
    widget->setStyleSheet(build());
    ThemeRelay::instance()->add(
        widget, true, [widget, build = std::move(build)] { widget->setStyleSheet(build()); });
}

} // namespace cc::ui
