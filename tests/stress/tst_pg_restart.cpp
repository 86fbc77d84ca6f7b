// PostgreSQL stopped while a bulk repair runs (issue 5), on a throwaway server of this test's own
// (scripts/pg-throwaway.sh on a free port), so stopping it disturbs no other test. repair-all
// --apply --create-licenses runs on a desynced demo; after its second 500-key transaction the
// server is stopped (pg_ctl -m fast; with CC_STRESS=full also -m immediate). The CLI exits 5 and
// says how many keys were committed and from which key on nothing changed; after a restart the
// committed keys are consistent and audited, the rest untouched, and the next repair-all finishes.
#include "CliTestSupport.h"
#include "OwnPostgres.h"
#include "StressSupport.h"
#include "check/RunStore.h"

#include <QRegularExpression>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;
using namespace cc::test::stress;

class TestPgRestart final : public QObject {
    Q_OBJECT

private:
    OwnPostgres m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(TestDatabase::isPostgres());
        const QString error = m_server.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void serverStoppedDuringRepairAll_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("fast") << QStringLiteral("fast");
        if (fullStress())
            QTest::newRow("immediate") << QStringLiteral("immediate");
    }

    void serverStoppedDuringRepairAll()
    {
        QFETCH(QString, mode);
        TestDatabase db;
        CLI_REQUIRE_DB(db);
        CLI_EXPECT(
            runOn(db, QStringLiteral("demo"), words({ "--users", "8000", "--desync-rate", "0.3" })), 0);
        DatabaseState before;
        {
            auto session = db.open();
            auto read = readState(*session);
            QVERIFY(read.ok());
            before = *read;
        }

        QProcess repair;
        repair.setProgram(qEnvironmentVariable("CC_BINARY"));
        repair.setArguments(words({ "repair-all", "--apply", "--create-licenses" }) + db.cliArguments());
        repair.start();
        QVERIFY(repair.waitForStarted());
        QByteArray err;
        // Two transactions committed: stop the server.
        QTRY_VERIFY_WITH_TIMEOUT((err += repair.readAllStandardError()).contains("repaired 1000 of"), 120000);
        const QString halted = m_server.halt(mode);
        QVERIFY2(halted.isEmpty(), qPrintable(halted));
        QVERIFY(repair.waitForFinished(120000));
        err += repair.readAllStandardError();
        const QString message = QString::fromUtf8(err);
        QCOMPARE(repair.exitStatus(), QProcess::NormalExit);
        QVERIFY2(repair.exitCode() == 5,
            qPrintable(QStringLiteral("exit %1: %2").arg(repair.exitCode()).arg(message)));
        QVERIFY2(message.contains(QStringLiteral("lost the connection")), qPrintable(message));
        const QRegularExpressionMatch match = QRegularExpression(
            QStringLiteral("(\\d+) of (\\d+) keys were committed before the error \\((\\d+) changed, (\\d+) "
                           "skipped.*the other (\\d+) keys, from user (\\d+), (\\S+) on, were not changed"))
                                                  .match(message);
        QVERIFY2(match.hasMatch(), qPrintable(message));
        qInfo("pg_ctl stop -m %s: exit %d, %s", qPrintable(mode), repair.exitCode(),
            qPrintable(match.captured(0)));
        const qint64 committed = match.captured(1).toLongLong();
        const qint64 total = match.captured(2).toLongLong();
        QVERIFY(committed >= 1000 && committed < total);
        QCOMPARE(committed % 500, 0);

        const QString resumed = m_server.resume();
        QVERIFY2(resumed.isEmpty(), qPrintable(resumed));
        DatabaseState now;
        QList<AuditEntry> entries;
        QList<KeyRef> keys;
        QMap<KeyRef, QString> kinds;
        {
            auto session = db.open();
            auto read = readState(*session);
            QVERIFY(read.ok());
            now = *read;
            AuditFilter filter;
            filter.afterId = before.maxAuditId;
            auto list = AuditLog::entries(session->db(), filter);
            QVERIFY(list.ok());
            entries = *list;
            auto latest = RunStore::latestCompleted(session->db());
            QVERIFY(latest.ok() && latest->has_value());
            ViolationFilter violationFilter;
            violationFilter.runId = (**latest).runId;
            auto violations = RunStore::violations(session->db(), violationFilter);
            QVERIFY(violations.ok());
            for (const StoredViolation& violation : std::as_const(*violations)) {
                keys.append({ violation.record.userId, violation.record.track });
                kinds.insert(keys.last(), violation.record.kind);
            }
            std::sort(keys.begin(), keys.end());
        }
        const AuditVerdict verdict = verifyAudit(before, now, entries);
        QVERIFY2(verdict.problems.isEmpty(), qPrintable(firstProblems(verdict.problems)));
        QCOMPARE(qint64(keys.size()), total);
        QCOMPARE(QString::number(keys.at(committed).userId), match.captured(6));
        // The first `committed` keys: every repairable one changed and audited; the rest untouched.
        qint64 changed = 0;
        qint64 skipped = 0;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const bool audited = verdict.entriesByKey.contains(keys.at(i));
            const bool manual = kinds.value(keys.at(i)) == u"unknown_specialization";
            if (i < committed) {
                QVERIFY2(audited != manual,
                    qPrintable(keyName(keys.at(i)) + QStringLiteral(" committed wrongly")));
                changed += audited ? 1 : 0;
                skipped += manual ? 1 : 0;
            } else {
                QVERIFY2(!audited,
                    qPrintable(keyName(keys.at(i)) + QStringLiteral(" changed after the reported point")));
            }
        }
        QCOMPARE(changed, match.captured(3).toLongLong());
        QCOMPARE(skipped, match.captured(4).toLongLong());
        QCOMPARE(qint64(verdict.changedKeys.size()), changed);

        // After the restart: the changed keys are consistent, and the next repair-all finishes.
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        QVERIFY2(check.exitCode >= 0 && check.exitCode <= 2, qPrintable(describe(check)));
        for (const QJsonValue& value : jsonObject(check).value(QStringLiteral("violations")).toArray()) {
            const KeyRef key { value.toObject().value(QStringLiteral("user_id")).toInteger(),
                value.toObject().value(QStringLiteral("specialization")).toString() };
            QVERIFY2(!verdict.entriesByKey.contains(key),
                qPrintable(keyName(key) + QStringLiteral(" was repaired but is inconsistent")));
        }
        CLI_EXPECT(runOn(db, QStringLiteral("repair-all"), words({ "--apply", "--create-licenses" })), 0);
        const CliRun after = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        const QJsonObject report = jsonObject(after);
        QCOMPARE(report.value(QStringLiteral("inconsistent")).toInteger(),
            report.value(QStringLiteral("by_kind"))
                .toObject()
                .value(QStringLiteral("unknown_specialization"))
                .toInteger());
    }
};

QTEST_GUILESS_MAIN(TestPgRestart)
#include "tst_pg_restart.moc"
