#include "MetricCard.h"

#include <QKeyEvent>
#include <QMouseEvent>

#include "ThemeColors.h"

#include <QLabel>
#include <QVBoxLayout>

namespace cc::ui {

MetricCard::MetricCard(const QString& objectName, const QString& caption, QWidget* parent)
    : QFrame(parent)
{
    setObjectName(objectName);
    setMinimumWidth(150);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    m_caption = new QLabel(caption, this);
    m_value = new QLabel(QStringLiteral("—"), this);
    m_value->setObjectName(objectName + QStringLiteral("Value"));
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    m_value->setFont(big);
    m_note = new QLabel(this);
    m_note->setObjectName(objectName + QStringLiteral("Note"));
    m_caption->setWordWrap(true);
    m_note->setWordWrap(true);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_note);
    setAccessibleName(caption);
    setAccessibleDescription(m_value->text());
    restyle();
    ThemeColors::onThemeChange(this, [this] { restyle(); });
}

void MetricCard::setValue(const QString& value, const QString& note)
{
    m_value->setText(value);
    m_note->setText(note);
    setAccessibleDescription(note.isEmpty() ? value : tr("%1, %2").arg(value, note));
}

QString MetricCard::value() const
{
    return m_value->text();
}

void MetricCard::restyle()
{
    setStyleSheet(
        QStringLiteral("cc--ui--MetricCard { background: %1; border: 1px solid %2; border-radius: 8px; }")
            .arg(ThemeColors::card().name(), ThemeColors::cardBorder().name()));
    m_caption->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColors::mutedText().name()));
    m_note->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColors::mutedText().name()));
}

void MetricCard::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit activated();
}

void MetricCard::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit activated();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace cc::ui
