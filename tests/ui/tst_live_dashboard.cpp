// The live dashboard (issue 18), in the real main window offscreen, on both engines: auto-refresh
// runs a real check when the last one took under a tenth of the interval, and otherwise re-reads and
// says when the data was last checked; a second instance's writes and runs reach this window without
// F5 (PostgreSQL LISTEN/NOTIFY on the tool's channel, SQLite PRAGMA data_version on a timer).
#include "GuiTestSupport.h"

#include "ChangeWatcher.h"
#include "charts/RateHistoryChart.h"
#include "check/HealthCheck.h"
#include "models/AuditTableModel.h"
#include "models/ViolationTableModel.h"
#include "pages/AuditPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MetricCard.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"
#include "write/Repair.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QThread>
#include <QValueAxis>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

qint64 storedRuns(TestDatabase& db)
{
    return db.count(toolTable("runs"));
}

// Desyncs one consistent key the way another tool would: a license level no progress row has.
bool desyncOneKey(TestDatabase& db)
{
    const QVariant id = db.scalar(
        QStringLiteral("SELECT min(l.id) FROM user_licenses l JOIN specialization_progress p "
                       "ON p.student_id = l.user_id AND p.specialization_id = l.specialization_type "
                       "WHERE l.current_level = p.current_level AND l.current_level > 1"));
    return id.isValid()
        && db.exec(QStringLiteral("UPDATE user_licenses SET current_level = current_level - 1 WHERE id = ?"),
            { id });
}

} // namespace

class TestLiveDashboard final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleLiveDashboardTests")); }
    void init()
    {
        QSettings().remove(QStringLiteral("dashboard/liveCheckDivisor"));
        QSettings().setValue(QStringLiteral("live/pollMs"), 200);
    }

    void autoRefreshChecksWhenTheLastCheckWasCheap()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        DashboardPage* dashboard = window->dashboard();
        const qint64 runs = storedRuns(db);
        const qint64 inconsistent = dashboard->snapshot().latest->inconsistent;
        QVERIFY(desyncOneKey(db));
        dashboard->refreshControl()->setIntervalSeconds(60); // a 300-user check takes far under 6 s
        emit dashboard->refreshControl()->refreshDue();
        QTRY_COMPARE_WITH_TIMEOUT(storedRuns(db), runs + 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->snapshot().latest->inconsistent, inconsistent + 1, 30000);
        QVERIFY(!dashboard->lastAutoRefreshReread());
    }

    void autoRefreshRereadsAndSaysWhenTheCheckIsTooSlowToRepeat()
    {
        QSettings().setValue(
            QStringLiteral("dashboard/liveCheckDivisor"), 1000000); // every check is too slow
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        DashboardPage* dashboard = window->dashboard();
        const qint64 runs = storedRuns(db);
        dashboard->refreshControl()->setIntervalSeconds(60);
        QSignalSpy refreshed(dashboard, &DashboardPage::refreshed);
        emit dashboard->refreshControl()->refreshDue();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 10000);
        waitForIdle(*window);
        QCOMPARE(storedRuns(db), runs);
        QVERIFY(dashboard->lastAutoRefreshReread());
        QVERIFY2(dashboard->lastRefreshText().contains(QStringLiteral("the data was last checked")),
            qPrintable(dashboard->lastRefreshText()));
    }

    // A refresh asked for while another reads (after a check or a write) is not dropped: the
    // dashboard reads once more and shows the run the first read could not see. SQLite's feed is
    // slowed to an hour here, or it would re-read by itself; PostgreSQL's NOTIFY still arrives.
    void aRefreshAskedForWhileOneReadsIsNotLost()
    {
        QSettings().setValue(QStringLiteral("live/pollMs"), 3600000);
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        DashboardPage* dashboard = window->dashboard();
        dashboard->refreshControl()->setIntervalSeconds(0);
        auto other = db.open(QStringLiteral("admin@demo.local"), QStringLiteral("cli"));
        QVERIFY(other);

        dashboard->refresh();
        QThread::msleep(1000); // its read is done; its outcome waits for this thread's event loop
        auto report = HealthCheck::run(*other, CheckOptions {});
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        dashboard->refresh(); // asked for while the first is still refreshing
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->snapshot().latest->runId, report->runId, 10000);
    }

    void theRateAxisHasNiceTicksAndEndsAt100Percent()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        auto* chart = window->findChild<RateHistoryChart*>();
        QVERIFY(chart);
        QValueAxis* axis = nullptr;
        for (QAbstractAxis* vertical : chart->chart()->axes(Qt::Vertical))
            axis = axis ? axis : qobject_cast<QValueAxis*>(vertical);
        QVERIFY(axis);
        QTRY_VERIFY_WITH_TIMEOUT(axis->min() < 100, 10000);
        QCOMPARE(axis->max(), 100.0);
        const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
        QVERIFY2(
            QList<double>({ 0.5, 1, 2, 5, 10, 20, 25 }).contains(step), qPrintable(QString::number(step)));
        QVERIFY(axis->tickCount() <= 7);
        QVERIFY(axis->min()
            <= double(window->dashboard()->snapshot().latest->rateHundredths.value_or(0)) / 100.0);
    }

    void fromADegradedStatusToItsCauseInOneClick()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        auto* badge = child<StatusBadge>(window.get(), "statusBadge");
        QVERIFY2(badge->status() != u"healthy", qPrintable(badge->status()));
        auto* pages = child<QStackedWidget>(window.get(), "pages");
        QTest::mouseClick(badge, Qt::LeftButton); // 1 action
        QCOMPARE(pages->currentWidget(), window->violations());
        ViolationTableModel* model = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading()
                && model->totalCount() == window->dashboard()->snapshot().latest->inconsistent,
            10000);
        QVERIFY(!model->filter().warnings);
        // The warnings card opens the warnings.
        window->setCurrentPage(MainWindow::Dashboard);
        QTest::mouseClick(child<MetricCard>(window.get(), "metricWarnings"), Qt::LeftButton);
        QCOMPARE(pages->currentWidget(), window->violations());
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().warnings, 10000);
    }

    void aSecondInstancesRunsAndWritesArriveWithoutF5()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 2, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->dashboard()->refreshControl()->setIntervalSeconds(0); // auto-refresh off: only the feed
        const qint64 shownRun = *window->dashboard()->snapshot().latest->runId;
        QTest::qWait(ChangeWatcher::pollMs() * 2); // the watcher has its starting point

        // Another instance checks: this window shows that run.
        QVERIFY(desyncOneKey(db));
        auto other = db.open(QStringLiteral("admin@demo.local"), QStringLiteral("cli"));
        QVERIFY(other);
        CheckOptions options;
        auto report = HealthCheck::run(*other, options);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(report->runId && *report->runId > shownRun);
        QTRY_COMPARE_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId, report->runId, 10000);

        // Another instance repairs a key: the Audit log, open here, lists its entry.
        window->setCurrentPage(MainWindow::Audit);
        AuditTableModel* audit = window->findChild<AuditPage*>()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!audit->isLoading(), 10000);
        const QVariant user = db.scalar(QStringLiteral("SELECT user_id FROM %1 WHERE run_id = ? AND kind = "
                                                       "'level_mismatch' ORDER BY user_id LIMIT 1")
                                            .arg(toolTable("violations")),
            { *report->runId });
        const QVariant track = db.scalar(
            QStringLiteral(
                "SELECT track FROM %1 WHERE run_id = ? AND kind = 'level_mismatch' ORDER BY user_id LIMIT 1")
                .arg(toolTable("violations")),
            { *report->runId });
        auto repaired = Repair::repairUser(*other, user.toLongLong(), track.toString(), RepairOptions {});
        QVERIFY2(repaired && !repaired->auditIds.isEmpty(),
            qPrintable(repaired ? QStringLiteral("no entry") : repaired.error().message));
        const qint64 entry = repaired->auditIds.last();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < audit->rowCount(); ++row)
                    if (audit->entry(row).id == entry)
                        return true;
                return false;
            }(),
            10000);
        QVERIFY(window->changeWatcher()->changesHeard() >= 2);
    }
};

QTEST_MAIN(TestLiveDashboard)
#include "tst_live_dashboard.moc"
