#pragma once

#include "rows/KeyRef.h"
#include "rules/KeyClassifier.h"
#include "schema/ConstraintCatalogue.h"
#include "schema/RowJson.h"

namespace cc {

// A key's rows as read by RowReader, and the rules that pick the rows a merge keeps.

// A row of another table whose foreign key points at one of the key's rows (docs/BEHAVIOUR.md C5).
struct Referrer {
    ForeignKey key;
    Row row; // every column; empty when the table's rows cannot be addressed (no integer id)
};

// Coupled row id → the rows of other tables that reference it, in (table, id) order.
using Referrers = QMap<qint64, QList<Referrer>>;

// The rows both tables hold for one key, ordered by id.
struct KeyRows {
    KeyRef key;
    QList<Row> progress;
    QList<Row> licenses;
    // Read with the rows (locked like them) for a side with two or more rows: the rows of other
    // tables a merge re-points, and what picks the license a merge keeps.
    Referrers progressReferrers;
    Referrers licenseReferrers;

    // As the check's statement aggregates the key; `staffUser` is left for the caller, who knows
    // the user's role.
    KeyAggregate aggregate(const LevelCatalogue& catalogue) const;
    // The rows a merge keeps (docs/BEHAVIOUR.md C6 step 1: the row holding the student's real record,
    // never the platform sync's newer empty twin). Progress: highest total_xp (NULL as 0), then most
    // completed_sessions, then lowest id. License: referenced by the most rows of other tables,
    // then payment_verified, then highest max_achieved_level, then earliest started_at, then lowest id.
    const Row* keptProgress() const;
    const Row* keptLicense() const;
    // The current_level of each side's kept row (what the check reports for the side).
    std::pair<std::optional<qint64>, std::optional<qint64>> keptLevels() const;
    // The columns of a coupled table that the key and the rules above read.
    static QStringList keepColumns(const QString& coupledTable);
};

} // namespace cc
