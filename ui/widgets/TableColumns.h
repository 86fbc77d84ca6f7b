#pragma once

class QModelIndex;
class QTableView;

namespace cc::ui {

// Widens every column of the table that is narrower than its own title (and sort arrow) needs, so
// no translation cuts a column's title; wider columns keep their width.
void widenColumnsToTitles(QTableView* table);
// Keeps every column on screen when the table is narrower than its columns' widths (1024 px
// windows): the columns narrow by one ratio, none below its title, and get their widths back when
// the table widens. A width set by code or by dragging is the
// column's wish from then on; a stretched last column keeps at least its title and 160 px.
void keepColumnsInView(QTableView* table);
// A cell too narrow for its text (shown cut, with "…") gets the whole text as its tooltip.
void showFullTextOfCutCells(QTableView* table);
// Whether the cell's text is wider than the cell (what the tooltip above follows).
bool isCellCut(const QTableView* table, const QModelIndex& index);

} // namespace cc::ui
