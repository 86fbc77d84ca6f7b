#pragma once

class QModelIndex;
class QTableView;

namespace cc::ui {

// Widens every column of the table that is narrower than its own title (and sort arrow) needs, so
// no translation cuts a column's title; wider columns keep their width.
void widenColumnsToTitles(QTableView* table);
// A cell too narrow for its text (shown cut, with "…") gets the whole text as its tooltip.
void showFullTextOfCutCells(QTableView* table);
// Whether the cell's text is wider than the cell (what the tooltip above follows).
bool isCellCut(const QTableView* table, const QModelIndex& index);

} // namespace cc::ui
