#pragma once

#include "schema/RowJson.h"

#include <QSqlQuery>

#include <optional>

namespace cc {

// Reading values out of rows and query results.
qint64 rowId(const Row& row);
// The names of a result's columns; read them before next() (positioned, QSqlQuery::record() also
// copies the row's values), once for all the rows.
QStringList columnNames(const QSqlQuery& query);
// The row a query is positioned on, every column by name.
Row currentRow(const QSqlQuery& query, const QStringList& columns);
std::optional<qint64> rowInt(const Row& row, const QString& column);

} // namespace cc
