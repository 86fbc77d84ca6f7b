#include "write/RevertEntry.h"

#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "schema/ConstraintCatalogue.h"

#include <QJsonArray>

namespace cc::revert {

QMap<qint64, Row> rowsById(const QJsonObject& state, const QString& tableName)
{
    QMap<qint64, Row> rows;
    for (const auto& value : state.value(tableName).toArray()) {
        Row row = rowFromJson(value.toObject());
        rows.insert(rowId(row), row);
    }
    return rows;
}

QString keyColumn(const QString& tableName)
{
    return tableName == table::progress ? column::specializationId : column::specializationType;
}

QString userColumn(const QString& tableName)
{
    return tableName == table::progress ? column::studentId : column::userId;
}

bool coupled(const QString& tableName)
{
    return tableName == table::progress || tableName == table::licenses;
}

namespace {

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
            for (const auto& value : it.value().toArray()) {
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
                ? row.value(column::userId).toLongLong() == user
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

} // namespace

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

} // namespace cc::revert
