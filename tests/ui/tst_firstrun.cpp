// The first start (issue 6): with no settings the window offers a short, non-modal tour of the
// pages that remembers "Don't show again"; connecting to one's own database is one click away in
// the status bar; an SQLite file dropped on the window is opened, anything else is refused.
#include "GuiTestSupport.h"

#include "FirstRunTour.h"
#include "Prompt.h"
#include "pages/DashboardPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestFirstRun final : public QObject {
    Q_OBJECT

private:
    static void waitForData(MainWindow& window) { waitForIdle(window); }
    static FirstRunTour* tourOf(MainWindow& window) { return child<FirstRunTour>(&window, "firstRunTour"); }
    // A drag of `urls` entering the window, then dropped; true when the drag was accepted.
    static bool drop(MainWindow& window, const QList<QUrl>& urls)
    {
        QMimeData mime;
        mime.setUrls(urls);
        const QPoint at(window.width() / 2, window.height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QDropEvent dropped(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &dropped);
        return enter.isAccepted();
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleFirstRunTests")); }

    void theTourWalksThePagesAndIsShownOnce()
    {
        QVERIFY(!FirstRunTour::isDone());
        TestDatabase db;
        QVERIFY(db.initialise(30));
        {
            auto window = openWindow(db);
            waitForData(*window);
            QVERIFY(!tourOf(*window)); // only when asked: runGui offers it, tests and --screenshots do not
            QVERIFY(window->offerFirstRunTour());
            FirstRunTour* tour = tourOf(*window);
            QVERIFY(tour);
            QVERIFY(tour->isVisible());
            QVERIFY(!tour->isModal() && !tour->isWindow());
            QVERIFY(!QApplication::activeModalWidget());
            QVERIFY(window->rect().contains(tour->geometry())); // inside the window, not cut off
            QCOMPARE(window->currentPage(), int(MainWindow::Dashboard));
            auto* title = child<QLabel>(tour, "tourTitle");
            auto* next = child<QPushButton>(tour, "tourNext");
            QVERIFY(title->text().contains(window->pageTitle(MainWindow::Dashboard)));
            QVERIFY(!child<QPushButton>(tour, "tourBack")->isEnabled());
            QVERIFY(child<QCheckBox>(tour, "tourDontShowAgain")->isChecked());
            for (int page = 1; page < MainWindow::PageCount; ++page) {
                QTest::mouseClick(next, Qt::LeftButton);
                QCOMPARE(window->currentPage(), page);
                QCOMPARE(tour->step(), page);
                QVERIFY2(title->text().contains(window->pageTitle(page)), qPrintable(title->text()));
                QVERIFY(window->page(page)->isVisible());
                // The panel grows with the step's text: nothing is cut off.
                auto* text = child<QLabel>(tour, "tourText");
                QTRY_VERIFY2(
                    text->height() >= text->heightForWidth(text->width()), qPrintable(title->text()));
                QVERIFY(window->rect().contains(tour->geometry()));
            }
            QCOMPARE(next->text(), QStringLiteral("Finish"));
            QVERIFY(child<QLabel>(tour, "tourText")->text().contains(QStringLiteral("Ctrl+O")));
            QTest::mouseClick(child<QPushButton>(tour, "tourBack"), Qt::LeftButton);
            QCOMPARE(window->currentPage(), MainWindow::PageCount - 2);
            QCOMPARE(next->text(), QStringLiteral("Next"));
            QVERIFY(!FirstRunTour::isDone()); // nothing stored while it runs
            QTest::mouseClick(next, Qt::LeftButton);
            QTest::mouseClick(next, Qt::LeftButton); // Finish
            QTRY_VERIFY(!tourOf(*window));
            QVERIFY(FirstRunTour::isDone());
            QCOMPARE(QSettings().value(QStringLiteral("firstRun/tourDone")).toBool(), true);
        }
        // The next start: no tour, but Help → Tour of the pages still shows it.
        auto window = openWindow(db);
        QVERIFY(!window->offerFirstRunTour());
        QVERIFY(!tourOf(*window));
        child<QAction>(window.get(), "actionTour")->trigger();
        QVERIFY(tourOf(*window) && tourOf(*window)->isVisible());
        QTest::mouseClick(child<QPushButton>(tourOf(*window), "tourSkip"), Qt::LeftButton);
        QTRY_VERIFY(!tourOf(*window));
    }

    void skipRemembersOnlyWithDontShowAgain()
    {
        QSettings().remove(QStringLiteral("firstRun"));
        TestDatabase db;
        QVERIFY(db.initialise(20));
        {
            auto window = openWindow(db);
            QVERIFY(window->offerFirstRunTour());
            FirstRunTour* tour = tourOf(*window);
            QTest::mouseClick(child<QPushButton>(tour, "tourNext"), Qt::LeftButton);
            child<QCheckBox>(tour, "tourDontShowAgain")->setChecked(false);
            QTest::mouseClick(child<QPushButton>(tour, "tourSkip"), Qt::LeftButton);
            QTRY_VERIFY(!tourOf(*window));
            QVERIFY(!FirstRunTour::isDone());
        }
        {
            auto window = openWindow(db);
            QVERIFY(window->offerFirstRunTour()); // shown again
            // Escape in the panel skips it, with "Don't show again" checked as it starts.
            QWidget* next = child<QPushButton>(tourOf(*window), "tourNext");
            QTest::keyClick(next, Qt::Key_Escape);
            QTRY_VERIFY(!tourOf(*window));
            QVERIFY(FirstRunTour::isDone());
        }
        auto window = openWindow(db);
        QVERIFY(!window->offerFirstRunTour());
        QVERIFY(!tourOf(*window));
    }

    void theStatusBarButtonOpensTheConnectFlow()
    {
        TestDatabase first;
        QVERIFY(first.initialise(20));
        TestDatabase second;
        QVERIFY(second.initialise(20));
        auto window = openWindow(first);
        waitForData(*window);
        auto* button = child<QPushButton>(window.get(), "statusConnectButton");
        QVERIFY(button);
        QVERIFY(button->isVisible() && button->isEnabled());
        QVERIFY(button->text().startsWith(QStringLiteral("Connect to")));

        Prompt::clearShownMessages();
        Prompt::queueAnswer({ false }); // cancelled: nothing changes
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(Prompt::lastQuestion().startsWith(QStringLiteral("Connect")));
        QCOMPARE(window->context()->options().profile.sqlitePath, first.profile().sqlitePath);

        Prompt::queueAnswer(PromptAnswer::connection(second.profile().sqlitePath));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(window->context()->options().profile.sqlitePath, second.profile().sqlitePath);
        waitForData(*window);
        QVERIFY(
            child<QLabel>(window.get(), "statusConnection")->toolTip().contains(second.profile().sqlitePath));
    }

    void aDroppedDatabaseFileIsOpenedAnythingElseRefused()
    {
        TestDatabase first;
        QVERIFY(first.initialise(20));
        TestDatabase second;
        QVERIFY(second.initialise(25));
        auto window = openWindow(first);
        waitForData(*window);

        // A text file: refused with a message naming it; the connection stays.
        const QString text = first.directory() + QStringLiteral("/notes.txt");
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a database\n");
        }
        Prompt::clearShownMessages();
        QVERIFY(drop(*window, { QUrl::fromLocalFile(text) }));
        QCOMPARE(Prompt::shownMessages().size(), 1);
        QVERIFY2(Prompt::shownMessages().last().contains(
                     QStringLiteral("notes.txt is not an SQLite database file")),
            qPrintable(Prompt::shownMessages().last()));
        QCOMPARE(window->context()->options().profile.sqlitePath, first.profile().sqlitePath);
        // Two files, or a remote URL, are not taken at all.
        QVERIFY(
            !drop(*window, { QUrl::fromLocalFile(text), QUrl::fromLocalFile(second.profile().sqlitePath) }));
        QVERIFY(!drop(*window, { QUrl(QStringLiteral("https://example.org/demo.db")) }));
        QCOMPARE(Prompt::shownMessages().size(), 1);
        QCOMPARE(window->context()->options().profile.sqlitePath, first.profile().sqlitePath);

        // The second database: the window switches to it, as File → Connect… would.
        QVERIFY(drop(*window, { QUrl::fromLocalFile(second.profile().sqlitePath) }));
        QCOMPARE(window->context()->options().profile.sqlitePath, second.profile().sqlitePath);
        QVERIFY(!window->context()->options().profile.readOnly);
        waitForData(*window);
        QVERIFY(
            child<QLabel>(window.get(), "statusConnection")->toolTip().contains(second.profile().sqlitePath));
        QCOMPARE(Prompt::shownMessages().size(), 1);
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
