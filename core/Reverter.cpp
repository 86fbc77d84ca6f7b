#include "Reverter.h"

#include "AuditChain.h"
#include "Time.h"

#include <QJsonArray>

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

// Revert writes only what the tool itself writes (docs/BEHAVIOUR.md C6 revert, revised 2026-12): the
// coupled rows of the entry's user and track, their level history and achievements, and the
// reference columns a merge re-pointed. Anything else is an entry this tool could not have written
// (a forged or damaged one): refused, naming what is wrong.
Result<void> checkAllowed(Session& session, const AuditEntry& entry)
{
    auto catalogue = session.constraints();
    if (!catalogue)
        return catalogue.error();
    const LevelCatalogue& levels = session.catalogue();
    const qint64 user = entry.userId.value_or(0);
    auto notWritten = [&](const QString& what) {
        return refused(
            QStringLiteral("audit entry %1 %2: this tool does not write that, so it is not reverted")
                .arg(entry.id)
                .arg(what));
    };
    QSet<qint64> progressIds;
    QSet<qint64> licenseIds;
    QSet<QString> tables;
    for (const QJsonObject& state : { entry.before, entry.after }) {
        for (auto it = state.constBegin(); it != state.constEnd(); ++it) {
            tables.insert(it.key());
            if (!coupled(it.key()))
                continue;
            for (const QJsonValue& value : it.value().toArray()) {
                const Row row = rowFromJson(value.toObject());
                const QString track = levels.canonical(row.value(keyColumn(it.key())).toString().trimmed());
                if (row.value(userColumn(it.key())).toLongLong() != user
                    || (track != entry.track && levels.isKnown(track)))
                    return notWritten(
                        QStringLiteral("holds %1 row %2 of user %3, %4, not of the entry's user %5, %6")
                            .arg(it.key())
                            .arg(rowId(row))
                            .arg(row.value(userColumn(it.key())).toLongLong())
                            .arg(track)
                            .arg(user)
                            .arg(entry.track));
                (it.key() == table::progress ? progressIds : licenseIds).insert(rowId(row));
            }
        }
    }
    for (const QString& tableName : std::as_const(tables)) {
        if (coupled(tableName))
            continue;
        const QMap<qint64, Row> before = rowsById(entry.before, tableName);
        const QMap<qint64, Row> after = rowsById(entry.after, tableName);
        if (tableName == table::progressions || tableName == table::achievements) {
            for (const QMap<qint64, Row>& rows : { before, after }) {
                for (const Row& row : rows) {
                    const bool mine = tableName == table::achievements
                        ? row.value(QStringLiteral("user_id")).toLongLong() == user
                        : licenseIds.contains(row.value(QStringLiteral("user_license_id")).toLongLong());
                    if (!mine)
                        return notWritten(
                            QStringLiteral("holds %1 row %2, which belongs to no row of user %3, %4")
                                .arg(tableName)
                                .arg(rowId(row))
                                .arg(user)
                                .arg(entry.track));
                }
            }
            continue;
        }
        const QList<ForeignKey> keys = repointedKeys(**catalogue, tableName);
        if (keys.isEmpty())
            return notWritten(QStringLiteral("names the table %1").arg(tableName));
        if (before.keys() != after.keys())
            return notWritten(
                QStringLiteral("adds or removes %1 rows (a re-point only moves them)").arg(tableName));
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const Row& old = it.value();
            const Row& moved = after.value(it.key());
            bool repointed = false;
            for (const ForeignKey& key : keys) {
                const QSet<qint64>& ids = key.referencedTable == table::progress ? progressIds : licenseIds;
                if (sameValue(old.value(key.column()), moved.value(key.column())))
                    continue;
                if (!ids.contains(old.value(key.column()).toLongLong())
                    || !ids.contains(moved.value(key.column()).toLongLong()))
                    return notWritten(QStringLiteral("moves %1 row %2 between rows that are not the entry's")
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
                return notWritten(QStringLiteral("changes %1 row %2 beyond its reference column")
                                      .arg(tableName)
                                      .arg(it.key()));
        }
    }
    return {};
}

} // namespace

Result<void> Reverter::revertible(const AuditEntry& entry)
{
    if (entry.action == u"add_specialization" || entry.action == u"init"
        || entry.action.startsWith(u"settings") || entry.action.startsWith(u"env")
        || entry.action.startsWith(u"levels") || entry.action.startsWith(u"index"))
        return refused(QStringLiteral("audit entry %1 (%2) changes no student rows and cannot be reverted")
                           .arg(entry.id)
                           .arg(entry.action));
    return {};
}

Result<void> Reverter::authorizeEntry(Session& session, const AuditEntry& entry)
{
    CC_TRY(revertible(entry));
    return session.authorize(entry.source == u"qa" ? Action::RevertInjection : Action::Revert);
}

Result<KeyChange> Reverter::plan(Session& session, const AuditEntry& entry, bool lock)
{
    const LevelCatalogue& catalogue = session.catalogue();
    KeyChange change;
    change.key = { entry.userId.value_or(0), entry.track };
    change.action = QStringLiteral("revert");
    change.reason = QStringLiteral("revert of audit entry %1 (%2)").arg(entry.id).arg(entry.action);
    change.source = entry.source == u"qa" ? QStringLiteral("qa") : QString();
    change.revertsId = entry.id;
    CC_TRY(checkAllowed(session, entry));
    auto current = RowReader::key(session, change.key, lock);
    if (!current)
        return current.error();
    change.before = *current;

    QList<RowChange> deletes, updates, inserts, historyInserts, historyUpdates, reverse;
    QSet<QString> tables;
    for (const QString& name : entry.before.keys())
        tables.insert(name);
    for (const QString& name : entry.after.keys())
        tables.insert(name);
    QSet<QString> deletedKeys; // progress/license rows this revert deletes, as "table:id"
    for (const QString& tableName : std::as_const(tables)) {
        const QMap<qint64, Row> before = rowsById(entry.before, tableName);
        const QMap<qint64, Row> after = rowsById(entry.after, tableName);
        const bool history = tableName == table::progressions;
        // Rows of other tables (history, re-pointed references) are written after the coupled rows
        // they point at are back.
        const bool dependent = !coupled(tableName) && tableName != table::achievements;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            const bool restore = before.contains(it.key());
            if (!restore && history)
                continue; // history the entry added stays; a reverse progression records the undo
            auto now = RowReader::byId(session, tableName, it.key(), lock);
            if (!now)
                return now.error();
            if (!*now)
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 no longer exists")
                                   .arg(entry.id)
                                   .arg(tableName)
                                   .arg(it.key()));
            if (const QString column = rowDifference(it.value(), **now); !column.isEmpty())
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 changed its %4 since")
                                   .arg(entry.id)
                                   .arg(tableName)
                                   .arg(it.key())
                                   .arg(column));
            if (!restore && coupled(tableName)) {
                // Rows of other tables that reference it since (level history of an advance, a
                // payment, an enrollment) keep the row: removing it would delete or orphan them.
                auto referrers = RowReader::referrers(session, tableName, { it.key() }, lock);
                if (!referrers)
                    return referrers.error();
                QMap<QString, int> byTable;
                for (const Referrer& referrer : referrers->value(it.key()))
                    ++byTable[referrer.key.table];
                if (!byTable.isEmpty()) {
                    QStringList parts;
                    for (auto count = byTable.cbegin(); count != byTable.cend(); ++count)
                        parts << QStringLiteral("%1 row(s) in %2").arg(count.value()).arg(count.key());
                    return refused(QStringLiteral(
                        "cannot revert audit entry %1: %2 row %3 is referenced by %4 since; the row stays")
                                       .arg(entry.id)
                                       .arg(tableName)
                                       .arg(it.key())
                                       .arg(parts.join(QStringLiteral(", "))));
                }
            }
            if (!restore) {
                deletes.append({ tableName, RowOp::Delete, it.key(), **now, {} });
                deletedKeys.insert(tableName + u':' + QString::number(it.key()));
                continue;
            }
            const Row& target = before.value(it.key());
            Row values;
            for (auto column = target.cbegin(); column != target.cend(); ++column) {
                if (column.key() != u"id"
                    && !sameRow(Row { { column.key(), column.value() } },
                        Row { { column.key(), (*now)->value(column.key()) } }))
                    values.insert(column.key(), column.value());
            }
            if (values.isEmpty())
                continue;
            RowChange update { tableName, RowOp::Update, it.key(), **now, values };
            (dependent ? historyUpdates : updates).append(update);
            if (tableName == table::licenses && values.contains(QStringLiteral("current_level"))) {
                reverse.append({ table::progressions, RowOp::Insert, 0, {},
                    Row { { QStringLiteral("user_license_id"), it.key() },
                        { QStringLiteral("from_level"), (*now)->value(QStringLiteral("current_level")) },
                        { QStringLiteral("to_level"), values.value(QStringLiteral("current_level")) },
                        { QStringLiteral("advanced_by"),
                            session.op().isSystem() ? QVariant(QMetaType::fromType<qint64>())
                                                    : QVariant(session.op().id) },
                        { QStringLiteral("advancement_reason"), change.reason },
                        { QStringLiteral("requirements_met"), QStringLiteral("coupling-console revert") },
                        { QStringLiteral("advanced_at"), platformTimestamp(session.now()) } } });
            }
        }
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (after.contains(it.key()))
                continue;
            auto now = RowReader::byId(session, tableName, it.key(), lock);
            if (!now)
                return now.error();
            if (*now)
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 exists again")
                                   .arg(entry.id)
                                   .arg(tableName)
                                   .arg(it.key()));
            (dependent ? historyInserts : inserts)
                .append({ tableName, RowOp::Insert, it.key(), {}, it.value() });
        }
    }
    // A re-inserted row must not give its key a second row on that side.
    for (const RowChange& insert : std::as_const(inserts)) {
        if (insert.table != table::progress && insert.table != table::licenses)
            continue;
        const qint64 user = insert.values.value(userColumn(insert.table)).toLongLong();
        const QString track = catalogue.canonical(insert.values.value(keyColumn(insert.table)).toString());
        auto rows = RowReader::key(session, { user, track }, lock);
        if (!rows)
            return rows.error();
        const QList<Row>& side = insert.table == table::progress ? rows->progress : rows->licenses;
        const QMap<qint64, Row> restoredSide = rowsById(entry.before, insert.table);
        for (const Row& row : side) {
            // Rows of the entry's own `before` state may stand beside it (a merge is undone whole).
            const bool leaving = deletedKeys.contains(insert.table + u':' + QString::number(rowId(row)));
            if (!leaving && !restoredSide.contains(rowId(row)))
                return refused(QStringLiteral("cannot revert audit entry %1: re-inserting %2 row %3 would "
                                              "give user %4, %5 a second row")
                                   .arg(entry.id)
                                   .arg(insert.table)
                                   .arg(insert.id)
                                   .arg(user)
                                   .arg(track));
        }
    }
    // Children before parents on delete; parents before children on insert.
    std::sort(deletes.begin(), deletes.end(), [](const RowChange& a, const RowChange& b) {
        auto rank
            = [](const QString& t) { return t == table::progressions || t == table::achievements ? 0 : 1; };
        return rank(a.table) < rank(b.table);
    });
    std::sort(inserts.begin(), inserts.end(), [](const RowChange& a, const RowChange& b) {
        auto rank = [](const QString& t) { return t == table::licenses ? 0 : t == table::progress ? 1 : 2; };
        return rank(a.table) < rank(b.table);
    });
    change.changes = deletes + updates + inserts + historyInserts + historyUpdates + reverse;
    if (change.changes.isEmpty())
        return refused(QStringLiteral("audit entry %1 changed nothing that could be reverted").arg(entry.id));
    return change;
}

Result<AuditEntry> Reverter::load(Session& session, qint64 auditId)
{
    CC_TRY(session.requireTools());
    auto entry = AuditLog::entry(session.db(), auditId);
    if (!entry)
        return entry.error();
    if (!*entry)
        return notFound(QStringLiteral("there is no audit entry %1").arg(auditId));
    CC_TRY(AuditChain::verifyEntry(session.db(), auditId));
    return **entry;
}

Result<Plan> Reverter::preview(Session& session, qint64 auditId)
{
    auto entry = load(session, auditId);
    if (!entry)
        return entry.error();
    CC_TRY(session.authorize(Action::View));
    CC_TRY(revertible(*entry));
    auto change = plan(session, *entry, false);
    if (!change)
        return change.error();
    Plan result;
    result.keys.append(*change);
    return result;
}

Result<WriteOutcome> Reverter::revert(Session& session, qint64 auditId)
{
    auto entry = load(session, auditId);
    if (!entry)
        return entry.error();
    CC_TRY(authorizeEntry(session, *entry));
    const AuditEntry found = *entry;
    QList<KeyRef> keys { { found.userId.value_or(0), found.track } };
    return CouplingWriter::runSteps(session, keys, { [found](Session& s) { return plan(s, found, true); } });
}

Result<WriteOutcome> Reverter::revertBatch(Session& session, qint64 batchId, CancelToken* cancel)
{
    CC_TRY(session.requireTools());
    AuditFilter filter;
    filter.batchId = batchId;
    filter.newestFirst = true;
    auto entries = AuditLog::entries(session.db(), filter);
    if (!entries)
        return entries.error();
    if (entries->isEmpty())
        return notFound(QStringLiteral("batch %1 has no audit entries").arg(batchId));
    // The chain around every entry of the batch, in one pass over the log (a verifyEntry per entry
    // costs three lookups each). A signal stops it too, before anything is written.
    QList<qint64> ids;
    for (const AuditEntry& entry : std::as_const(*entries))
        ids.append(entry.id);
    if (auto verified = AuditChain::verifyEntries(session.db(), ids, cancel); !verified) {
        if (verified.error().code == ErrorCode::Cancelled)
            return Error { ErrorCode::Cancelled,
                QStringLiteral("cancelled while verifying the batch's audit entries; nothing was changed") };
        return verified.error();
    }
    QList<KeyRef> keys;
    QList<StepPlanner> steps;
    for (const AuditEntry& entry : std::as_const(*entries)) {
        CC_TRY(authorizeEntry(session, entry));
        keys.append({ entry.userId.value_or(0), entry.track });
        steps.append([entry](Session& s) { return plan(s, entry, true); });
    }
    return CouplingWriter::runSteps(session, keys, steps, QStringLiteral("revert-batch"), cancel);
}

} // namespace cc
