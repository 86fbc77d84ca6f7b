#pragma once

#include "database/Database.h"

#include <QSqlDriver>

#include <libpq-fe.h>

namespace cc {

// The libpq connection behind a PostgreSQL Database, for what Qt's driver has no call for (the
// check's cursors, COPY). Qt names the handle's type by the struct behind libpq's typedef.
inline Result<PGconn*> postgresConnection(Database& db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return Error { ErrorCode::Sql, QStringLiteral("the PostgreSQL driver gave no handle") };
    return *static_cast<PGconn* const*>(handle.data());
}

} // namespace cc
