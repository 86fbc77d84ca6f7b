#include "TableColumns.h"

#include <QHeaderView>
#include <QTableView>

namespace cc::ui {

void widenColumnsToTitles(QTableView* table)
{
    QHeaderView* header = table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        table->setColumnWidth(column, std::max(table->columnWidth(column), header->sectionSizeHint(column)));
}

} // namespace cc::ui
