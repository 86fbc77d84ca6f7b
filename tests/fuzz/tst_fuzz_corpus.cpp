// Replays every stored fuzz input (tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/)
// through the feed functions the libFuzzer harnesses run, and pins the outcome of chosen seeds.
#include "FuzzTargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace cc::fuzz;

namespace {

const QStringList targets { QStringLiteral("levelfile"), QStringLiteral("conninfo"),
    QStringLiteral("commandline") };

FuzzOutcome feed(const QString& target, const QByteArray& data)
{
    if (target == u"levelfile")
        return feedLevelFile(data);
    if (target == u"conninfo")
        return feedConninfo(data);
    return feedCommandLine(data);
}

QString inputDir(const QString& kind, const QString& target)
{
    return QStringLiteral(CC_FUZZ_DIR "/%1/%2").arg(kind, target);
}

QStringList inputFiles(const QString& kind, const QString& target)
{
    const QDir dir(inputDir(kind, target));
    QStringList paths;
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

QByteArray readInput(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("(cannot read the input)");
    return file.readAll();
}

} // namespace

class TestFuzzCorpus final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareEnvironment(); }

    // Each target has its seed corpus; a missing or thinned directory fails here, not silently.
    void corpusIsThere()
    {
        for (const QString& target : targets)
            QVERIFY2(inputFiles(QStringLiteral("corpus"), target).size() >= 20,
                qPrintable(inputDir(QStringLiteral("corpus"), target)));
    }

    // Every stored input: no crash, and either a value or an error with a message and its exit code.
    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        for (const QString& kind : { QStringLiteral("corpus"), QStringLiteral("regressions") }) {
            for (const QString& target : targets) {
                for (const QString& path : inputFiles(kind, target))
                    QTest::addRow("%s/%s/%s", qPrintable(kind), qPrintable(target),
                        qPrintable(QFileInfo(path).fileName()))
                        << target << path;
            }
        }
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        const FuzzOutcome outcome = feed(target, readInput(path));
        QVERIFY2(outcome.broken.isEmpty(), qPrintable(outcome.broken));
        if (outcome.accepted) {
            QVERIFY(!outcome.value.isEmpty());
        } else {
            QVERIFY(!outcome.message.trimmed().isEmpty());
            QCOMPARE(outcome.exitCode, target == u"levelfile" ? 4 : 64);
        }
    }

    // Known seeds give known outcomes: what a user of the importer, --pg or the command line sees.
    void seeds_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("expected"); // the value, or words of the error message

        auto row = [](const char* target, const char* file, bool accepted, const QString& expected) {
            QTest::addRow("%s/%s", target, file)
                << QString::fromLatin1(target) << QString::fromLatin1(file) << accepted << expected;
        };
        row("levelfile", "valid-player-array.json", true, QStringLiteral("8 levels"));
        row("levelfile", "valid-coach-object.json", true, QStringLiteral("8 levels"));
        row("levelfile", "valid-one-level-null-requirements.json", true, QStringLiteral("1 level"));
        row("levelfile", "valid-max-counters-float-syntax.json", true, QStringLiteral("1 level"));
        row("levelfile", "unterminated.json", false,
            QStringLiteral("the level file is not valid JSON at byte"));
        row("levelfile", "empty.json", false, QStringLiteral("the level file is empty"));
        row("levelfile", "nested-2000.json", false, QStringLiteral("too deeply nested"));
        row("levelfile", "not-utf8.json", false, QStringLiteral("invalid UTF8 string"));
        row("levelfile", "xp-beyond-64-bits.json", false,
            QStringLiteral("\"xp_required\" must be a whole number from 0 to 2147483647"));
        row("levelfile", "xp-2-pow-31.json", false,
            QStringLiteral("must be a whole number from 0 to 2147483647"));
        row("levelfile", "level-huge.json", false, QStringLiteral("\"level\" must be a whole number"));
        row("levelfile", "nul-escaped-in-name.json", false, QStringLiteral("contains a NUL character"));
        row("levelfile", "too-many-levels.json", false, QStringLiteral("lists 101 levels; at most 100"));
        row("levelfile", "gap.json", false, QStringLiteral("expected 2"));
        row("levelfile", "surrogate-escape.json", false,
            QStringLiteral("\"name\" holds an unpaired surrogate"));
        row("conninfo", "keyvalue.txt", true, QStringLiteral("postgresql:db.example:5433/coupling"));
        row("conninfo", "uri.txt", true, QStringLiteral("postgresql:db.example:5434/coupling"));
        row("conninfo", "quoted.txt", true, QStringLiteral("postgresql:/var/run/postgresql:5432/my db"));
        row("conninfo", "value-with-equals.txt", true, QStringLiteral("postgresql:127.0.0.1:5432/a=b"));
        row("conninfo", "port-zero.txt", false, QStringLiteral("invalid port"));
        row("conninfo", "port-huge.txt", false, QStringLiteral("invalid port"));
        row("conninfo", "unterminated-quote.txt", false, QStringLiteral("unterminated quote"));
        row("conninfo", "nul.txt", false, QStringLiteral("NUL character"));
        row("conninfo", "unknown-key.txt", false, QStringLiteral("unknown key in the connection string"));
        row("conninfo", "empty-key.txt", false, QStringLiteral("empty key"));
        row("conninfo", "no-equals.txt", false, QStringLiteral("expected key=value"));
        // QUrl's error text quotes the whole URI and the character it refuses: the message keeps only
        // what is wrong, never the password nor a character of it.
        row("conninfo", "uri-password-bad-path.txt", false,
            QStringLiteral("invalid PostgreSQL URI: Invalid path (a character that is not permitted)"));
        row("commandline", "check-json.args", true, QStringLiteral("command check; connection embedded"));
        row("commandline", "common-options-first.args", true,
            QStringLiteral("command check; connection sqlite:/nonexistent/cc.db"));
        row("commandline", "help.args", true, QStringLiteral("general help"));
        row("commandline", "empty.args", true, QStringLiteral("general help"));
        row("commandline", "version.args", true, QStringLiteral("version"));
        row("commandline", "command-help.args", true, QStringLiteral("help for repair-all"));
        row("commandline", "pg-bad-port.args", true,
            QStringLiteral("command check; connection refused (exit 64): invalid port in the connection "
                           "string: a port is a whole number from 1 to 65535"));
        row("commandline", "db-and-pg.args", true,
            QStringLiteral("command check; connection refused (exit 64): use either --db or --pg, not both"));
        row("commandline", "unknown-command.args", false,
            QStringLiteral("unknown command \"frobnicate\" (see coupling-console --help)"));
        row("commandline", "unknown-option.args", false, QStringLiteral("Unknown option 'frobnicate'."));
        row("commandline", "missing-value.args", false, QStringLiteral("Missing value after '--limit'."));
        row("commandline", "extra-argument.args", false, QStringLiteral("unexpected argument \"b@x.test\""));
    }

    void seeds()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFETCH(bool, accepted);
        QFETCH(QString, expected);
        const QString path = inputDir(QStringLiteral("corpus"), target) + u'/' + file;
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const FuzzOutcome outcome = feed(target, readInput(path));
        QVERIFY2(outcome.broken.isEmpty(), qPrintable(outcome.broken));
        QVERIFY2(
            outcome.accepted == accepted, qPrintable(outcome.accepted ? outcome.value : outcome.message));
        if (accepted) {
            QCOMPARE(outcome.value, expected);
        } else {
            QVERIFY2(outcome.message.contains(expected), qPrintable(outcome.message));
            QVERIFY2(!outcome.message.contains(u"hunter22"), qPrintable(outcome.message));
            QCOMPARE(outcome.exitCode, target == u"levelfile" ? 4 : 64);
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
