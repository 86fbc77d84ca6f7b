#include "SqlDialect.h"

#include "PostgresDialect.h"
#include "SqliteDialect.h"

#include "Database.h"

namespace cc {

const SqlDialect& SqlDialect::of(Engine engine)
{
    static const SqliteDialect sqlite;
    static const PostgresDialect postgres;
    switch (engine) {
    case Engine::SQLite:
        return sqlite;
    case Engine::PostgreSQL:
        return postgres;
    }
    Q_UNREACHABLE();
    return sqlite;
}

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
