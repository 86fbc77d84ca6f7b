#include "TableColumns.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolTip>

namespace cc::ui {

namespace {

// Paints as the default delegate; a cell whose text does not fit its width (elided "…") shows the
// whole text as its tooltip, unless the model gives a tooltip of its own.
class FullTextTipDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
        const QModelIndex& index) override
    {
        if (event->type() != QEvent::ToolTip || !index.isValid() || index.data(Qt::ToolTipRole).isValid())
            return QStyledItemDelegate::helpEvent(event, view, option, index);
        const QString text = index.data(Qt::DisplayRole).toString();
        if (!isCut(view, option, index, text)) {
            QToolTip::hideText();
            event->ignore();
            return false;
        }
        QToolTip::showText(event->globalPos(), text, view->viewport(), option.rect);
        return true;
    }

    static bool isCut(const QAbstractItemView* view, const QStyleOptionViewItem& option,
        const QModelIndex& index, const QString& text)
    {
        if (text.isEmpty())
            return false;
        QStyleOptionViewItem shown = option;
        shown.index = index;
        shown.text = text;
        shown.features |= QStyleOptionViewItem::HasDisplay;
        const QSize needed = view->style()->sizeFromContents(QStyle::CT_ItemViewItem, &shown, QSize(), view);
        return needed.width() > option.rect.width() || text.contains(u'\n');
    }
};

} // namespace

void widenColumnsToTitles(QTableView* table)
{
    QHeaderView* header = table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        table->setColumnWidth(column, std::max(table->columnWidth(column), header->sectionSizeHint(column)));
}

void showFullTextOfCutCells(QTableView* table)
{
    table->setItemDelegate(new FullTextTipDelegate(table));
}

bool isCellCut(const QTableView* table, const QModelIndex& index)
{
    QStyleOptionViewItem option;
    option.initFrom(table->viewport());
    option.font = table->font();
    option.fontMetrics = table->fontMetrics();
    option.rect = table->visualRect(index);
    option.decorationSize = table->iconSize();
    return FullTextTipDelegate::isCut(table, option, index, index.data(Qt::DisplayRole).toString());
}

} // namespace cc::ui
