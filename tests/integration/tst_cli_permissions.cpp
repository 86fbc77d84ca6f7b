// The permission table of docs/BEHAVIOUR.md C7 row by row through the binary (admin, instructor,
// student, system, inactive admin), and --read-only refusing every write while views and dry runs
// still work. A refusal exits 4 and changes nothing.

#include "CliTestSupport.h"

using namespace cc::test;
using namespace cc::test::cli;

class TestCliPermissions final : public QObject {
    Q_OBJECT

private:
    // a@ admin, i@ instructor, s@ student (PLAYER 1/1), m@ student (COACH 3 vs LFA_COACH 2),
    // g@ inactive admin; one audit entry (a set-level on s@ by the system) to revert.
    static qint64 plant(TestDatabase& db)
    {
        const qint64 student = addUser(db, QStringLiteral("s@x.test"));
        const qint64 mismatched = addUser(db, QStringLiteral("m@x.test"));
        const bool ok = addUser(db, QStringLiteral("a@x.test"), QStringLiteral("admin"))
            && addUser(db, QStringLiteral("i@x.test"), QStringLiteral("instructor"))
            && addUser(db, QStringLiteral("g@x.test"), QStringLiteral("admin"), false)
            && addProgress(db, student, QStringLiteral("PLAYER"), 1)
            && addLicense(db, student, QStringLiteral("PLAYER"), 1)
            && addProgress(db, mismatched, QStringLiteral("COACH"), 3)
            && addLicense(db, mismatched, QStringLiteral("LFA_COACH"), 2);
        if (!ok)
            return 0;
        if (runOn(db, QStringLiteral("check")).exitCode != 2)
            return 0;
        const CliRun set = runOn(db, QStringLiteral("set-level"),
            words(
                { "--user", "s@x.test", "--spec", "PLAYER", "--level", "2", "--reason", "setup", "--json" }));
        const QJsonArray ids = jsonObject(set).value(QStringLiteral("audit_ids")).toArray();
        return set.exitCode == 0 && ids.size() == 1 ? ids.first().toInteger() : 0;
    }

private slots:
    void permissionTable_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("operatorEmail");
        QTest::addColumn<int>("exitCode");
        struct Action {
            const char* name;
            QStringList arguments;
            int allowedExit;
            bool instructor;
        };
        const QList<Action> actions {
            { "check", words({ "check" }), 2, true },
            { "violations", words({ "violations" }), 0, true },
            { "user view", words({ "user", "m@x.test" }), 0, true },
            { "audit view", words({ "audit" }), 0, true },
            { "runs view", words({ "runs" }), 0, true },
            { "env view", words({ "env" }), 0, true },
            { "settings view", words({ "settings" }), 0, true },
            { "levels view", words({ "levels" }), 0, true },
            { "sync dry run",
                words({ "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher" }), 0,
                true },
            { "sync --apply",
                words({ "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher",
                    "--apply" }),
                0, true },
            { "advance", words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "3" }), 0,
                true },
            { "repair --apply", words({ "repair", "--user", "m@x.test", "--apply" }), 0, true },
            { "update-progress",
                words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "100" }), 0,
                false },
            { "set-level",
                words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason",
                    "r" }),
                0, false },
            { "revert", words({ "revert", "AUDIT" }), 0, false },
            { "repair-all --apply", words({ "repair-all", "--apply" }), 0, false },
            { "inject",
                words({ "inject", "--kind", "missing_progress", "--user", "s@x.test", "--spec", "PLAYER" }),
                0, false },
            { "env --set", words({ "env", "--set", "staging" }), 0, false },
            { "settings change", words({ "settings", "--degraded", "90" }), 0, false },
            { "prune", words({ "prune" }), 0, false },
            { "init --indexes", words({ "init", "--indexes" }), 0, false },
        };
        for (const Action& action : actions) {
            QTest::addRow("%s as admin", action.name)
                << action.arguments << QStringLiteral("a@x.test") << action.allowedExit;
            QTest::addRow("%s as system", action.name) << action.arguments << QString() << action.allowedExit;
            QTest::addRow("%s as instructor", action.name) << action.arguments << QStringLiteral("i@x.test")
                                                           << (action.instructor ? action.allowedExit : 4);
            QTest::addRow("%s as student", action.name)
                << action.arguments << QStringLiteral("s@x.test") << 4;
        }
        QTest::newRow("check as inactive admin") << words({ "check" }) << QStringLiteral("g@x.test") << 4;
        QTest::newRow("set-level as inactive admin") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason", "r" })
                                                     << QStringLiteral("g@x.test") << 4;
    }

    void permissionTable()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, operatorEmail);
        QFETCH(int, exitCode);
        TestDatabase db;
        CLI_INIT(db);
        const qint64 auditId = plant(db);
        QVERIFY(auditId > 0);
        arguments.replaceInStrings(QStringLiteral("AUDIT"), QString::number(auditId));
        if (!operatorEmail.isEmpty())
            arguments << QStringLiteral("--operator") << operatorEmail;
        const QString before = db.snapshot(guardedTables());
        const QString command = arguments.takeFirst();
        const CliRun run = runOn(db, command, arguments);
        CLI_EXPECT(run, exitCode);
        if (exitCode == 4) {
            QVERIFY2(!run.err.trimmed().isEmpty(), "a refusal says why");
            QCOMPARE(db.snapshot(guardedTables()), before);
        }
    }

    void readOnlyRefusesEveryWrite_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("update-progress")
            << words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "100" });
        QTest::newRow("advance") << words(
            { "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "3" });
        QTest::newRow("sync --apply") << words(
            { "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher", "--apply" });
        QTest::newRow("set-level") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason", "r" });
        QTest::newRow("repair --apply") << words({ "repair", "--user", "m@x.test", "--apply" });
        QTest::newRow("repair-all --apply") << words({ "repair-all", "--apply" });
        QTest::newRow("inject") << words(
            { "inject", "--kind", "missing_progress", "--user", "s@x.test", "--spec", "PLAYER" });
        QTest::newRow("inject --random") << words({ "inject", "--kind", "level_mismatch", "--random", "1" });
        QTest::newRow("revert") << words({ "revert", "AUDIT" });
        QTest::newRow("env --set") << words({ "env", "--set", "staging" });
        QTest::newRow("settings") << words({ "settings", "--healthy", "98" });
        QTest::newRow("prune") << words({ "prune" });
        QTest::newRow("init") << words({ "init" });
        QTest::newRow("init --indexes") << words({ "init", "--indexes" });
        QTest::newRow("as admin: set-level") << words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER",
            "--level", "4", "--reason", "r", "--operator", "a@x.test" });
    }

    void readOnlyRefusesEveryWrite()
    {
        QFETCH(QStringList, arguments);
        TestDatabase db;
        CLI_INIT(db);
        const qint64 auditId = plant(db);
        QVERIFY(auditId > 0);
        arguments.replaceInStrings(QStringLiteral("AUDIT"), QString::number(auditId));
        const QString before = db.snapshot(guardedTables() << toolTable("runs"));
        const QString command = arguments.takeFirst();
        const CliRun run
            = runOn(db, command, arguments << QStringLiteral("--read-only") << QStringLiteral("--json"));
        CLI_EXPECT(run, 4);
        QCOMPARE(
            jsonObject(run).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
            4);
        QCOMPARE(db.snapshot(guardedTables() << toolTable("runs")), before);
    }

    void readOnlyAllowsViewsAndDryRuns()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(plant(db) > 0);
        // A run newer than every audit entry: repair-all's dry run needs no new check then.
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 2);
        const QString before = db.snapshot(guardedTables() << toolTable("runs"));
        for (QStringList arguments :
            { words({ "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher" }),
                words({ "repair", "--user", "m@x.test" }), words({ "repair-all" }), words({ "violations" }),
                words({ "runs" }), words({ "audit" }), words({ "user", "s@x.test" }), words({ "env" }),
                words({ "settings" }), words({ "levels" }) }) {
            const QString command = arguments.takeFirst();
            const CliRun run = runOn(db, command, arguments << QStringLiteral("--read-only"));
            QVERIFY2(run.exitCode == 0, qPrintable(command + u'\n' + describe(run)));
        }
        QCOMPARE(db.snapshot(guardedTables() << toolTable("runs")), before);
    }
};

QTEST_GUILESS_MAIN(TestCliPermissions)
#include "tst_cli_permissions.moc"
