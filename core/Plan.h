#pragma once

#include "KeyRows.h"

namespace cc {

enum class RowOp { Insert, Update, Delete };

// One row a plan writes. Update carries only the changed columns in `values`.
struct RowChange {
    QString table;
    RowOp op = RowOp::Update;
    qint64 id = 0; // 0 for an insert without an explicit id
    Row before; // the whole row before (Update, Delete)
    Row values; // Insert: every column written; Update: changed columns
};

struct PlannedStatement {
    QString sql;
    QVariantList binds;
    friend bool operator==(const PlannedStatement&, const PlannedStatement&) = default;
};

// What one operation does to one key; the same value is shown as a preview and executed on apply.
struct KeyChange {
    KeyRef key;
    QString action;
    QString reason;
    QString source; // empty: the session's source
    KeyRows before; // the key's rows the plan was made from; apply refuses if they changed
    QList<RowChange> changes; // in execution order
    QString skipReason; // non-empty: the key is listed as skipped (it may still carry partial fixes)
    std::optional<qint64> revertsId;
    QList<KeyRef> extraKeys; // other keys whose rows this change moves (locked too)

    bool isEmpty() const { return changes.isEmpty(); }
};

PlannedStatement statementFor(const RowChange& change);

struct Plan {
    QList<KeyChange> keys;

    QList<PlannedStatement> statements() const;
    // The preview a person reads: every row that changes, before → after, then the statements.
    QString describe() const;
};

QString formatValue(const QVariant& value);

} // namespace cc
