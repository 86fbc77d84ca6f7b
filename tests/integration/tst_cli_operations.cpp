// Operations through the binary: repair-all never lowering a level silently and undone by
// revert --batch, inject --random, cancel by signal (exit 130), and numbers that ignore the locale.

#include "CliTestSupport.h"

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>

using namespace cc::test;
using namespace cc::test::cli;

namespace {

// (canonical track, maximum level) of the known tracks, as a VALUES list both dialects accept.
const char* trackMaxima
    = "(VALUES ('GANCUJU_PLAYER', 8), ('LFA_COACH', 8), ('INTERNSHIP', 3), ('LFA_FOOTBALL_PLAYER', 8))";

QString canonical(const char* column)
{
    return QStringLiteral(
        "CASE %1 WHEN 'PLAYER' THEN 'GANCUJU_PLAYER' WHEN 'COACH' THEN 'LFA_COACH' ELSE %1 END")
        .arg(QLatin1String(column));
}

} // namespace

class TestCliOperations final : public QObject {
    Q_OBJECT

private slots:
    void repairAllNeverLowersALevelAndRevertsAsABatch()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"),
                       words({ "--users", "400", "--seed", "5", "--desync-rate", "0.3" })),
            0);
        const CliRun first = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(first, 2);
        const int unknown = jsonObject(first)
                                .value(QStringLiteral("by_kind"))
                                .toObject()
                                .value(QStringLiteral("unknown_specialization"))
                                .toInt();
        QVERIFY(unknown > 0);
        // Per known key: the highest level on either side, capped at the track's maximum.
        QVERIFY(db.exec(QStringLiteral(
            "CREATE TABLE qa_expected AS SELECT k.u AS u, k.t AS t, CASE WHEN MAX(k.l) > m.column2 THEN "
            "m.column2 ELSE MAX(k.l) END AS lvl "
            "FROM (SELECT student_id AS u, %1 AS t, current_level AS l FROM specialization_progress "
            "UNION ALL SELECT user_id, %2, current_level FROM user_licenses) k JOIN %3 m ON m.column1 = k.t "
            "GROUP BY k.u, k.t, m.column2 HAVING MAX(k.l) >= 1")
                            .arg(canonical("specialization_id"), canonical("specialization_type"),
                                QLatin1String(trackMaxima))));
        const qint64 keys = db.scalar(QStringLiteral("SELECT COUNT(*) FROM qa_expected")).toLongLong();
        QVERIFY(keys > 100);
        const QStringList rowTables { QStringLiteral("specialization_progress"),
            QStringLiteral("user_licenses") };
        const QString before = db.snapshot(rowTables);

        // The dry run lists per-key statements; on PostgreSQL it says that --apply groups them.
        const CliRun preview = runOn(db, QStringLiteral("repair-all"), words({ "--create-licenses" }));
        CLI_EXPECT(preview, 0);
        QCOMPARE(
            preview.err.contains("note: on PostgreSQL --apply writes these row changes 500 keys at a time"),
            TestDatabase::isPostgres());
        QCOMPARE(db.snapshot(rowTables), before);

        const CliRun repair
            = runOn(db, QStringLiteral("repair-all"), words({ "--create-licenses", "--apply", "--json" }));
        CLI_EXPECT(repair, 0);
        const QJsonObject outcome = jsonObject(repair);
        QVERIFY2(outcome.value(QStringLiteral("batch_id")).isDouble(), repair.out.constData());
        QVERIFY(!outcome.value(QStringLiteral("audit_ids")).toArray().isEmpty());
        QCOMPARE(outcome.value(QStringLiteral("skipped")).toArray().size(), unknown);

        const CliRun after = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        const QJsonObject json = jsonObject(after);
        QCOMPARE(json.value(QStringLiteral("inconsistent")).toInt(), unknown);
        QCOMPARE(json.value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("unknown_specialization"))
                     .toInt(),
            unknown);
        for (const char* table : { "specialization_progress", "user_licenses" }) {
            const bool progress = QLatin1String(table) == u"specialization_progress";
            const QString sql
                = QStringLiteral("SELECT COUNT(*) FROM %1 r JOIN qa_expected e ON e.u = r.%2 AND e.t = %3 "
                                 "WHERE r.current_level IS NULL OR r.current_level <> e.lvl")
                      .arg(QLatin1String(table),
                          progress ? QStringLiteral("student_id") : QStringLiteral("user_id"),
                          canonical(progress ? "r.specialization_id" : "r.specialization_type"));
            QVERIFY2(db.scalar(sql).toInt() == 0,
                qPrintable(QStringLiteral("%1: %2 rows not at the key's highest level")
                               .arg(QLatin1String(table))
                               .arg(db.scalar(sql).toInt())));
        }

        const CliRun revert = runOn(db, QStringLiteral("revert"),
            { QStringLiteral("--batch"),
                QString::number(outcome.value(QStringLiteral("batch_id")).toInteger()),
                QStringLiteral("--json") });
        CLI_EXPECT(revert, 0);
        QCOMPARE(db.snapshot(rowTables), before);
        const CliRun again = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        QCOMPARE(jsonObject(again).value(QStringLiteral("by_kind")).toObject(),
            jsonObject(first).value(QStringLiteral("by_kind")).toObject());
    }

    void injectRandomThenRevertBatch()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"),
                       words({ "--users", "200", "--seed", "9", "--desync-rate", "0" })),
            0);
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 0);
        const QString before = db.snapshot(platformTables());
        const CliRun inject = runOn(db, QStringLiteral("inject"),
            words({ "--kind", "level_mismatch", "--random", "7", "--seed", "3", "--json" }));
        CLI_EXPECT(inject, 0);
        QCOMPARE(jsonObject(inject).value(QStringLiteral("audit_ids")).toArray().size(), 7);
        QVERIFY(jsonObject(inject).value(QStringLiteral("batch_id")).isDouble());
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        CLI_EXPECT(check, 1);
        QCOMPARE(jsonObject(check)
                     .value(QStringLiteral("by_kind"))
                     .toObject()
                     .value(QStringLiteral("level_mismatch"))
                     .toInt(),
            7);
        QCOMPARE(jsonObject(check).value(QStringLiteral("new_since_previous")).toInt(), 7);
        for (const QJsonValue& entry :
            jsonArray(runOn(db, QStringLiteral("audit"), { QStringLiteral("--json") }))) {
            if (entry.toObject().value(QStringLiteral("action")).toString() == u"inject")
                QCOMPARE(entry.toObject().value(QStringLiteral("source")).toString(), QStringLiteral("qa"));
        }
        const CliRun revert = runOn(db, QStringLiteral("revert"),
            { QStringLiteral("--batch"),
                QString::number(jsonObject(inject).value(QStringLiteral("batch_id")).toInteger()) });
        CLI_EXPECT(revert, 0);
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 0);
        QVERIFY2(db.snapshot({ QStringLiteral("specialization_progress") })
                == before.split(u'\n').filter(QStringLiteral("specialization_progress:")).join(u'\n') + u'\n',
            "revert --batch restores the progress rows");
        // Same seed, same keys: a second injection picks the same seven keys.
        const CliRun repeat = runOn(db, QStringLiteral("inject"),
            words({ "--kind", "level_mismatch", "--random", "7", "--seed", "3", "--json" }));
        CLI_EXPECT(repeat, 0);
        QCOMPARE(jsonObject(repeat).value(QStringLiteral("changed")).toArray(),
            jsonObject(inject).value(QStringLiteral("changed")).toArray());
    }

    // Both signals on one database: the demo that makes a check long enough to stop takes longer
    // than the checks, and a cancelled check changes no platform row.
    void signalCancelsACheck()
    {
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(runOn(db, QStringLiteral("demo"), words({ "--users", "600000", "--seed", "2" })), 0);
        QElapsedTimer full;
        full.start();
        CLI_EXPECT(runOn(db, QStringLiteral("check")), 1);
        QVERIFY2(full.elapsed() > 900,
            qPrintable(
                QStringLiteral("a full check took only %1 ms: too short to cancel").arg(full.elapsed())));

        for (const int signal : { SIGINT, SIGTERM }) {
            QProcess process;
            process.start(qEnvironmentVariable("CC_BINARY"),
                QStringList { QStringLiteral("check"), QStringLiteral("--json") } + db.cliArguments());
            QVERIFY(process.waitForStarted());
            // Signalled once its run is stored as running: the handlers are installed long before,
            // and a slow start (a loaded machine, a sanitizer build) cannot meet the default action.
            QTRY_VERIFY_WITH_TIMEOUT(
                db.count(toolTable("runs"), QStringLiteral("status = 'running'")) == 1, 30000);
            QElapsedTimer timer;
            timer.start();
            QCOMPARE(::kill(pid_t(process.processId()), signal), 0);
            QVERIFY(process.waitForFinished(10000));
            QVERIFY2(timer.elapsed() < 1500,
                qPrintable(
                    QStringLiteral("signal %1: stopped %2 ms after it").arg(signal).arg(timer.elapsed())));
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(process.exitCode(), 130);
            const CliRun runs = runOn(db, QStringLiteral("runs"), { QStringLiteral("--json") });
            CLI_EXPECT(runs, 0);
            QCOMPARE(jsonArray(runs).first().toObject().value(QStringLiteral("status")).toString(),
                QStringLiteral("cancelled"));
        }
        QCOMPARE(db.count(toolTable("runs"), QStringLiteral("status = 'cancelled'")), qint64(2));
    }

    void numbersIgnoreTheLocale()
    {
        TestDatabase db;
        CLI_INIT(db);
        QVERIFY(addKeys(db, QStringLiteral("l"), 37, 3));
        const QByteArray lang = qgetenv("LANG");
        const QByteArray all = qgetenv("LC_ALL");
        qputenv("LANG", "de_DE.UTF-8");
        qputenv("LC_ALL", "de_DE.UTF-8");
        const CliRun settings = runOn(
            db, QStringLiteral("settings"), words({ "--healthy", "97.5", "--degraded", "90.25", "--json" }));
        const CliRun text = runOn(db, QStringLiteral("check"));
        const CliRun json = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        const CliRun csv = runOn(db, QStringLiteral("runs"), { QStringLiteral("--csv") });
        qputenv("LANG", lang);
        qputenv("LC_ALL", all);
        CLI_EXPECT(settings, 0);
        CLI_EXPECT(text, 2);
        QVERIFY2(text.out.contains("8.11") && !text.out.contains("8,11"), text.out.constData());
        CLI_EXPECT(json, 2);
        QCOMPARE(jsonObject(json).value(QStringLiteral("consistency_rate")).toDouble(), 8.11);
        QCOMPARE(jsonObject(json)
                     .value(QStringLiteral("thresholds"))
                     .toObject()
                     .value(QStringLiteral("healthy"))
                     .toDouble(),
            97.5);
        QCOMPARE(jsonObject(json)
                     .value(QStringLiteral("thresholds"))
                     .toObject()
                     .value(QStringLiteral("degraded"))
                     .toDouble(),
            90.25);
        CLI_EXPECT(csv, 0);
        QVERIFY2(csv.out.contains(",8.11,") && !csv.out.contains("8,11"), csv.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliOperations)
#include "tst_cli_operations.moc"
