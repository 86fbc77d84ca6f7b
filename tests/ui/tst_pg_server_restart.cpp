// PostgreSQL stopped and started again while the dashboard refreshes by itself (issue 5), on a
// server of this test's own (OwnPostgres), so stopping it disturbs no other test. Nobody touches
// the window: the auto-refresh meets the stopped server and shows the error banner, the quiet
// retry brings the dashboard back once the server is up, and the auto-refresh goes on.
#include "GuiTestSupport.h"
#include "OwnPostgres.h"

#include "pages/DashboardPage.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"

#include <QLabel>
#include <QSignalSpy>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestPgServerRestart final : public QObject {
    Q_OBJECT

private:
    OwnPostgres m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(TestDatabase::isPostgres());
        const QString error = m_server.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        prepareGuiTests();
    }

    void stopped_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("fast") << QStringLiteral("fast");
        QTest::newRow("immediate") << QStringLiteral("immediate");
    }

    void stopped()
    {
        QFETCH(QString, mode);
        TestDatabase db;
        QVERIFY2(db.initialise(200), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        auto* banner = child<QWidget>(window.get(), "errorBanner");
        auto* connection = child<QLabel>(window.get(), "statusConnection");
        auto* badge = child<StatusBadge>(window.get(), "statusBadge");
        RefreshControl* refresh = window->dashboard()->refreshControl();
        refresh->setIntervalSeconds(5);
        QVERIFY(!banner->isVisible());
        const qint64 shownRun = window->dashboard()->snapshot().latest->runId.value_or(0);

        const QString halted = m_server.halt(mode);
        QVERIFY2(halted.isEmpty(), qPrintable(halted));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QCOMPARE(badge->status(), QStringLiteral("error"));
        QVERIFY(refresh->isSuspended());
        QTRY_VERIFY_WITH_TIMEOUT(connection->text().startsWith(QStringLiteral("Connection lost")), 10000);
        // Down for a while: the quiet retries fail and the banner stays.
        QTest::qWait(6000);
        QVERIFY(banner->isVisible());

        const QString resumed = m_server.resume();
        QVERIFY2(resumed.isEmpty(), qPrintable(resumed));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        QVERIFY(badge->status() != QStringLiteral("error"));
        QCOMPARE(window->dashboard()->snapshot().latest->runId.value_or(0), shownRun);
        QTRY_VERIFY_WITH_TIMEOUT(!connection->text().startsWith(QStringLiteral("Connection lost")), 10000);
        QVERIFY(window->context()->jobs().connected());
        QVERIFY(!refresh->isSuspended());

        // The auto-refresh goes on, and the action lane works again: a check is stored and shown.
        QSignalSpy refreshed(window->dashboard(), &DashboardPage::refreshed);
        QVERIFY2(refreshed.wait(10000), "the auto-refresh did not resume");
        QVERIFY(!banner->isVisible());
        QSignalSpy finished(window->context(), &ConsoleContext::checkFinished);
        window->dashboard()->runCheckNow();
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId.value_or(0) > shownRun, 10000);
        waitForIdle(*window);
    }
};

QTEST_MAIN(TestPgServerRestart)
#include "tst_pg_server_restart.moc"
