// Runs, settings and permissions over time (issue 15, docs/RELIABILITY.md): what a later command sees
// after a check died mid-run, a permission changed under a running write, or two writes raced.
#include "CliTestSupport.h"
#include "RunStore.h"
#include "Session.h"

#include <QProcess>

#include <signal.h>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;

namespace {

// SQLite only: the time passes that turns a silent heartbeat stale (RunLiveness::staleAfterSeconds).
void ageHeartbeats(TestDatabase& db)
{
    if (!TestDatabase::isPostgres())
        QVERIFY(db.exec(QStringLiteral("UPDATE %1 SET finished_at = '2000-01-01T00:00:00.000Z' WHERE status = 'running'").arg(toolTable("runs"))));
}

qint64 runningRun(TestDatabase& db)
{
    return db.scalar(QStringLiteral("SELECT max(id) FROM %1 WHERE status = 'running'").arg(toolTable("runs"))).toLongLong();
}

} // namespace

class TestCliRunsOverTime final : public QObject {
    Q_OBJECT

private slots:
    // A check killed mid-run (kill -9: its process, its connections and its heartbeat end) is shown
    // abandoned by the next reader, and `violations --run` on it says so instead of "0 violations".
    void killedCheckIsAbandoned()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(100000));
        QProcess check;
        check.start(qEnvironmentVariable("CC_BINARY"), QStringList { QStringLiteral("check") } + db.cliArguments());
        QVERIFY(check.waitForStarted());
        qint64 runId = 0;
        for (int i = 0; i < 400 && runId == 0; ++i) {
            QTest::qWait(25);
            runId = runningRun(db);
        }
        QVERIFY2(runId > 0, "the check never stored a running run");
        ::kill(pid_t(check.processId()), SIGKILL);
        QVERIFY(check.waitForFinished(10000));
        QCOMPARE(check.exitStatus(), QProcess::CrashExit);
        ageHeartbeats(db);

        const CliRun runs = runOn(db, QStringLiteral("runs"));
        QVERIFY2(runs.exitCode == 0, qPrintable(describe(runs)));
        QVERIFY2(QString::fromUtf8(runs.out).contains(QStringLiteral("run %1 ").arg(runId)) && runs.out.contains("abandoned"),
                 qPrintable(describe(runs)));
        QCOMPARE(db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { runId }).toString(),
                 QStringLiteral("abandoned"));
        QCOMPARE(db.count(toolTable("violations"), QStringLiteral("run_id = ?"), { runId }), 0);

        const CliRun listed = runOn(db, QStringLiteral("violations"), { QStringLiteral("--run"), QString::number(runId) });
        QVERIFY2(listed.exitCode == 4 && listed.err.contains("abandoned") && !listed.out.contains("0 violations"),
                 qPrintable(describe(listed)));
    }

    // A run whose check is alive stays `running`, and `violations --run` says it is still running.
    void liveRunIsStillRunning()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(10));
        auto writer = RunStore::openWriter(db.profile());
        QVERIFY(writer.ok());
        HealthReport report;
        report.startedAt = QDateTime::currentDateTimeUtc();
        auto runId = (*writer)->beginRun(report);
        QVERIFY(runId.ok());

        const CliRun runs = runOn(db, QStringLiteral("runs"));
        QVERIFY2(runs.exitCode == 0 && runs.out.contains("running") && !runs.out.contains("abandoned"), qPrintable(describe(runs)));
        const CliRun listed = runOn(db, QStringLiteral("violations"), { QStringLiteral("--run"), QString::number(*runId) });
        QVERIFY2(listed.exitCode == 4 && listed.err.contains("still running"), qPrintable(describe(listed)));
        QCOMPARE(db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { *runId }).toString(),
                 QStringLiteral("running"));

        // Its writer's connection closes without finishing: the next reader marks it abandoned.
        writer->reset();
        ageHeartbeats(db);
        const CliRun after = runOn(db, QStringLiteral("runs"));
        QVERIFY2(after.exitCode == 0 && after.out.contains("abandoned"), qPrintable(describe(after)));
    }
};

QTEST_GUILESS_MAIN(TestCliRunsOverTime)
#include "tst_cli_runs_over_time.moc"
