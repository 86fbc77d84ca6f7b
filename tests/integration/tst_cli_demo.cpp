// `demo` through the binary: the manifest it prints equals what `check` finds, equal arguments give
// the same `check --json` and the same rows on SQLite and PostgreSQL, and it refuses to touch data.

#include "CliTestSupport.h"

using namespace cc::test;
using namespace cc::test::cli;

namespace {

// check --json without the fields that legitimately differ between two runs or databases.
QJsonObject stable(QJsonObject json)
{
    for (const char* field : { "run_id", "started_at", "duration_ms", "database" })
        json.remove(QLatin1String(field));
    return json;
}

// Integer aggregates over the generated rows: equal on both dialects exactly when the rows are.
QString fingerprint(TestDatabase& db)
{
    const QStringList queries {
        QStringLiteral("SELECT COUNT(*) FROM users"),
        QStringLiteral("SELECT SUM(id) FROM users"),
        QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'"),
        QStringLiteral("SELECT COUNT(*) FROM specialization_progress"),
        QStringLiteral("SELECT SUM(id * 31 + student_id * 7 + COALESCE(current_level, -1) * 1000003) FROM "
                       "specialization_progress"),
        QStringLiteral("SELECT SUM(CAST(total_xp AS BIGINT) + completed_sessions * 100003 + "
                       "theory_hours_completed + practice_hours_completed) FROM specialization_progress"),
        QStringLiteral("SELECT COUNT(*) FROM specialization_progress WHERE specialization_id = 'PLAYER'"),
        QStringLiteral("SELECT COUNT(*) FROM user_licenses"),
        QStringLiteral("SELECT SUM(id * 31 + user_id * 7 + current_level * 1000003 + max_achieved_level * "
                       "11) FROM user_licenses"),
        QStringLiteral("SELECT COUNT(*) FROM user_licenses WHERE specialization_type = 'COACH'"),
        QStringLiteral("SELECT COUNT(*) FROM license_progressions"),
        QStringLiteral("SELECT COUNT(*) FROM user_achievements"),
    };
    QStringList values;
    for (const QString& query : queries)
        values << db.scalar(query).toString();
    return values.join(u' ');
}

// A SQLite TestDatabase, whatever dialect this test runs on.
std::unique_ptr<TestDatabase> sqliteTwin(QStringList& arguments)
{
    const QByteArray dialect = qgetenv("CC_TEST_DIALECT");
    qputenv("CC_TEST_DIALECT", "sqlite");
    auto twin = std::make_unique<TestDatabase>();
    arguments = twin->cliArguments();
    qputenv("CC_TEST_DIALECT", dialect);
    return twin;
}

// The plan sqlite3(1) gives `query` on the file at `path`.
QString sqlitePlan(const QString& path, const QString& query)
{
    return QString::fromUtf8(
        runProgram(QStringLiteral("sqlite3"), { path, QStringLiteral("EXPLAIN QUERY PLAN ") + query }).out);
}

} // namespace

class TestCliDemo final : public QObject {
    Q_OBJECT

private slots:
    void manifestEqualsCheck_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("defaults (seed 1, rate 0.02)") << words({ "--users", "300" });
        QTest::newRow("500 users, seed 7, rate 0.1")
            << words({ "--users", "500", "--seed", "7", "--desync-rate", "0.1" });
        QTest::newRow("60 users, seed 3, rate 0.5")
            << words({ "--users", "60", "--seed", "3", "--desync-rate", "0.5" });
        QTest::newRow("2000 users, seed 42, rate 0.2")
            << words({ "--users", "2000", "--seed", "42", "--desync-rate", "0.2" });
        QTest::newRow("rate 0: nothing planted")
            << words({ "--users", "100", "--seed", "5", "--desync-rate", "0" });
    }

    void manifestEqualsCheck()
    {
        QFETCH(QStringList, arguments);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        const CliRun demo = runOn(db, QStringLiteral("demo"), arguments << QStringLiteral("--json"));
        CLI_EXPECT(demo, 0);
        const QJsonObject manifest = jsonObject(demo);
        const QJsonObject planted = manifest.value(QStringLiteral("planted")).toObject();
        QVERIFY2(planted.size() == 11, demo.out.constData()); // eight kinds and three warnings
        QVERIFY2(manifest.value(QStringLiteral("staff_credentials")).isDouble(), demo.out.constData());
        QVERIFY(!demo.out.contains("password"));
        QVERIFY(!demo.out.contains("$2b$"));

        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        QVERIFY2(check.exitCode >= 0 && check.exitCode <= 2, qPrintable(describe(check)));
        const QJsonObject json = jsonObject(check);
        const QJsonObject byKind = json.value(QStringLiteral("by_kind")).toObject();
        const QJsonObject warnings = json.value(QStringLiteral("warnings")).toObject();
        QCOMPARE(byKind.size() + warnings.size(), 11);
        QCOMPARE(json.value(QStringLiteral("staff_credentials")).toInteger(-1),
            manifest.value(QStringLiteral("staff_credentials")).toInteger());
        qint64 plantedKinds = 0;
        for (auto it = byKind.constBegin(); it != byKind.constEnd(); ++it) {
            QVERIFY2(planted.contains(it.key()), qPrintable(it.key()));
            QVERIFY2(planted.value(it.key()).toInteger() == it.value().toInteger(),
                qPrintable(QStringLiteral("%1: planted %2, check found %3")
                               .arg(it.key())
                               .arg(planted.value(it.key()).toInteger())
                               .arg(it.value().toInteger())));
            plantedKinds += it.value().toInteger();
        }
        for (auto it = warnings.constBegin(); it != warnings.constEnd(); ++it)
            QVERIFY2(planted.value(it.key()).toInteger(-1) == it.value().toInteger(),
                qPrintable(QStringLiteral("%1: planted %2, check found %3")
                               .arg(it.key())
                               .arg(planted.value(it.key()).toInteger(-1))
                               .arg(it.value().toInteger())));
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInteger(), plantedKinds);
        QCOMPARE(json.value(QStringLiteral("total_pairs")).toInteger(),
            manifest.value(QStringLiteral("keys")).toInteger());
        QCOMPARE(manifest.value(QStringLiteral("users")).toInteger(), arguments.at(1).toLongLong());
        const qint64 users = db.scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toLongLong();
        QCOMPARE(users, arguments.at(1).toLongLong());
        QCOMPARE(
            db.scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM users WHERE email = 'admin@demo.local' AND role = 'admin'"))
                .toInt(),
            1);
    }

    void sameArgumentsSameResultOnBothEngines()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QStringList twinArguments;
        auto twin = sqliteTwin(twinArguments);
        QVERIFY2(twin->isValid(), qPrintable(twin->error()));
        const QStringList demo
            = words({ "--users", "400", "--seed", "11", "--desync-rate", "0.15", "--json" });

        const CliRun here = runOn(db, QStringLiteral("demo"), demo);
        CLI_EXPECT(here, 0);
        const CliRun there = runCli(QStringList { QStringLiteral("demo") } + demo + twinArguments);
        CLI_EXPECT(there, 0);
        QCOMPARE(jsonObject(here), jsonObject(there));

        const CliRun checkHere = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        const CliRun checkThere
            = runCli(QStringList { QStringLiteral("check"), QStringLiteral("--json") } + twinArguments);
        QVERIFY(checkHere.exitCode >= 0 && checkHere.exitCode <= 2);
        QCOMPARE(checkHere.exitCode, checkThere.exitCode);
        const QJsonObject a = stable(jsonObject(checkHere));
        const QJsonObject b = stable(jsonObject(checkThere));
        QVERIFY(!a.isEmpty());
        if (a != b)
            QCOMPARE(
                QString::fromUtf8(QJsonDocument(a).toJson()), QString::fromUtf8(QJsonDocument(b).toJson()));
        QCOMPARE(fingerprint(db), fingerprint(*twin));

        // The comparison can fail: another seed gives other rows.
        QStringList otherArguments;
        auto other = sqliteTwin(otherArguments);
        CLI_EXPECT(runCli(words({ "demo", "--users", "400", "--seed", "12", "--desync-rate", "0.15" })
                       + otherArguments),
            0);
        const CliRun checkOther
            = runCli(QStringList { QStringLiteral("check"), QStringLiteral("--json") } + otherArguments);
        QVERIFY(stable(jsonObject(checkOther)) != a);
        QVERIFY(fingerprint(*other) != fingerprint(db));
    }

    void demoRefusesExistingData()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"), words({ "--users", "50" })), 0);
        const QString before = db.snapshot(guardedTables());
        const CliRun again
            = runOn(db, QStringLiteral("demo"), words({ "--users", "50", "--seed", "2", "--json" }));
        CLI_EXPECT(again, 4);
        QCOMPARE(
            jsonObject(again).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
            4);
        QCOMPARE(db.snapshot(guardedTables()), before);
    }

    // SQLite plans from what ANALYZE saw: statistics of the tool's tables taken by demo, when the
    // audit log holds one entry, made revert --batch scan and sort the log for each entry it checked
    // after a large repair-all. demo leaves the tool's tables without statistics; on SQLite the
    // chain's neighbour lookup then searches the primary key.
    void demoLeavesNoStatisticsOfToolTables()
    {
        QStringList arguments;
        auto twin = sqliteTwin(arguments);
        CLI_REQUIRE_DB(*twin);
        CLI_EXPECT(runCli(words({ "demo", "--users", "300" }) + arguments), 0);
        CLI_EXPECT(runCli(words({ "repair-all", "--apply" }) + arguments), 0);
        QVERIFY(twin->count(QStringLiteral("sqlite_stat1"), QStringLiteral("tbl = 'users'")) > 0);
        QCOMPARE(twin->count(QStringLiteral("sqlite_stat1"), QStringLiteral("tbl LIKE 'cc\\_%' ESCAPE '\\'")),
            qint64(0));
        const QString plan = sqlitePlan(twin->profile().sqlitePath,
            QStringLiteral("SELECT id FROM cc_audit WHERE id < 100 ORDER BY id DESC LIMIT 1"));
        QVERIFY2(plan.contains(QStringLiteral("INTEGER PRIMARY KEY"))
                && !plan.contains(QStringLiteral("TEMP B-TREE")),
            qPrintable(plan));
    }

    void demoValidatesItsOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("negative users") << words({ "--users", "-5" }) << 4;
        QTest::newRow("rate above 1") << words({ "--users", "10", "--desync-rate", "1.5" }) << 4;
        QTest::newRow("negative rate") << words({ "--users", "10", "--desync-rate", "-0.1" }) << 4;
        QTest::newRow("rate not a number") << words({ "--users", "10", "--desync-rate", "lots" }) << 64;
        QTest::newRow("users not an integer") << words({ "--users", "ten" }) << 64;
    }

    void demoValidatesItsOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        const CliRun run = runOn(db, QStringLiteral("demo"), arguments << QStringLiteral("--json"));
        CLI_EXPECT(run, exitCode);
        QCOMPARE(
            jsonObject(run).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
            exitCode);
    }
};

QTEST_GUILESS_MAIN(TestCliDemo)
#include "tst_cli_demo.moc"
