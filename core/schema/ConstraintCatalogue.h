#pragma once

#include "database/Database.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cc {

enum class DeleteAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

QString deleteActionName(DeleteAction action); // "CASCADE", "SET NULL", …
// A table as SQL names it: plain when it is a plain name on the search path, quoted otherwise
// (qualified by `schema` when not `visible`).
QString sqlTableName(const QString& schema, const QString& name, bool visible);

// One foreign key of another table that points at a platform table's rows.
struct ForeignKey {
    QString name; // the constraint's name (SQLite: "table.column", its keys are unnamed)
    QString table; // the referencing table as SQL names it (qualified outside the search path)
    QStringList columns; // the referencing columns; a re-point handles exactly one
    QString referencedTable;
    DeleteAction onDelete = DeleteAction::NoAction;

    const QString& column() const { return columns.first(); }
    bool repointable() const { return columns.size() == 1; }
};

// What the database's own catalogue says about the platform tables' constraints (docs/BEHAVIOUR.md C5,
// docs/PLATFORM.md): which foreign keys of other tables reference their rows, with their ON DELETE
// action (pg_constraint; SQLite: PRAGMA foreign_key_list of every table), and which columns carry a
// unique constraint or index of their own. Never a list of names: other databases have other
// tables. Read once per session (Session::constraints) and immutable after that.
class ConstraintCatalogue final {
public:
    static Result<ConstraintCatalogue> read(Database& db);

    // The foreign keys that reference `table` (by its id), in a stable order (table, constraint).
    QList<ForeignKey> referencing(const QString& table) const { return m_referencing.value(table); }
    // Columns of `table` with a single-column unique constraint or unique index (not the primary key).
    QStringList uniqueColumns(const QString& table) const { return m_unique.value(table); }
    // Every table that references one of the coupled tables, for the schema's column lists.
    QStringList referencingTables() const;

private:
    QHash<QString, QList<ForeignKey>> m_referencing;
    QHash<QString, QStringList> m_unique;
};

} // namespace cc
