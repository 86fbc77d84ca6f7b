// kill -9 trials (issue 5): the real binary is killed with SIGKILL at a random moment (seeded,
// measured from its start) during `repair-all --apply --create-licenses` on a demo with many
// desyncs, during a storm of concurrent `update-progress` processes, and during
// `inject --random N`. After every kill: every key is entirely before or entirely after its change,
// the audit log explains the data exactly (StressSupport.h verifyAudit), SQLite's integrity check
// says ok (PostgreSQL: no lock or open transaction is left behind), and the next command works.
// CC_STRESS=ci (./test.sh): 3 trials per scenario; CC_STRESS=full: 20. CC_STRESS_SEED changes the
// kill moments.
#include "CliTestSupport.h"
#include "StressSupport.h"
#include "check/RunStore.h"
#include "rows/KeyRef.h"
#include "rows/PlatformTables.h"

#include <QElapsedTimer>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;
using namespace cc::test::stress;

namespace {

// Users of the repair-all demo: ~30% of their keys desynced, so the repair runs for seconds.
qint64 repairUsers()
{
    return fullStress() ? 20000 : 6000;
}

QJsonObject checkJson(const TestDatabase& db, int* exitCode)
{
    const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
    *exitCode = run.exitCode;
    return jsonObject(run);
}

QMap<KeyRef, QString> violationKinds(const QJsonObject& check)
{
    QMap<KeyRef, QString> kinds;
    for (const QJsonValue& value : check.value(QStringLiteral("violations")).toArray()) {
        const QJsonObject violation = value.toObject();
        kinds.insert({ violation.value(QStringLiteral("user_id")).toInteger(),
                         violation.value(QStringLiteral("specialization")).toString() },
            violation.value(QStringLiteral("kind")).toString());
    }
    return kinds;
}

} // namespace

class TestKill final : public QObject {
    Q_OBJECT

private:
    QRandomGenerator m_random { seed() };

    DatabaseState state(TestDatabase& db)
    {
        auto session = db.open();
        if (!session)
            return {};
        auto read = readState(*session);
        if (!read) {
            qWarning("cannot read the database: %s", qPrintable(read.error().message));
            return {};
        }
        return *read;
    }

    QList<AuditEntry> entriesSince(TestDatabase& db, qint64 auditId)
    {
        auto session = db.open();
        AuditFilter filter;
        filter.afterId = auditId;
        auto entries = AuditLog::entries(session->db(), filter);
        return entries ? *entries : QList<AuditEntry>();
    }

    // The database is intact after a kill: SQLite's integrity check says ok; on PostgreSQL the killed
    // client left no advisory lock and no open transaction in this database.
    void verifyStorage(TestDatabase& db)
    {
        if (!TestDatabase::isPostgres()) {
            const CliRun integrity = runProgram(QStringLiteral("sqlite3"),
                { db.cliArguments().at(1), QStringLiteral("PRAGMA integrity_check;") });
            QCOMPARE(QString::fromUtf8(integrity.out).trimmed(), QStringLiteral("ok"));
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            db.scalar(
                  QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                                 "(SELECT oid FROM pg_database WHERE datname = current_database())"))
                .toLongLong(),
            qint64(0), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            db.scalar(
                  QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND state LIKE 'idle in transaction%'"))
                .toLongLong(),
            qint64(0), 10000);
    }

    // A repair-all was killed: keys changed only in whole 500-key transactions, in key order, each
    // changed key consistent and audited in the one batch.
    // Trial 0 runs to the end (its time is `fullRunMs` for the others); the others are killed at a
    // random moment between a tenth and seven tenths of that time.
    int killDelay(int trial, qint64 fullRunMs)
    {
        return trial == 0 ? 600000 : int(m_random.bounded(int(fullRunMs / 10), int(fullRunMs * 7 / 10) + 1));
    }

    void verifyRepairKill(TestDatabase& db, const AuditVerdict& verdict, const QList<AuditEntry>& entries)
    {
        QSet<qint64> batches;
        for (const AuditEntry& entry : entries)
            batches.insert(entry.batchId.value_or(-1));
        QVERIFY2(batches.size() <= 1, "the entries of one repair-all carry one batch id");
        QVERIFY(!batches.contains(-1));
        QCOMPARE(verdict.changedKeys.size(), verdict.entriesByKey.size());

        // The keys repair-all worked on: the violations of the latest completed run, in key order.
        auto session = db.open();
        auto latest = RunStore::latestCompleted(session->db());
        QVERIFY(latest.ok());
        if (!*latest || verdict.entriesByKey.isEmpty()) {
            QVERIFY2(verdict.entriesByKey.isEmpty(), "changes without a completed run");
        } else {
            ViolationFilter filter;
            filter.runId = (*latest)->runId;
            auto violations = RunStore::violations(session->db(), filter);
            QVERIFY(violations.ok());
            QList<KeyRef> keys;
            QMap<KeyRef, QString> kinds;
            for (const StoredViolation& violation : std::as_const(*violations)) {
                keys.append({ violation.record.userId, violation.record.track });
                kinds.insert(keys.last(), violation.record.kind);
            }
            std::sort(keys.begin(), keys.end());
            bool uncommittedSeen = false;
            int committed = 0;
            for (qsizetype start = 0; start < keys.size(); start += 500) {
                const QList<KeyRef> chunk = keys.mid(start, 500);
                int audited = 0;
                int repairable = 0;
                for (const KeyRef& key : chunk) {
                    audited += verdict.entriesByKey.contains(key) ? 1 : 0;
                    repairable += kinds.value(key) == u"unknown_specialization" ? 0 : 1;
                }
                if (repairable == 0)
                    continue; // only keys for manual review: nothing to commit
                if (audited == 0) {
                    uncommittedSeen = true;
                    continue;
                }
                ++committed;
                QVERIFY2(!uncommittedSeen,
                    qPrintable(QStringLiteral("transaction at key %1 committed after an earlier one did not")
                                   .arg(start)));
                QVERIFY2(audited == repairable,
                    qPrintable(QStringLiteral("transaction at key %1: %2 of %3 repairable keys changed")
                                   .arg(start)
                                   .arg(audited)
                                   .arg(repairable)));
            }
            qInfo("  %d of %d transactions of 500 keys committed (%d keys changed)", committed,
                int((keys.size() + 499) / 500), int(verdict.changedKeys.size()));
        }

        // The next command works, and sees every changed key consistent.
        int code = -1;
        const QJsonObject check = checkJson(db, &code);
        QVERIFY2(
            code >= 0 && code <= 2, qPrintable(QStringLiteral("check after the kill exited %1").arg(code)));
        const QMap<KeyRef, QString> open = violationKinds(check);
        for (const KeyRef& key : verdict.changedKeys)
            QVERIFY2(!open.contains(key),
                qPrintable(keyName(key) + QStringLiteral(" was changed but is still ") + open.value(key)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("CC_BINARY").isEmpty());
        qInfo("CC_STRESS=%s: %d trials per scenario, seed %u", qgetenv("CC_STRESS").constData(), trials(),
            seed());
    }

    void killDuringRepairAll()
    {
        // Trial 0 runs to the end and times the whole command; the others are killed at a random
        // moment between a tenth and seven tenths of that time, so the window follows the engine's
        // speed on this machine instead of a guess.
        qint64 fullRunMs = 0;
        int killed = 0;
        for (int trial = 0; trial <= trials(); ++trial) {
            TestDatabase db;
            CLI_REQUIRE_DB(db);
            CLI_EXPECT(
                runOn(db, QStringLiteral("demo"),
                    { QStringLiteral("--users"), QString::number(repairUsers()), QStringLiteral("--seed"),
                        QString::number(trial + 1), QStringLiteral("--desync-rate"), QStringLiteral("0.3") }),
                0);
            const DatabaseState before = state(db);
            QVERIFY(!before.keys.isEmpty());
            const int delay = killDelay(trial, fullRunMs);
            QElapsedTimer timer;
            timer.start();
            const KilledRun run
                = runAndKill(QStringList { QStringLiteral("repair-all"), QStringLiteral("--apply"),
                                 QStringLiteral("--create-licenses") }
                        + db.cliArguments(),
                    delay);
            if (trial == 0)
                fullRunMs = timer.elapsed();
            qInfo("trial %d: kill after %d ms: %s", trial, delay,
                run.killed ? "killed while running"
                           : qPrintable(QStringLiteral("ended after %1 ms").arg(timer.elapsed())));
            if (!run.killed)
                QVERIFY2(run.exitCode == 0, run.err.constData());
            killed += run.killed ? 1 : 0;
            verifyStorage(db);
            const DatabaseState now = state(db);
            const QList<AuditEntry> entries = entriesSince(db, before.maxAuditId);
            const AuditVerdict verdict = verifyAudit(before, now, entries);
            QVERIFY2(verdict.problems.isEmpty(), qPrintable(firstProblems(verdict.problems)));
            verifyRepairKill(db, verdict, entries);
            if (QTest::currentTestFailed())
                return;

            // The next repair-all finishes the job: only unknown tracks (manual review) remain.
            const DatabaseState resumed = state(db);
            CLI_EXPECT(runOn(db, QStringLiteral("repair-all"),
                           { QStringLiteral("--apply"), QStringLiteral("--create-licenses") }),
                0);
            const AuditVerdict finished
                = verifyAudit(resumed, state(db), entriesSince(db, resumed.maxAuditId));
            QVERIFY2(finished.problems.isEmpty(), qPrintable(firstProblems(finished.problems)));
            int code = -1;
            const QJsonObject check = checkJson(db, &code);
            QVERIFY(code >= 0 && code <= 2);
            const QJsonObject byKind = check.value(QStringLiteral("by_kind")).toObject();
            QCOMPARE(check.value(QStringLiteral("inconsistent")).toInteger(),
                byKind.value(QStringLiteral("unknown_specialization")).toInteger());
            verifyStorage(db);
        }
        qInfo("repair-all: %d of %d trials killed while running", killed, trials());
        QVERIFY2(killed > 0, "no trial killed repair-all while it ran: the kill window is wrong");
    }

    void killDuringProgressStorm()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"), words({ "--users", "300", "--desync-rate", "0" })), 0);
        // Eight keys with one progress and one license row each, in a known track.
        QList<KeyRef> keys;
        {
            const DatabaseState start = state(db);
            for (auto it = start.keys.cbegin(); it != start.keys.cend() && keys.size() < 8; ++it) {
                if (it->progress.size() == 1 && it->licenses.size() == 1
                    && it.key().track == u"GANCUJU_PLAYER")
                    keys.append(it.key());
            }
        }
        QCOMPARE(keys.size(), 8);
        constexpr int workers = 4;
        int killedTotal = 0;
        for (int trial = 0; trial < trials(); ++trial) {
            const DatabaseState before = state(db);
            struct Operation {
                KeyRef key;
                qint64 xp = 0;
                bool killed = false;
                int exitCode = -1;
                QByteArray err;
            };
            QList<Operation> operations;
            std::array<std::unique_ptr<QProcess>, workers> running;
            std::array<qsizetype, workers> current {};
            const int stormMs = int(m_random.bounded(300, 2500));
            QElapsedTimer timer;
            timer.start();
            // Each worker runs update-progress after update-progress; every operation adds a
            // distinct XP amount, so each audit entry names the operation it records.
            while (timer.elapsed() < stormMs) {
                for (int w = 0; w < workers; ++w) {
                    if (running[w] && running[w]->state() != QProcess::NotRunning)
                        continue;
                    if (running[w]) {
                        Operation& done = operations[current[w]];
                        done.exitCode
                            = running[w]->exitStatus() == QProcess::NormalExit ? running[w]->exitCode() : -1;
                        done.err = running[w]->readAllStandardError();
                    }
                    Operation operation;
                    operation.key = keys.at(int(m_random.bounded(keys.size())));
                    operation.xp = operations.size() + 1;
                    current[w] = operations.size();
                    operations.append(operation);
                    running[w] = std::make_unique<QProcess>();
                    running[w]->setProgram(qEnvironmentVariable("CC_BINARY"));
                    running[w]->setArguments(
                        QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"),
                            QString::number(operation.key.userId), QStringLiteral("--spec"),
                            operation.key.track, QStringLiteral("--xp"), QString::number(operation.xp),
                            QStringLiteral("--sessions"), QStringLiteral("1") }
                        + db.cliArguments());
                    running[w]->start();
                }
                QTest::qWait(2);
            }
            for (int w = 0; w < workers; ++w) {
                Operation& last = operations[current[w]];
                if (running[w]->state() != QProcess::NotRunning) {
                    last.killed = true;
                    running[w]->kill();
                }
                running[w]->waitForFinished(10000);
                if (!last.killed) {
                    last.exitCode
                        = running[w]->exitStatus() == QProcess::NormalExit ? running[w]->exitCode() : -1;
                    last.err = running[w]->readAllStandardError();
                }
            }
            int killed = 0;
            for (const Operation& operation : std::as_const(operations)) {
                killed += operation.killed ? 1 : 0;
                QVERIFY2(operation.killed || operation.exitCode == 0,
                    qPrintable(QStringLiteral("update-progress +%1 exited %2: %3")
                                   .arg(operation.xp)
                                   .arg(operation.exitCode)
                                   .arg(QString::fromUtf8(operation.err))));
            }
            killedTotal += killed;
            qInfo("trial %d: %d update-progress runs in %d ms, %d killed", trial, int(operations.size()),
                stormMs, killed);

            verifyStorage(db);
            const DatabaseState now = state(db);
            const AuditVerdict verdict = verifyAudit(before, now, entriesSince(db, before.maxAuditId));
            QVERIFY2(verdict.problems.isEmpty(), qPrintable(firstProblems(verdict.problems)));

            // Each entry records exactly one operation's XP; every finished operation has one entry,
            // a killed one at most one; nothing else was added.
            QMap<qint64, const Operation*> byXp;
            for (const Operation& operation : std::as_const(operations))
                byXp.insert(operation.xp, &operation);
            QSet<qint64> recorded;
            for (auto it = verdict.entriesByKey.cbegin(); it != verdict.entriesByKey.cend(); ++it) {
                for (const AuditEntry& entry : it.value()) {
                    const QList<Row> from = rowsOf(entry.before, table::progress);
                    const QList<Row> to = rowsOf(entry.after, table::progress);
                    QCOMPARE(from.size(), 1);
                    QCOMPARE(to.size(), 1);
                    const qint64 xp = to.first().value(QStringLiteral("total_xp")).toLongLong()
                        - from.first().value(QStringLiteral("total_xp")).toLongLong();
                    const Operation* operation = byXp.value(xp);
                    QVERIFY2(operation && operation->key == it.key() && !recorded.contains(xp),
                        qPrintable(QStringLiteral("audit %1 adds %2 XP to %3, which no single operation did")
                                       .arg(entry.id)
                                       .arg(xp)
                                       .arg(keyName(it.key()))));
                    recorded.insert(xp);
                    QCOMPARE(to.first().value(QStringLiteral("completed_sessions")).toLongLong(),
                        from.first().value(QStringLiteral("completed_sessions")).toLongLong() + 1);
                }
            }
            for (const Operation& operation : std::as_const(operations)) {
                if (!operation.killed)
                    QVERIFY2(recorded.contains(operation.xp),
                        qPrintable(QStringLiteral("update-progress +%1 exited 0 without an audit entry")
                                       .arg(operation.xp)));
            }
            for (const KeyRef& key : std::as_const(keys)) {
                qint64 sum = 0;
                for (const AuditEntry& entry : verdict.entriesByKey.value(key))
                    sum += rowsOf(entry.after, table::progress)
                               .first()
                               .value(QStringLiteral("total_xp"))
                               .toLongLong()
                        - rowsOf(entry.before, table::progress)
                              .first()
                              .value(QStringLiteral("total_xp"))
                              .toLongLong();
                const qint64 gained
                    = now.keys.value(key).progress.value(0).value(QStringLiteral("total_xp")).toLongLong()
                    - before.keys.value(key).progress.value(0).value(QStringLiteral("total_xp")).toLongLong();
                QCOMPARE(gained, sum);
            }

            // The next command works; progress and license levels moved together.
            int code = -1;
            const QMap<KeyRef, QString> open = violationKinds(checkJson(db, &code));
            QVERIFY2(code >= 0 && code <= 2, qPrintable(QStringLiteral("check exited %1").arg(code)));
            for (const KeyRef& key : std::as_const(keys))
                QVERIFY2(
                    !open.contains(key), qPrintable(keyName(key) + QStringLiteral(" is ") + open.value(key)));
        }
        QVERIFY2(killedTotal > 0, "no update-progress was killed while it ran");
    }

    void killDuringInjectRandom()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"),
                       { QStringLiteral("--users"), QString::number(fullStress() ? 25000 : 4000),
                           QStringLiteral("--desync-rate"), QStringLiteral("0.02") }),
            0);
        const QStringList kinds { QStringLiteral("level_mismatch"), QStringLiteral("missing_license"),
            QStringLiteral("duplicate_progress"), QStringLiteral("duplicate_license") };
        constexpr int count = 1000;
        // Trial 0 runs to the end and times the whole command (scan and transaction); the others
        // are killed at a random moment between a tenth and seven tenths of that time (wider, and
        // a run now and then finishes first: other kinds are faster, and trial 0 pays cold caches).
        qint64 fullRunMs = 0;
        int killed = 0;
        for (int trial = 0; trial <= trials(); ++trial) {
            const QString kind = kinds.at(trial % kinds.size());
            const DatabaseState before = state(db);
            const int delay = killDelay(trial, fullRunMs);
            QElapsedTimer timer;
            timer.start();
            const KilledRun run = runAndKill(QStringList { QStringLiteral("inject"), QStringLiteral("--kind"),
                                                 kind, QStringLiteral("--random"), QString::number(count),
                                                 QStringLiteral("--seed"), QString::number(trial + 1) }
                    + db.cliArguments(),
                delay);
            if (trial == 0)
                fullRunMs = timer.elapsed();
            qInfo("trial %d: inject %s, kill after %d ms: %s", trial, qPrintable(kind), delay,
                run.killed ? "killed while running"
                           : qPrintable(QStringLiteral("ended after %1 ms").arg(timer.elapsed())));
            if (!run.killed)
                QVERIFY2(run.exitCode == 0, run.err.constData());
            killed += run.killed ? 1 : 0;
            verifyStorage(db);
            const DatabaseState now = state(db);
            const QList<AuditEntry> entries = entriesSince(db, before.maxAuditId);
            const AuditVerdict verdict = verifyAudit(before, now, entries);
            QVERIFY2(verdict.problems.isEmpty(), qPrintable(firstProblems(verdict.problems)));
            // One transaction: all 1000 keys or none.
            QVERIFY2(verdict.entriesByKey.isEmpty() || verdict.entriesByKey.size() == count,
                qPrintable(QStringLiteral("%1 keys injected").arg(verdict.entriesByKey.size())));
            QCOMPARE(verdict.changedKeys.size(), verdict.entriesByKey.size());
            QSet<qint64> batches;
            for (const AuditEntry& entry : entries)
                batches.insert(entry.batchId.value_or(-1));
            QVERIFY(batches.size() <= 1 && !batches.contains(-1));
            if (!run.killed)
                QCOMPARE(verdict.entriesByKey.size(), count);
            qInfo("  %d keys injected", int(verdict.entriesByKey.size()));

            // The next command works and sees each injected key with the injected kind.
            int code = -1;
            const QMap<KeyRef, QString> open = violationKinds(checkJson(db, &code));
            QVERIFY2(code >= 0 && code <= 2, qPrintable(QStringLiteral("check exited %1").arg(code)));
            for (const KeyRef& key : verdict.changedKeys)
                QVERIFY2(open.value(key) == kind,
                    qPrintable(keyName(key) + QStringLiteral(" is ") + open.value(key)));
        }
        qInfo("inject --random: %d of %d trials killed while running", killed, trials());
        QVERIFY2(killed > 0, "no trial killed inject while it ran: the kill window is wrong");
    }
};

QTEST_GUILESS_MAIN(TestKill)
#include "tst_kill.moc"
