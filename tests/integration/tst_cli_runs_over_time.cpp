// Runs, settings and permissions over time (issue 15, docs/RELIABILITY.md): what a later command sees
// after a check died mid-run, a permission changed under a running write, or two writes raced.
#include "CliTestSupport.h"
#include "check/RunStore.h"
#include "session/Session.h"

#include <QCoreApplication>
#include <QProcess>
#include <QScopeGuard>

#include <signal.h>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;

namespace {

// SQLite only: the time passes that turns a silent heartbeat stale (RunLiveness::staleAfterSeconds).
void ageHeartbeats(TestDatabase& db)
{
    if (!TestDatabase::isPostgres())
        QVERIFY(db.exec(
            QStringLiteral("UPDATE %1 SET finished_at = '2000-01-01T00:00:00.000Z' WHERE status = 'running'")
                .arg(toolTable("runs"))));
}

qint64 runningRun(TestDatabase& db)
{
    return db.scalar(QStringLiteral("SELECT max(id) FROM %1 WHERE status = 'running'").arg(toolTable("runs")))
        .toLongLong();
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
        check.start(
            qEnvironmentVariable("CC_BINARY"), QStringList { QStringLiteral("check") } + db.cliArguments());
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
        QVERIFY2(QString::fromUtf8(runs.out).contains(QStringLiteral("run %1 ").arg(runId))
                && runs.out.contains("abandoned"),
            qPrintable(describe(runs)));
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { runId })
                .toString(),
            QStringLiteral("abandoned"));
        QCOMPARE(db.count(toolTable("violations"), QStringLiteral("run_id = ?"), { runId }), 0);

        const CliRun listed
            = runOn(db, QStringLiteral("violations"), { QStringLiteral("--run"), QString::number(runId) });
        QVERIFY2(
            listed.exitCode == 4 && listed.err.contains("abandoned") && !listed.out.contains("0 violations"),
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
        QVERIFY2(runs.exitCode == 0 && runs.out.contains("running") && !runs.out.contains("abandoned"),
            qPrintable(describe(runs)));
        const CliRun listed
            = runOn(db, QStringLiteral("violations"), { QStringLiteral("--run"), QString::number(*runId) });
        QVERIFY2(listed.exitCode == 4 && listed.err.contains("still running"), qPrintable(describe(listed)));
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { *runId })
                .toString(),
            QStringLiteral("running"));

        // Its writer's connection closes without finishing: the next reader marks it abandoned.
        writer->reset();
        ageHeartbeats(db);
        const CliRun after = runOn(db, QStringLiteral("runs"));
        QVERIFY2(after.exitCode == 0 && after.out.contains("abandoned"), qPrintable(describe(after)));
    }

    // A statement_timeout set on the login stops `init --indexes`: exit 5 naming the timeout (not
    // "cancelled", 130), no INVALID cc_ index and no audit entry left; the next init builds them.
    void serverTimeoutIsReportedAndCleanedUp()
    {
        if (!TestDatabase::isPostgres())
            QSKIP("statement_timeout is PostgreSQL's; SQLite has no server timeout");
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(100000));
        const QString role = QStringLiteral("cc_timeout_%1").arg(QCoreApplication::applicationPid());
        QVERIFY(db.exec(QStringLiteral("DROP ROLE IF EXISTS ") + role));
        QVERIFY(db.exec(QStringLiteral("CREATE ROLE %1 LOGIN SUPERUSER").arg(role)));
        const auto dropRole = qScopeGuard([&] { db.exec(QStringLiteral("DROP ROLE IF EXISTS ") + role); });
        QVERIFY(db.exec(QStringLiteral("ALTER ROLE %1 SET statement_timeout = '40ms'").arg(role)));
        const CliRun dropped = runOn(db, QStringLiteral("init"), { QStringLiteral("--drop-indexes") });
        QVERIFY2(dropped.exitCode == 0, qPrintable(describe(dropped)));
        const qint64 audited = db.count(toolTable("audit"));

        QStringList arguments = db.cliArguments();
        arguments.last() += QStringLiteral(" user=") + role;
        const CliRun timedOut
            = runCli(QStringList { QStringLiteral("init"), QStringLiteral("--indexes") } + arguments);
        QVERIFY2(timedOut.exitCode == 5 && timedOut.err.contains("statement_timeout")
                && !timedOut.err.contains("cancelled"),
            qPrintable(describe(timedOut)));
        const QString invalid
            = QStringLiteral("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                             "WHERE c.relname LIKE 'cc\\_%' AND NOT i.indisvalid");
        QCOMPARE(db.scalar(invalid).toLongLong(), 0);
        QCOMPARE(db.count(toolTable("audit")), audited);

        // An INVALID index left by a build stopped elsewhere is dropped and rebuilt by the next init.
        const ConnectionProfile& profile = db.profile();
        // A CONCURRENTLY build that fails after its catalogue entry committed leaves it INVALID (here a
        // unique index over duplicates, which fails deterministically).
        auto leaveInvalidLicenseIndex = [&] {
            const CliRun stopped = runProgram(QStringLiteral("psql"),
                { QStringLiteral("-h"), profile.host, QStringLiteral("-p"), QString::number(profile.port),
                    QStringLiteral("-U"), profile.user, QStringLiteral("-d"), profile.database,
                    QStringLiteral("-c"), QStringLiteral("DROP INDEX IF EXISTS cc_license_key"),
                    QStringLiteral("-c"),
                    QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY cc_license_key ON user_licenses "
                                   "(specialization_type)") });
            return stopped.err.contains("could not create unique index");
        };
        QVERIFY(leaveInvalidLicenseIndex());
        QCOMPARE(db.scalar(invalid).toLongLong(), 1);
        const CliRun again = runOn(db, QStringLiteral("init"), { QStringLiteral("--indexes") });
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QCOMPARE(db.scalar(invalid).toLongLong(), 0);
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM pg_class WHERE relkind = 'i' AND relname IN "
                                          "('cc_progress_key', 'cc_license_key', 'cc_progressions_license', "
                                          "'cc_users_role')"))
                     .toLongLong(),
            4);
        // An INVALID index is not counted as present (the planner ignores it): beside a valid
        // cc_progress_key, init reports the cc_ indexes absent.
        QVERIFY(leaveInvalidLicenseIndex());
        const CliRun reported = runOn(db, QStringLiteral("init"));
        QVERIFY2(reported.exitCode == 0 && reported.out.contains("cc_ indexes absent"),
            qPrintable(describe(reported)));
    }

    // init on another application's database (tables, none of the platform's) is refused, naming a
    // bounded, escaped list of what it found, and creates nothing.
    void foreignDatabaseIsRefused()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        for (int i = 0; i < 12; ++i)
            QVERIFY(db.exec(
                QStringLiteral("CREATE TABLE invoices_%1 (id INTEGER)").arg(i, 2, 10, QLatin1Char('0'))));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE \"a\x1b[31mred\" (id INTEGER)")));
        const CliRun init = runOn(db, QStringLiteral("init"));
        QVERIFY2(init.exitCode == 4 && init.err.contains("not the platform's")
                && init.err.contains("13 other tables") && init.err.contains("a\\x1b[31mred")
                && !init.err.contains('\x1b') && init.err.contains("and 3 more"),
            qPrintable(describe(init)));
        const QString users = TestDatabase::isPostgres()
            ? QStringLiteral("SELECT count(*) FROM pg_class WHERE relname IN ('users', "
                             "'specialization_progress') OR relname LIKE 'cc\\_%'")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('users', "
                             "'specialization_progress') OR name LIKE 'cc\\_%' ESCAPE '\\'");
        QCOMPARE(db.scalar(users).toLongLong(), 0);
        const CliRun demo
            = runOn(db, QStringLiteral("demo"), { QStringLiteral("--users"), QStringLiteral("10") });
        QVERIFY2(demo.exitCode == 4 && demo.err.contains("not the platform's"), qPrintable(describe(demo)));
        QCOMPARE(db.scalar(users).toLongLong(), 0);
    }

    // PostgreSQL: platform tables in another schema are found along the search_path, and refused
    // with the schema named when the search_path does not reach them.
    void platformTablesAlongTheSearchPath()
    {
        if (!TestDatabase::isPostgres())
            QSKIP("schemas and search_path are PostgreSQL's");
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(createPlatformTables(db));
        const qint64 student = addUser(db, QStringLiteral("s@x.test"));
        QVERIFY(student > 0 && addProgress(db, student, QStringLiteral("PLAYER"), 1));
        QVERIFY(db.exec(QStringLiteral("CREATE SCHEMA platform")));
        const QStringList tables
            = db.scalar(QStringLiteral("SELECT string_agg(relname, ',') FROM pg_class WHERE relkind = 'r' "
                                       "AND relnamespace = 'public'::regnamespace"))
                  .toString()
                  .split(u',');
        for (const QString& table : tables)
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE public.%1 SET SCHEMA platform").arg(table)));
        const QString inPublic
            = QStringLiteral("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace");

        const CliRun refused = runOn(db, QStringLiteral("init"));
        QVERIFY2(refused.exitCode == 4 && refused.err.contains("schema platform")
                && refused.err.contains("search_path"),
            qPrintable(describe(refused)));
        QCOMPARE(db.scalar(inPublic).toLongLong(), 0);

        QVERIFY(db.exec(QStringLiteral("ALTER DATABASE %1 SET search_path = public, platform")
                            .arg(db.profile().database)));
        const CliRun init = runOn(db, QStringLiteral("init"));
        QVERIFY2(init.exitCode == 0, qPrintable(describe(init)));
        QCOMPARE(db.scalar(inPublic).toLongLong(), 0);
        const CliRun user = runOn(db, QStringLiteral("user"), { QStringLiteral("s@x.test") });
        QVERIFY2(user.exitCode == 0 && user.out.contains("PLAYER"), qPrintable(describe(user)));
    }

    // SIGINT and SIGTERM stop the long writes cleanly (exit 130): `revert --batch` and `demo` roll
    // their one transaction back; `inject --random` keeps the keys committed before, each audited.
    void signalsStopLongWrites()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(100000));
        const CliRun injected = runOn(db, QStringLiteral("inject"),
            words({ "--kind", "level_mismatch", "--random", "20000", "--json" }));
        QVERIFY2(injected.exitCode == 0, qPrintable(describe(injected)));
        const qint64 batch = parseJson(injected.out).object().value(QStringLiteral("batch_id")).toInteger();
        QVERIFY(batch > 0);
        const qint64 audited = db.count(toolTable("audit"));

        const CliRun revert
            = interrupted(db, words({ "revert", "--batch" }) << QString::number(batch), SIGTERM);
        QVERIFY2(revert.exitCode == 130, qPrintable(describe(revert)));
        QCOMPARE(db.count(toolTable("audit")), audited);

        const CliRun inject = interrupted(db,
            words({ "inject", "--kind", "level_mismatch", "--random", "20000", "--seed", "2", "--json" }),
            SIGINT);
        QVERIFY2(inject.exitCode == 130, qPrintable(describe(inject)));
        const QJsonObject outcome = parseJson(inject.out).object();
        QVERIFY2(outcome.value(QStringLiteral("cancelled")).toBool(), qPrintable(describe(inject)));
        const qint64 changed = outcome.value(QStringLiteral("changed")).toArray().size();
        QVERIFY2(changed < 20000, qPrintable(describe(inject)));
        QCOMPARE(db.count(toolTable("audit")), audited + changed);

        TestDatabase fresh;
        QVERIFY2(fresh.isValid(), qPrintable(fresh.error()));
        const CliRun demo = interrupted(fresh, words({ "demo", "--users", "400000" }), SIGINT);
        QVERIFY2(demo.exitCode == 130, qPrintable(describe(demo)));
        const QString tables = TestDatabase::isPostgres()
            ? QStringLiteral(
                "SELECT count(*) FROM pg_class WHERE relname IN ('users', 'specialization_progress')")
            : QStringLiteral(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'specialization_progress')");
        QCOMPARE(fresh.scalar(tables).toLongLong(), 0);
    }

private:
    // Runs the binary and sends it `signal` once it catches it (its handler installed: a signal
    // before that would kill it whatever the command does), then a little later, during its work.
    static CliRun interrupted(const TestDatabase& db, const QStringList& arguments, int signal)
    {
        QProcess process;
        process.start(qEnvironmentVariable("CC_BINARY"), arguments + db.cliArguments());
        process.waitForStarted();
        CliRun run;
        if (!waitForSignalHandler(process.processId(), signal)) {
            process.kill();
            process.waitForFinished();
            run.exitCode = -2;
            run.err = QByteArrayLiteral("the process did not catch the signal within 30 s");
            return run;
        }
        // Into its work (a signal before it is honoured too, but would not test the rollback).
        QTest::qWait(400);
        ::kill(pid_t(process.processId()), signal);
        process.waitForFinished(120000);
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }
};

QTEST_GUILESS_MAIN(TestCliRunsOverTime)
#include "tst_cli_runs_over_time.moc"
