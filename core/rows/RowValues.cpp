#include "rows/RowValues.h"
#include "rows/PlatformTables.h"

#include <QSqlRecord>

namespace cc {

qint64 rowId(const Row& row)
{
    return row.value(column::id).toLongLong();
}

std::optional<qint64> rowInt(const Row& row, const QString& column)
{
    const QVariant value = row.value(column);
    if (value.isNull() || !value.isValid())
        return std::nullopt;
    return value.toLongLong();
}

QStringList columnNames(const QSqlQuery& query)
{
    const QSqlRecord record = query.record();
    QStringList names;
    names.reserve(record.count());
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i));
    return names;
}

Row currentRow(const QSqlQuery& query, const QStringList& columns)
{
    Row row;
    for (int i = 0; i < columns.size(); ++i)
        row.insert(columns.at(i), query.value(i));
    return row;
}

} // namespace cc
