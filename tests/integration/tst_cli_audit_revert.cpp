// Writes through the binary: audit ids printed, audit entries with before/after, revert restoring
// rows, hostile strings, production and role refusals that change nothing, and no password ever
// printed.

#include "CliTestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace cc::test;
using namespace cc::test::cli;

namespace {

const QStringList keyTables { QStringLiteral("specialization_progress"), QStringLiteral("user_licenses"),
    QStringLiteral("user_achievements") };

QList<qint64> auditIds(const CliRun& run)
{
    QList<qint64> ids;
    for (const QJsonValue& value : jsonObject(run).value(QStringLiteral("audit_ids")).toArray())
        ids << (value.isDouble() ? value.toInteger() : -1);
    return ids;
}

QJsonObject auditEntry(const TestDatabase& db, qint64 id)
{
    const CliRun run = runOn(db, QStringLiteral("audit"), { QStringLiteral("--json") });
    for (const QJsonValue& value : jsonArray(run)) {
        if (value.toObject().value(QStringLiteral("id")).toInteger() == id)
            return value.toObject();
    }
    return {};
}

// The level of the single row of `table` in an audit before/after object.
int levelIn(const QJsonObject& state, const char* table)
{
    const QJsonValue rows = state.value(QLatin1String(table));
    const QJsonObject row = rows.isArray() ? rows.toArray().first().toObject() : rows.toObject();
    return row.value(QStringLiteral("current_level")).toInt(-1);
}

} // namespace

class TestCliAuditRevert final : public QObject {
    Q_OBJECT

private:
    struct Fixture {
        qint64 admin = 0;
        qint64 instructor = 0;
        qint64 student = 0;
        qint64 mismatched = 0;
    };

    static bool plant(TestDatabase& db, Fixture& f)
    {
        f.admin = addUser(db, QStringLiteral("a@x.test"), QStringLiteral("admin"));
        f.instructor = addUser(db, QStringLiteral("i@x.test"), QStringLiteral("instructor"));
        f.student = addUser(db, QStringLiteral("s@x.test"));
        f.mismatched = addUser(db, QStringLiteral("m@x.test"));
        return f.admin && f.instructor && f.student && f.mismatched
            && addProgress(db, f.student, QStringLiteral("PLAYER"), 1)
            && addLicense(db, f.student, QStringLiteral("PLAYER"), 1)
            && addProgress(db, f.mismatched, QStringLiteral("COACH"), 3)
            && addLicense(db, f.mismatched, QStringLiteral("LFA_COACH"), 2);
    }

private slots:
    void writesPrintTheirAuditIds_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("action");
        QTest::newRow("update-progress") << words({ "update-progress", "--user", "s@x.test", "--spec",
            "PLAYER", "--xp", "25000", "--sessions", "12" })
                                         << "s@x.test"
                                         << "update_progress";
        QTest::newRow("advance") << words({ "advance", "--user", "s@x.test", "--spec", "GANCUJU_PLAYER",
            "--to", "2", "--reason", "exam passed" })
                                 << "s@x.test"
                                 << "advance";
        QTest::newRow("sync --apply") << words(
            { "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher", "--apply" })
                                      << "m@x.test"
                                      << "sync";
        QTest::newRow("set-level") << words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason", "override" })
                                   << "s@x.test"
                                   << "set_level";
        QTest::newRow("repair --apply") << words({ "repair", "--user", "m@x.test", "--apply" }) << "m@x.test"
                                        << "repair";
        QTest::newRow("repair-all --apply") << words({ "repair-all", "--apply" }) << "m@x.test"
                                            << "repair";
        QTest::newRow("inject") << words(
            { "inject", "--kind", "missing_license", "--user", "s@x.test", "--spec", "PLAYER" })
                                << "s@x.test"
                                << "inject";
        QTest::newRow("settings") << words({ "settings", "--healthy", "98.5" }) << ""
                                  << "settings";
        QTest::newRow("env --set") << words({ "env", "--set", "staging" }) << ""
                                   << "env";
        QTest::newRow("init --indexes") << words({ "init", "--indexes" }) << ""
                                        << "";
        QTest::newRow("prune") << words({ "prune" }) << ""
                               << "prune";
    }

    void writesPrintTheirAuditIds()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, email);
        QFETCH(QString, action);
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const QString command = arguments.takeFirst();

        const CliRun run = runOn(db, command,
            arguments
                + QStringList {
                    QStringLiteral("--json"), QStringLiteral("--operator"), QStringLiteral("a@x.test") });
        CLI_EXPECT(run, 0);
        const QList<qint64> ids = auditIds(run);
        QVERIFY2(!ids.isEmpty() && !ids.contains(-1), run.out.constData());
        for (qint64 id : ids) {
            const QJsonObject entry = auditEntry(db, id);
            QVERIFY2(!entry.isEmpty(), qPrintable(QStringLiteral("audit entry %1 is not listed").arg(id)));
            QCOMPARE(entry.value(QStringLiteral("operator")).toString(), QStringLiteral("a@x.test"));
            // C7: qa for injections, system for init itself (its index entry may say cli), cli otherwise.
            const QString source = entry.value(QStringLiteral("source")).toString();
            if (command == u"init")
                QVERIFY2(source == u"system" || source == u"cli", qPrintable(source));
            else
                QCOMPARE(source, command == u"inject" ? QStringLiteral("qa") : QStringLiteral("cli"));
            QVERIFY2(entry.value(QStringLiteral("action")).toString().startsWith(action),
                qPrintable(entry.value(QStringLiteral("action")).toString()));
            QVERIFY(QRegularExpression(QStringLiteral("Z$"))
                        .match(entry.value(QStringLiteral("at")).toString())
                        .hasMatch());
            for (const char* field : { "id", "at", "operator", "source", "action", "user_id",
                     "specialization", "before", "after", "reason", "batch_id" })
                QVERIFY2(entry.contains(QLatin1String(field)), field);
            if (!email.isEmpty()) {
                const qint64 user = db.scalar(QStringLiteral("SELECT id FROM users WHERE email = ?"),
                                          QVariantList { email })
                                        .toLongLong();
                QCOMPARE(entry.value(QStringLiteral("user_id")).toInteger(), user);
                QVERIFY(entry.value(QStringLiteral("before")).isObject());
                QVERIFY(entry.value(QStringLiteral("after")).isObject());
                QVERIFY(entry.value(QStringLiteral("before")).toObject()
                    != entry.value(QStringLiteral("after")).toObject());
            }
        }
        // The text form prints the ids too (a second, idempotent-free write: settings and env only).
        if (command == u"settings" || command == u"env" || command == u"prune") {
            const CliRun text = runOn(db, command, arguments);
            CLI_EXPECT(text, 0);
            QVERIFY2(text.out.contains("audit id"), text.out.constData());
        }
    }

    void auditCarriesBeforeAfterAndOperator()
    {
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const CliRun set = runOn(db, QStringLiteral("set-level"),
            words({ "--user", "s@x.test", "--spec", "PLAYER", "--level", "6", "--reason", "atomic update",
                "--operator", "a@x.test", "--json" }));
        CLI_EXPECT(set, 0);
        QCOMPARE(auditIds(set).size(), 1);
        const QJsonObject entry = auditEntry(db, auditIds(set).first());
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(), QStringLiteral("atomic update"));
        QCOMPARE(entry.value(QStringLiteral("specialization")).toString(), QStringLiteral("GANCUJU_PLAYER"));
        QCOMPARE(levelIn(entry.value(QStringLiteral("before")).toObject(), "specialization_progress"), 1);
        QCOMPARE(levelIn(entry.value(QStringLiteral("before")).toObject(), "user_licenses"), 1);
        QCOMPARE(levelIn(entry.value(QStringLiteral("after")).toObject(), "specialization_progress"), 6);
        QCOMPARE(levelIn(entry.value(QStringLiteral("after")).toObject(), "user_licenses"), 6);
        // Whole rows, every column: the license row carries its NOT NULL columns.
        const QJsonValue licenses
            = entry.value(QStringLiteral("after")).toObject().value(QStringLiteral("user_licenses"));
        const QJsonObject license
            = licenses.isArray() ? licenses.toArray().first().toObject() : licenses.toObject();
        for (const char* column : { "id", "user_id", "specialization_type", "max_achieved_level",
                 "started_at", "renewal_cost", "credit_balance", "instructor_notes" })
            QVERIFY2(license.contains(QLatin1String(column)), column);
        QCOMPARE(db.scalar(QStringLiteral("SELECT advanced_by FROM license_progressions WHERE to_level = 6"))
                     .toLongLong(),
            f.admin);

        // Without --operator the system acts: operator "system", advanced_by NULL.
        const CliRun system = runOn(db, QStringLiteral("set-level"),
            words({ "--user", "s@x.test", "--spec", "PLAYER", "--level", "7", "--reason", "r", "--json" }));
        CLI_EXPECT(system, 0);
        QCOMPARE(auditEntry(db, auditIds(system).first()).value(QStringLiteral("operator")).toString(),
            QStringLiteral("system"));
        QVERIFY(db.scalar(QStringLiteral("SELECT advanced_by FROM license_progressions WHERE to_level = 7"))
                    .isNull());
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT COUNT(*) FROM license_progressions WHERE to_level = 7")).toInt(),
            1);

        const CliRun csv = runOn(db, QStringLiteral("audit"), { QStringLiteral("--csv") });
        CLI_EXPECT(csv, 0);
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QVERIFY2(lines.size() >= 4 && lines.first().startsWith("id,") && lines.first().contains("action"),
            csv.out.constData());
    }

    void revertRestoresTheRows()
    {
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const QString before = db.snapshot(keyTables);
        const CliRun update = runOn(db, QStringLiteral("update-progress"),
            words(
                { "--user", "s@x.test", "--spec", "PLAYER", "--xp", "45000", "--sessions", "15", "--json" }));
        CLI_EXPECT(update, 0);
        QCOMPARE(jsonObject(update).value(QStringLiteral("new_level")).toInt(), 3);
        const QString after = db.snapshot(keyTables);
        QVERIFY(after != before);
        const int progressions
            = db.scalar(QStringLiteral("SELECT COUNT(*) FROM license_progressions")).toInt();

        const CliRun revert = runOn(db, QStringLiteral("revert"),
            { QString::number(auditIds(update).first()), QStringLiteral("--json") });
        CLI_EXPECT(revert, 0);
        QCOMPARE(auditIds(revert).size(), 1);
        QCOMPARE(db.snapshot(keyTables), before);
        // The license's level change is recorded by a new progression row 3 → 1.
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT COUNT(*) FROM license_progressions")).toInt(), progressions + 1);
        QCOMPARE(
            db.scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM license_progressions WHERE from_level = 3 AND to_level = 1"))
                .toInt(),
            1);
        QCOMPARE(auditEntry(db, auditIds(revert).first()).value(QStringLiteral("action")).toString(),
            QStringLiteral("revert"));

        // The revert is itself revertible.
        const CliRun redo = runOn(db, QStringLiteral("revert"),
            { QString::number(auditIds(revert).first()), QStringLiteral("--json") });
        CLI_EXPECT(redo, 0);
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                       QVariantList { f.student })
                     .toInt(),
            3);
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       QVariantList { f.student })
                     .toInt(),
            3);
    }

    void revertRemovesCreatedRows()
    {
        TestDatabase db;
        CLI_INIT(db);
        const qint64 user = addUser(db, QStringLiteral("new@x.test"));
        const QString before = db.snapshot(keyTables);
        const CliRun update = runOn(db, QStringLiteral("update-progress"),
            words({ "--user", "new@x.test", "--spec", "INTERNSHIP", "--xp", "18000", "--sessions", "18",
                "--projects", "1", "--json" }));
        CLI_EXPECT(update, 0);
        QCOMPARE(jsonObject(update).value(QStringLiteral("new_level")).toInt(), 2);
        QCOMPARE(jsonObject(update).value(QStringLiteral("license_level")).toInt(), 2);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM user_licenses WHERE user_id = ?"),
                       QVariantList { user })
                     .toInt(),
            1);
        QVERIFY(db.scalar(QStringLiteral("SELECT COUNT(*) FROM user_achievements WHERE user_id = ?"),
                      QVariantList { user })
                    .toInt()
            > 0);
        const CliRun revert
            = runOn(db, QStringLiteral("revert"), { QString::number(auditIds(update).first()) });
        CLI_EXPECT(revert, 0);
        QCOMPARE(db.snapshot(keyTables), before);
    }

    void revertRefusedWhenRowsChangedSince()
    {
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const CliRun first = runOn(db, QStringLiteral("set-level"),
            words({ "--user", "s@x.test", "--spec", "PLAYER", "--level", "5", "--reason", "a", "--json" }));
        CLI_EXPECT(first, 0);
        CLI_EXPECT(runOn(db, QStringLiteral("set-level"),
                       words({ "--user", "s@x.test", "--spec", "PLAYER", "--level", "6", "--reason", "b" })),
            0);
        const QString before = db.snapshot(guardedTables());
        const CliRun revert = runOn(db, QStringLiteral("revert"),
            { QString::number(auditIds(first).first()), QStringLiteral("--json") });
        CLI_EXPECT(revert, 4);
        const QString message = jsonObject(revert)
                                    .value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        QVERIFY2(message.contains(QStringLiteral("current_level")), qPrintable(message));
        QCOMPARE(db.snapshot(guardedTables()), before);
    }

    void hostileStringsAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("hostile");
        QTest::newRow("drop users") << QStringLiteral("'; DROP TABLE users; --");
        QTest::newRow("drop progress") << QStringLiteral("Robert'); DROP TABLE specialization_progress;--");
        QTest::newRow("or 1=1") << QStringLiteral("\" OR 1=1 --");
        QTest::newRow("unicode") << QStringLiteral("ünïcødé ✓ 中文 \u202e");
    }

    void hostileStringsAreRefusedAndChangeNothing()
    {
        QFETCH(QString, hostile);
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const QString before = db.snapshot(guardedTables());
        const QList<QStringList> refused {
            QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"), hostile,
                QStringLiteral("--spec"), QStringLiteral("PLAYER"), QStringLiteral("--xp"),
                QStringLiteral("1") },
            QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"),
                QStringLiteral("s@x.test"), QStringLiteral("--spec"), hostile, QStringLiteral("--xp"),
                QStringLiteral("1") },
            QStringList { QStringLiteral("inject"), QStringLiteral("--kind"), hostile,
                QStringLiteral("--user"), QStringLiteral("s@x.test"), QStringLiteral("--spec"),
                QStringLiteral("PLAYER") },
            QStringList { QStringLiteral("violations"), QStringLiteral("--kind"), hostile },
            QStringList { QStringLiteral("user"), hostile },
            QStringList { QStringLiteral("check"), QStringLiteral("--operator"), hostile },
            QStringList { QStringLiteral("set-level"), QStringLiteral("--user"), QStringLiteral("s@x.test"),
                QStringLiteral("--spec"), QStringLiteral("PLAYER"), QStringLiteral("--level"),
                QStringLiteral("0"), QStringLiteral("--reason"), hostile },
        };
        for (QStringList arguments : refused) {
            const QString command = arguments.takeFirst();
            const CliRun run = runOn(db, command, arguments << QStringLiteral("--json"));
            QVERIFY2(
                run.exitCode == 4, qPrintable(command + u' ' + arguments.join(u' ') + u'\n' + describe(run)));
            QCOMPARE(jsonObject(run)
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toInt(),
                4);
            QCOMPARE(db.snapshot(guardedTables()), before);
        }

        // As a reason the string is data: stored verbatim, nothing else happens.
        const CliRun set = runOn(db, QStringLiteral("set-level"),
            { QStringLiteral("--user"), QStringLiteral("s@x.test"), QStringLiteral("--spec"),
                QStringLiteral("PLAYER"), QStringLiteral("--level"), QStringLiteral("2"),
                QStringLiteral("--reason"), hostile, QStringLiteral("--json") });
        CLI_EXPECT(set, 0);
        QCOMPARE(auditEntry(db, auditIds(set).first()).value(QStringLiteral("reason")).toString(), hostile);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 4);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM specialization_progress")).toInt(), 2);
        const CliRun csv = runOn(db, QStringLiteral("audit"), { QStringLiteral("--csv") });
        CLI_EXPECT(csv, 0);
        QVERIFY(csv.out.trimmed().split('\n').size() >= 3);
    }

    void productionRefusesTheSystemAndInjections()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(createPlatformTables(db));
        Fixture f;
        QVERIFY(plant(db, f));
        CLI_EXPECT(runOn(db, QStringLiteral("init")), 0);
        const CliRun env = runOn(db, QStringLiteral("env"), { QStringLiteral("--json") });
        CLI_EXPECT(env, 0);
        QCOMPARE(
            jsonObject(env).value(QStringLiteral("environment")).toString(), QStringLiteral("production"));

        const QString before = db.snapshot(guardedTables());
        const QList<QStringList> refused {
            words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "10" }),
            words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "2", "--reason", "r" }),
            words({ "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher",
                "--apply" }),
            words({ "repair-all", "--apply" }),
            words({ "settings", "--healthy", "98" }),
            words({ "inject", "--kind", "level_mismatch", "--user", "s@x.test", "--spec", "PLAYER" }),
            words({ "inject", "--kind", "level_mismatch", "--user", "s@x.test", "--spec", "PLAYER",
                "--operator", "a@x.test" }),
            words({ "inject", "--kind", "missing_license", "--random", "1", "--operator", "a@x.test" }),
        };
        for (QStringList arguments : refused) {
            const QString command = arguments.takeFirst();
            const CliRun run = runOn(db, command, arguments);
            QVERIFY2(
                run.exitCode == 4, qPrintable(command + u' ' + arguments.join(u' ') + u'\n' + describe(run)));
            QCOMPARE(db.snapshot(guardedTables()), before);
        }
        // Views and dry runs stay open to the system; an admin who signs in may write.
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 2);
        const QStringList sync
            = words({ "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher" });
        CLI_EXPECT(runOn(db, QStringLiteral("sync"), sync), 0);
        const QStringList apply = sync + words({ "--apply", "--operator", "a@x.test" });
        QTemporaryDir dir;
        const QString wrong = dir.filePath(QStringLiteral("wrong"));
        const QString right = dir.filePath(QStringLiteral("right"));
        QFile wrongFile(wrong);
        QVERIFY(wrongFile.open(QIODevice::WriteOnly) && wrongFile.write("not-the-password\n") > 0);
        wrongFile.close();
        QVERIFY(wrongFile.setPermissions(
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // CC_PASSWORD_FILE must be private
        QFile rightFile(right);
        QVERIFY(
            rightFile.open(QIODevice::WriteOnly) && rightFile.write(QByteArray(knownPassword) + '\n') > 0);
        rightFile.close();
        QVERIFY(rightFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray saved = qgetenv("CC_PASSWORD_FILE");
        const CliRun unsigned_ = runOn(db, QStringLiteral("sync"), apply);
        qputenv("CC_PASSWORD_FILE", wrong.toLocal8Bit());
        const CliRun badPassword = runOn(db, QStringLiteral("sync"), apply);
        const QString unchanged = db.snapshot(guardedTables());
        qputenv("CC_PASSWORD_FILE", right.toLocal8Bit());
        QTest::qWait(1100); // the wrong password's throttle: 1 s (whole, since issue 15)
        const CliRun signedIn = runOn(db, QStringLiteral("sync"), apply);
        qputenv("CC_PASSWORD_FILE", saved);
        CLI_EXPECT(unsigned_, 4);
        CLI_EXPECT(badPassword, 4);
        QCOMPARE(unchanged, before);
        CLI_EXPECT(signedIn, 0);
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       QVariantList { f.mismatched })
                     .toInt(),
            3);
    }

    void instructorMaySyncAdvanceAndRepair()
    {
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const QStringList asInstructor { QStringLiteral("--operator"), QStringLiteral("i@x.test"),
            QStringLiteral("--json") };
        const CliRun advance = runOn(db, QStringLiteral("advance"),
            words({ "--user", "s@x.test", "--spec", "PLAYER", "--to", "2" }) + asInstructor);
        CLI_EXPECT(advance, 0);
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                       QVariantList { f.student })
                     .toInt(),
            2);
        QCOMPARE(db.scalar(QStringLiteral("SELECT advanced_by FROM license_progressions WHERE to_level = 2"))
                     .toLongLong(),
            f.instructor);
        const CliRun sync = runOn(db, QStringLiteral("sync"),
            words({ "--user", "m@x.test", "--spec", "LFA_COACH", "--direction", "toward-higher", "--apply" })
                + asInstructor);
        CLI_EXPECT(sync, 0);
        QCOMPARE(auditEntry(db, auditIds(sync).first()).value(QStringLiteral("operator")).toString(),
            QStringLiteral("i@x.test"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       QVariantList { f.mismatched })
                     .toInt(),
            3);
        CLI_EXPECT(runOn(db, QStringLiteral("check"), asInstructor), 0);
    }

    void noPasswordInAnyOutput()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"),
                       words({ "--users", "40", "--seed", "3", "--desync-rate", "0.3" })),
            0);
        QVERIFY(addUser(db, QStringLiteral("late@x.test")) > 0);
        CLI_EXPECT(
            runOn(db, QStringLiteral("set-level"),
                words({ "--user", "late@x.test", "--spec", "PLAYER", "--level", "3", "--reason", "r" })),
            0);
        CLI_EXPECT(runOn(db, QStringLiteral("update-progress"),
                       words({ "--user", "late@x.test", "--spec", "INTERNSHIP", "--xp", "10000", "--sessions",
                           "3" })),
            0);
        QVERIFY(runOn(db, QStringLiteral("check")).exitCode <= 2);
        const QList<QStringList> views { words({ "check", "--json" }), words({ "runs", "--json" }),
            words({ "runs", "--csv" }), words({ "violations", "--json" }), words({ "violations", "--csv" }),
            words({ "violations", "--warnings", "--csv" }), words({ "audit", "--json" }),
            words({ "audit", "--csv" }), words({ "user", "admin@demo.local", "--json" }),
            words({ "user", "late@x.test", "--json" }), words({ "user", "2", "--json" }),
            words({ "settings", "--json" }), words({ "levels", "--json" }), words({ "env", "--json" }) };
        for (QStringList arguments : views) {
            const QString command = arguments.takeFirst();
            const CliRun run = runOn(db, command, arguments);
            QVERIFY2(run.exitCode == 0 || command == u"check", qPrintable(describe(run)));
            QVERIFY2(!run.out.isEmpty(), qPrintable(command));
            QVERIFY2(!run.out.contains("password"), qPrintable(command + u' ' + arguments.join(u' ')));
            QVERIFY2(!run.out.contains("$2b$"), qPrintable(command + u' ' + arguments.join(u' ')));
        }
    }

    // docs/BEHAVIOUR.md C8: times in JSON are ISO-8601 UTC with Z, also inside the user view's rows.
    void userJsonTimesAreIsoUtc()
    {
        TestDatabase db;
        CLI_INIT(db);
        Fixture f;
        QVERIFY(plant(db, f));
        const CliRun run
            = runOn(db, QStringLiteral("user"), { QStringLiteral("s@x.test"), QStringLiteral("--json") });
        CLI_EXPECT(run, 0);
        const QJsonObject track
            = jsonObject(run).value(QStringLiteral("tracks")).toArray().first().toObject();
        const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"));
        for (const char* side : { "progress", "license" }) {
            const QJsonObject row = track.value(QLatin1String(side)).toObject();
            for (const char* column : { "created_at", "updated_at" }) {
                const QString value = row.value(QLatin1String(column)).toString();
                QVERIFY2(iso.match(value).hasMatch(),
                    qPrintable(QStringLiteral("%1.%2 = \"%3\"")
                                   .arg(QLatin1String(side), QLatin1String(column), value)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCliAuditRevert)
#include "tst_cli_audit_revert.moc"
