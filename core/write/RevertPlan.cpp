#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/Reverter.h"

#include "base/Time.h"

#include <QJsonArray>

// Reverter's plan for one audit entry: the checks that the entry is one this tool wrote and that its
// rows are as it left them, and the row changes that restore its `before` state.
namespace cc {

namespace {

QMap<qint64, Row> rowsById(const QJsonObject& state, const QString& tableName)
{
    QMap<qint64, Row> rows;
    for (const QJsonValue& value : state.value(tableName).toArray()) {
        Row row = rowFromJson(value.toObject());
        rows.insert(rowId(row), row);
    }
    return rows;
}

QString keyColumn(const QString& tableName)
{
    return tableName == table::progress ? QStringLiteral("specialization_id")
                                        : QStringLiteral("specialization_type");
}

QString userColumn(const QString& tableName)
{
    return tableName == table::progress ? QStringLiteral("student_id") : QStringLiteral("user_id");
}

bool coupled(const QString& tableName)
{
    return tableName == table::progress || tableName == table::licenses;
}

// The foreign keys of `tableName` that point at a coupled table (what a merge re-points).
QList<ForeignKey> repointedKeys(const ConstraintCatalogue& catalogue, const QString& tableName)
{
    QList<ForeignKey> keys;
    for (const QString& target : { table::progress, table::licenses }) {
        for (const ForeignKey& key : catalogue.referencing(target)) {
            if (key.table == tableName && key.repointable())
                keys.append(key);
        }
    }
    return keys;
}

Error notWritten(const AuditEntry& entry, const QString& what)
{
    return refused(QStringLiteral("audit entry %1 %2: this tool does not write that, so it is not reverted")
                       .arg(entry.id)
                       .arg(what));
}

// The coupled rows an entry names, which must all be the entry's user's and track's.
struct EntryRows {
    QSet<qint64> progressIds;
    QSet<qint64> licenseIds;
    QSet<QString> tables;
};

Result<EntryRows> coupledRows(const AuditEntry& entry, const LevelCatalogue& levels)
{
    const qint64 user = entry.userId.value_or(0);
    EntryRows rows;
    for (const QJsonObject& state : { entry.before, entry.after }) {
        for (auto it = state.constBegin(); it != state.constEnd(); ++it) {
            rows.tables.insert(it.key());
            if (!coupled(it.key()))
                continue;
            for (const QJsonValue& value : it.value().toArray()) {
                const Row row = rowFromJson(value.toObject());
                const QString track = levels.canonical(row.value(keyColumn(it.key())).toString().trimmed());
                if (row.value(userColumn(it.key())).toLongLong() != user
                    || (track != entry.track && levels.isKnown(track)))
                    return notWritten(entry,
                        QStringLiteral("holds %1 row %2 of user %3, %4, not of the entry's user %5, %6")
                            .arg(it.key())
                            .arg(rowId(row))
                            .arg(row.value(userColumn(it.key())).toLongLong())
                            .arg(track)
                            .arg(user)
                            .arg(entry.track));
                (it.key() == table::progress ? rows.progressIds : rows.licenseIds).insert(rowId(row));
            }
        }
    }
    return rows;
}

// Level history and achievements: only of the entry's licenses and user.
Result<void> checkOwned(const AuditEntry& entry, const QString& tableName, const QMap<qint64, Row>& before,
    const QMap<qint64, Row>& after, const QSet<qint64>& licenseIds)
{
    const qint64 user = entry.userId.value_or(0);
    for (const QMap<qint64, Row>& rows : { before, after }) {
        for (const Row& row : rows) {
            const bool mine = tableName == table::achievements
                ? row.value(QStringLiteral("user_id")).toLongLong() == user
                : licenseIds.contains(row.value(QStringLiteral("user_license_id")).toLongLong());
            if (!mine)
                return notWritten(entry,
                    QStringLiteral("holds %1 row %2, which belongs to no row of user %3, %4")
                        .arg(tableName)
                        .arg(rowId(row))
                        .arg(user)
                        .arg(entry.track));
        }
    }
    return {};
}

// Another table's rows: only re-pointed, between the entry's own coupled rows.
Result<void> checkRepointed(const AuditEntry& entry, const QString& tableName, const QList<ForeignKey>& keys,
    const QMap<qint64, Row>& before, const QMap<qint64, Row>& after, const EntryRows& rows)
{
    if (before.keys() != after.keys())
        return notWritten(
            entry, QStringLiteral("adds or removes %1 rows (a re-point only moves them)").arg(tableName));
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const Row& old = it.value();
        const Row& moved = after.value(it.key());
        bool repointed = false;
        for (const ForeignKey& key : keys) {
            const QSet<qint64>& ids
                = key.referencedTable == table::progress ? rows.progressIds : rows.licenseIds;
            if (sameValue(old.value(key.column()), moved.value(key.column())))
                continue;
            if (!ids.contains(old.value(key.column()).toLongLong())
                || !ids.contains(moved.value(key.column()).toLongLong()))
                return notWritten(entry,
                    QStringLiteral("moves %1 row %2 between rows that are not the entry's")
                        .arg(tableName)
                        .arg(it.key()));
            repointed = true;
        }
        Row rest = old;
        Row restMoved = moved;
        for (const ForeignKey& key : keys) {
            rest.remove(key.column());
            restMoved.remove(key.column());
        }
        if (!repointed || !sameRow(rest, restMoved))
            return notWritten(entry,
                QStringLiteral("changes %1 row %2 beyond its reference column").arg(tableName).arg(it.key()));
    }
    return {};
}

// Revert writes only what the tool itself writes (docs/BEHAVIOUR.md C6 revert, revised 2026-12): the
// coupled rows of the entry's user and track, their level history and achievements, and the
// reference columns a merge re-pointed. Anything else is an entry this tool could not have written
// (a forged or damaged one): refused, naming what is wrong.
Result<void> checkAllowed(Session& session, const AuditEntry& entry)
{
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    auto rows = coupledRows(entry, session.catalogue());
    if (!rows)
        return rows.error();
    for (const QString& tableName : std::as_const(rows->tables)) {
        if (coupled(tableName))
            continue;
        const QMap<qint64, Row> before = rowsById(entry.before, tableName);
        const QMap<qint64, Row> after = rowsById(entry.after, tableName);
        if (tableName == table::progressions || tableName == table::achievements) {
            CC_TRY(checkOwned(entry, tableName, before, after, rows->licenseIds));
            continue;
        }
        const QList<ForeignKey> keys = repointedKeys(**catalogue, tableName);
        if (keys.isEmpty())
            return notWritten(entry, QStringLiteral("names the table %1").arg(tableName));
        CC_TRY(checkRepointed(entry, tableName, keys, before, after, *rows));
    }
    return {};
}

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
            { QStringLiteral("from_level"), now.value(QStringLiteral("current_level")) },
            { QStringLiteral("to_level"), values.value(QStringLiteral("current_level")) },
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
    if (tableName == table::licenses && values.contains(QStringLiteral("current_level")) && !injection)
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
    CC_TRY(checkAllowed(session, entry));
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
