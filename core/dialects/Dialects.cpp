// SqlDialect::of: the one place that knows every implementation, so that database/ (the
// interface) includes no dialect and the dialects sit above the layers they serve.
#include "dialects/PostgresDialect.h"
#include "dialects/SqliteDialect.h"

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

} // namespace cc
