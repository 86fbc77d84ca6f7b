#pragma once

#include "TestDatabase.h"
#include "write/CouplingWriter.h"

#include <QHash>
#include <QStringList>

namespace cc::test {

enum class RowDiffKind { Inserted, Updated, Deleted };

// One row that differs between two snapshots: its table, its primary key as text ("42", or "7|3"
// for a composite key) and its stable text before and after (empty for the side it is absent on).
struct ChangedRow {
    QString table;
    QString primaryKey;
    RowDiffKind kind = RowDiffKind::Updated;
    QString before;
    QString after;
};

// A row a test allows to change beyond those a plan lists (e.g. the QA_UNKNOWN specializations row
// inject adds in its own audited transaction).
struct AllowedRow {
    QString table;
    QString primaryKey;
};

// Every row of every table of a database, read from the catalogue (PostgreSQL: every base table of
// the schemas public and coupling_console; SQLite: every table in sqlite_master), each row ordered
// by its primary key (rowid, or the whole row, where there is none) as a stable text: every column
// by name, PostgreSQL values as quote_nullable(value::text), SQLite values as quote(value) (so
// 1, '1' and 1.0 differ). Read on a connection of its own, outside any transaction.
class DatabaseSnapshot final {
public:
    static DatabaseSnapshot take(const TestDatabase& db);

    bool isValid() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    QStringList tables() const { return m_order; }
    qsizetype rowCount(const QString& table) const;
    // The row's text, or empty when the table has no row with that primary key.
    QString row(const QString& table, const QString& primaryKey) const;
    // Rows inserted, updated or deleted going from this snapshot to `after`, table by table.
    QList<ChangedRow> changesTo(const DatabaseSnapshot& after) const;
    // The whole snapshot as text, one line per row (for a failure message or a file).
    QString text() const;

    // The tool's own tables (coupling_console.*, cc_*) and SQLite's internal ones (sqlite_*): not
    // platform rows, left out of the platform checks below.
    static bool isToolTable(const QString& table);

private:
    struct Table {
        QStringList keys; // primary keys in primary-key order
        QHash<QString, QString> rows; // primary key → row text
    };
    QMap<QString, Table> m_tables;
    QStringList m_order;
    QString m_error;
};

QString describe(const ChangedRow& row);
QString describe(const QList<ChangedRow>& rows);

// The answer of a snapshot check, for QVERIFY2(verdict, qPrintable(verdict.message)).
struct SnapshotVerdict {
    bool ok = true;
    QString message;
    explicit operator bool() const { return ok; }
};

// Every platform row that differs between `before` and `after` must be one that `outcome.applied`
// lists: an updated or deleted row by table and id with that operation, an inserted row by table
// and id when the plan gave one (a revert re-inserting a removed row), else counted against the
// plan's inserts into that table (a planned insert has id 0). The tool's own tables are not checked.
SnapshotVerdict onlyPlannedRowsChanged(const DatabaseSnapshot& before, const DatabaseSnapshot& after,
    const cc::WriteOutcome& outcome, const QList<AllowedRow>& alsoAllowed = {});
// After a revert every platform table equals its state before the write, except the
// license_progressions rows the revert adds (a reverted license level change writes a new
// progression recording the reverse change, docs/BEHAVIOUR.md C6 revert) and `alsoAllowed`.
SnapshotVerdict restoredByRevert(const DatabaseSnapshot& beforeWrite, const DatabaseSnapshot& afterRevert,
    const QList<AllowedRow>& alsoAllowed = {});
// After the undo of a QA injection every platform table equals its state before the injection,
// license_progressions included (an undo of an injection leaves history as before it), except
// `alsoAllowed`.
SnapshotVerdict restoredExactly(const DatabaseSnapshot& beforeWrite, const DatabaseSnapshot& afterRevert,
    const QList<AllowedRow>& alsoAllowed = {});
// No platform row differs (a refused write).
SnapshotVerdict platformUnchanged(const DatabaseSnapshot& before, const DatabaseSnapshot& after);

} // namespace cc::test
