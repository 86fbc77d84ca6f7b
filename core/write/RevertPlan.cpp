#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/RevertEntry.h"
#include "write/Reverter.h"

#include "base/Time.h"

#include <QJsonArray>

// Reverter's plan for one audit entry: the check that its rows are as it left them (that it is an
// entry this tool wrote is write/RevertEntry.h), and the row changes that restore its `before` state.
namespace cc {

using revert::coupled;
using revert::keyColumn;
using revert::rowsById;
using revert::userColumn;

namespace {

// Rows of other tables (history, re-pointed references) are written after the coupled rows they
// point at are back.
bool dependent(const QString& tableName)
{
    return !coupled(tableName) && tableName != table::achievements;
}

// One revert being planned: its entry, and its row changes by when they are written.
struct Reverting {
    Session& session;
    const AuditEntry& entry;
    QString reason;
    bool lock = false;
    QList<RowChange> deletes {}, updates {}, inserts {}, historyInserts {}, historyUpdates {}, reverse {};
    QSet<QString> deletedKeys {}; // progress/license rows this revert deletes, as "table:id"
};

// The row as it is now, which must be as the entry left it.
Result<Row> unchangedRow(Reverting& r, const QString& tableName, qint64 id, const Row& left)
{
    auto now = RowReader::byId(r.session, tableName, id, r.lock);
    if (!now)
        return now.error();
    if (!*now)
        return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 no longer exists")
                           .arg(r.entry.id)
                           .arg(tableName)
                           .arg(id));
    if (const QString column = rowDifference(left, **now); !column.isEmpty())
        return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 changed its %4 since")
                           .arg(r.entry.id)
                           .arg(tableName)
                           .arg(id)
                           .arg(column));
    return **now;
}

// Rows of other tables that reference it since (level history of an advance, a payment, an
// enrollment) keep the row: removing it would delete or orphan them.
Result<void> refuseReferenced(Reverting& r, const QString& tableName, qint64 id)
{
    auto referrers = RowReader::referrers(r.session, tableName, { id }, r.lock);
    if (!referrers)
        return referrers.error();
    QMap<QString, int> byTable;
    for (const Referrer& referrer : referrers->value(id))
        ++byTable[referrer.key.table];
    if (byTable.isEmpty())
        return {};
    QStringList parts;
    for (auto count = byTable.cbegin(); count != byTable.cend(); ++count)
        parts << QStringLiteral("%1 row(s) in %2").arg(count.value()).arg(count.key());
    return refused(
        QStringLiteral("cannot revert audit entry %1: %2 row %3 is referenced by %4 since; the row stays")
            .arg(r.entry.id)
            .arg(tableName)
            .arg(id)
            .arg(parts.join(QStringLiteral(", "))));
}

// The columns of `target` whose values `now` does not hold.
Row changedValues(const Row& target, const Row& now)
{
    Row values;
    for (auto column = target.cbegin(); column != target.cend(); ++column) {
        if (column.key() != u"id"
            && !sameRow(
                Row { { column.key(), column.value() } }, Row { { column.key(), now.value(column.key()) } }))
            values.insert(column.key(), column.value());
    }
    return values;
}

// The level history row that records a license's level set back.
RowChange reverseProgression(Reverting& r, qint64 licenseId, const Row& now, const Row& values)
{
    const Operator& op = r.session.op();
    return { table::progressions, RowOp::Insert, 0, {},
        Row { { QStringLiteral("user_license_id"), licenseId },
            { QStringLiteral("from_level"), now.value(column::currentLevel) },
            { QStringLiteral("to_level"), values.value(column::currentLevel) },
            { QStringLiteral("advanced_by"),
                op.isSystem() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(op.id) },
            { QStringLiteral("advancement_reason"), r.reason },
            { QStringLiteral("requirements_met"), QStringLiteral("coupling-console revert") },
            { QStringLiteral("advanced_at"), platformTimestamp(r.session.now()) } } };
}

// A row of the entry's `after` state: deleted when the entry added it, else set back to `before`.
Result<void> planAfterRow(
    Reverting& r, const QString& tableName, qint64 id, const Row& left, const QMap<qint64, Row>& before)
{
    const bool restore = before.contains(id);
    const bool injection = r.entry.isInjection(); // its undo leaves the history as before it
    if (!restore && tableName == table::progressions && !injection)
        return {}; // history a change added stays; a reverse progression records its undo
    auto now = unchangedRow(r, tableName, id, left);
    if (!now)
        return now.error();
    if (!restore) {
        if (coupled(tableName))
            CC_TRY(refuseReferenced(r, tableName, id));
        r.deletes.append({ tableName, RowOp::Delete, id, *now, {} });
        r.deletedKeys.insert(tableName + u':' + QString::number(id));
        return {};
    }
    const Row values = changedValues(before.value(id), *now);
    if (values.isEmpty())
        return {};
    (dependent(tableName) ? r.historyUpdates : r.updates)
        .append({ tableName, RowOp::Update, id, *now, values });
    if (tableName == table::licenses && values.contains(column::currentLevel) && !injection)
        r.reverse.append(reverseProgression(r, id, *now, values));
    return {};
}

Result<void> planTable(Reverting& r, const QString& tableName)
{
    const QMap<qint64, Row> before = rowsById(r.entry.before, tableName);
    const QMap<qint64, Row> after = rowsById(r.entry.after, tableName);
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        CC_TRY(planAfterRow(r, tableName, it.key(), it.value(), before));
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.contains(it.key()))
            continue;
        auto now = RowReader::byId(r.session, tableName, it.key(), r.lock);
        if (!now)
            return now.error();
        if (*now)
            return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 exists again")
                               .arg(r.entry.id)
                               .arg(tableName)
                               .arg(it.key()));
        (dependent(tableName) ? r.historyInserts : r.inserts)
            .append({ tableName, RowOp::Insert, it.key(), {}, it.value() });
    }
    return {};
}

// A re-inserted row must not give its key a second row on that side.
Result<void> refuseSecondRows(Reverting& r)
{
    for (const RowChange& insert : std::as_const(r.inserts)) {
        if (insert.table != table::progress && insert.table != table::licenses)
            continue;
        const qint64 user = insert.values.value(userColumn(insert.table)).toLongLong();
        const QString track
            = r.session.catalogue().canonical(insert.values.value(keyColumn(insert.table)).toString());
        auto rows = RowReader::key(r.session, { user, track }, r.lock);
        if (!rows)
            return rows.error();
        const QList<Row>& side = insert.table == table::progress ? rows->progress : rows->licenses;
        const QMap<qint64, Row> restoredSide = rowsById(r.entry.before, insert.table);
        for (const Row& row : side) {
            // Rows of the entry's own `before` state may stand beside it (a merge is undone whole).
            const bool leaving = r.deletedKeys.contains(insert.table + u':' + QString::number(rowId(row)));
            if (!leaving && !restoredSide.contains(rowId(row)))
                return refused(QStringLiteral("cannot revert audit entry %1: re-inserting %2 row %3 would "
                                              "give user %4, %5 a second row")
                                   .arg(r.entry.id)
                                   .arg(insert.table)
                                   .arg(insert.id)
                                   .arg(user)
                                   .arg(track));
        }
    }
    return {};
}

// Children before parents on delete; parents before children on insert.
QList<RowChange> ordered(Reverting& r)
{
    std::sort(r.deletes.begin(), r.deletes.end(), [](const RowChange& a, const RowChange& b) {
        auto rank
            = [](const QString& t) { return t == table::progressions || t == table::achievements ? 0 : 1; };
        return rank(a.table) < rank(b.table);
    });
    std::sort(r.inserts.begin(), r.inserts.end(), [](const RowChange& a, const RowChange& b) {
        auto rank = [](const QString& t) { return t == table::licenses ? 0 : t == table::progress ? 1 : 2; };
        return rank(a.table) < rank(b.table);
    });
    return r.deletes + r.updates + r.inserts + r.historyInserts + r.historyUpdates + r.reverse;
}

} // namespace

Result<KeyChange> Reverter::plan(Session& session, const AuditEntry& entry, bool lock)
{
    KeyChange change;
    change.key = { entry.userId.value_or(0), entry.track };
    change.action = auditActionName(AuditAction::Revert);
    change.reason = revertReasonText({ entry.id, entry.action });
    change.source = entry.sourceKind() == AuditSource::Qa ? auditSourceName(AuditSource::Qa) : QString();
    change.revertsId = entry.id;
    CC_TRY(revert::checkAllowed(session, entry));
    auto current = RowReader::key(session, change.key, lock);
    if (!current)
        return current.error();
    change.before = *current;

    QSet<QString> tables;
    for (const QString& name : entry.before.keys())
        tables.insert(name);
    for (const QString& name : entry.after.keys())
        tables.insert(name);
    Reverting reverting { session, entry, change.reason, lock };
    for (const QString& tableName : std::as_const(tables))
        CC_TRY(planTable(reverting, tableName));
    CC_TRY(refuseSecondRows(reverting));
    change.changes = ordered(reverting);
    if (change.changes.isEmpty())
        return refused(QStringLiteral("audit entry %1 changed nothing that could be reverted").arg(entry.id));
    return change;
}

} // namespace cc
