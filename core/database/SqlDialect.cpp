#include "database/SqlDialect.h"

#include "database/Database.h"

namespace cc {

Result<qint64> SqlDialect::number(Database& db, const QString& sql, const QVariantList& binds)
{
    auto value = db.scalar(sql, binds);
    if (!value)
        return value.error();
    return value->toLongLong();
}

Result<bool> SqlDialect::isPositive(Database& db, const QString& sql, const QVariantList& binds)
{
    auto value = number(db, sql, binds);
    if (!value)
        return value.error();
    return *value > 0;
}

QString SqlDialect::placeholders(const QVariantList& binds)
{
    return QStringList(binds.size(), QStringLiteral("?")).join(QStringLiteral(", "));
}

QString SqlDialect::joined(const QList<qint64>& ids)
{
    QString list;
    for (qint64 id : ids)
        list += (list.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(id);
    return list;
}

} // namespace cc
