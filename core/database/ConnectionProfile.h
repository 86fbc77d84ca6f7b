#pragma once

#include "base/Result.h"

#include <QString>

namespace cc {

// The database engine a profile names; what differs between them is SqlDialect's.
enum class Engine { SQLite, PostgreSQL };

// Where a command connects: a SQLite file or a PostgreSQL server. A plain value; no connection.
struct ConnectionProfile {
    Engine engine = Engine::SQLite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString database;
    QString user;
    QString password;
    bool readOnly = false;
    bool embedded = false; // the embedded default database (demo data)
    QString name; // the saved profile this came from, for display; empty when none

    static ConnectionProfile sqlite(const QString& path);
    // Parses a libpq-style "key=value ..." string or a postgresql:// URI. Unset fields fall back to
    // PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.
    static Result<ConnectionProfile> fromConninfo(const QString& conninfo);

    // The same connection string without its password, parsed and rebuilt with libpq's own parser
    // (PQconninfoParse), so every spelling libpq accepts is covered: a quoted or escaped value, a
    // URI's user:password@, a percent-encoded ?pass%77ord=. Rebuilt as key='value' pairs; refused
    // when libpq cannot parse it (nothing of it is then kept or shown).
    static Result<QString> withoutPassword(const QString& conninfo);
    // Whether libpq finds a password in the string (a password typed on the command line is visible
    // to other users in ps).
    static bool hasPassword(const QString& conninfo);
    // Whether `text` is a PostgreSQL connection string (a URI in any case, or key=value pairs libpq
    // parses) rather than a SQLite file path: such a path is refused without being quoted.
    static bool looksLikeConninfo(const QString& text);
    // Refuses a SQLite path that looksLikeConninfo, before any message could quote it.
    static Result<void> checkSqlitePath(const QString& path);

    // "sqlite:/path/file.db" or "postgresql:host:port/db"; never the password.
    QString describe() const;
    // describe() with a SQLite file's path made absolute: one name for one target, wherever the
    // tool was started (the keyring's entries are named by it).
    QString stableName() const;
};

} // namespace cc
