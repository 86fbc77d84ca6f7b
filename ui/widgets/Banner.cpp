#include "Banner.h"

#include "ThemeColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace cc::ui {

Banner::Banner(const QString& objectName, Tone tone, QWidget* parent)
    : QFrame(parent)
    , m_tone(tone)
{
    setObjectName(objectName);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    m_text = new QLabel(this);
    m_text->setObjectName(objectName + QStringLiteral("Text"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action = new QPushButton(this);
    m_action->setObjectName(objectName + QStringLiteral("Action"));
    m_action->hide();
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    connect(m_action, &QPushButton::clicked, this, &Banner::actionClicked);
    ThemeColors::setStyleSheet(this, [tone] {
        const QColor background = tone == Tone::Error ? ThemeColors::errorBanner()
            : tone == Tone::Good                      ? ThemeColors::infoBanner()
                                                      : ThemeColors::card();
        const QColor border = tone == Tone::Error ? ThemeColors::critical()
            : tone == Tone::Good                  ? ThemeColors::healthy()
                                                  : ThemeColors::cardBorder();
        return QStringLiteral("cc--ui--Banner { background: %1; border: 1px solid %2; border-radius: 6px; }")
            .arg(background.name(), border.name());
    });
    hide();
}

void Banner::showMessage(const QString& message)
{
    m_text->setText(message);
    show();
}

void Banner::setActionText(const QString& text)
{
    m_action->setText(text);
    m_action->setVisible(!text.isEmpty());
}

QString Banner::message() const
{
    return m_text->text();
}

} // namespace cc::ui
