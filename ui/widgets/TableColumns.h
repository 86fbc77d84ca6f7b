#pragma once

class QTableView;

namespace cc::ui {

// Widens every column of the table that is narrower than its own title (and sort arrow) needs, so
// no translation cuts a column's title; wider columns keep their width.
void widenColumnsToTitles(QTableView* table);

} // namespace cc::ui
