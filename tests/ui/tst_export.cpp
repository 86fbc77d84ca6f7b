// Exports from the real main window, offscreen: violations, audit log and run history to CSV and
// JSON byte for byte as the command line prints them, Cancel during a large export leaving no
// file, a FIFO as the target refused and left as it was, the dashboard as a PNG and the health report
// as a PDF.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "check/ReportContent.h"
#include "check/RunStore.h"
#include "models/ViolationTableModel.h"
#include "pages/DashboardPage.h"
#include "pages/ViolationsPage.h"
#include "report/HealthReportWriter.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

QByteArray cli(const TestDatabase& db, const QStringList& arguments)
{
    const CliRun run = runCli(arguments + db.cliArguments());
    return run.exitCode == 0 ? run.out
                             : QByteArray("exit ") + QByteArray::number(run.exitCode) + ": " + run.err;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void waitForData(MainWindow& window)
{
    QTRY_VERIFY_WITH_TIMEOUT(window.context()->info().loaded, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.context()->jobs().pending() == 0 && !window.dashboard()->isCheckRunning(), 30000);
}

// Answers the file question with `path`, presses `button` and waits for the outcome message.
QString exportWith(MainWindow& window, const char* button, const QString& path)
{
    Prompt::clearShownMessages();
    Prompt::queueAnswer(PromptAnswer::typed(path));
    auto* push = child<QPushButton>(&window, button);
    if (!push || !push->isVisible())
        return QStringLiteral("no visible button %1").arg(QLatin1String(button));
    QTest::mouseClick(push, Qt::LeftButton);
    for (int i = 0; i < 600 && Prompt::shownMessages().isEmpty(); ++i)
        QTest::qWait(50);
    return Prompt::shownMessages().join(u'\n');
}

// A completed run holding `count` stored violations, as a check stores them.
std::optional<qint64> storeRun(TestDatabase& db, qint64 count)
{
    auto writer = RunStore::openWriter(db.profile());
    if (!writer)
        return std::nullopt;
    HealthReport report;
    report.startedAt = QDateTime::currentDateTimeUtc();
    report.totalPairs = 2 * count;
    report.consistent = count;
    report.inconsistent = count;
    report.rateHundredths = 5000;
    report.status = RunStatus::Critical;
    auto runId = (*writer)->beginRun(report);
    if (!runId)
        return std::nullopt;
    report.runId = *runId;
    if (!(*writer)->finishRun(report))
        return std::nullopt;
    if (!db.exec(QStringLiteral(
            "INSERT INTO cc_violations (run_id, seq, user_id, track, kind, severity, progress_level, "
            "license_level, "
            "action, reason) WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < %1) "
            "SELECT %2, k, k, 'LFA_COACH', 'level_mismatch', 'violation', 3, 2, 'sync_progress_to_license', "
            "'license level 2, progress level 3' FROM n")
                     .arg(count)
                     .arg(*runId)))
        return std::nullopt;
    return *runId;
}

int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestExport final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsoleTests"));
        QSettings().clear();
        Prompt::setUnattended(true);
    }

    void tablesExportAsTheCommandLinePrintsThem()
    {
        TestDatabase db;
        QVERIFY(db.initialise(400, 1, 0.1));
        QVERIFY(runCli(QStringList { QStringLiteral("check") } + db.cliArguments()).exitCode >= 0);
        QVERIFY(
            runCli(QStringList { QStringLiteral("inject"), QStringLiteral("--kind"),
                       QStringLiteral("missing_license"), QStringLiteral("--random"), QStringLiteral("2") }
                + db.cliArguments())
                .exitCode
            == 0);
        auto window = openWindow(db);
        waitForData(*window);
        QTemporaryDir dir;

        window->setCurrentPage(MainWindow::Violations);
        QTRY_VERIFY_WITH_TIMEOUT(window->violations()->model()->totalCount() > 0, 20000);
        const qint64 stored = db.count(
            QStringLiteral("cc_violations"), QStringLiteral("run_id = 1 AND severity = 'violation'"));
        QVERIFY(stored > 10);
        for (const char* format : { "csv", "json" }) {
            const QString path = dir.filePath(QStringLiteral("violations.") + QLatin1String(format));
            const QString said = exportWith(*window, "exportViolationsButton", path);
            QVERIFY2(said.contains(QStringLiteral("%1 row(s) written").arg(stored)), qPrintable(said));
            QCOMPARE(
                readFile(path), cli(db, { QStringLiteral("violations"), u"--" + QLatin1String(format) }));
        }
        QCOMPARE(readFile(dir.filePath(QStringLiteral("violations.csv"))).count('\n'), stored + 1);
        // The page's filter applies: one kind.
        auto* kind = child<QComboBox>(window.get(), "violationsKind");
        kind->setCurrentIndex(kind->findData(QStringLiteral("missing_license")));
        QTRY_VERIFY_WITH_TIMEOUT(window->violations()->model()->totalCount() >= 0, 20000);
        const QString filtered = dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY2(exportWith(*window, "exportViolationsButton", filtered).contains(QStringLiteral("written")),
            "no outcome");
        const QByteArray missing = readFile(filtered);
        QCOMPARE(missing,
            cli(db,
                { QStringLiteral("violations"), QStringLiteral("--kind"), QStringLiteral("missing_license"),
                    QStringLiteral("--csv") }));
        QCOMPARE(missing.count('\n'),
            db.count(
                QStringLiteral("cc_violations"), QStringLiteral("run_id = 1 AND kind = 'missing_license'"))
                + 1);

        window->setCurrentPage(MainWindow::Audit);
        const QString audit = dir.filePath(QStringLiteral("audit.json"));
        QVERIFY2(exportWith(*window, "exportAuditButton", audit).contains(QStringLiteral("written")),
            "no outcome");
        QCOMPARE(readFile(audit), cli(db, { QStringLiteral("audit"), QStringLiteral("--json") }));
        QVERIFY(readFile(audit).contains("\"inject\""));

        window->setCurrentPage(MainWindow::Runs);
        const QString runs = dir.filePath(QStringLiteral("runs.csv"));
        QVERIFY2(exportWith(*window, "exportRunsButton", runs).contains(QStringLiteral("1 row(s) written")),
            "no outcome");
        QCOMPARE(readFile(runs), cli(db, { QStringLiteral("runs"), QStringLiteral("--csv") }));

        // A file name without .csv or .json is refused before anything runs.
        const QString said
            = exportWith(*window, "exportRunsButton", dir.filePath(QStringLiteral("runs.txt")));
        QVERIFY2(said.contains(QStringLiteral(".csv or .json")), qPrintable(said));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("runs.txt"))));
    }

    // Export… onto a FIFO is refused by core's rule (Exporter::openTarget, shared with report --pdf)
    // and leaves the FIFO as it was: renaming the written file over it would replace the node.
    void exportRefusesAFifo()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50, 1, 0.1));
        QVERIFY(runCli(QStringList { QStringLiteral("check") } + db.cliArguments()).exitCode >= 0);
        auto window = openWindow(db);
        waitForData(*window);
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("runs.csv"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        struct stat before { };
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &before), 0);
        window->setCurrentPage(MainWindow::Runs);
        const QString said = exportWith(*window, "exportRunsButton", fifo);
        QVERIFY2(said.contains(QStringLiteral("it is a FIFO, not a regular file")), qPrintable(said));
        struct stat after { };
        QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &after), 0);
        QVERIFY(S_ISFIFO(after.st_mode));
        QCOMPARE(after.st_ino, before.st_ino);
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("runs.csv") });
    }

    void cancelDuringALargeExportLeavesNoFile()
    {
        TestDatabase db;
        QVERIFY(db.initialise(10));
        QVERIFY(storeRun(db, 400000));
        auto window = openWindow(db);
        waitForData(*window);
        window->setCurrentPage(MainWindow::Violations);
        QTRY_VERIFY_WITH_TIMEOUT(window->violations()->model()->totalCount() == 400000, 30000);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("all.json"));
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::typed(path));
        QTest::mouseClick(child<QPushButton>(window.get(), "exportViolationsButton"), Qt::LeftButton);
        auto* progress = child<QWidget>(window.get(), "repairProgress");
        auto* bar = progress->findChild<QProgressBar*>(QStringLiteral("jobProgressBar"));
        // Cancel as soon as rows are being written.
        QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() && bar->maximum() > 0 && bar->value() > 0, 20000);
        QVERIFY(bar->value() < bar->maximum());
        QTest::mouseClick(
            progress->findChild<QPushButton*>(QStringLiteral("cancelJobButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("cancelled")),
            qPrintable(Prompt::shownMessages().join(u'\n')));
        QVERIFY(!progress->isVisible());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
    }

    void dashboardAsPngAndReportAsPdf()
    {
        TestDatabase db;
        QVERIFY(db.initialise(400));
        QVERIFY(runCli(QStringList { QStringLiteral("check") } + db.cliArguments()).exitCode >= 0);
        auto window = openWindow(db);
        waitForData(*window);
        window->setCurrentPage(MainWindow::Dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 20000);
        QTemporaryDir dir;

        const QString png = dir.filePath(QStringLiteral("dashboard.png"));
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::typed(png));
        child<QAction>(window.get(), "exportDashboardPngAction")->trigger();
        QVERIFY2(Prompt::shownMessages().join(u'\n').contains(QStringLiteral("Dashboard saved")),
            qPrintable(Prompt::shownMessages().join(u'\n')));
        const QImage picture(png);
        QVERIFY(!picture.isNull());
        QVERIFY2(picture.width() >= 900 && picture.width() <= 1280 && picture.height() >= 600,
            qPrintable(QStringLiteral("%1×%2").arg(picture.width()).arg(picture.height())));
        QVERIFY2(distinctColours(picture) > 20, "the picture is blank");

        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::typed(pdf));
        child<QAction>(window.get(), "exportReportPdfAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("Report saved")),
            qPrintable(Prompt::shownMessages().join(u'\n')));
        const QByteArray bytes = readFile(pdf);
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.size() > 10000);

        // The pages as drawn: ink on both, the status colour on the first.
        auto session = db.open();
        auto content = ReportContent::load(*session);
        QVERIFY(content.ok());
        QCOMPARE(content->topViolations.size(),
            std::min<qsizetype>(ReportContent::topCount, content->run.inconsistent));
        for (int page = 0; page < HealthReportWriter::pageCount; ++page) {
            const QImage image = HealthReportWriter::renderPage(*content, page, 1.5);
            QVERIFY2(distinctColours(image) > 5, "a blank page");
            if (qEnvironmentVariableIsSet("CC_EXPORT_PREVIEW_DIR"))
                image.save(QDir(qEnvironmentVariable("CC_EXPORT_PREVIEW_DIR"))
                               .filePath(QStringLiteral("report-page-%1.png").arg(page + 1)));
        }
        if (qEnvironmentVariableIsSet("CC_EXPORT_PREVIEW_DIR"))
            QFile::copy(png,
                QDir(qEnvironmentVariable("CC_EXPORT_PREVIEW_DIR"))
                    .filePath(QStringLiteral("dashboard.png")));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
