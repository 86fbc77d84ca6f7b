#include "TableColumns.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QScopedValueRollback>
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

// What keepColumnsInView() installs: it watches the viewport's size and the columns' widths.
class ColumnFitter final : public QObject {
public:
    explicit ColumnFitter(QTableView* table)
        : QObject(table)
        , m_table(table)
    {
        QHeaderView* header = table->horizontalHeader();
        for (int column = 0; column < header->count(); ++column)
            m_wished.append(header->sectionSize(column));
        table->viewport()->installEventFilter(this);
        connect(header, &QHeaderView::sectionResized, this, [this](int column, int, int size) {
            if (m_fitting || column >= m_wished.size())
                return;
            m_wished[column] = size;
            // While a column is dragged the others stay put; a width set by code is fitted at once.
            if (QGuiApplication::mouseButtons() == Qt::NoButton)
                fitLater();
        });
        connect(header, &QHeaderView::sectionCountChanged, this, [this](int, int count) {
            m_wished.resize(count, m_table->horizontalHeader()->defaultSectionSize());
            fitLater();
        });
        fitLater();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize)
            fitLater();
        return QObject::eventFilter(watched, event);
    }

private:
    void fitLater()
    {
        if (!m_pending) {
            m_pending = true;
            QMetaObject::invokeMethod(this, &ColumnFitter::fit, Qt::QueuedConnection);
        }
    }

    void fit()
    {
        m_pending = false;
        QHeaderView* header = m_table->horizontalHeader();
        const int last = header->stretchLastSection() ? header->logicalIndex(header->count() - 1) : -1;
        int room = m_table->viewport()->width();
        QList<int> flexible;
        for (int column = 0; column < int(m_wished.size()); ++column) {
            if (header->isSectionHidden(column))
                continue;
            if (column == last)
                room -= std::max(header->sectionSizeHint(column), 160);
            else
                flexible.append(column);
        }
        // Every column narrowed by the same ratio; one that would fall below its title keeps the
        // title's width and the others share what is left.
        QList<int> atTitle;
        double ratio = 1.0;
        for (bool pinned = true; pinned;) {
            pinned = false;
            int wished = 0;
            int titles = 0;
            for (const int column : std::as_const(flexible)) {
                if (atTitle.contains(column))
                    titles += floorOf(column);
                else
                    wished += m_wished.at(column);
            }
            ratio = wished > 0 ? std::min(1.0, double(std::max(0, room - titles)) / wished) : 1.0;
            for (const int column : std::as_const(flexible)) {
                if (!atTitle.contains(column) && m_wished.at(column) * ratio < floorOf(column)) {
                    atTitle.append(column);
                    pinned = true;
                }
            }
        }
        const QScopedValueRollback fitting(m_fitting, true);
        for (const int column : std::as_const(flexible))
            header->resizeSection(
                column, atTitle.contains(column) ? floorOf(column) : int(m_wished.at(column) * ratio));
    }

    int floorOf(int column) const
    {
        return std::min(m_wished.at(column), m_table->horizontalHeader()->sectionSizeHint(column));
    }

    QTableView* m_table;
    QList<int> m_wished; // per logical column: the width code or the person gave it
    bool m_fitting = false;
    bool m_pending = false;
};

} // namespace

void keepColumnsInView(QTableView* table)
{
    new ColumnFitter(table);
}

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
