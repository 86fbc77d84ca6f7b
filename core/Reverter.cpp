#include "Reverter.h"

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
    return tableName == table::progress ? QStringLiteral("specialization_id") : QStringLiteral("specialization_type");
}

QString userColumn(const QString& tableName)
{
    return tableName == table::progress ? QStringLiteral("student_id") : QStringLiteral("user_id");
}

} // namespace

Result<void> Reverter::revertible(const AuditEntry& entry)
{
    if (entry.action == u"add_specialization" || entry.action == u"init" || entry.action.startsWith(u"settings")
        || entry.action.startsWith(u"env") || entry.action.startsWith(u"levels") || entry.action.startsWith(u"index"))
        return refused(QStringLiteral("audit entry %1 (%2) changes no student rows and cannot be reverted").arg(entry.id).arg(entry.action));
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
        if (!PlatformSchema::tableNames().contains(tableName))
            return refused(QStringLiteral("audit entry %1 names an unknown table %2").arg(entry.id).arg(tableName));
        const QMap<qint64, Row> before = rowsById(entry.before, tableName);
        const QMap<qint64, Row> after = rowsById(entry.after, tableName);
        const bool history = tableName == table::progressions;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            const bool restore = before.contains(it.key());
            if (!restore && history)
                continue; // history the entry added stays; a reverse progression records the undo
            auto now = RowReader::byId(session, tableName, it.key(), lock);
            if (!now)
                return now.error();
            if (!*now)
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 no longer exists").arg(entry.id).arg(tableName).arg(it.key()));
            if (const QString column = rowDifference(it.value(), **now); !column.isEmpty())
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 changed its %4 since").arg(entry.id).arg(tableName).arg(it.key()).arg(column));
            if (!restore && tableName == table::licenses) {
                // Level history written since (an advance, even one reverted) keeps the license: removing
                // it would orphan that history, which is never deleted.
                auto history = RowReader::progressionsOf(session, it.key(), lock);
                if (!history)
                    return history.error();
                if (!history->isEmpty())
                    return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 has %4 level history row(s) in %5 since; "
                                                  "the license stays")
                                       .arg(entry.id).arg(tableName).arg(it.key()).arg(history->size()).arg(table::progressions));
            }
            if (!restore) {
                deletes.append({ tableName, RowOp::Delete, it.key(), **now, {} });
                deletedKeys.insert(tableName + u':' + QString::number(it.key()));
                continue;
            }
            const Row& target = before.value(it.key());
            Row values;
            for (auto column = target.cbegin(); column != target.cend(); ++column) {
                if (column.key() != u"id" && !sameRow(Row { { column.key(), column.value() } }, Row { { column.key(), (*now)->value(column.key()) } }))
                    values.insert(column.key(), column.value());
            }
            if (values.isEmpty())
                continue;
            RowChange update { tableName, RowOp::Update, it.key(), **now, values };
            (history ? historyUpdates : updates).append(update);
            if (tableName == table::licenses && values.contains(QStringLiteral("current_level"))) {
                reverse.append({ table::progressions, RowOp::Insert, 0, {},
                                 Row { { QStringLiteral("user_license_id"), it.key() },
                                       { QStringLiteral("from_level"), (*now)->value(QStringLiteral("current_level")) },
                                       { QStringLiteral("to_level"), values.value(QStringLiteral("current_level")) },
                                       { QStringLiteral("advanced_by"), session.op().isSystem() ? QVariant(QMetaType::fromType<qint64>()) : QVariant(session.op().id) },
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
                return refused(QStringLiteral("cannot revert audit entry %1: %2 row %3 exists again").arg(entry.id).arg(tableName).arg(it.key()));
            (history ? historyInserts : inserts).append({ tableName, RowOp::Insert, it.key(), {}, it.value() });
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
                return refused(QStringLiteral("cannot revert audit entry %1: re-inserting %2 row %3 would give user %4, %5 a second row")
                                   .arg(entry.id).arg(insert.table).arg(insert.id).arg(user).arg(track));
        }
    }
    // Children before parents on delete; parents before children on insert.
    std::sort(deletes.begin(), deletes.end(), [](const RowChange& a, const RowChange& b) {
        auto rank = [](const QString& t) { return t == table::progressions || t == table::achievements ? 0 : 1; };
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

Result<WriteOutcome> Reverter::revertBatch(Session& session, qint64 batchId)
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
    QList<KeyRef> keys;
    QList<StepPlanner> steps;
    for (const AuditEntry& entry : std::as_const(*entries)) {
        CC_TRY(authorizeEntry(session, entry));
        keys.append({ entry.userId.value_or(0), entry.track });
        steps.append([entry](Session& s) { return plan(s, entry, true); });
    }
    return CouplingWriter::runSteps(session, keys, steps, QStringLiteral("revert-batch"));
}

} // namespace cc
