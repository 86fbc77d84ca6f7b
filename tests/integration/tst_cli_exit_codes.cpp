// Exit codes of the real binary (docs/BEHAVIOUR.md C8): check's 0/1/2/3, 4 refusals, 5 open/connect
// failures, 64 command-line errors, and the JSON error object every failure prints with --json.

#include "CliTestSupport.h"

#include <QDir>
#include <QFileInfo>

using namespace cc::test;
using namespace cc::test::cli;

class TestCliExitCodes final : public QObject {
    Q_OBJECT

private:
    // The error object of a --json failure: {"error": {"code": N, "message": "…"}} and the message on stderr.
    static void verifyErrorObject(const CliRun& run, int code)
    {
        bool ok = false;
        const QJsonDocument document = parseJson(run.out, &ok);
        QVERIFY2(ok && document.isObject(), qPrintable(describe(run)));
        const QJsonObject error = document.object().value(QStringLiteral("error")).toObject();
        QVERIFY2(!error.isEmpty(), qPrintable(describe(run)));
        QVERIFY(error.value(QStringLiteral("code")).isDouble());
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
        QVERIFY(error.value(QStringLiteral("message")).isString());
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY2(!run.err.trimmed().isEmpty(), "a failure must say why on stderr");
    }

private slots:
    void checkStatus_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("consistent");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("seed: 3 of 37 → 8.11 critical") << 37 << 3 << 8.11 << QStringLiteral("critical") << 2;
        QTest::newRow("1 of 32 → 3.13 critical") << 32 << 1 << 3.13 << QStringLiteral("critical") << 2;
        QTest::newRow("19 of 20 → 95.00 degraded (inclusive)")
            << 20 << 19 << 95.0 << QStringLiteral("degraded") << 1;
        QTest::newRow("39 of 40 → 97.50 degraded") << 40 << 39 << 97.5 << QStringLiteral("degraded") << 1;
        QTest::newRow("99 of 100 → 99.00 healthy (inclusive)")
            << 100 << 99 << 99.0 << QStringLiteral("healthy") << 0;
        QTest::newRow("1 of 1 → 100 healthy") << 1 << 1 << 100.0 << QStringLiteral("healthy") << 0;
        QTest::newRow("0 of 3 → 0 critical") << 3 << 0 << 0.0 << QStringLiteral("critical") << 2;
    }

    void checkStatus()
    {
        QFETCH(int, total);
        QFETCH(int, consistent);
        QFETCH(double, rate);
        QFETCH(QString, status);
        QFETCH(int, exitCode);
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("k"), total, consistent));

        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, exitCode);
        const QJsonObject json = jsonObject(run);
        QCOMPARE(json.value(QStringLiteral("status")).toString(), status);
        QVERIFY(json.value(QStringLiteral("consistency_rate")).isDouble());
        QCOMPARE(json.value(QStringLiteral("consistency_rate")).toDouble(), rate);
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInteger(), total);
        QCOMPARE(json.value(QStringLiteral("consistent")).toInteger(), consistent);
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInteger(), total - consistent);
        QCOMPARE(json.value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("missing_license"))
                     .toInteger(),
            total - consistent);

        // The plain-text form exits the same way and shows the rate with two decimals.
        const CliRun text = runOn(db, QStringLiteral("check"));
        CLI_EXPECT(text, exitCode);
        QVERIFY2(text.out.contains(QStringLiteral("status: %1").arg(status).toUtf8()), text.out.constData());
        QVERIFY2(text.out.contains(QByteArray::number(rate, 'f', 2)), text.out.constData());
    }

    void emptyDatabaseIsNoData()
    {
        TestDatabase db;
        CLI_INIT(db);
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 3);
        const QJsonObject json = jsonObject(run);
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("no_data"));
        QVERIFY(json.value(QStringLiteral("consistency_rate")).isNull());
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInteger(), 0);
    }

    void thresholdsMoveTheStatus()
    {
        // 19 of 20 = 95.00: degraded by default, healthy once the healthy threshold is 95.
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("t"), 20, 19));
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 1);
        const CliRun set = runOn(db, QStringLiteral("settings"),
            { QStringLiteral("--healthy"), QStringLiteral("95"), QStringLiteral("--degraded"),
                QStringLiteral("90"), QStringLiteral("--json") });
        CLI_EXPECT(set, 0);
        QVERIFY2(
            jsonObject(set).value(QStringLiteral("audit_ids")).toArray().size() == 1, set.out.constData());
        const CliRun run = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(run, 0);
        const QJsonObject thresholds = jsonObject(run).value(QStringLiteral("thresholds")).toObject();
        QCOMPARE(thresholds.value(QStringLiteral("healthy")).toDouble(), 95.0);
        QCOMPARE(thresholds.value(QStringLiteral("degraded")).toDouble(), 90.0);
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("set-level --level 0") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "0", "--reason", "r" });
        QTest::newRow("set-level --level 999") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "999", "--reason", "r" });
        QTest::newRow("set-level --level 9 on an 8-level track") << words({ "set-level", "--user", "s@x.test",
            "--spec", "GANCUJU_PLAYER", "--level", "9", "--reason", "r" });
        QTest::newRow("advance by two levels")
            << words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "3" });
        QTest::newRow("advance to the same level")
            << words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "1" });
        QTest::newRow("unknown user id")
            << words({ "update-progress", "--user", "999999", "--spec", "PLAYER", "--xp", "10" });
        QTest::newRow("unknown user email")
            << words({ "update-progress", "--user", "nobody@x.test", "--spec", "PLAYER", "--xp", "10" });
        QTest::newRow("unknown track")
            << words({ "update-progress", "--user", "s@x.test", "--spec", "BASKETBALL", "--xp", "10" });
        QTest::newRow("xp delta above 1,000,000")
            << words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "1000001" });
        QTest::newRow("sessions delta above 1,000")
            << words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--sessions", "1001" });
        QTest::newRow("instructor: update-progress") << words({ "update-progress", "--user", "s@x.test",
            "--spec", "PLAYER", "--xp", "10", "--operator", "i@x.test" });
        QTest::newRow("instructor: set-level") << words({ "set-level", "--user", "s@x.test", "--spec",
            "PLAYER", "--level", "2", "--reason", "r", "--operator", "i@x.test" });
        QTest::newRow("instructor: inject") << words({ "inject", "--kind", "level_mismatch", "--user",
            "s@x.test", "--spec", "PLAYER", "--operator", "i@x.test" });
        QTest::newRow("instructor: settings")
            << words({ "settings", "--healthy", "98", "--operator", "i@x.test" });
        QTest::newRow("instructor: env --set")
            << words({ "env", "--set", "staging", "--operator", "i@x.test" });
        QTest::newRow("student: sync --apply") << words({ "sync", "--user", "s@x.test", "--spec", "PLAYER",
            "--direction", "toward-higher", "--apply", "--operator", "s@x.test" });
        QTest::newRow("student: advance") << words(
            { "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "2", "--operator", "s@x.test" });
        QTest::newRow("student: check") << words({ "check", "--operator", "s@x.test" });
        QTest::newRow("inactive admin") << words({ "update-progress", "--user", "s@x.test", "--spec",
            "PLAYER", "--xp", "10", "--operator", "gone@x.test" });
        QTest::newRow("unknown operator") << words({ "update-progress", "--user", "s@x.test", "--spec",
            "PLAYER", "--xp", "10", "--operator", "ghost@x.test" });
        QTest::newRow("read-only update-progress") << words(
            { "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "10", "--read-only" });
        QTest::newRow("read-only set-level") << words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER",
            "--level", "2", "--reason", "r", "--read-only" });
        QTest::newRow("read-only settings") << words({ "settings", "--healthy", "98", "--read-only" });
        QTest::newRow("healthy above 100") << words({ "settings", "--healthy", "100.5" });
        QTest::newRow("degraded above healthy")
            << words({ "settings", "--healthy", "90", "--degraded", "95" });
        QTest::newRow("three decimals") << words({ "settings", "--healthy", "99.125" });
        QTest::newRow("unknown environment") << words({ "env", "--set", "qa" });
        QTest::newRow("revert of an unknown audit id") << words({ "revert", "999999" });
        QTest::newRow("set-level without a reason text") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "2", "--reason", "" });
    }

    void refusals()
    {
        QFETCH(QStringList, arguments);
        TestDatabase db;
        CLI_INIT(db);
        const qint64 student = addUser(db, QStringLiteral("s@x.test"));
        QVERIFY(student > 0);
        QVERIFY(addUser(db, QStringLiteral("i@x.test"), QStringLiteral("instructor")) > 0);
        QVERIFY(addUser(db, QStringLiteral("gone@x.test"), QStringLiteral("admin"), false) > 0);
        QVERIFY(addProgress(db, student, QStringLiteral("PLAYER"), 1));
        QVERIFY(addLicense(db, student, QStringLiteral("PLAYER"), 1));
        const QString before = db.snapshot(guardedTables());

        const QString command = arguments.takeFirst();
        const CliRun run = runOn(db, command, arguments);
        CLI_EXPECT(run, 4);
        QVERIFY2(run.out.trimmed().isEmpty(), qPrintable(describe(run)));
        QCOMPARE(db.snapshot(guardedTables()), before);

        const CliRun json = runOn(db, command, arguments << QStringLiteral("--json"));
        CLI_EXPECT(json, 4);
        verifyErrorObject(json, 4);
        QCOMPARE(db.snapshot(guardedTables()), before);
    }

    void parallelIsPostgresOnly()
    {
        TestDatabase db;
        CLI_INIT(db);
        const CliRun run = runOn(db, QStringLiteral("check"),
            { QStringLiteral("--parallel"), QStringLiteral("1"), QStringLiteral("--json") });
        if (TestDatabase::isPostgres()) {
            CLI_EXPECT(run, 3);
        } else {
            CLI_EXPECT(run, 4);
            verifyErrorObject(run, 4);
        }
    }

    void notInitialised_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("runs") << words({ "runs" });
        QTest::newRow("violations") << words({ "violations" });
        QTest::newRow("user") << words({ "user", "1" });
        QTest::newRow("audit") << words({ "audit" });
        QTest::newRow("env") << words({ "env" });
        QTest::newRow("settings") << words({ "settings" });
        QTest::newRow("levels") << words({ "levels" });
        QTest::newRow("update-progress")
            << words({ "update-progress", "--user", "1", "--spec", "PLAYER", "--xp", "10" });
        QTest::newRow("sync") << words(
            { "sync", "--user", "1", "--spec", "PLAYER", "--direction", "toward-higher", "--apply" });
        QTest::newRow("set-level") << words(
            { "set-level", "--user", "1", "--spec", "PLAYER", "--level", "2", "--reason", "r" });
        QTest::newRow("repair-all") << words({ "repair-all", "--apply" });
        QTest::newRow("inject") << words(
            { "inject", "--kind", "level_mismatch", "--user", "1", "--spec", "PLAYER" });
        QTest::newRow("revert") << words({ "revert", "1" });
        QTest::newRow("prune") << words({ "prune" });
    }

    void notInitialised()
    {
        QFETCH(QStringList, arguments);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db));
        const qint64 user = addUser(db, QStringLiteral("p@x.test"));
        QVERIFY(addProgress(db, user, QStringLiteral("PLAYER"), 1));
        QVERIFY(addLicense(db, user, QStringLiteral("PLAYER"), 1));
        const QString before = db.snapshot(platformTables());
        const QString command = arguments.takeFirst();
        const CliRun run = runOn(db, command, arguments << QStringLiteral("--json"));
        CLI_EXPECT(run, 4);
        verifyErrorObject(run, 4);
        QVERIFY2(run.err.contains("run coupling-console init first"), qPrintable(describe(run)));
        QCOMPARE(db.snapshot(platformTables()), before);
    }

    void missingFileExits5_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("check") << words({ "check" });
        QTest::newRow("runs") << words({ "runs" });
        QTest::newRow("user") << words({ "user", "1" });
        QTest::newRow("update-progress")
            << words({ "update-progress", "--user", "1", "--spec", "PLAYER", "--xp", "1" });
        QTest::newRow("repair-all") << words({ "repair-all", "--apply" });
        QTest::newRow("env --set") << words({ "env", "--set", "staging" });
        QTest::newRow("check --read-only") << words({ "check", "--read-only" });
    }

    void missingFileExits5()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.db"));
        const QString command = arguments.takeFirst();
        const CliRun run = runCli(QStringList { command } + arguments
            + QStringList { QStringLiteral("--db"), path, QStringLiteral("--json") });
        CLI_EXPECT(run, 5);
        verifyErrorObject(run, 5);
        QVERIFY2(!QFileInfo::exists(path), "a missing --db file must not be created");
        QVERIFY2(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty(),
            qPrintable(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(u' ')));
    }

    void unreachablePostgresExits5()
    {
        const CliRun run = runCli({ QStringLiteral("check"), QStringLiteral("--pg"),
            QStringLiteral("host=127.0.0.1 port=1 dbname=cc user=postgres connect_timeout=5"),
            QStringLiteral("--json") });
        CLI_EXPECT(run, 5);
        verifyErrorObject(run, 5);
        const CliRun write = runCli({ QStringLiteral("update-progress"), QStringLiteral("--user"),
            QStringLiteral("1"), QStringLiteral("--spec"), QStringLiteral("PLAYER"), QStringLiteral("--pg"),
            QStringLiteral("host=127.0.0.1 port=1 dbname=cc user=postgres") });
        CLI_EXPECT(write, 5);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown command") << words({ "frobnicate" });
        QTest::newRow("unknown option") << words({ "check", "--frobnicate" });
        QTest::newRow("unknown option on a write")
            << words({ "update-progress", "--user", "1", "--spec", "PLAYER", "--xpp", "5" });
        QTest::newRow("option without its value") << words({ "check", "--limit" });
        QTest::newRow("set-level without --level")
            << words({ "set-level", "--user", "1", "--spec", "PLAYER", "--reason", "r" });
        QTest::newRow("set-level without --reason")
            << words({ "set-level", "--user", "1", "--spec", "PLAYER", "--level", "2" });
        QTest::newRow("advance without --to") << words({ "advance", "--user", "1", "--spec", "PLAYER" });
        QTest::newRow("update-progress without --user")
            << words({ "update-progress", "--spec", "PLAYER", "--xp", "5" });
        QTest::newRow("update-progress without --spec")
            << words({ "update-progress", "--user", "1", "--xp", "5" });
        QTest::newRow("sync without --direction") << words({ "sync", "--user", "1", "--spec", "PLAYER" });
        QTest::newRow("demo without --users") << words({ "demo" });
        QTest::newRow("inject without --kind") << words({ "inject", "--user", "1", "--spec", "PLAYER" });
        QTest::newRow("non-integer --xp")
            << words({ "update-progress", "--user", "1", "--spec", "PLAYER", "--xp", "ten" });
        QTest::newRow("decimal --xp")
            << words({ "update-progress", "--user", "1", "--spec", "PLAYER", "--xp", "1.5" });
        QTest::newRow("--xp beyond 64 bits") << words(
            { "update-progress", "--user", "1", "--spec", "PLAYER", "--xp", "99999999999999999999" });
        QTest::newRow("--level beyond 64 bits") << words({ "set-level", "--user", "1", "--spec", "PLAYER",
            "--level", "9223372036854775808", "--reason", "r" });
        QTest::newRow("non-integer --limit") << words({ "check", "--limit", "many" });
        QTest::newRow("non-integer --to")
            << words({ "advance", "--user", "1", "--spec", "PLAYER", "--to", "2x" });
        QTest::newRow("non-integer audit id") << words({ "revert", "abc" });
        QTest::newRow("non-integer --run") << words({ "violations", "--run", "last" });
        QTest::newRow("unexpected positional") << words({ "check", "extra" });
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        TestDatabase db;
        CLI_INIT(db);
        const QString before = db.snapshot(guardedTables());
        const QString command = arguments.takeFirst();
        // The database options go first so that an option missing its value is the last word.
        const CliRun run = runCli(QStringList { command } + db.cliArguments() + arguments);
        CLI_EXPECT(run, 64);
        QVERIFY2(!run.err.trimmed().isEmpty(), qPrintable(describe(run)));
        const CliRun json = runCli(QStringList { command } + db.cliArguments()
            + QStringList { QStringLiteral("--json") } + arguments);
        CLI_EXPECT(json, 64);
        verifyErrorObject(json, 64);
        QCOMPARE(db.snapshot(guardedTables()), before);
    }

    void helpAndVersionExit0()
    {
        const CliRun help = runCli({ QStringLiteral("--help") });
        CLI_EXPECT(help, 0);
        QVERIFY(help.out.contains("check"));
        const CliRun version = runCli({ QStringLiteral("--version") });
        CLI_EXPECT(version, 0);
        QVERIFY(version.out.startsWith("coupling-console "));
    }
};

QTEST_GUILESS_MAIN(TestCliExitCodes)
#include "tst_cli_exit_codes.moc"
