#include "SideBarBadges.h"

#include "ThemeColors.h"

#include <QPainter>

namespace cc::ui {

void SideBarBadges::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QString text = index.data(BadgeTextRole).toString();
    const auto colour = index.data(BadgeColorRole).value<QColor>();
    if (!colour.isValid())
        return;
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    const QFontMetrics metrics(font);
    // A dot without a text; inside the item's rounded highlight (the items have a 6 px margin).
    const int height = text.isEmpty() ? 10 : metrics.height() + 2;
    const int width = text.isEmpty() ? height : std::max(height, metrics.horizontalAdvance(text) + 10);
    const QRect pill(option.rect.right() - 12 - width, option.rect.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(ThemeColors::textOn(colour));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace cc::ui
