// Keyboard and accessibility of the real main window, offscreen (issue 6): every menu command has a
// shortcut or a mnemonic, Help → Keyboard shortcuts lists exactly the actions' shortcuts, the keys
// do what they say, the Tab order follows the layout, and the custom widgets tell assistive
// technology the values the screen shows.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "Wording.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "dialogs/ShortcutsDialog.h"
#include "pages/DashboardPage.h"
#include "pages/UserPage.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/MetricCard.h"
#include "widgets/StatusBadge.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTreeWidget>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestKeyboard final : public QObject {
    Q_OBJECT

private:
    static void waitForData(MainWindow& window) { waitForIdle(window, true); }
    // Shortcuts with a window context fire only in the active window.
    static bool activate(MainWindow& window)
    {
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window);
    }
    static QList<QAction*> menuActions(MainWindow& window)
    {
        QList<QAction*> actions;
        for (QAction* menuAction : window.menuBar()->actions()) {
            if (QMenu* menu = menuAction->menu()) {
                for (QAction* action : menu->actions()) {
                    if (!action->isSeparator() && !action->menu())
                        actions << action;
                }
            }
        }
        return actions;
    }
    static QString accessible(QWidget* widget, QAccessible::Text text)
    {
        QAccessibleInterface* interface = QAccessible::queryAccessibleInterface(widget);
        return interface ? interface->text(text) : QString();
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleKeyboardTests")); }

    void everyMenuCommandHasAShortcutOrAMnemonic()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto window = openWindow(db);
        QSet<QString> menuKeys;
        QSet<QKeySequence> shortcuts;
        int commands = 0;
        for (QAction* menuAction : window->menuBar()->actions()) {
            QMenu* menu = menuAction->menu();
            QVERIFY(menu);
            const QString menuKey = ShortcutsDialog::mnemonic(menu->title());
            QVERIFY2(!menuKey.isEmpty(), qPrintable(menu->title()));
            QVERIFY2(!menuKeys.contains(menuKey),
                qPrintable(QStringLiteral("Alt+%1 opens two menus").arg(menuKey)));
            menuKeys << menuKey;
            QSet<QString> letters;
            for (QAction* action : menu->actions()) {
                if (action->isSeparator())
                    continue;
                ++commands;
                const QString name = action->objectName() + u' ' + action->text();
                QVERIFY2(!action->objectName().isEmpty(), qPrintable(name));
                const QString letter = ShortcutsDialog::mnemonic(action->text());
                QVERIFY2(!action->shortcuts().isEmpty() || !letter.isEmpty(), qPrintable(name));
                if (!letter.isEmpty()) {
                    QVERIFY2(!letters.contains(letter),
                        qPrintable(QStringLiteral("%1: %2 is used twice in its menu").arg(name, letter)));
                    letters << letter;
                }
                for (const QKeySequence& key : action->shortcuts()) {
                    QVERIFY2(!shortcuts.contains(key),
                        qPrintable(QStringLiteral("%1: %2 is ambiguous").arg(name, key.toString())));
                    shortcuts << key;
                }
            }
        }
        QVERIFY(commands >= 13);
        const auto keys
            = [&window](const char* name) { return child<QAction>(window.get(), name)->shortcuts(); };
        QVERIFY(keys("actionConnect").contains(QKeySequence(Qt::CTRL | Qt::Key_O)));
        QVERIFY(keys("actionRunCheck").contains(QKeySequence(Qt::Key_F5)));
        QVERIFY(keys("actionRunCheck").contains(QKeySequence(Qt::CTRL | Qt::Key_R)));
        QVERIFY(keys("actionFind").contains(QKeySequence(Qt::CTRL | Qt::Key_F)));
        QVERIFY(keys("actionShortcuts").contains(QKeySequence(Qt::Key_F1)));
        QVERIFY(keys("actionShortcuts").contains(QKeySequence(Qt::CTRL | Qt::Key_Slash)));
    }

    void shortcutsDialogListsTheActionsOwnShortcuts()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto window = openWindow(db);
        QVERIFY(activate(*window));
        QTest::keyClick(window.get(), Qt::Key_F1);
        auto* dialog = child<ShortcutsDialog>(window.get(), "shortcutsDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());

        const auto listed = [](ShortcutsDialog* shown) {
            QHash<QString, QTreeWidgetItem*> items;
            QTreeWidget* tree = shown->tree();
            for (int group = 0; group < tree->topLevelItemCount(); ++group) {
                for (int row = 0; row < tree->topLevelItem(group)->childCount(); ++row) {
                    QTreeWidgetItem* item = tree->topLevelItem(group)->child(row);
                    items.insert(item->data(ShortcutsDialog::CommandColumn, Qt::UserRole).toString(), item);
                }
            }
            return items;
        };
        const QList<QAction*> actions = menuActions(*window);
        QHash<QString, QTreeWidgetItem*> items = listed(dialog);
        QCOMPARE(items.size(), actions.size());
        for (QAction* action : actions) {
            QTreeWidgetItem* item = items.value(action->objectName());
            QVERIFY2(item, qPrintable(action->objectName()));
            QStringList expected;
            for (const QKeySequence& key : action->shortcuts())
                expected << key.toString(QKeySequence::NativeText);
            QCOMPARE(item->text(ShortcutsDialog::ShortcutColumn), expected.join(QStringLiteral(", ")));
            QVERIFY(!expected.isEmpty() || !item->text(ShortcutsDialog::MenuKeysColumn).isEmpty());
            QCOMPARE(item->text(ShortcutsDialog::CommandColumn), QString(action->text()).remove(u'&'));
        }
        QCOMPARE(items.value(QStringLiteral("actionRunCheck"))->text(ShortcutsDialog::ShortcutColumn),
            QStringLiteral("F5, Ctrl+R"));
        QCOMPARE(items.value(QStringLiteral("actionAbout"))->text(ShortcutsDialog::MenuKeysColumn),
            QStringLiteral("Alt+H, A"));

        // Built from the actions when it opens: a shortcut changed at run time shows up.
        dialog->close();
        QTRY_VERIFY(!child<ShortcutsDialog>(window.get(), "shortcutsDialog"));
        child<QAction>(window.get(), "actionAbout")
            ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        QVERIFY(activate(*window));
        QTest::keyClick(window.get(), Qt::Key_Slash, Qt::ControlModifier);
        dialog = child<ShortcutsDialog>(window.get(), "shortcutsDialog");
        QVERIFY(dialog);
        QCOMPARE(listed(dialog).value(QStringLiteral("actionAbout"))->text(ShortcutsDialog::ShortcutColumn),
            QStringLiteral("Ctrl+Shift+A"));
        dialog->close();
    }

    void runCheckShortcutStartsACheck()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForData(*window);
        QVERIFY(activate(*window));
        window->setCurrentPage(MainWindow::Dashboard);
        for (const QKeyCombination key :
            { QKeyCombination(Qt::Key_F5), QKeyCombination(Qt::ControlModifier, Qt::Key_R) }) {
            const qint64 before = db.count(QStringLiteral("cc_runs"));
            QSignalSpy finished(window->context(), &ConsoleContext::checkFinished);
            QTest::keyClick(window->dashboard(), key.key(), key.keyboardModifiers());
            QVERIFY(window->dashboard()->isCheckRunning());
            QVERIFY(!child<QPushButton>(window.get(), "runCheckButton")->isEnabled());
            QVERIFY(finished.wait(30000));
            QTRY_VERIFY_WITH_TIMEOUT(
                window->context()->jobs().pending() == 0 && !window->dashboard()->isCheckRunning(), 10000);
            QCOMPARE(db.count(QStringLiteral("cc_runs")), before + 1);
        }
    }

    void ctrlNumberSwitchesPagesAndCtrlFFindsTheSearchField()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        auto window = openWindow(db);
        waitForData(*window);
        QVERIFY(activate(*window));
        for (int page = MainWindow::PageCount - 1; page >= 0; --page) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window.get(),
                Qt::Key(Qt::Key_1 + page), Qt::ControlModifier);
            QCOMPARE(window->currentPage(), page);
        }
        window->setCurrentPage(MainWindow::Violations);
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(window.get(), "violationsUser"));
        window->setCurrentPage(MainWindow::Audit);
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(window.get(), "auditUser"));
        window->setCurrentPage(MainWindow::Dashboard);
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), int(MainWindow::User));
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(window.get(), "userSearch"));
    }

    void tabOnTheViolationsPageVisitsTheFiltersThenTheTable()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForData(*window);
        QVERIFY(activate(*window));
        window->setCurrentPage(MainWindow::Violations);
        auto* first = child<QWidget>(window.get(), "violationsRun");
        first->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), first);
        QStringList visited;
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            visited << (QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                    : QStringLiteral("(none)"));
        }
        QCOMPARE(visited,
            QStringList({ QStringLiteral("violationsKind"), QStringLiteral("violationsTrack"),
                QStringLiteral("violationsUser"), QStringLiteral("violationsTable") }));
        // And back.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("violationsUser"));
        // Tab does not stay inside the table: it moves on to the actions below it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("violationsTable"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("createLicensesOption"));
    }

    void tabInTheQaLabReachesEachUndoRightAfterTheInjections()
    {
        TestDatabase db;
        QVERIFY(db.initialise(50));
        auto window = openWindow(db);
        waitForData(*window);
        QVERIFY(activate(*window));
        window->setCurrentPage(MainWindow::QaLab);
        auto* kind = child<QComboBox>(window.get(), "qaKind");
        kind->setCurrentIndex(kind->findData(QStringLiteral("level_mismatch")));
        child<QRadioButton>(window.get(), "qaRandom")->setChecked(true);
        auto* injections = child<QTableWidget>(window.get(), "qaInjections");
        for (int i = 0; i < 2; ++i) {
            child<QSpinBox>(window.get(), "qaSeed")->setValue(i + 1);
            QTest::mouseClick(child<QPushButton>(window.get(), "qaInjectButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(injections->rowCount(), i + 1, 20000);
        }
        injections->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), injections);
        QStringList visited;
        for (int i = 0; i < 2; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            visited << QApplication::focusWidget()->objectName();
        }
        QCOMPARE(visited, QStringList({ QStringLiteral("qaUndo_0"), QStringLiteral("qaUndo_1") }));
    }

    void tabOnTheUserPageReachesTheTracksBeforeTheHistory()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        const qint64 student = db.addUser(QStringLiteral("tabbing@x"));
        db.addProgress(student, QStringLiteral("PLAYER"), 3, 45000, 15);
        db.addLicense(student, QStringLiteral("PLAYER"), 1);
        auto window = openWindow(db);
        waitForData(*window);
        QVERIFY(activate(*window));
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 1, 10000);
        TrackPanel* panel = window->userPage()->trackPanels().first();
        QTRY_VERIFY(panel->isVisible()); // a layout shows new children from the event loop
        auto* search = child<QWidget>(window.get(), "userSearch");
        search->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), search);
        QStringList visited;
        for (int i = 0; i < 12; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* focus = QApplication::focusWidget();
            QVERIFY(focus);
            if (panel->isAncestorOf(focus))
                break;
            visited << focus->objectName();
            QVERIFY2(focus->objectName() != u"userHistory",
                qPrintable(QStringLiteral("the history before the track: %1").arg(visited.join(u' '))));
        }
        QVERIFY2(panel->isAncestorOf(QApplication::focusWidget()), qPrintable(visited.join(u' ')));
        QVERIFY2(visited.contains(QStringLiteral("repairUserButton")), qPrintable(visited.join(u' ')));
    }

    void customWidgetsTellTheirValues()
    {
        TestDatabase db;
        QVERIFY(db.initialise(300, 1, 0.05));
        auto window = openWindow(db);
        waitForData(*window);
        auto* gauge = child<ConsistencyGauge>(window.get(), "consistencyGauge");
        auto* badge = child<StatusBadge>(window.get(), "statusBadge");
        auto* rateCard = child<MetricCard>(window.get(), "metricRate");
        auto* rateChart = child<RateHistoryChart>(window.get(), "rateChart");
        auto* byKind = child<CountBarChart>(window.get(), "byKindChart");
        auto* byTrack = child<CountBarChart>(window.get(), "byTrackChart");

        const auto verifyShown = [&] {
            const HealthReport& latest = *window->dashboard()->snapshot().latest;
            QCOMPARE(accessible(gauge, QAccessible::Name), QStringLiteral("Consistency gauge"));
            const QString gaugeText = accessible(gauge, QAccessible::Description);
            QVERIFY2(
                gaugeText.contains(rateCard->value()), qPrintable(gaugeText + u" / " + rateCard->value()));
            QVERIFY2(gaugeText.contains(Wording::status(latest.status)), qPrintable(gaugeText));
            QCOMPARE(accessible(badge, QAccessible::Name), QStringLiteral("Health status"));
            QCOMPARE(accessible(badge, QAccessible::Description), badge->text());
            QCOMPARE(badge->text(),
                Wording::status(runStatusFromName(badge->status()).value_or(RunStatus::Error)));
            for (MetricCard* card : window->dashboard()->findChildren<MetricCard*>()) {
                QVERIFY2(!accessible(card, QAccessible::Name).isEmpty(), qPrintable(card->objectName()));
                QVERIFY2(accessible(card, QAccessible::Description).startsWith(card->value()),
                    qPrintable(card->objectName()));
            }
            QCOMPARE(accessible(child<MetricCard>(window.get(), "metricViolations"), QAccessible::Name),
                QStringLiteral("Violations"));
            const int points = int(rateChart->rateSeries()->count());
            QVERIFY(points >= 1);
            QCOMPARE(accessible(rateChart, QAccessible::Name), QStringLiteral("Consistency rate over time"));
            QCOMPARE(accessible(rateChart, QAccessible::Description),
                QStringLiteral("Consistency rate over time: %1 run(s), latest %2")
                    .arg(points)
                    .arg(rateCard->value()));
            QCOMPARE(accessible(byKind, QAccessible::Name), QStringLiteral("Violations by kind"));
            const QString kinds = accessible(byKind, QAccessible::Description);
            QVERIFY2(kinds.startsWith(QStringLiteral("Violations by kind: ")), qPrintable(kinds));
            for (int i = 0; i < violationKindCount; ++i) {
                const QString expected = Wording::kind(kindName(ViolationKind(i))) + u' '
                    + QString::number(latest.byKind.at(size_t(i)));
                QVERIFY2(kinds.contains(expected), qPrintable(kinds + u" / " + expected));
            }
            const QString tracks = accessible(byTrack, QAccessible::Description);
            for (auto it = latest.byTrack.cbegin(); it != latest.byTrack.cend(); ++it)
                QVERIFY2(
                    tracks.contains(it.key() + u' ' + QString::number(it->inconsistent)), qPrintable(tracks));
        };
        verifyShown();
        if (QTest::currentTestFailed())
            return;
        const QString before = accessible(gauge, QAccessible::Description);
        const QString kindsBefore = accessible(byKind, QAccessible::Description);

        // A new desync and a new check: the descriptions follow the new values.
        for (int i = 0; i < 40; ++i) {
            const qint64 student = db.addUser(QStringLiteral("drift%1@x").arg(i));
            db.addProgress(student, QStringLiteral("PLAYER"), 3, 45000, 15);
            db.addLicense(student, QStringLiteral("PLAYER"), 1);
        }
        window->dashboard()->runCheckNow();
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->isCheckRunning(), 5000);
        waitForData(*window);
        QTRY_VERIFY_WITH_TIMEOUT(accessible(gauge, QAccessible::Description) != before, 10000);
        QVERIFY(accessible(byKind, QAccessible::Description) != kindsBefore);
        verifyShown();
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
