// PostgreSQL stopped while a bulk repair runs (issue 5), on a throwaway server of this test's own
// (scripts/pg-throwaway.sh on a free port), so stopping it disturbs no other test. repair-all
// --apply --create-licenses runs on a desynced demo; after its second 500-key transaction the
// server is stopped (pg_ctl -m fast; with CC_STRESS=full also -m immediate). The CLI exits 5 and
// says how many keys were committed and from which key on nothing changed; after a restart the
// committed keys are consistent and audited, the rest untouched, and the next repair-all finishes.
#include "CliTestSupport.h"
#include "RunStore.h"
#include "StressSupport.h"

#include <QDir>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;
using namespace cc::test::stress;

namespace {

// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice for port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

} // namespace

class TestPgRestart final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_port;

    static QString pgBin(const QString& tool)
    {
        QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(versions.begin(), versions.end(), [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
        return QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(versions.value(versions.size() - 1), tool);
    }

    // pg_ctl as the postgres user when running as root (as the script does).
    CliRun pgCtl(const QStringList& arguments)
    {
        const QStringList command = QStringList { pgBin(QStringLiteral("pg_ctl")), QStringLiteral("-D"), m_root.filePath(QStringLiteral("data")) } + arguments;
        if (::geteuid() == 0)
            return runProgram(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--") } + command, {}, 60000);
        return runProgram(command.first(), command.mid(1), {}, 60000);
    }

    bool startServer()
    {
        const CliRun run = pgCtl({ QStringLiteral("-l"), m_root.filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("-t"),
                                   QStringLiteral("30"), QStringLiteral("-o"),
                                   QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c max_connections=200").arg(m_port, m_root.path()),
                                   QStringLiteral("start") });
        return run.exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(TestDatabase::isPostgres());
        QVERIFY(m_root.isValid());
        const int port = freePort();
        QVERIFY(port > 0);
        m_port = QString::number(port);
        const CliRun started = runProgram(QStringLiteral(CC_SOURCE_DIR "/scripts/pg-throwaway.sh"),
                                          { QStringLiteral("start"), m_root.path(), m_port }, {}, 120000);
        QVERIFY2(started.exitCode == 0, started.err.constData());
        // TestDatabase and the CLI reach this server only.
        qputenv("PGHOST", "127.0.0.1");
        qputenv("PGPORT", m_port.toUtf8());
        qputenv("PGUSER", "postgres");
    }

    void cleanupTestCase()
    {
        runProgram(QStringLiteral(CC_SOURCE_DIR "/scripts/pg-throwaway.sh"), { QStringLiteral("stop"), m_root.path() }, {}, 120000);
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
        CLI_EXPECT(runOn(db, QStringLiteral("demo"), words({ "--users", "8000", "--desync-rate", "0.3" })), 0);
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
        const CliRun stopped = pgCtl({ QStringLiteral("-m"), mode, QStringLiteral("-w"), QStringLiteral("stop") });
        QVERIFY2(stopped.exitCode == 0, stopped.err.constData());
        QVERIFY(repair.waitForFinished(120000));
        err += repair.readAllStandardError();
        const QString message = QString::fromUtf8(err);
        QCOMPARE(repair.exitStatus(), QProcess::NormalExit);
        QVERIFY2(repair.exitCode() == 5, qPrintable(QStringLiteral("exit %1: %2").arg(repair.exitCode()).arg(message)));
        QVERIFY2(message.contains(QStringLiteral("lost the connection")), qPrintable(message));
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("(\\d+) of (\\d+) keys were committed before the error \\((\\d+) changed, (\\d+) skipped.*the other (\\d+) keys, from user (\\d+), (\\S+) on, were not changed"))
                .match(message);
        QVERIFY2(match.hasMatch(), qPrintable(message));
        qInfo("pg_ctl stop -m %s: exit %d, %s", qPrintable(mode), repair.exitCode(), qPrintable(match.captured(0)));
        const qint64 committed = match.captured(1).toLongLong();
        const qint64 total = match.captured(2).toLongLong();
        QVERIFY(committed >= 1000 && committed < total);
        QCOMPARE(committed % 500, 0);

        QVERIFY(startServer());
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
                QVERIFY2(audited != manual, qPrintable(keyName(keys.at(i)) + QStringLiteral(" committed wrongly")));
                changed += audited ? 1 : 0;
                skipped += manual ? 1 : 0;
            } else {
                QVERIFY2(!audited, qPrintable(keyName(keys.at(i)) + QStringLiteral(" changed after the reported point")));
            }
        }
        QCOMPARE(changed, match.captured(3).toLongLong());
        QCOMPARE(skipped, match.captured(4).toLongLong());
        QCOMPARE(qint64(verdict.changedKeys.size()), changed);

        // After the restart: the changed keys are consistent, and the next repair-all finishes.
        const CliRun check = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        QVERIFY2(check.exitCode >= 0 && check.exitCode <= 2, qPrintable(describe(check)));
        for (const QJsonValue& value : jsonObject(check).value(QStringLiteral("violations")).toArray()) {
            const KeyRef key { value.toObject().value(QStringLiteral("user_id")).toInteger(), value.toObject().value(QStringLiteral("specialization")).toString() };
            QVERIFY2(!verdict.entriesByKey.contains(key), qPrintable(keyName(key) + QStringLiteral(" was repaired but is inconsistent")));
        }
        CLI_EXPECT(runOn(db, QStringLiteral("repair-all"), words({ "--apply", "--create-licenses" })), 0);
        const CliRun after = runOn(db, QStringLiteral("check"), { QStringLiteral("--json") });
        const QJsonObject report = jsonObject(after);
        QCOMPARE(report.value(QStringLiteral("inconsistent")).toInteger(),
                 report.value(QStringLiteral("by_kind")).toObject().value(QStringLiteral("unknown_specialization")).toInteger());
    }
};

QTEST_GUILESS_MAIN(TestPgRestart)
#include "tst_pg_restart.moc"
