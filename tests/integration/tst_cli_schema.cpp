// The schema check on connect (docs/BEHAVIOUR.md C1) as the binary reports it: a missing table or column
// or a wrong type family is refused naming it (exit 4); an extra NOT NULL column without a default
// blocks only inserts into its table, naming the column; an empty file is not a platform database.

#include "CliTestSupport.h"

using namespace cc::test;
using namespace cc::test::cli;

class TestCliSchema final : public QObject {
    Q_OBJECT

private slots:
    void refusedNamingWhatIsWrong_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("levelType");
        QTest::addColumn<QString>("named");
        QTest::newRow("missing column")
            << QStringLiteral("ALTER TABLE user_licenses DROP COLUMN credit_purchased")
            << QStringLiteral("INTEGER") << QStringLiteral("credit_purchased");
        QTest::newRow("missing table") << QStringLiteral("DROP TABLE user_achievements")
                                       << QStringLiteral("INTEGER") << QStringLiteral("user_achievements");
        QTest::newRow("text level") << QString() << QStringLiteral("TEXT") << QStringLiteral("current_level");
    }

    void refusedNamingWhatIsWrong()
    {
        QFETCH(QString, change);
        QFETCH(QString, levelType);
        QFETCH(QString, named);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db, {}, levelType));
        if (!change.isEmpty())
            QVERIFY(db.exec(change));
        QStringList tables = platformTables();
        tables.removeIf(
            [&](const QString& table) { return change.contains(QStringLiteral("DROP TABLE ") + table); });
        const QString before = db.snapshot(tables);
        for (const QString& command : { QStringLiteral("check"), QStringLiteral("init") }) {
            const CliRun run = runOn(db, command, { QStringLiteral("--json") });
            CLI_EXPECT(run, 4);
            const QString message = jsonObject(run)
                                        .value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString();
            QVERIFY2(message.contains(named), qPrintable(message));
            QVERIFY2(run.err.contains(named.toUtf8()), run.err.constData());
        }
        QCOMPARE(db.snapshot(tables), before);
    }

    void extraNotNullColumnBlocksOnlyInserts()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db, QStringLiteral("loyalty_tier VARCHAR(10) NOT NULL")));
        const qint64 lonely = addUser(db, QStringLiteral("lonely@x.test"));
        const qint64 paired = addUser(db, QStringLiteral("paired@x.test"));
        QVERIFY(addProgress(db, lonely, QStringLiteral("PLAYER"), 1));
        QVERIFY(addProgress(db, paired, QStringLiteral("PLAYER"), 1));
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO user_licenses (user_id, specialization_type, current_level, max_achieved_level, "
                "started_at, payment_verified, "
                "onboarding_completed, is_active, renewal_cost, credit_balance, credit_purchased, "
                "loyalty_tier) "
                "VALUES (?, 'PLAYER', 1, 1, '2025-01-01 00:00:00', false, false, true, 1000, 0, 0, 'gold')"),
            QVariantList { paired }));
        // init on an existing platform database: production unless told otherwise.
        CLI_EXPECT(runOn(db, QStringLiteral("init"), words({ "--environment", "development" })), 0);
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(check, 2);
        QCOMPARE(jsonObject(check)
                     .value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("missing_license"))
                     .toInt(),
            1);

        // Creating the missing license needs loyalty_tier: refused naming it, nothing changed.
        const QString before = db.snapshot(guardedTables());
        const CliRun create = runOn(db, QStringLiteral("sync"),
            words({ "--user", "lonely@x.test", "--spec", "PLAYER", "--direction", "progress-to-license",
                "--apply", "--json" }));
        CLI_EXPECT(create, 4);
        QVERIFY2(jsonObject(create)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .contains(QStringLiteral("loyalty_tier")),
            create.out.constData());
        QCOMPARE(db.snapshot(guardedTables()), before);

        // Updates of existing rows still work, and keep the column's value.
        const CliRun set = runOn(db, QStringLiteral("set-level"),
            words({ "--user", "paired@x.test", "--spec", "PLAYER", "--level", "3", "--reason", "r" }));
        CLI_EXPECT(set, 0);
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       QVariantList { paired })
                     .toInt(),
            3);
        QCOMPARE(db.scalar(QStringLiteral("SELECT loyalty_tier FROM user_licenses WHERE user_id = ?"),
                       QVariantList { paired })
                     .toString(),
            QStringLiteral("gold"));
    }

    // Without the cc_ indexes a single-user command on a large database says what it costs and how
    // to fix it; with them it says nothing.
    void missingKeyIndexesAreWarnedOnALargeTable()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"), words({ "--users", "40000", "--seed", "3" })), 0);
        const qint64 rows = db.count(QStringLiteral("specialization_progress"));
        QVERIFY2(rows > 50000, qPrintable(QString::number(rows)));
        CLI_EXPECT(runOn(db, QStringLiteral("init"), { QStringLiteral("--drop-indexes") }), 0);
        const CliRun without = runOn(db, QStringLiteral("user"), { QStringLiteral("1") });
        QVERIFY2(without.err.contains(QStringLiteral("warning: the cc_ indexes are missing, so single-user "
                                                     "operations scan %1 progress rows")
                                          .arg(rows)
                                          .toUtf8()),
            qPrintable(describe(without)));
        CLI_EXPECT(runOn(db, QStringLiteral("init"), { QStringLiteral("--indexes") }), 0);
        const CliRun with = runOn(db, QStringLiteral("user"), { QStringLiteral("1") });
        QVERIFY2(!with.err.contains("cc_ indexes"), qPrintable(describe(with)));
        QCOMPARE(with.exitCode, without.exitCode);
    }

    // Issue 17: the cc_ key indexes carry every column the check reads, so its user-ordered streams
    // read the index alone; init --indexes widens the key-only indexes of older versions.
    void initIndexesCoverWhatTheCheckReads()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db));
        QVERIFY(db.exec(QStringLiteral("CREATE INDEX cc_progress_key ON specialization_progress "
                                       "(student_id, specialization_id)")));
        QVERIFY(db.exec(QStringLiteral("CREATE INDEX cc_license_key ON user_licenses "
                                       "(user_id, specialization_type)")));
        CLI_EXPECT(runOn(db, QStringLiteral("init"), words({ "--environment", "development" })), 0);
        CLI_EXPECT(runOn(db, QStringLiteral("init"), { QStringLiteral("--indexes") }), 0);

        const bool pg = TestDatabase::isPostgres();
        const QString columns = pg
            ? QStringLiteral("SELECT i.indnatts FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                             "WHERE c.relname = ?")
            : QStringLiteral("SELECT count(*) FROM pragma_index_info(?)");
        QCOMPARE(db.scalar(columns, { QStringLiteral("cc_progress_key") }).toInt(), 7);
        QCOMPARE(db.scalar(columns, { QStringLiteral("cc_license_key") }).toInt(), 4);
        const QString progress = QStringLiteral(
            "SELECT student_id, specialization_id, current_level, total_xp, completed_sessions, "
            "theory_hours_completed, practice_hours_completed FROM specialization_progress "
            "ORDER BY student_id");
        const QString licenses = QStringLiteral(
            "SELECT user_id, specialization_type, current_level, max_achieved_level FROM user_licenses "
            "ORDER BY user_id");
        if (pg) {
            // An empty table's plan would be a sequential scan: the index's use is what is asked.
            QVERIFY(db.exec(QStringLiteral("SET enable_seqscan = off")));
            QVERIFY(db.exec(QStringLiteral("VACUUM ANALYZE specialization_progress")));
            QVERIFY(db.exec(QStringLiteral("VACUUM ANALYZE user_licenses")));
        }
        const QString progressPlan = db.planOf(progress).join(u'\n');
        const QString licensePlan = db.planOf(licenses).join(u'\n');
        QVERIFY2(progressPlan.contains(pg ? QStringLiteral("Index Only Scan using cc_progress_key")
                                          : QStringLiteral("USING COVERING INDEX cc_progress_key")),
            qPrintable(progressPlan));
        QVERIFY2(licensePlan.contains(pg ? QStringLiteral("Index Only Scan using cc_license_key")
                                         : QStringLiteral("USING COVERING INDEX cc_license_key")),
            qPrintable(licensePlan));
    }

    void initOnPlatformTablesIsProduction()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db));
        const QString before = db.snapshot(platformTables());
        const CliRun init = runOn(db, QStringLiteral("init"), { QStringLiteral("--json") });
        CLI_EXPECT(init, 0);
        QCOMPARE(jsonObject(init).value(QStringLiteral("created_platform_tables")).toBool(true), false);
        QCOMPARE(
            jsonObject(init).value(QStringLiteral("environment")).toString(), QStringLiteral("production"));
        QCOMPARE(db.snapshot(platformTables()), before);
        const CliRun env = runOn(db, QStringLiteral("env"), { QStringLiteral("--json") });
        CLI_EXPECT(env, 0);
        QCOMPARE(
            jsonObject(env).value(QStringLiteral("environment")).toString(), QStringLiteral("production"));
        // On a new database init creates everything, in development.
        TestDatabase fresh;
        CLI_REQUIRE_DB(fresh);
        const CliRun created = runOn(fresh, QStringLiteral("init"), { QStringLiteral("--json") });
        CLI_EXPECT(created, 0);
        QCOMPARE(jsonObject(created).value(QStringLiteral("created_platform_tables")).toBool(), true);
        QCOMPARE(jsonObject(created).value(QStringLiteral("environment")).toString(),
            QStringLiteral("development"));
        QCOMPARE(fresh.scalar(QStringLiteral("SELECT COUNT(*) FROM specializations")).toInt(), 6);
    }
};

QTEST_GUILESS_MAIN(TestCliSchema)
#include "tst_cli_schema.moc"
