// SQLite files as the binary meets them (docs/BEHAVIOUR.md C1): the embedded default database in
// AppDataLocation, created on first use as `demo --users 2000 --seed 1 --desync-rate 0.02` and noted
// on stderr by every command; a file that is not a database exits 5.

#include "CliTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace cc::test;
using namespace cc::test::cli;

class TestCliSqliteFiles final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QByteArray m_savedHome;
    QByteArray m_savedData;

    static QJsonObject stable(QJsonObject json)
    {
        for (const char* field : { "run_id", "started_at", "duration_ms", "database", "new_since_previous",
                 "resolved_since_previous" })
            json.remove(QLatin1String(field));
        return json;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_savedHome = qgetenv("HOME");
        m_savedData = qgetenv("XDG_DATA_HOME");
        // The embedded database lives under the user's data directory: point it at a fresh one.
        qputenv("HOME", m_home.path().toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
    }

    void cleanupTestCase()
    {
        qputenv("HOME", m_savedHome);
        qputenv("XDG_DATA_HOME", m_savedData);
    }

    void embeddedDatabaseIsTheDefaultDemo()
    {
        const CliRun first = runCli({ QStringLiteral("check"), QStringLiteral("--json") });
        QVERIFY2(first.exitCode >= 0 && first.exitCode <= 2, qPrintable(describe(first)));
        QVERIFY2(first.err.contains("embedded"), first.err.constData());
        QStringList files;
        for (const QFileInfo& info :
            QDir(m_home.path()).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot))
            files << info.fileName();
        QVERIFY2(!files.isEmpty(), "the embedded database is created on first use");

        // Its rows are those of demo --users 2000 --seed 1 --desync-rate 0.02.
        QTemporaryDir dir;
        const QStringList twin { QStringLiteral("--db"), dir.filePath(QStringLiteral("twin.db")) };
        CLI_EXPECT(
            runCli(words({ "demo", "--users", "2000", "--seed", "1", "--desync-rate", "0.02" }) + twin), 0);
        const CliRun reference
            = runCli(QStringList { QStringLiteral("check"), QStringLiteral("--json") } + twin);
        QCOMPARE(reference.exitCode, first.exitCode);
        QCOMPARE(stable(jsonObject(first)), stable(jsonObject(reference)));
        QCOMPARE(jsonObject(first).value(QStringLiteral("total_pairs")).toInt(),
            jsonObject(reference).value(QStringLiteral("total_pairs")).toInt());

        // The same file is used again: the second run follows the first.
        const CliRun second = runCli({ QStringLiteral("check"), QStringLiteral("--json") });
        QCOMPARE(second.exitCode, first.exitCode);
        QVERIFY(second.err.contains("embedded"));
        QCOMPARE(jsonObject(second).value(QStringLiteral("run_id")).toInteger(),
            jsonObject(first).value(QStringLiteral("run_id")).toInteger() + 1);
        QCOMPARE(jsonObject(second).value(QStringLiteral("new_since_previous")).toInt(-1), 0);

        // Writes there act as the system and say where they run.
        const CliRun write = runCli(words({ "set-level", "--user", "5", "--spec", "INTERNSHIP", "--level",
            "2", "--reason", "embedded", "--json" }));
        CLI_EXPECT(write, 0);
        QVERIFY(write.err.contains("embedded"));
        const CliRun audit = runCli(words({ "audit", "--json" }));
        CLI_EXPECT(audit, 0);
        const QJsonObject last = jsonArray(audit).last().toObject();
        QCOMPARE(last.value(QStringLiteral("reason")).toString(), QStringLiteral("embedded"));
        QCOMPARE(last.value(QStringLiteral("operator")).toString(), QStringLiteral("system"));
    }

    void notADatabaseExits5()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.db"));
        QFile junk(path);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i)
            bytes.append(char((i * 7919 + 13) % 251));
        junk.write(bytes);
        junk.close();
        for (const QString& command :
            { QStringLiteral("check"), QStringLiteral("runs"), QStringLiteral("init") }) {
            const CliRun run = runCli({ command, QStringLiteral("--db"), path, QStringLiteral("--json") });
            CLI_EXPECT(run, 5);
            QCOMPARE(jsonObject(run)
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toInt(),
                5);
        }
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), bytes);
    }
};

QTEST_GUILESS_MAIN(TestCliSqliteFiles)
#include "tst_cli_sqlite_files.moc"
