#pragma once

#include "database/Database.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace cc {

// Float and Json are never required of a platform column; they tell how to show a value (C8).
enum class TypeFamily { Integer, Text, Boolean, Timestamp, Float, Json, Other };

struct ColumnInfo {
    QString name;
    TypeFamily family = TypeFamily::Other;
    QString declaredType;
    bool notNull = false;
    bool hasDefault = false;
    bool primaryKey = false;
};

// The platform's tables as found in the connected database, checked against docs/PLATFORM.md §1 by type
// family. Extra columns are kept (whole-row audit) and otherwise ignored.
class PlatformSchema final {
public:
    static const QStringList& tableNames();

    // Reads and checks the six platform tables; refuses (SchemaMismatch) naming what is wrong.
    static Result<PlatformSchema> inspect(Database& db);
    // True when none of the platform tables exists (a new, empty database).
    static Result<bool> isEmpty(Database& db);
    // For a database without platform tables: refuses one that holds other tables (another
    // application's) or whose platform tables sit in a schema off the search_path, naming at most
    // ten of what it found. init and demo create the platform's tables only after this.
    static Result<void> refuseForeign(Database& db);
    // Creates the platform tables in the platform's own shape (init on an empty database).
    static Result<void> create(Database& db);

    // Reads the columns of other tables whose rows the tool re-points (the referencing tables of
    // ConstraintCatalogue, named as SQL names them), so that they are read, audited and restored
    // like the platform's own rows.
    Result<void> addReferencingTables(Database& db, const QStringList& tables);
    // True for a known table with an integer `id` primary key (rows the tool can address).
    bool hasRowIds(const QString& table) const;

    const QList<ColumnInfo>& columns(const QString& table) const;
    // The SELECT list that reads every column of a table losslessly (timestamps as text on PostgreSQL);
    // with `only`, just those of its columns the table has.
    QString selectList(const QString& table, const QString& alias = {}, const QStringList& only = {}) const;
    // A NOT NULL column without a default that the tool does not know: inserts into the table are refused.
    QString insertBlocker(const QString& table) const;
    TypeFamily familyOf(const QString& table, const QString& column) const;

private:
    QHash<QString, QList<ColumnInfo>> m_columns;
    QHash<QString, QString> m_insertBlocker;
    QSet<QString> m_withoutRowIds;
    const SqlDialect* m_dialect = &SqlDialect::of(Engine::SQLite); // the connection's, static
};

QString typeFamilyName(TypeFamily family);

} // namespace cc
