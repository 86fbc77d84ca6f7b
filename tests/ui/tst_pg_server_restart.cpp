// PostgreSQL stopped and started again while the dashboard refreshes by itself (issue 5), on a
// server of this test's own (OwnPostgres), so stopping it disturbs no other test. Nobody touches
// the window: the auto-refresh meets the stopped server and shows the error banner, the quiet
// retry brings the dashboard back once the server is up, and the auto-refresh goes on. And "Repair
// all…" from the Violations page stopped by the server going away: it reports which keys were
// committed and from which key on nothing changed, and the database holds exactly that.
#include "GuiTestSupport.h"
#include "OwnPostgres.h"

#include "Prompt.h"
#include "pages/DashboardPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"

#include <QLabel>
#include <QRegularExpression>
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

    void repairAllStopsCleanly()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20000, 1, 0.3), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const QString audit
            = QStringLiteral("SELECT count(*) FROM %1 WHERE batch_id IS NOT NULL").arg(toolTable("audit"));
        const qint64 before = db.scalar(audit).toLongLong();
        Prompt::clearShownMessages();
        window->setCurrentPage(MainWindow::Violations);
        Prompt::queueAnswer(PromptAnswer(true)); // the preview: apply
        window->violations()->repairAll();
        // Two 500-key transactions committed: stop the server under the rest.
        QTRY_VERIFY_WITH_TIMEOUT(db.scalar(audit).toLongLong() - before >= 1000, 120000);
        const QString halted = m_server.halt(QStringLiteral("fast"));
        QVERIFY2(halted.isEmpty(), qPrintable(halted));
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().pending() == 0, 60000);
        const QString said = Prompt::shownMessages().join(u'\n');
        const QRegularExpressionMatch match = QRegularExpression(
            QStringLiteral(
                "(\\d+) of (\\d+) keys were committed before the error \\((\\d+) changed, (\\d+) skipped.*"
                "the other (\\d+) keys, from user (\\d+), (\\S+) on, were not changed"))
                                                  .match(said);
        QVERIFY2(match.hasMatch(), qPrintable(said));
        qInfo("the window said: %s", qPrintable(match.captured(0)));
        const qint64 committed = match.captured(1).toLongLong();
        QVERIFY2(
            committed >= 1000 && committed < match.captured(2).toLongLong(), qPrintable(match.captured(0)));

        const QString resumed = m_server.resume();
        QVERIFY2(resumed.isEmpty(), qPrintable(resumed));
        // The database holds exactly the changes reported, each audited once (read on a new
        // connection: the test's own went down with the server).
        auto session = db.open();
        QVERIFY(session);
        auto after = session->db().scalar(audit);
        QVERIFY2(after.ok(), after ? "" : qPrintable(after.error().message));
        QCOMPARE(after->toLongLong() - before, match.captured(3).toLongLong());
        auto* banner = child<QWidget>(window.get(), "errorBanner");
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().connected(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        waitForIdle(*window);
    }
};

QTEST_MAIN(TestPgServerRestart)
#include "tst_pg_server_restart.moc"
