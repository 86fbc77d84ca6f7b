#include "StatusBadge.h"

#include <QKeyEvent>
#include <QMouseEvent>

#include "ThemeColors.h"
#include "Wording.h"

namespace cc::ui {

StatusBadge::StatusBadge(QWidget* parent)
    : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.25);
    setFont(bold);
    setMinimumWidth(150);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Health status"));
    restyle();
    ThemeColors::onThemeChange(this, [this] { restyle(); });
}

void StatusBadge::setStatus(RunStatus status)
{
    m_status = status;
    restyle();
}

void StatusBadge::restyle()
{
    const QColor background = ThemeColors::forStatus(m_status);
    setText(Wording::status(m_status));
    setAccessibleDescription(text());
    setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 14px; padding: 6px 18px; }")
            .arg(background.name(), ThemeColors::textOn(background).name()));
}

void StatusBadge::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit activated();
}

void StatusBadge::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit activated();
        return;
    }
    QLabel::keyPressEvent(event);
}

} // namespace cc::ui
