// The main window driven as a user would, offscreen, on a real demo database: the platform
// dashboard's behaviours (DOMAIN weak point 9) and the end-to-end workflow of issue 3.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "ThemeColors.h"
#include "administration/Administration.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "check/HealthCheck.h"
#include "check/RunStore.h"
#include "dialogs/ConnectDialog.h"
#include "models/RunHistoryModel.h"
#include "models/ViolationTableModel.h"
#include "pages/DashboardPage.h"
#include "pages/RunHistoryPage.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/MetricCard.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestMainWindow final : public QObject {
    Q_OBJECT

private:
    static QString metric(MainWindow& window, const char* name)
    {
        auto* card = child<MetricCard>(&window, name);
        return card ? card->value() : QString();
    }
    static QString badge(MainWindow& window) { return child<StatusBadge>(&window, "statusBadge")->status(); }
    static void waitForData(MainWindow& window) { waitForIdle(window); }
    static void runCheckFromButton(MainWindow& window)
    {
        window.setCurrentPage(MainWindow::Dashboard);
        auto* button = child<QPushButton>(&window, "runCheckButton");
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 30000);
        QSignalSpy finished(window.context(), &ConsoleContext::checkFinished);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(window.context()->jobs().pending() == 0, 10000);
    }

private slots:
    void initTestCase() { prepareGuiTests(); }

    void navigationByKeyboardAndSideBar()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForData(*window);
        const char* pages[] = { "dashboardPage", "violationsPage", "userPage", "qaLabPage", "auditPage",
            "settingsPage", "runHistoryPage" };
        for (int i = MainWindow::PageCount - 1; i >= 0; --i) {
            static const char* const actions[]
                = { "actionPageDashboard", "actionPageViolations", "actionPageUser", "actionPageQaLab",
                      "actionPageAudit", "actionPageSettings", "actionPageRuns" };
            auto* action = child<QAction>(window.get(), actions[i]);
            QVERIFY(action);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
            action->trigger();
            QCOMPARE(window->currentPage(), i);
            QVERIFY(window->page(i)->isVisible());
            QCOMPARE(window->page(i)->objectName(), QString::fromLatin1(pages[i]));
        }
        auto* sideBar = child<QWidget>(window.get(), "sideBar");
        QVERIFY(sideBar);
        window->setCurrentPage(MainWindow::Audit);
        QCOMPARE(window->currentPage(), int(MainWindow::Audit));
    }

    void dashboardShowsEveryWidget()
    {
        TestDatabase db;
        QVERIFY(db.initialise(100));
        auto window = openWindow(db);
        waitForData(*window);
        for (const char* name :
            { "statusBadge", "consistencyGauge", "rateChart", "byKindChart", "byTrackChart", "refreshControl",
                "runCheckButton", "lastRefreshLabel", "monitoringInfo", "historyRange" })
            QVERIFY2(window->findChild<QWidget*>(QString::fromLatin1(name)), name);
        auto* gauge = child<ConsistencyGauge>(window.get(), "consistencyGauge");
        QCOMPARE(gauge->findChildren<QLabel*>(QStringLiteral("gaugeLegendItem")).size(), 3);
        for (const char* card : { "metricPairs", "metricViolations", "metricRate", "metricWarnings",
                 "metricNew", "metricResolved", "metricChanges" })
            QVERIFY2(child<MetricCard>(window.get(), card), card);
        auto* interval = child<QComboBox>(window.get(), "refreshInterval");
        QCOMPARE(interval->count(), 6);
        QCOMPARE(interval->currentData().toInt(), 30); // the platform's 30 s
        // A new database gets a first check at once, so the dashboard is alive.
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 30000);
        QVERIFY(
            QStringList({ QStringLiteral("healthy"), QStringLiteral("degraded"), QStringLiteral("critical") })
                .contains(badge(*window)));
        QVERIFY(gauge->rate().has_value());
        QCOMPARE(metric(*window, "metricPairs").remove(QLatin1Char(',')).toLongLong(),
            window->dashboard()->snapshot().latest->totalPairs);
        auto* status = child<QLabel>(window.get(), "environmentChip");
        QCOMPARE(status->text(), QStringLiteral("DEVELOPMENT"));
        QVERIFY(child<QLabel>(window.get(), "statusOperator")
                    ->text()
                    .contains(QStringLiteral("admin@demo.local")));
        QVERIFY(child<QLabel>(window.get(), "statusReadOnly")->text().contains(QStringLiteral("Read-write")));
        QVERIFY(child<QLabel>(window.get(), "statusConnection")->text().contains(QStringLiteral("sqlite:")));
    }

    void manualCheckShowsBusyStateThenResult()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300));
        auto window = openWindow(db);
        waitForData(*window);
        auto* button = child<QPushButton>(window.get(), "runCheckButton");
        const auto before = window->dashboard()->snapshot().latest->runId;
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("Checking…"));
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId != before, 10000);
        QVERIFY(child<QLabel>(window.get(), "monitoringInfo")->text().contains(QStringLiteral("Last check")));
        QVERIFY(
            child<QLabel>(window.get(), "statusCheckAge")->text().startsWith(QStringLiteral("Last check")));
    }

    void fullWorkflowInjectCheckRepairHealthy()
    {
        TestDatabase db;
        QVERIFY(db.initialise(200, 1, 0.0));
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window), QStringLiteral("healthy"), 30000);
        QCOMPARE(metric(*window, "metricViolations"), QStringLiteral("0"));
        QVERIFY(child<QWidget>(window.get(), "healthyBanner")->isVisible());

        // QA lab: one random level mismatch.
        window->setCurrentPage(MainWindow::QaLab);
        auto* kind = child<QComboBox>(window.get(), "qaKind");
        kind->setCurrentIndex(kind->findData(QStringLiteral("level_mismatch")));
        QTest::mouseClick(child<QRadioButton>(window.get(), "qaRandom"), Qt::LeftButton);
        child<QSpinBox>(window.get(), "qaCount")->setValue(1);
        QTest::mouseClick(child<QPushButton>(window.get(), "qaInjectButton"), Qt::LeftButton);
        auto* injections = child<QTableWidget>(window.get(), "qaInjections");
        QTRY_COMPARE_WITH_TIMEOUT(injections->rowCount(), 1, 20000);

        runCheckFromButton(*window);
        QTRY_COMPARE_WITH_TIMEOUT(metric(*window, "metricViolations"), QStringLiteral("1"), 10000);
        QVERIFY(!child<QWidget>(window.get(), "healthyBanner")->isVisible());

        // The violation is listed; double-click opens the user.
        window->setCurrentPage(MainWindow::Violations);
        auto* table = child<QTableView>(window.get(), "violationsTable");
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
        QCOMPARE(table->model()->index(0, ViolationTableModel::KindColumn).data().toString(),
            QStringLiteral("Level mismatch"));
        const qint64 userId = table->model()->index(0, ViolationTableModel::UserColumn).data().toLongLong();
        const QRect cell = table->visualRect(table->model()->index(0, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE_WITH_TIMEOUT(window->currentPage(), int(MainWindow::User), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), userId, 10000);
        // The differing level is highlighted side by side.
        bool highlighted = false;
        for (TrackPanel* panel : window->userPage()->trackPanels())
            highlighted = highlighted || panel->differingFields().contains(QStringLiteral("Level"));
        QVERIFY(highlighted);

        // Repair from the user view: the preview is shown, then applied.
        Prompt::queueAnswer({ true });
        Prompt::clearShownMessages();
        QTest::mouseClick(child<QPushButton>(window.get(), "repairUserButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QVERIFY(Prompt::lastQuestion().contains(QStringLiteral("update user_licenses"))
            || Prompt::lastQuestion().contains(QStringLiteral("update specialization_progress")));
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("1 key(s) changed")),
            qPrintable(Prompt::shownMessages().last()));
        QCOMPARE(db.scalar(QStringLiteral(
                               "SELECT count(*) FROM cc_audit WHERE source = 'gui' AND action = 'repair'"))
                     .toInt(),
            1);

        runCheckFromButton(*window);
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window), QStringLiteral("healthy"), 10000);
        QCOMPARE(metric(*window, "metricViolations"), QStringLiteral("0"));
    }

    void threeStoredRunsGiveExactlyThosePoints()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto writer = RunStore::openWriter(db.profile());
        QVERIFY(writer.ok());
        const QList<qint64> rates { 9700, 9950, 10000 };
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3000);
        for (int i = 0; i < rates.size(); ++i) {
            HealthReport report;
            report.startedAt = start.addSecs(600 * i);
            report.totalPairs = 10000;
            report.consistent = rates.at(i);
            report.inconsistent = 10000 - rates.at(i);
            report.rateHundredths = rates.at(i);
            report.status = statusFor(report.rateHundredths, report.thresholds);
            auto id = (*writer)->beginRun(report);
            QVERIFY(id.ok());
            report.runId = *id;
            QVERIFY((*writer)->finishRun(report).ok());
        }
        auto window = openWindow(db);
        waitForData(*window);
        auto* chart = child<RateHistoryChart>(window.get(), "rateChart");
        QTRY_COMPARE_WITH_TIMEOUT(chart->rateSeries()->count(), 3, 10000);
        const QList<QPointF> points = chart->rateSeries()->points();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(points.at(i).y(), double(rates.at(i)) / 100.0);
            QCOMPARE(qint64(points.at(i).x()) / 1000, start.addSecs(600 * i).toMSecsSinceEpoch() / 1000);
        }
        QCOMPARE(badge(*window), QStringLiteral("healthy"));
        QCOMPARE(metric(*window, "metricRate"), QStringLiteral("100.00 %"));
    }

    void runHistoryListsStoredChecksAndOpensTheirViolations()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto writer = RunStore::openWriter(db.profile());
        QVERIFY(writer.ok());
        const QList<qint64> rates { 9700, 9950, 10000 };
        QList<qint64> ids;
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3000);
        for (int i = 0; i < rates.size(); ++i) {
            HealthReport report;
            report.startedAt = start.addSecs(600 * i);
            report.totalPairs = 10000;
            report.consistent = rates.at(i);
            report.inconsistent = 10000 - rates.at(i);
            report.rateHundredths = rates.at(i);
            report.status = statusFor(report.rateHundredths, report.thresholds);
            report.operatorName = QStringLiteral("cron");
            report.durationMs = 1500;
            auto id = (*writer)->beginRun(report);
            QVERIFY(id.ok());
            report.runId = *id;
            ids << *id;
            QVERIFY((*writer)->finishRun(report).ok());
        }
        auto window = openWindow(db);
        waitForData(*window);
        QAction* action = child<QAction>(window.get(), "actionPageRuns");
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_7));
        action->trigger();
        QCOMPARE(window->currentPage(), int(MainWindow::Runs));
        auto* table = child<QTableView>(window.get(), "runHistoryTable");
        QVERIFY(table && table->isVisible());
        QAbstractItemModelTester tester(
            table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10000);
        const auto cell
            = [table](int row, int column) { return table->model()->index(row, column).data().toString(); };
        // Newest first.
        QCOMPARE(cell(0, RunHistoryModel::RateColumn), QStringLiteral("100.00 %"));
        QCOMPARE(cell(1, RunHistoryModel::RateColumn), QStringLiteral("99.50 %"));
        QCOMPARE(cell(2, RunHistoryModel::RateColumn), QStringLiteral("97.00 %"));
        QCOMPARE(cell(2, RunHistoryModel::ViolationsColumn), QStringLiteral("300"));
        QCOMPARE(cell(0, RunHistoryModel::IdColumn).toLongLong(), ids.at(2));
        QCOMPARE(cell(0, RunHistoryModel::StatusColumn), QStringLiteral("HEALTHY"));
        QCOMPARE(cell(0, RunHistoryModel::OperatorColumn), QStringLiteral("cron"));
        QCOMPARE(cell(0, RunHistoryModel::DurationColumn), QStringLiteral("1.5 s"));
        QCOMPARE(
            table->model()->index(0, RunHistoryModel::StatusColumn).data(Qt::BackgroundRole).value<QColor>(),
            ThemeColors::healthy());
        QCOMPARE(table->model()
                     ->index(2, RunHistoryModel::StatusColumn)
                     .data(RunHistoryModel::StatusRole)
                     .toString(),
            runStatusName(statusFor(9700, Thresholds {})));

        // Enter on the oldest run opens the violations page on it.
        table->setFocus();
        table->setCurrentIndex(table->model()->index(2, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(window->currentPage(), int(MainWindow::Violations));
        QCOMPARE(window->violations()->shownRun(), std::optional<qint64>(ids.at(0)));
        auto* chooser = child<QComboBox>(window.get(), "violationsRun");
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().pending() == 0, 10000);
        QCOMPARE(chooser->currentData().toLongLong(), ids.at(0));
        QVERIFY2(chooser->currentText().startsWith(QStringLiteral("#%1 ").arg(ids.at(0))),
            qPrintable(chooser->currentText()));

        // Double-click on the middle run does the same.
        window->setCurrentPage(MainWindow::Runs);
        const QRect middle = table->visualRect(table->model()->index(1, RunHistoryModel::RateColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, middle.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, middle.center());
        QCOMPARE(window->currentPage(), int(MainWindow::Violations));
        QCOMPARE(window->violations()->shownRun(), std::optional<qint64>(ids.at(1)));
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().pending() == 0, 10000);
        QCOMPARE(chooser->currentData().toLongLong(), ids.at(1));
    }

    void scheduledChecksSkipWhileAYoungerRunExists()
    {
        TestDatabase db;
        QVERIFY(db.initialise(30));
        auto window = openWindow(db);
        waitForData(*window);
        DashboardPage* dashboard = window->dashboard();
        QCOMPARE(dashboard->scheduleMinutes(), 5); // every 5 minutes by default off production
        auto runs = [&] { return db.count(QStringLiteral("cc_runs")); };
        {
            auto session = db.open(QStringLiteral("admin@demo.local"));
            QVERIFY(HealthCheck::run(*session, {}).ok()); // another admin's check, just now
        }
        const qint64 before = runs();
        dashboard->scheduledCheck();
        QTRY_VERIFY_WITH_TIMEOUT(
            window->context()->jobs().pending() == 0 && !dashboard->isCheckRunning(), 20000);
        QCOMPARE(runs(), before); // skipped: a completed run is younger than the interval

        // Once every run is older than the interval, the next tick runs a check; a second tick
        // while it runs does not start another.
        QVERIFY(db.exec(QStringLiteral("UPDATE cc_runs SET started_at = ?"),
            { QDateTime::currentDateTimeUtc().addSecs(-6 * 60).toString(Qt::ISODateWithMs) }));
        dashboard->scheduledCheck();
        QVERIFY(dashboard->isCheckRunning());
        dashboard->scheduledCheck();
        QTRY_VERIFY_WITH_TIMEOUT(
            window->context()->jobs().pending() == 0 && !dashboard->isCheckRunning(), 20000);
        QCOMPARE(runs(), before + 1);
    }

    void scheduledChecksAreOffByDefaultOnProduction()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        {
            auto admin = db.open(QStringLiteral("admin@demo.local"));
            QVERIFY(Administration::setEnvironment(*admin, Environment::Production).ok());
        }
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_COMPARE(window->dashboard()->scheduleMinutes(), 0);
        QCOMPARE(child<QSpinBox>(window.get(), "settingsCheckSchedule")->value(), 0);
    }

    void autoRefreshPicksUpACheckFromAnotherConnection()
    {
        TestDatabase db;
        QVERIFY(db.initialise(100));
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 30000);
        const auto firstRun = window->dashboard()->snapshot().latest->runId;
        auto* label = child<QLabel>(window.get(), "lastRefreshLabel");
        child<QComboBox>(window.get(), "refreshInterval")->setCurrentIndex(1); // 5 s
        QCOMPARE(window->dashboard()->refreshControl()->intervalSeconds(), 5);
        QTest::qWait(1100); // "last refresh" has a resolution of one second
        const QString before = label->text();

        // Another admin (or cron) runs a check over its own connection.
        auto other = db.open(QStringLiteral("admin@demo.local"));
        auto report = HealthCheck::run(*other, {});
        QVERIFY(report.ok());
        // The live dashboard picks it up (the watcher, or auto-refresh); a cheap last check makes
        // auto-refresh check again itself, so the shown run may be its own, newer one.
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId >= report->runId, 8000);
        QVERIFY(report->runId != firstRun);
        QVERIFY(label->text() != before);
    }

    void refreshPausesWhileHiddenAndRefreshesOnReturn()
    {
        TestDatabase db;
        QVERIFY(db.initialise(30));
        auto window = openWindow(db);
        waitForData(*window);
        RefreshControl* control = window->dashboard()->refreshControl();
        QVERIFY(!control->isSuspended());
        window->hide();
        QVERIFY(control->isSuspended());
        QSignalSpy refreshed(window->dashboard(), &DashboardPage::refreshed);
        window->show();
        QVERIFY(!control->isSuspended());
        QVERIFY(refreshed.wait(5000));
    }

    void errorBannerOnFailureAndRecoveryByItself()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 30000);
        auto* banner = child<QWidget>(window.get(), "errorBanner");
        QVERIFY(!banner->isVisible());

        QVERIFY(db.exec(QStringLiteral("ALTER TABLE cc_runs RENAME TO cc_runs_away")));
        QTest::mouseClick(child<QPushButton>(window.get(), "refreshButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
        QCOMPARE(badge(*window), QStringLiteral("error"));
        QVERIFY(child<QLabel>(window.get(), "errorBannerText")
                    ->text()
                    .contains(QStringLiteral("cannot be refreshed")));
        QVERIFY(child<QPushButton>(window.get(), "errorBannerAction")->isVisible()); // Retry
        QVERIFY(window->dashboard()->refreshControl()->isSuspended());

        QVERIFY(db.exec(QStringLiteral("ALTER TABLE cc_runs_away RENAME TO cc_runs")));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 12000); // the quiet retry brings it back
        QVERIFY(badge(*window) != QStringLiteral("error"));
        QVERIFY(!window->dashboard()->refreshControl()->isSuspended());
    }

    void narrowWindowReflowsCardsAndCharts()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_COMPARE(window->dashboard()->cardColumns(), 4);
        QVERIFY(!window->dashboard()->property("narrowLayout").toBool());
        window->resize(700, 700);
        QTRY_VERIFY(window->dashboard()->cardColumns() < 4);
        QVERIFY(window->dashboard()->property("narrowLayout").toBool());
        // Every card fits the page once the layout has settled: nothing is cut off at the right.
        const auto widestRight = [&window] {
            int right = 0;
            for (MetricCard* card : window->dashboard()->findChildren<MetricCard*>())
                right = std::max(right, card->mapTo(window->dashboard(), QPoint(card->width(), 0)).x());
            return right;
        };
        QTRY_VERIFY2(widestRight() <= window->dashboard()->width(),
            qPrintable(QStringLiteral("cards end at %1 of %2")
                           .arg(widestRight())
                           .arg(window->dashboard()->width())));
    }

    void clickingABarOpensFilteredViolations()
    {
        TestDatabase db;
        QVERIFY(db.initialise(400, 1, 0.2));
        auto window = openWindow(db);
        waitForData(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 30000);
        auto* byKind = child<CountBarChart>(window.get(), "byKindChart");
        const qsizetype missingLicense = byKind->keys().indexOf(QStringLiteral("missing_license"));
        QVERIFY(missingLicense >= 0);
        // Bars are listed top-down; the bar set counts from the bottom.
        emit byKind->barSet()->clicked(int(byKind->keys().size() - 1 - missingLicense));
        QCOMPARE(window->currentPage(), int(MainWindow::Violations));
        auto* table = child<QTableView>(window.get(), "violationsTable");
        const qint64 expected
            = window->dashboard()->snapshot().latest->byKind.at(size_t(ViolationKind::MissingLicense));
        QVERIFY(expected > 0);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(table->model()->rowCount()), expected, 10000);
        for (int row = 0; row < table->model()->rowCount(); ++row)
            QCOMPARE(table->model()->index(row, ViolationTableModel::KindColumn).data().toString(),
                QStringLiteral("Missing license"));
        QCOMPARE(child<QComboBox>(window.get(), "violationsKind")->currentData().toString(),
            QStringLiteral("missing_license"));
    }

    void productionDisablesTheQaLab()
    {
        TestDatabase db;
        QVERIFY(db.initialise(30));
        {
            auto admin = db.open(QStringLiteral("admin@demo.local"));
            QVERIFY(Administration::setEnvironment(*admin, Environment::Production).ok());
        }
        auto window = openWindow(db);
        waitForData(*window);
        window->setCurrentPage(MainWindow::QaLab);
        QVERIFY(!child<QWidget>(window.get(), "qaForm")->isEnabled());
        auto* reason = child<QLabel>(window.get(), "qaDisabledReason");
        QVERIFY(reason->isVisible());
        QVERIFY2(reason->text().contains(QStringLiteral("production")), qPrintable(reason->text()));
        QCOMPARE(child<QLabel>(window.get(), "environmentChip")->text(), QStringLiteral("PRODUCTION"));
    }

    void anInstructorCannotReachBulkRepair()
    {
        TestDatabase db;
        QVERIFY(db.initialise(100));
        auto window = openWindow(db, QStringLiteral("instructor@demo.local"));
        waitForData(*window);
        window->setCurrentPage(MainWindow::Violations);
        auto* all = child<QPushButton>(window.get(), "repairAllButton");
        QTRY_VERIFY(!all->isEnabled());
        QVERIFY2(all->toolTip().contains(QStringLiteral("instructor")), qPrintable(all->toolTip()));
        // Support work stays possible: a single key may be repaired once selected.
        auto* table = child<QTableView>(window.get(), "violationsTable");
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 30000);
        table->selectRow(0);
        QVERIFY(child<QPushButton>(window.get(), "repairSelectedButton")->isEnabled());
    }

    void violationsAndAuditModelsPassTheModelTester()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300, 1, 0.1));
        auto window = openWindow(db);
        waitForData(*window);
        window->setCurrentPage(MainWindow::Violations);
        auto* table = child<QTableView>(window.get(), "violationsTable");
        QAbstractItemModelTester tester(
            table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 30000);
        child<QComboBox>(window.get(), "violationsKind")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(!window->violations()->model()->isLoading(), 10000);
        window->setCurrentPage(MainWindow::Audit);
        auto* audit = child<QTableView>(window.get(), "auditTable");
        QAbstractItemModelTester auditTester(
            audit->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() > 0, 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
