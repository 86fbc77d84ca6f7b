#pragma once

#include "rows/KeyRows.h"

#include <QHash>

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

// Why a key is skipped, by class. Core writes a skip reason as its class's words, a colon and the
// detail ("missing license: …", "manual_review: …", "locked: …"); skipClassOf reads the class back
// (the only place those words are compared), Other for any other reason.
enum class SkipClass { MissingLicense, ManualReview, Locked, Other };
QString skipReasonText(SkipClass kind, const QString& detail); // Other: the detail alone
SkipClass skipClassOf(const QString& reason);

// What one operation does to one key; the same value is shown as a preview and executed on apply.
struct KeyChange {
    KeyRef key;
    QString action;
    QString reason;
    QString source; // empty: the session's source
    KeyRows before; // the key's rows the plan was made from; apply refuses if they changed
    QList<RowChange> changes; // in execution order
    QString skipReason; // non-empty: the key is listed as skipped (it may still carry partial fixes;
                        // skipReasonText)
    QStringList notes; // what the plan decided and why, e.g. which row a merge keeps
    std::optional<qint64> revertsId;
    QList<KeyRef> extraKeys; // other keys whose rows this change moves (locked too)
    // Table → the select list its inserts and updates return: the whole row as written, read as
    // RowReader reads it (the audit's `after`). A table without one: an insert returns its id.
    QHash<QString, QString> returning;

    bool isEmpty() const { return changes.isEmpty(); }
};

// `returning`: the select list an insert or update returns (empty: an insert returns its id).
PlannedStatement statementFor(const RowChange& change, const QString& returning = {});

struct Plan {
    QList<KeyChange> keys;

    QList<PlannedStatement> statements() const;
    // The preview a person reads: every row that changes, before → after, then the statements.
    QString describe() const;
    // describe(), one element per printed line (a value never breaks a line: it stays in its element).
    QStringList describeLines() const;
};

QString formatValue(const QVariant& value);

} // namespace cc
