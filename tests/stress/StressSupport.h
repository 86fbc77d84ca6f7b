#pragma once

// Shared by the stress tests (issue 5): how many trials CC_STRESS asks for, a whole-database
// snapshot of the platform rows the tool writes, and the check that the audit log written since a
// snapshot explains every difference between it and a later one, key by key.

#include "TestDatabase.h"
#include "audit/AuditLog.h"
#include "rows/KeyRows.h"
#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "session/Session.h"

#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlRecord>
#include <QTest>

namespace cc::test::stress {

inline bool fullStress()
{
    return qgetenv("CC_STRESS") == "full";
}

// 3 trials per scenario in CI (CC_STRESS=ci, ./test.sh), 20 with CC_STRESS=full.
inline int trials()
{
    return fullStress() ? 20 : 3;
}

// The seed of the random kill moments: CC_STRESS_SEED, or a fixed one so a failure repeats.
inline quint32 seed()
{
    bool ok = false;
    const quint32 value = qEnvironmentVariable("CC_STRESS_SEED").toUInt(&ok);
    return ok ? value : 20261124u;
}

inline QString keyName(const KeyRef& key)
{
    return QString::number(key.userId) + u'/' + key.track;
}

// Every row of the four platform tables the tool writes, read as the tool reads them (the platform
// schema's select list), plus the progress and license rows grouped by key (canonical track).
struct DatabaseState {
    QMap<QString, QMap<qint64, Row>> tables;
    QMap<KeyRef, KeyRows> keys;
    qint64 maxAuditId = 0;
};

inline QStringList writtenTables()
{
    return { table::progress, table::licenses, table::progressions, table::achievements };
}

inline Result<DatabaseState> readState(Session& session)
{
    auto schema = session.platform();
    if (!schema)
        return schema.error();
    DatabaseState state;
    for (const QString& name : writtenTables()) {
        auto query = session.db().exec(QStringLiteral("SELECT ") + (*schema)->selectList(name)
            + QStringLiteral(" FROM ") + name + QStringLiteral(" ORDER BY id"));
        if (!query)
            return query.error();
        QMap<qint64, Row>& rows = state.tables[name];
        while (query->next()) {
            Row row;
            const QSqlRecord record = query->record();
            for (int i = 0; i < record.count(); ++i)
                row.insert(record.fieldName(i), query->value(i));
            rows.insert(rowId(row), row);
        }
    }
    const LevelCatalogue& catalogue = session.catalogue();
    for (const Row& row : std::as_const(state.tables[table::progress])) {
        const KeyRef key { row.value(QStringLiteral("student_id")).toLongLong(),
            catalogue.canonical(row.value(QStringLiteral("specialization_id")).toString()) };
        state.keys[key].key = key;
        state.keys[key].progress.append(row);
    }
    for (const Row& row : std::as_const(state.tables[table::licenses])) {
        const KeyRef key { row.value(QStringLiteral("user_id")).toLongLong(),
            catalogue.canonical(row.value(QStringLiteral("specialization_type")).toString()) };
        state.keys[key].key = key;
        state.keys[key].licenses.append(row);
    }
    auto maxId = session.db().scalar(
        QStringLiteral("SELECT coalesce(max(id), 0) FROM ") + session.db().tool("audit"));
    if (!maxId)
        return maxId.error();
    state.maxAuditId = maxId->toLongLong();
    return state;
}

inline QList<Row> rowsOf(const QJsonObject& auditState, const QString& name)
{
    QList<Row> rows;
    for (const QJsonValue& value : auditState.value(name).toArray())
        rows.append(rowFromJson(value.toObject()));
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return rowId(a) < rowId(b); });
    return rows;
}

// Empty when both lists hold the same rows (by id, every column); otherwise what differs.
inline QString rowsDiffer(const QList<Row>& expected, const QList<Row>& actual)
{
    if (expected.size() != actual.size())
        return QStringLiteral("%1 rows instead of %2").arg(actual.size()).arg(expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (rowId(expected.at(i)) != rowId(actual.at(i)))
            return QStringLiteral("row %1 instead of %2").arg(rowId(actual.at(i))).arg(rowId(expected.at(i)));
        if (!sameRow(expected.at(i), actual.at(i)))
            return QStringLiteral("row %1 differs in %2")
                .arg(rowId(actual.at(i)))
                .arg(rowDifference(expected.at(i), actual.at(i)));
    }
    return {};
}

inline QString keyRowsDiffer(const KeyRows& expected, const KeyRows& actual)
{
    if (QString d = rowsDiffer(expected.progress, actual.progress); !d.isEmpty())
        return QStringLiteral("progress: ") + d;
    if (QString d = rowsDiffer(expected.licenses, actual.licenses); !d.isEmpty())
        return QStringLiteral("license: ") + d;
    return {};
}

inline KeyRows auditKeyRows(const QJsonObject& auditState)
{
    KeyRows rows;
    rows.progress = rowsOf(auditState, table::progress);
    rows.licenses = rowsOf(auditState, table::licenses);
    return rows;
}

// What the audit entries written between two snapshots say, checked against both snapshots.
struct AuditVerdict {
    QStringList problems; // empty: the audit log matches the data exactly
    QMap<KeyRef, QList<AuditEntry>> entriesByKey; // in id order
    QList<KeyRef> changedKeys; // keys whose progress or license rows differ between the snapshots
};

// For every key with new entries: the first entry's `before` is the key's rows in `before`, each
// entry's `after` is the next one's `before`, and the last entry's `after` is exactly the key's
// rows now (progress and license rows together; other tables' rows in it exist as recorded). Every
// key whose rows changed has an entry, and every new, removed or changed progression or
// achievement row appears in an entry.
inline AuditVerdict verifyAudit(
    const DatabaseState& before, const DatabaseState& now, const QList<AuditEntry>& entries)
{
    AuditVerdict verdict;
    QMap<QString, QSet<qint64>> auditedIds;
    for (const AuditEntry& entry : entries) {
        if (!entry.userId) {
            verdict.problems << QStringLiteral("audit %1 (%2) names no user").arg(entry.id).arg(entry.action);
            continue;
        }
        verdict.entriesByKey[KeyRef { *entry.userId, entry.track }].append(entry);
        for (const QJsonObject& state : { entry.before, entry.after }) {
            for (auto it = state.constBegin(); it != state.constEnd(); ++it) {
                for (const QJsonValue& row : it.value().toArray())
                    auditedIds[it.key()].insert(row.toObject().value(QStringLiteral("id")).toInteger());
            }
        }
    }
    for (auto it = verdict.entriesByKey.cbegin(); it != verdict.entriesByKey.cend(); ++it) {
        const KeyRef& key = it.key();
        const QList<AuditEntry>& list = it.value();
        const QString name = keyName(key);
        if (QString d = keyRowsDiffer(before.keys.value(key), auditKeyRows(list.first().before));
            !d.isEmpty())
            verdict.problems << QStringLiteral(
                "%1: audit %2 `before` is not the key's rows at the start (%3)")
                                    .arg(name)
                                    .arg(list.first().id)
                                    .arg(d);
        for (qsizetype i = 1; i < list.size(); ++i) {
            if (QString d
                = keyRowsDiffer(auditKeyRows(list.at(i - 1).after), auditKeyRows(list.at(i).before));
                !d.isEmpty())
                verdict.problems << QStringLiteral("%1: audit %2 `before` is not audit %3 `after` (%4)")
                                        .arg(name)
                                        .arg(list.at(i).id)
                                        .arg(list.at(i - 1).id)
                                        .arg(d);
        }
        const AuditEntry& last = list.last();
        if (QString d = keyRowsDiffer(auditKeyRows(last.after), now.keys.value(key)); !d.isEmpty())
            verdict.problems
                << QStringLiteral("%1: the rows are not audit %2 `after` (%3)").arg(name).arg(last.id).arg(d);
        for (const QString& other : { table::progressions, table::achievements }) {
            for (const Row& row : rowsOf(last.after, other)) {
                const auto current = now.tables.value(other).constFind(rowId(row));
                if (current == now.tables.value(other).constEnd() || !sameRow(row, *current))
                    verdict.problems << QStringLiteral("%1: %2 row %3 is not as audit %4 `after` says")
                                            .arg(name, other)
                                            .arg(rowId(row))
                                            .arg(last.id);
            }
        }
    }
    QMap<KeyRef, bool> allKeys;
    for (auto it = before.keys.cbegin(); it != before.keys.cend(); ++it)
        allKeys.insert(it.key(), true);
    for (auto it = now.keys.cbegin(); it != now.keys.cend(); ++it)
        allKeys.insert(it.key(), true);
    for (auto it = allKeys.cbegin(); it != allKeys.cend(); ++it) {
        const QString d = keyRowsDiffer(before.keys.value(it.key()), now.keys.value(it.key()));
        if (d.isEmpty())
            continue;
        verdict.changedKeys.append(it.key());
        if (!verdict.entriesByKey.contains(it.key()))
            verdict.problems
                << QStringLiteral("%1 changed without an audit entry (%2)").arg(keyName(it.key()), d);
    }
    for (const QString& other : { table::progressions, table::achievements }) {
        const QMap<qint64, Row> a = before.tables.value(other);
        const QMap<qint64, Row> b = now.tables.value(other);
        QSet<qint64> ids;
        for (auto it = a.cbegin(); it != a.cend(); ++it)
            ids.insert(it.key());
        for (auto it = b.cbegin(); it != b.cend(); ++it)
            ids.insert(it.key());
        for (qint64 id : std::as_const(ids)) {
            const bool same = a.contains(id) && b.contains(id) && sameRow(a.value(id), b.value(id));
            if (!same && !auditedIds.value(other).contains(id))
                verdict.problems
                    << QStringLiteral("%1 row %2 changed without an audit entry").arg(other).arg(id);
        }
    }
    return verdict;
}

inline QString firstProblems(const QStringList& problems)
{
    return QStringLiteral("%1 problem(s):\n").arg(problems.size()) + problems.mid(0, 12).join(u'\n');
}

// One run of the real binary, killed with SIGKILL after `delayMs` unless it ended before.
struct KilledRun {
    bool killed = false; // still running at the kill
    int exitCode = -1; // when it ended by itself
    QByteArray out;
    QByteArray err;
};

inline KilledRun runAndKill(const QStringList& arguments, int delayMs)
{
    KilledRun run;
    QProcess process;
    process.setProgram(qEnvironmentVariable("CC_BINARY"));
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted(10000))
        return run;
    if (!process.waitForFinished(delayMs)) {
        run.killed = process.state() == QProcess::Running;
        process.kill(); // SIGKILL
        process.waitForFinished(10000);
    } else {
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace cc::test::stress
