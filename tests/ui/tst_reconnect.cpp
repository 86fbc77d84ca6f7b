// When the database goes away under the GUI, the dashboard shows the error banner and comes back by
// itself. On PostgreSQL the GUI's connections are really killed (pg_terminate_backend); on SQLite
// the run table is taken away and put back, as the main window test does.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "pages/DashboardPage.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestReconnect final : public QObject {
    Q_OBJECT

private:
    static void waitForData(MainWindow& window) { waitForIdle(window, true); }

private slots:
    void initTestCase() { prepareGuiTests(); }

    void lostConnectionShowsTheBannerThenRecoversByItself()
    {
        TestDatabase db;
        QVERIFY(db.initialise(200));
        auto window = openWindow(db);
        waitForData(*window);
        auto* banner = child<QWidget>(window.get(), "errorBanner");
        auto* connection = child<QLabel>(window.get(), "statusConnection");
        QVERIFY(!banner->isVisible());
        const qint64 before = window->dashboard()->snapshot().latest->runId.value_or(0);

        if (db.isPostgres()) {
            // Both workers' connections (read and action lanes) are cut from the server side.
            const int killed
                = db.scalar(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                           "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                      .toInt();
            QVERIFY2(killed >= 1, "the GUI had no connection to terminate");
        } else {
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE cc_runs RENAME TO cc_runs_away")));
        }
        QTest::mouseClick(child<QPushButton>(window.get(), "refreshButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
        QCOMPARE(child<StatusBadge>(window.get(), "statusBadge")->status(), QStringLiteral("error"));
        QVERIFY(window->dashboard()->refreshControl()->isSuspended());
        if (db.isPostgres())
            QTRY_VERIFY_WITH_TIMEOUT(connection->text().startsWith(QStringLiteral("Connection lost")), 5000);
        else
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE cc_runs_away RENAME TO cc_runs")));

        // Nobody presses Retry: the quiet retry reconnects and the banner goes away.
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 15000);
        QVERIFY(child<StatusBadge>(window.get(), "statusBadge")->status() != QStringLiteral("error"));
        QVERIFY(!window->dashboard()->refreshControl()->isSuspended());
        // The live dashboard may have checked again since (a cheap check): never an older run.
        QVERIFY(window->dashboard()->snapshot().latest->runId.value_or(0) >= before);
        QTRY_VERIFY_WITH_TIMEOUT(!connection->text().startsWith(QStringLiteral("Connection lost")), 10000);
        QVERIFY(window->context()->jobs().connected());

        // Both lanes work again: a full check (action lane) is stored and shown.
        QSignalSpy finished(window->context(), &ConsoleContext::checkFinished);
        window->dashboard()->runCheckNow();
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest->runId.value_or(0) > before, 10000);
        QVERIFY(!banner->isVisible());
    }
};

QTEST_MAIN(TestReconnect)
#include "tst_reconnect.moc"
