// Views stay current after a write from this window (issue 18), in the real main window offscreen, on
// both engines: a repair from the User page checks again by itself (the last check was cheap), so
// the Violations page stops listing the key and the dashboard counts it as resolved, without F5.
// When the last check was too slow to repeat, nothing is checked and the dashboard says the shown
// check is out of date.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "models/ViolationTableModel.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MetricCard.h"

#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestLiveViews final : public QObject {
    Q_OBJECT

private:
    static QList<qint64> listedUsers(MainWindow& window)
    {
        QList<qint64> users;
        ViolationTableModel* model = window.violations()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            users << model->violation(row).record.userId;
        return users;
    }
    // The Violations page on the latest run's level mismatches; returns the first listed user.
    static qint64 firstLevelMismatch(MainWindow& window)
    {
        window.setCurrentPage(MainWindow::Violations);
        auto* kind = child<QComboBox>(&window, "violationsKind");
        kind->setCurrentIndex(kind->findData(QStringLiteral("level_mismatch")));
        if (!QTest::qWaitFor(
                [&window] {
                    return !window.violations()->model()->isLoading()
                        && window.violations()->model()->rowCount() > 0;
                },
                10000))
            return 0;
        return window.violations()->model()->violation(0).record.userId;
    }
    static void repairFromUserPage(MainWindow& window, qint64 user)
    {
        window.setCurrentPage(MainWindow::User);
        window.userPage()->openUser(user);
        QTRY_COMPARE_WITH_TIMEOUT(window.userPage()->userId(), user, 10000);
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(child<QPushButton>(&window, "repairUserButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("key(s) changed")),
            qPrintable(Prompt::shownMessages().last()));
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleLiveViewsTests")); }
    void cleanup() { QSettings().remove(QStringLiteral("dashboard/recheckAfterWriteMs")); }

    void aRepairFromTheUserPageLeavesTheViolationsListWithoutF5()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const HealthReport before = *window->dashboard()->snapshot().latest;
        const qint64 user = firstLevelMismatch(*window);
        QVERIFY(user > 0);
        QVERIFY(listedUsers(*window).contains(user));
        const qint64 rowsOfUser = listedUsers(*window).count(user);

        QSignalSpy checked(window->context(), &ConsoleContext::checkFinished);
        repairFromUserPage(*window, user);
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 30000); // by itself: nobody pressed F5
        waitForIdle(*window);

        // The Violations page, as it was left (level mismatches of the latest run), no longer lists the user.
        window->setCurrentPage(MainWindow::Violations);
        QTRY_VERIFY_WITH_TIMEOUT(
            !window->violations()->model()->isLoading() && window->violations()->model()->totalCount() >= 0,
            10000);
        QCOMPARE(child<QComboBox>(window.get(), "violationsKind")->currentData().toString(),
            QStringLiteral("level_mismatch"));
        QVERIFY2(!listedUsers(*window).contains(user), "the repaired user is still listed");
        QCOMPARE(window->violations()->model()->totalCount(),
            before.byKind.at(size_t(ViolationKind::LevelMismatch)) - rowsOfUser);
        // The dashboard shows the new check: one violation fewer and nothing written since.
        const HealthReport& after = *window->dashboard()->snapshot().latest;
        QVERIFY(after.runId != before.runId);
        QVERIFY(after.inconsistent < before.inconsistent);
        QCOMPARE(child<MetricCard>(window.get(), "metricViolations")->value(),
            QString::number(after.inconsistent));
        QCOMPARE(child<MetricCard>(window.get(), "metricChanges")->value(), QStringLiteral("0"));
    }

    void aSlowLastCheckIsNotRepeatedButTheDashboardSaysItIsOutOfDate()
    {
        QSettings().setValue(
            QStringLiteral("dashboard/recheckAfterWriteMs"), -1); // every check is "too slow"
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const qint64 runs = db.count(toolTable("runs"));
        const auto runId = window->dashboard()->snapshot().latest->runId;
        const qint64 user = firstLevelMismatch(*window);
        repairFromUserPage(*window, user);
        waitForIdle(*window);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<MetricCard>(window.get(), "metricChanges")->value().toInt() > 0, 10000);
        QCOMPARE(db.count(toolTable("runs")), runs);
        QCOMPARE(window->dashboard()->snapshot().latest->runId, runId);
    }
};

QTEST_MAIN(TestLiveViews)
#include "tst_live_views.moc"
