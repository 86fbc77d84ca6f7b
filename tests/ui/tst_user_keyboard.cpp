// The User page by keyboard alone (issue 18), in the real main window offscreen, on both engines:
// Tab walks search → header buttons → each track's grid and buttons → history without getting
// caught in a grid; the track holding the focus is drawn as current; the Track menu's shortcuts
// (Sync …, Set level) act on that track and on no other, and only on the User page.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "pages/UserPage.h"
#include "widgets/TrackPanel.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestUserKeyboard final : public QObject {
    Q_OBJECT

private:
    struct Planted {
        qint64 student = 0;
    };
    // A student with two level mismatches: PLAYER progress 3 / license 1, LFA_COACH progress 1 / license 2.
    static Planted plant(TestDatabase& db)
    {
        Planted planted;
        planted.student = db.addUser(QStringLiteral("keyboard@x"));
        db.addProgress(planted.student, QStringLiteral("GANCUJU_PLAYER"), 3, 45000, 15);
        db.addLicense(planted.student, QStringLiteral("GANCUJU_PLAYER"), 1);
        db.addProgress(planted.student, QStringLiteral("LFA_COACH"), 1);
        db.addLicense(planted.student, QStringLiteral("LFA_COACH"), 2);
        return planted;
    }
    static int progressLevel(TestDatabase& db, qint64 user, const char* track)
    {
        return db
            .scalar(QStringLiteral("SELECT current_level FROM specialization_progress WHERE student_id = ? "
                                   "AND specialization_id = ?"),
                { user, QString::fromLatin1(track) })
            .toInt();
    }
    static int licenseLevel(TestDatabase& db, qint64 user, const char* track)
    {
        return db
            .scalar(
                QStringLiteral(
                    "SELECT current_level FROM user_licenses WHERE user_id = ? AND specialization_type = ?"),
                { user, QString::fromLatin1(track) })
            .toInt();
    }
    static bool activate(MainWindow& window)
    {
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window);
    }
    static std::unique_ptr<MainWindow> openOnUser(TestDatabase& db, qint64 user)
    {
        auto window = openWindow(db);
        waitForIdle(*window);
        if (!activate(*window))
            return nullptr;
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(user);
        return window;
    }
    static TrackPanel* panel(MainWindow& window, const QString& track)
    {
        for (TrackPanel* panel : window.userPage()->trackPanels()) {
            if (panel->view().rows.key.track == track)
                return panel;
        }
        return nullptr;
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleUserKeyboardTests")); }

    void tabLeavesEveryGridAndReachesEveryControlInOrder()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        const Planted planted = plant(db);
        auto window = openOnUser(db, planted.student);
        QVERIFY(window);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 2, 10000);
        const QList<TrackPanel*> panels = window->userPage()->trackPanels();
        QTRY_VERIFY(panels.last()->isVisible());
        auto* search = child<QWidget>(window.get(), "userSearch");
        search->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), search);

        QList<QWidget*> visited;
        for (int i = 0; i < 30 && (visited.isEmpty() || visited.last()->objectName() != u"userHistory");
             ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QVERIFY(QApplication::focusWidget());
            visited << QApplication::focusWidget();
        }
        QStringList names;
        for (QWidget* widget : visited)
            names << (widget->parentWidget() && qobject_cast<TrackPanel*>(widget->parentWidget())
                    ? static_cast<TrackPanel*>(widget->parentWidget())->view().rows.key.track + u'/'
                        + widget->objectName()
                    : widget->objectName());
        const QString walk = names.join(u' ');
        // Out of the grids and on to the history: about a dozen stops, not 24 cells per track.
        QVERIFY2(!visited.isEmpty() && visited.last()->objectName() == u"userHistory", qPrintable(walk));
        QVERIFY2(visited.size() <= 16, qPrintable(walk));
        QVERIFY2(names.indexOf(QStringLiteral("repairUserButton")) >= 0, qPrintable(walk));
        qsizetype previous = names.indexOf(QStringLiteral("repairUserButton"));
        for (TrackPanel* panel : panels) {
            // Each grid once, then each of its enabled buttons, in the order they are shown.
            QCOMPARE(visited.count(panel->fields()), 1);
            QList<QWidget*> stops { panel->fields() };
            for (auto request :
                { TrackPanel::Request::SyncProgressToLicense, TrackPanel::Request::SyncLicenseToProgress,
                    TrackPanel::Request::SyncTowardHigher, TrackPanel::Request::SetLevel }) {
                QVERIFY(panel->button(request) && panel->button(request)->isEnabled());
                stops << panel->button(request);
            }
            for (QWidget* stop : stops) {
                const int at = int(visited.indexOf(stop));
                QVERIFY2(at > previous,
                    qPrintable(QStringLiteral("%1 out of order: %2").arg(stop->objectName(), walk)));
                previous = at;
            }
        }
        // The track that holds the focus is drawn as the current one.
        panels.last()->fields()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(panels.last()->isCurrent());
        QVERIFY(!panels.first()->isCurrent());
        // And Shift+Tab walks back out of the grid too.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), panels.first()->button(TrackPanel::Request::SetLevel));
        QVERIFY(panels.first()->isCurrent());
    }

    void shortcutsActOnTheFocusedTrackOnly()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        const Planted planted = plant(db);
        auto window = openOnUser(db, planted.student);
        QVERIFY(window);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 2, 10000);

        // In the Track menu, so F1 lists them.
        QMenu* menu = child<QMenu>(window.get(), "trackMenu");
        QVERIFY(menu);
        const auto shortcut
            = [&window](const char* name) { return child<QAction>(window.get(), name)->shortcut(); };
        QCOMPARE(shortcut("actionSyncTowardHigher"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        QCOMPARE(shortcut("actionSetLevel"), QKeySequence(Qt::CTRL | Qt::Key_L));
        QCOMPARE(menu->actions().size(), 4);

        // Ctrl+Shift+H on the LFA_COACH track: its progress goes up to the license's 2; PLAYER is untouched.
        TrackPanel* coach = panel(*window, QStringLiteral("LFA_COACH"));
        coach->fields()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(coach->isCurrent());
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(progressLevel(db, planted.student, "LFA_COACH"), 2, 10000);
        QCOMPARE(licenseLevel(db, planted.student, "LFA_COACH"), 2);
        QCOMPARE(progressLevel(db, planted.student, "GANCUJU_PLAYER"), 3);
        QCOMPARE(licenseLevel(db, planted.student, "GANCUJU_PLAYER"), 1);
        // The page re-read the user; the keyboard stays on the same track.
        QTRY_VERIFY_WITH_TIMEOUT(panel(*window, QStringLiteral("LFA_COACH"))
                && !panel(*window, QStringLiteral("LFA_COACH"))->view().classification.violation,
            10000);
        QTRY_VERIFY(panel(*window, QStringLiteral("LFA_COACH"))->isCurrent());
        QVERIFY(panel(*window, QStringLiteral("LFA_COACH"))->isAncestorOf(QApplication::focusWidget()));

        // Ctrl+L on the PLAYER track: Set level 2 on both sides.
        panel(*window, QStringLiteral("GANCUJU_PLAYER"))->fields()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(panel(*window, QStringLiteral("GANCUJU_PLAYER"))->isCurrent());
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::chosenLevel(2, QStringLiteral("by keyboard")));
        Prompt::queueAnswer({ true });
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(licenseLevel(db, planted.student, "GANCUJU_PLAYER"), 2, 20000);
        QCOMPARE(progressLevel(db, planted.student, "GANCUJU_PLAYER"), 2);
        QCOMPARE(progressLevel(db, planted.student, "LFA_COACH"), 2);
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().pending() == 0, 10000);

        // On another page the keys do nothing.
        const QString before = db.snapshot(platformTables());
        window->setCurrentPage(MainWindow::Dashboard);
        QVERIFY(!child<QAction>(window.get(), "actionSyncTowardHigher")->isEnabled());
        const QString asked = Prompt::lastQuestion();
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        QTest::keyClick(window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::qWait(300);
        QCOMPARE(Prompt::lastQuestion(), asked); // nothing was asked
        QCOMPARE(db.snapshot(platformTables()), before);
    }
};

QTEST_MAIN(TestUserKeyboard)
#include "tst_user_keyboard.moc"
