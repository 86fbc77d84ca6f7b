// Exports through the binary: `report --pdf` writes a PDF of the latest completed run and refuses
// clearly without one, without a writable file or onto a FIFO or a device (left untouched);
// `violations/runs/audit --csv|--json` stream their rows (the JSON is byte for byte what QJsonDocument prints
// for the whole array), and a 200,000-row export peaks at about the memory of a 2,000-row one.

#include "CliTestSupport.h"

#include "check/RunStore.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <QDir>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

extern char** environ;

using namespace cc;
using namespace cc::test;
using namespace cc::test::cli;

namespace {

// A completed run holding `count` stored violations (user k, sequence k), as a check stores them.
std::optional<qint64> storeRun(TestDatabase& db, qint64 count)
{
    auto writer = RunStore::openWriter(db.profile());
    if (!writer)
        return std::nullopt;
    HealthReport report;
    report.startedAt = QDateTime::currentDateTimeUtc();
    report.totalPairs = 2 * std::max<qint64>(count, 1);
    report.consistent = report.totalPairs - count;
    report.inconsistent = count;
    report.rateHundredths = consistencyRateHundredths(report.consistent, report.totalPairs);
    report.status = RunStatus::Critical;
    auto runId = (*writer)->beginRun(report);
    if (!runId)
        return std::nullopt;
    report.runId = *runId;
    if (!(*writer)->finishRun(report))
        return std::nullopt;
    if (count > 0
        && !db.exec(QStringLiteral(
            "INSERT INTO %1 (run_id, seq, user_id, track, kind, severity, progress_level, license_level, "
            "action, reason) "
            "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < %2) "
            "SELECT %3, k, k, 'LFA_COACH', 'level_mismatch', 'violation', 3, 2, 'sync_progress_to_license', "
            "'license level 2, progress level 3' FROM n")
                        .arg(toolTable("violations"))
                        .arg(count)
                        .arg(*runId)))
        return std::nullopt;
    return *runId;
}

struct Measured {
    int exitCode = -1;
    qint64 peakKb = 0; // the process's peak resident set (ru_maxrss of wait4)
};

// Runs the binary with stdout into `outPath` and returns its exit code and peak memory, exactly as
// the kernel accounted it for that one process.
Measured runMeasured(const QStringList& arguments, const QString& outPath)
{
    Measured measured;
    const QByteArray program = QFile::encodeName(qEnvironmentVariable("CC_BINARY"));
    QList<QByteArray> storage { program };
    for (const QString& argument : arguments)
        storage << argument.toLocal8Bit();
    std::vector<char*> argv;
    for (QByteArray& item : storage)
        argv.push_back(item.data());
    argv.push_back(nullptr);
    const QByteArray out = QFile::encodeName(outPath);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return measured;
    int status = 0;
    rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid)
        return measured;
    measured.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    measured.peakKb = usage.ru_maxrss;
    return measured;
}

qint64 lineCount(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 lines = 0;
    while (!file.atEnd())
        lines += file.read(1 << 20).count('\n');
    return lines;
}

} // namespace

class TestCliExport final : public QObject {
    Q_OBJECT

private slots:
    void reportWritesAPdfOfTheLatestRun()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300), qPrintable(db.error()));
        const CliRun check = runOn(db, QStringLiteral("check"));
        QVERIFY2(check.exitCode >= 0 && check.exitCode <= 2, qPrintable(describe(check)));
        const QString path = db.directory() + QStringLiteral("/health report.pdf");
        const CliRun report = runOn(db, QStringLiteral("report"), { QStringLiteral("--pdf"), path });
        QVERIFY2(report.exitCode == 0, qPrintable(describe(report)));
        QVERIFY2(report.out.contains("run 1"), qPrintable(describe(report)));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY2(bytes.startsWith("%PDF-"), bytes.left(16).constData());
        QVERIFY2(bytes.size() > 10000, qPrintable(QString::number(bytes.size())));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        // Two pages: the summary and the top violations.
        QVERIFY(
            QRegularExpression(QStringLiteral("/Count 2\\b")).match(QString::fromLatin1(bytes)).hasMatch());
    }

    void reportRefusesClearly()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(50), qPrintable(db.error()));
        const QString path = db.directory() + QStringLiteral("/report.pdf");
        // No completed check yet: NotFound (4), and no file.
        CliRun run = runOn(db, QStringLiteral("report"), { QStringLiteral("--pdf"), path });
        QVERIFY2(run.exitCode == 4, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("no completed health check"), qPrintable(describe(run)));
        QVERIFY(!QFile::exists(path));

        QVERIFY(runOn(db, QStringLiteral("check")).exitCode >= 0);
        // A directory that does not exist, and a directory as the file: refused, naming the path.
        for (const QString& bad :
            QStringList { db.directory() + QStringLiteral("/missing/report.pdf"), db.directory() }) {
            run = runOn(db, QStringLiteral("report"), { QStringLiteral("--pdf"), bad });
            QVERIFY2(run.exitCode == 4, qPrintable(describe(run)));
            QVERIFY2(run.err.contains(
                         QByteArray(QByteArray("cannot write the report to ") + QFile::encodeName(bad))),
                qPrintable(describe(run)));
        }
        QVERIFY(!QFile::exists(db.directory() + QStringLiteral("/missing")));
        // --pdf is required; --read-only is fine (report writes no database row).
        run = runOn(db, QStringLiteral("report"));
        QVERIFY2(run.exitCode == 64, qPrintable(describe(run)));
        run = runOn(
            db, QStringLiteral("report"), { QStringLiteral("--pdf"), path, QStringLiteral("--read-only") });
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(QFile::exists(path));
    }

    // A target that exists and is not a regular file is refused, naming what it is, and left as it
    // was: renaming the written file over it would replace the node (as root, a device). The device
    // is a copy of /dev/null's node made here, so that a binary without the check replaces only it.
    void reportRefusesTargetsThatAreNotRegularFiles()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(50), qPrintable(db.error()));
        QVERIFY(runOn(db, QStringLiteral("check")).exitCode >= 0);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString fifo = directory.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QStringList targets { fifo };
        QStringList kinds { QStringLiteral("a FIFO") };
        const QString device = directory.filePath(QStringLiteral("null"));
        if (::mknod(QFile::encodeName(device).constData(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
            targets << device;
            kinds << QStringLiteral("a device");
        }
        for (qsizetype i = 0; i < targets.size(); ++i) {
            struct stat before { };
            QCOMPARE(::stat(QFile::encodeName(targets.at(i)).constData(), &before), 0);
            const CliRun run
                = runOn(db, QStringLiteral("report"), { QStringLiteral("--pdf"), targets.at(i) });
            QVERIFY2(run.exitCode == 4, qPrintable(describe(run)));
            const QString expected
                = QStringLiteral("cannot write the report to %1: it is %2, not a regular file")
                      .arg(targets.at(i), kinds.at(i));
            QVERIFY2(
                QString::fromUtf8(run.err).contains(expected), qPrintable(expected + u'\n' + describe(run)));
            struct stat after { };
            QCOMPARE(::stat(QFile::encodeName(targets.at(i)).constData(), &after), 0);
            QCOMPARE(after.st_ino, before.st_ino);
            QCOMPARE(after.st_mode, before.st_mode);
            QCOMPARE(after.st_rdev, before.st_rdev);
        }
        // Nothing was written beside them (no temporary file left).
        QCOMPARE(QDir(directory.path())
                     .entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot)
                     .size(),
            targets.size());
    }

    // The streamed JSON is exactly the document QJsonDocument would print for the whole array, and
    // the CSV has its header row, also for an empty result.
    void streamedOutputKeepsTheContractFormat()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(400), qPrintable(db.error()));
        QVERIFY(runOn(db, QStringLiteral("check")).exitCode >= 0);
        QVERIFY(runOn(db, QStringLiteral("inject"),
                    words({ "inject", "--kind", "level_mismatch", "--random", "3" }).mid(1))
                    .exitCode
            == 0);
        const auto empty = storeRun(db, 0);
        QVERIFY(empty);
        const QList<QStringList> commands {
            words({ "violations", "--run", "1" }),
            words({ "violations", "--run", "1", "--warnings" }),
            words({ "runs" }),
            words({ "audit" }),
            QStringList { QStringLiteral("violations"), QStringLiteral("--run"), QString::number(*empty) },
        };
        for (const QStringList& command : commands) {
            const CliRun json = runOn(db, command.first(), command.mid(1) << QStringLiteral("--json"));
            QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
            bool ok = false;
            const QJsonDocument document = parseJson(json.out, &ok);
            QVERIFY2(ok && document.isArray(), qPrintable(command.join(u' ')));
            QCOMPARE(json.out, document.toJson(QJsonDocument::Indented));
            const CliRun csv = runOn(db, command.first(), command.mid(1) << QStringLiteral("--csv"));
            QVERIFY2(csv.exitCode == 0, qPrintable(describe(csv)));
            const QList<QByteArray> lines = csv.out.split('\n');
            QCOMPARE(lines.last(), QByteArray()); // ends with a newline
            QCOMPARE(lines.size() - 2, document.array().size()); // header + one line per element
        }
        QCOMPARE(runOn(db, QStringLiteral("violations"),
                     { QStringLiteral("--run"), QString::number(*empty), QStringLiteral("--json") })
                     .out,
            QByteArray("[\n]\n"));
        QCOMPARE(
            runOn(db, QStringLiteral("runs"), words({ "--limit", "1", "--json" })).out.count("\"run_id\""),
            1);
    }

    void largeExportHoldsNoRows()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(10), qPrintable(db.error()));
        const auto small = storeRun(db, 2000);
        const auto large = storeRun(db, 200000);
        QVERIFY(small && large);
        QTemporaryDir dir;
        struct Case {
            const char* format;
            qint64 rows;
            qint64 run;
        };
        QHash<QString, Measured> measured;
        for (const Case& c : { Case { "--csv", 2000, *small }, Case { "--csv", 200000, *large },
                 Case { "--json", 2000, *small }, Case { "--json", 200000, *large } }) {
            const QString out
                = dir.filePath(QStringLiteral("%1-%2").arg(QLatin1String(c.format + 2)).arg(c.rows));
            const Measured m
                = runMeasured(QStringList { QStringLiteral("violations"), QStringLiteral("--run"),
                                  QString::number(c.run), QLatin1String(c.format) }
                        + db.cliArguments(),
                    out);
            QCOMPARE(m.exitCode, 0);
            if (qstrcmp(c.format, "--csv") == 0) {
                QCOMPARE(lineCount(out), c.rows + 1);
            } else {
                QFile file(out);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QJsonArray array = parseJson(file.readAll()).array();
                QCOMPARE(array.size(), c.rows);
                QCOMPARE(array.last().toObject().value(QStringLiteral("user_id")).toInteger(), c.rows);
            }
            qInfo("%s: violations %s, %lld rows: peak %lld KB", qPrintable(TestDatabase::dialectName()),
                c.format, c.rows, m.peakKb);
            measured.insert(QStringLiteral("%1/%2").arg(QLatin1String(c.format)).arg(c.rows), m);
        }
        // 198,000 more rows held would cost well over 30 MB (the rows, then their JSON); streamed,
        // the large export peaks within a few MB of the small one.
#ifdef __SANITIZE_ADDRESS__
        // ASan keeps freed memory in quarantine and adds shadow memory: peaks measure ASan, not us.
        QSKIP("peak memory is not comparable under AddressSanitizer (the exports above were checked)");
#endif
        for (const char* format : { "--csv", "--json" }) {
            const qint64 smallKb
                = measured.value(QStringLiteral("%1/2000").arg(QLatin1String(format))).peakKb;
            const qint64 largeKb
                = measured.value(QStringLiteral("%1/200000").arg(QLatin1String(format))).peakKb;
            QVERIFY2(smallKb > 0 && largeKb - smallKb < 15 * 1024,
                qPrintable(QStringLiteral("%1: %2 KB vs %3 KB")
                               .arg(QLatin1String(format))
                               .arg(largeKb)
                               .arg(smallKb)));
            QVERIFY2(largeKb < 150 * 1024, qPrintable(QString::number(largeKb)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
