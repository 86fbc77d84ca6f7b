#pragma once

#include <QStyledItemDelegate>

namespace cc::ui {

// The side bar's badges: a page's item may carry a colour (BadgeColorRole), drawn at its right end
// as a dot, or as a pill around a short text (BadgeTextRole), so what the dashboard found shows from
// every page (the status's colour on the dashboard's item, the violations' count on theirs).
class SideBarBadges final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SideBarBadges)

public:
    enum Role { BadgeTextRole = Qt::UserRole + 1, BadgeColorRole };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace cc::ui
