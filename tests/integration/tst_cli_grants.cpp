// The PostgreSQL logins of docs/RELIABILITY.md ("Roles are a guard, not a security boundary"),
// created from docs/grants/monitor.sql and docs/grants/instructor.sql as written, and the real
// binary run under each: what a user sees (exit code and words) and what the database holds.
// PostgreSQL only: a server that cannot be reached fails the test.

#include "CliTestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace cc::test;
using namespace cc::test::cli;

namespace {

// The tables a refused command must leave as they were: the guarded ones, the stored runs and
// their violations, and the sign-in records.
QStringList watchedTables()
{
    return guardedTables() << toolTable("runs") << toolTable("violations") << toolTable("batches")
                           << toolTable("signin") << toolTable("schema_version");
}

// One login of docs/grants/FILE.sql, named `<role>_<database>` (roles are cluster-wide), with a
// real password. Dropped again (with what it was granted) when the test ends.
class GrantedLogin final {
public:
    GrantedLogin(TestDatabase& db, const char* file, const char* role)
        : m_db(db)
        , m_name(QStringLiteral("%1_%2").arg(QLatin1String(role), db.profile().database))
        , m_password(
              QStringLiteral("pw-%1-%2").arg(QLatin1String(role)).arg(QCoreApplication::applicationPid()))
    {
        QFile input(QStringLiteral(CC_GRANTS_DIR "/") + QLatin1String(file));
        if (!input.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read %1: %2").arg(input.fileName(), input.errorString());
            return;
        }
        QString sql = QString::fromUtf8(input.readAll());
        // Comments out, the role renamed, psql's :'cc_password' given its value.
        sql.remove(QRegularExpression(QStringLiteral("--[^\n]*")));
        sql.replace(QRegularExpression(QStringLiteral("\\b%1\\b").arg(QLatin1String(role))), m_name);
        sql.replace(QStringLiteral(":'cc_password'"), u'\'' + m_password + u'\'');
        for (const QString& statement : sql.split(u';')) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!m_db.exec(statement.trimmed())) {
                m_error = QStringLiteral("%1 failed at: %2").arg(QLatin1String(file), statement.trimmed());
                return;
            }
            m_created = true;
        }
    }
    ~GrantedLogin()
    {
        if (!m_created)
            return;
        // Privileges (and default privileges) in this database go with DROP OWNED; then the role.
        m_db.exec(QStringLiteral("DROP OWNED BY %1").arg(m_name));
        m_db.exec(QStringLiteral("DROP ROLE %1").arg(m_name));
    }
    Q_DISABLE_COPY_MOVE(GrantedLogin)

    const QString& error() const { return m_error; }
    const QString& name() const { return m_name; }
    QString conninfo() const
    {
        const cc::ConnectionProfile& p = m_db.profile();
        return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 password=%5")
            .arg(p.host)
            .arg(p.port)
            .arg(p.database, m_name, m_password);
    }
    // `coupling-console COMMAND ARGS --pg "…user=<this login>…"`.
    CliRun run(const QString& command, const QStringList& arguments = {}) const
    {
        return runCli(
            QStringList { command } + arguments + QStringList { QStringLiteral("--pg"), conninfo() });
    }

private:
    TestDatabase& m_db;
    QString m_name;
    QString m_password;
    QString m_error;
    bool m_created = false;
};

// The demo database with a few desyncs of its own, plus three keys of known shape:
// m@ COACH 3 vs LFA_COACH 2 (level_mismatch), s@ PLAYER 1/1 (consistent), r@ license LFA_COACH 2 and
// no progress row (missing_progress).
struct Planted {
    qint64 mismatched = 0;
    qint64 student = 0;
    qint64 licenseOnly = 0;
};

Planted plant(TestDatabase& db)
{
    Planted p;
    if (!db.initialise(200, 7, 0.1))
        return {};
    p.mismatched = addUser(db, QStringLiteral("m@x.test"));
    p.student = addUser(db, QStringLiteral("s@x.test"));
    p.licenseOnly = addUser(db, QStringLiteral("r@x.test"));
    const bool ok = p.mismatched && p.student && p.licenseOnly
        && addProgress(db, p.mismatched, QStringLiteral("COACH"), 3)
        && addLicense(db, p.mismatched, QStringLiteral("LFA_COACH"), 2)
        && addProgress(db, p.student, QStringLiteral("PLAYER"), 1)
        && addLicense(db, p.student, QStringLiteral("PLAYER"), 1)
        && addLicense(db, p.licenseOnly, QStringLiteral("LFA_COACH"), 2);
    return ok ? p : Planted {};
}

qint64 runCount(TestDatabase& db)
{
    return db.count(toolTable("runs"));
}

// Every index of the platform's and the tool's schemas.
QString indexes(TestDatabase& db)
{
    return db
        .scalar(QStringLiteral(
            "SELECT string_agg(schemaname || '.' || indexname, ' ' ORDER BY schemaname, indexname) "
            "FROM pg_indexes WHERE schemaname IN ('public', 'coupling_console')"))
        .toString();
}

// The first line that differs between two snapshots (for a readable failure).
QString firstDifference(const QString& before, const QString& after)
{
    const QStringList a = before.split(u'\n');
    const QStringList b = after.split(u'\n');
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (a.value(i) != b.value(i))
            return QStringLiteral("before: %1\nafter:  %2").arg(a.value(i), b.value(i));
    }
    return {};
}

} // namespace

class TestCliGrants final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(
            TestDatabase::isPostgres(), "tst_cli_grants runs on PostgreSQL only (CC_TEST_DIALECT=postgres)");
    }

    // cc_monitor: check and views work; every write is refused by the database and changes nothing.
    void monitorReadsAndCannotWrite()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        const Planted p = plant(db);
        QVERIFY(p.mismatched > 0);
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 2); // one stored run, newer than every audit entry
        GrantedLogin monitor(db, "monitor.sql", "cc_monitor");
        QVERIFY2(monitor.error().isEmpty(), qPrintable(monitor.error()));
        QString before = db.snapshot(watchedTables());
        const qint64 runsBefore = runCount(db);

        // The check runs as the system, reads everything and says that its run is not stored.
        const CliRun check = monitor.run(QStringLiteral("check"), words({ "--json" }));
        CLI_EXPECT(check, 2);
        const QJsonObject report = jsonObject(check);
        QVERIFY2(report.value(QStringLiteral("run_id")).isNull(), check.out.constData());
        QVERIFY(report.value(QStringLiteral("inconsistent")).toInt() >= 2);
        QVERIFY2(check.err.contains("the tool's tables cannot be written here; this run is not stored"),
            check.err.constData());
        QCOMPARE(db.snapshot(watchedTables()), before); // no run stored
        QCOMPARE(runCount(db), runsBefore);
        // The same counts as a check by the owner (whose run is stored).
        const CliRun owner = runOn(db, QStringLiteral("check"), words({ "--json" }));
        CLI_EXPECT(owner, 2);
        QVERIFY(jsonObject(owner).value(QStringLiteral("run_id")).toInteger() > 0);
        QCOMPARE(jsonObject(owner).value(QStringLiteral("inconsistent")),
            report.value(QStringLiteral("inconsistent")));
        QCOMPARE(jsonObject(owner).value(QStringLiteral("total_pairs")),
            report.value(QStringLiteral("total_pairs")));
        before = db.snapshot(watchedTables()); // with the owner's run

        // Views and dry runs.
        const CliRun violations = monitor.run(QStringLiteral("violations"));
        CLI_EXPECT(violations, 0);
        QVERIFY2(violations.out.contains("level_mismatch"), violations.out.constData());
        const CliRun user = monitor.run(QStringLiteral("user"), words({ "m@x.test", "--json" }));
        CLI_EXPECT(user, 0);
        QCOMPARE(jsonObject(user)
                     .value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("email"))
                     .toString(),
            QStringLiteral("m@x.test"));
        CLI_EXPECT(monitor.run(QStringLiteral("audit")), 0);
        CLI_EXPECT(monitor.run(QStringLiteral("runs")), 0);
        CLI_EXPECT(monitor.run(QStringLiteral("settings")), 0);
        const CliRun dryRun = monitor.run(QStringLiteral("sync"),
            words({ "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher" }));
        CLI_EXPECT(dryRun, 0);
        CLI_EXPECT(monitor.run(QStringLiteral("repair"), words({ "--user", "r@x.test" })), 0);

        // Every write: refused by the database (the environment is development, where the system may
        // write, so the tool's own permission table would let each of them through).
        QCOMPARE(QString::fromUtf8(runOn(db, QStringLiteral("env")).out).contains(u"development"), true);
        const QList<QStringList> writes {
            words({ "sync", "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher",
                "--apply" }),
            words({ "repair", "--user", "r@x.test", "--apply" }),
            words({ "repair-all", "--apply" }),
            words({ "inject", "--kind", "missing_license", "--user", "s@x.test", "--spec", "PLAYER" }),
            words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "2", "--reason",
                "grant test" }),
            words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "100" }),
            words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "2" }),
            words({ "settings", "--degraded", "90" }),
            words({ "env", "--set", "staging" }),
            words({ "prune" }),
        };
        for (QStringList arguments : writes) {
            const QString command = arguments.takeFirst();
            const CliRun run = monitor.run(command, arguments << QStringLiteral("--json"));
            const QString what = command + u'\n' + describe(run);
            QVERIFY2(run.exitCode == 4, qPrintable(what));
            QCOMPARE(jsonObject(run)
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toInt(),
                4);
            QVERIFY2(run.err.contains("the database refused a write: the connection is read-only"),
                qPrintable(what));
            QVERIFY2(!run.err.contains("Unable to free statement"),
                run.err.constData()); // the driver's noise stays out
            const QString after = db.snapshot(watchedTables());
            QVERIFY2(after == before, qPrintable(command + u'\n' + firstDifference(before, after)));
        }

        // Without the read-only default the grants still hold: psql as the monitor.
        const CliRun psql = runProgram(QStringLiteral("psql"),
            { monitor.conninfo(), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-c"), QStringLiteral("SET default_transaction_read_only = off"),
                QStringLiteral("-c"), QStringLiteral("UPDATE user_licenses SET current_level = 1") });
        QVERIFY2(psql.exitCode != 0 && psql.err.contains("permission denied for table user_licenses"),
            qPrintable(describe(psql)));
        QCOMPARE(db.snapshot(watchedTables()), before);
    }

    // cc_instructor on a production database, signed in as the demo instructor: sync one key,
    // advance, repair one key, each audited under the instructor; its checks are stored.
    void instructorDoesInstructorWork()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        const Planted p = plant(db);
        QVERIFY(p.mismatched > 0);
        CLI_EXPECT(runOn(db, QStringLiteral("env"), words({ "--set", "production" })), 0);
        GrantedLogin instructor(db, "instructor.sql", "cc_instructor");
        QVERIFY2(instructor.error().isEmpty(), qPrintable(instructor.error()));
        QTemporaryDir dir;
        const QString passwordFile = dir.filePath(QStringLiteral("password"));
        QFile file(passwordFile);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QByteArray(knownPassword) + '\n') > 0);
        file.close();
        QVERIFY(file.setPermissions(
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // CC_PASSWORD_FILE must be private
        const QByteArray saved = qgetenv("CC_PASSWORD_FILE");
        qputenv("CC_PASSWORD_FILE", passwordFile.toLocal8Bit());
        const QStringList as = words({ "--operator", "instructor@demo.local", "--json" });
        const qint64 auditBefore = db.count(toolTable("audit"));

        const CliRun check = instructor.run(QStringLiteral("check"), as);
        CLI_EXPECT(check, 2);
        const qint64 runId = jsonObject(check).value(QStringLiteral("run_id")).toInteger();
        QVERIFY2(runId > 0, check.out.constData());
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { runId })
                .toString(),
            QStringLiteral("critical"));

        const CliRun sync = instructor.run(QStringLiteral("sync"),
            words({ "--user", "m@x.test", "--spec", "COACH", "--direction", "toward-higher", "--apply" })
                + as);
        const CliRun advance = instructor.run(
            QStringLiteral("advance"), words({ "--user", "s@x.test", "--spec", "PLAYER", "--to", "2" }) + as);
        const CliRun repair
            = instructor.run(QStringLiteral("repair"), words({ "--user", "r@x.test", "--apply" }) + as);
        // What the instructor may not do is refused by the tool's permission table first.
        const QString beforeRefusal = db.snapshot(watchedTables());
        const CliRun setLevel = instructor.run(QStringLiteral("set-level"),
            words({ "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason", "r" }) + as);
        const QString afterRefusal = db.snapshot(watchedTables());
        qputenv("CC_PASSWORD_FILE", saved);

        for (const CliRun* run : { &sync, &advance, &repair }) {
            CLI_EXPECT(*run, 0);
            QCOMPARE(jsonObject(*run).value(QStringLiteral("audit_ids")).toArray().size(), 1);
        }
        CLI_EXPECT(setLevel, 4);
        QCOMPARE(afterRefusal, beforeRefusal);

        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       { p.mismatched })
                     .toInt(),
            3);
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                       { p.student })
                     .toInt(),
            2);
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                       { p.student })
                     .toInt(),
            2);
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                       { p.licenseOnly })
                     .toInt(),
            2);
        QCOMPARE(db.count(toolTable("audit")), auditBefore + 3);
        QCOMPARE(db.count(toolTable("audit"),
                     QStringLiteral("id > ? AND operator_email = 'instructor@demo.local' AND source = 'cli'"),
                     { auditBefore }),
            qint64(3));
        const qint64 instructorId
            = db.scalar(QStringLiteral("SELECT id FROM users WHERE email = 'instructor@demo.local'"))
                  .toLongLong();
        QCOMPARE(db.count(QStringLiteral("license_progressions"), QStringLiteral("advanced_by = ?"),
                     { instructorId }),
            qint64(2));

        // The three keys are consistent in the next check (stored, under the instructor login).
        qputenv("CC_PASSWORD_FILE", passwordFile.toLocal8Bit());
        const CliRun after = instructor.run(QStringLiteral("check"), as);
        qputenv("CC_PASSWORD_FILE", saved);
        CLI_EXPECT(after, 2);
        QVERIFY(jsonObject(after).value(QStringLiteral("run_id")).toInteger() > runId);
        for (const QJsonValue& value : jsonObject(after).value(QStringLiteral("violations")).toArray()) {
            const qint64 user = value.toObject().value(QStringLiteral("user_id")).toInteger();
            QVERIFY2(user != p.mismatched && user != p.student && user != p.licenseOnly,
                qPrintable(QString::number(user)));
        }
    }

    // The instructor login, used as the system on a development database (where the tool's
    // permission table allows everything): writes outside its grant are refused by the database,
    // naming the login and the table, and change nothing.
    void instructorLoginCannotWriteOutsideGrant_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("settings") << words({ "settings", "--degraded", "90" })
                                  << QStringLiteral("(permission denied for table settings)");
        QTest::newRow("env --set") << words({ "env", "--set", "staging" })
                                   << QStringLiteral("(permission denied for table settings)");
        QTest::newRow("levels --import --apply")
            << words({ "levels", "--import", "@FILE", "--spec", "INTERNSHIP", "--apply" })
            << QStringLiteral("(permission denied for table levels)");
        QTest::newRow("init") << words({ "init" })
                              << QStringLiteral("(permission denied for table settings)");
        QTest::newRow("init --indexes") << words({ "init", "--indexes" })
                                        << QStringLiteral("(must be owner of table specialization_progress)");
        // A database one migration behind: init would run it (ALTER TABLE on the tool's audit table).
        QTest::newRow("init, a migration pending")
            << words({ "init", "MIGRATION" }) << QStringLiteral("(must be owner of table audit)");
    }

    void instructorLoginCannotWriteOutsideGrant()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, refusal);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        QVERIFY(plant(db).mismatched > 0);
        QTemporaryDir dir;
        if (arguments.contains(QStringLiteral("@FILE"))) {
            // The stored INTERNSHIP levels with one name changed: a valid import.
            QJsonArray levels = jsonObject(runOn(db, QStringLiteral("levels"), words({ "--json" })))
                                    .value(QStringLiteral("tracks"))
                                    .toObject()
                                    .value(QStringLiteral("INTERNSHIP"))
                                    .toArray();
            QVERIFY(!levels.isEmpty());
            QJsonObject first = levels.first().toObject();
            first.insert(QStringLiteral("name"), QStringLiteral("Renamed by the grant test"));
            levels.replace(0, first);
            QFile file(dir.filePath(QStringLiteral("levels.json")));
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(levels).toJson()) > 0);
            file.close();
            arguments.replaceInStrings(QStringLiteral("@FILE"), file.fileName());
        }
        if (arguments.removeAll(QStringLiteral("MIGRATION")) > 0) {
            // The newest migration (4, the audit hash chain) undone.
            QVERIFY(db.exec(QStringLiteral("DROP INDEX coupling_console.audit_prev")));
            for (const char* column : { "prev_id", "prev_hash", "entry_hash" })
                QVERIFY(db.exec(QStringLiteral("ALTER TABLE coupling_console.audit DROP COLUMN %1")
                                    .arg(QLatin1String(column))));
            QVERIFY(db.exec(QStringLiteral("DELETE FROM coupling_console.schema_version WHERE version = 4")));
        }
        GrantedLogin instructor(db, "instructor.sql", "cc_instructor");
        QVERIFY2(instructor.error().isEmpty(), qPrintable(instructor.error()));
        const QString before = db.snapshot(watchedTables());
        const QString indexesBefore = indexes(db);
        const QString command = arguments.takeFirst();
        const CliRun run = instructor.run(command, arguments << QStringLiteral("--json"));
        CLI_EXPECT(run, 4);
        const QJsonObject error = jsonObject(run).value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 4);
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("refused"));
        const QString expected = QStringLiteral("the database login %1 is not granted this by PostgreSQL %2")
                                     .arg(instructor.name(), refusal);
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), qPrintable(expected + u'\n' + describe(run)));
        const QString after = db.snapshot(watchedTables());
        QVERIFY2(after == before, qPrintable(firstDifference(before, after)));
        QCOMPARE(indexes(db), indexesBefore);
    }
};

QTEST_GUILESS_MAIN(TestCliGrants)
#include "tst_cli_grants.moc"
