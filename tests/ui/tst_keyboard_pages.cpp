// Every page operable by keyboard alone (issue 18), in the real main window offscreen on both
// engines: on each page, with data on it (a user opened, an injection to undo, audit entries),
// Tab from the side bar visits every visible, enabled control of the page that takes focus and
// comes back to the side bar, and Shift+Tab does the same the other way: no control out of reach,
// no trap. The violations' tables (the dashboard's top ones, the Violations page's) open a user by
// Enter as by a double-click.
#include "GuiTestSupport.h"

#include "pages/UserPage.h"

#include <QAbstractItemView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

// A control as a person tells it: its object name, else its class and the text it shows.
QString nameOf(const QWidget* widget)
{
    if (!widget)
        return QStringLiteral("(none)");
    if (!widget->objectName().isEmpty())
        return widget->objectName();
    const QVariant text = widget->property("text");
    return QString::fromLatin1(widget->metaObject()->className())
        + (text.toString().isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(text.toString()));
}

// The controls of `page` Tab must reach: shown, enabled and taking focus by Tab (a table's cell
// widgets too), but not a widget that hands its focus to another (a spin box's line edit stands for it).
QList<QWidget*> controlsOf(QWidget* page)
{
    QList<QWidget*> controls;
    for (QWidget* widget : page->findChildren<QWidget*>()) {
        if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)
            && !widget->focusProxy())
            controls << widget;
    }
    return controls;
}

// The widgets focus visits from `start` by pressing `key`, and whether it came back to `start`
// within `limit` presses.
struct Cycle {
    QList<QWidget*> visited;
    bool closed = false;
};
Cycle cycle(QWidget* start, Qt::Key key, int limit = 300)
{
    Cycle result;
    for (int i = 0; i < limit; ++i) {
        QTest::keyClick(QApplication::focusWidget(), key);
        QWidget* focus = QApplication::focusWidget();
        result.closed = focus == start;
        if (!focus || result.closed)
            break;
        result.visited << focus;
    }
    return result;
}

// Whether focus on `focus` reaches `control`: the control itself or a part of it, or another radio
// button of its exclusive group (Tab enters a group at its checked button; the arrows choose).
bool standsFor(QWidget* focus, QWidget* control)
{
    if (focus == control || control->isAncestorOf(focus))
        return true;
    const auto* radio = qobject_cast<QRadioButton*>(control);
    const auto* focusRadio = qobject_cast<QRadioButton*>(focus);
    return radio && focusRadio && radio->autoExclusive() && focusRadio->autoExclusive()
        && radio->parentWidget() == focusRadio->parentWidget();
}

QStringList names(const QList<QWidget*>& widgets)
{
    QStringList result;
    for (const QWidget* widget : widgets)
        result << nameOf(widget);
    return result;
}

} // namespace

class TestKeyboardPages final : public QObject {
    Q_OBJECT

private:
    // Puts data on every page: a desynced user opened on the User page, one injection in the QA lab.
    static void fillPages(MainWindow& window, TestDatabase& db)
    {
        const qint64 student = db.addUser(QStringLiteral("keyboard.pages@example.org"));
        db.addProgress(student, QStringLiteral("LFA_COACH"), 3);
        db.addLicense(student, QStringLiteral("LFA_COACH"), 1);
        window.setCurrentPage(MainWindow::User);
        window.userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window.userPage()->trackPanels().size(), 1, 10000);
        window.setCurrentPage(MainWindow::QaLab);
        child<QRadioButton>(&window, "qaRandom")->setChecked(true);
        QTest::mouseClick(child<QPushButton>(&window, "qaInjectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(child<QTableWidget>(&window, "qaInjections")->rowCount(), 1, 20000);
        waitForIdle(window);
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleKeyboardPagesTests")); }

    void tabReachesEveryControlOfEveryPageAndComesBack()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(60), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        fillPages(*window, db);
        auto* sideBar = child<QListWidget>(window.get(), "sideBar");
        auto* pages = window->findChild<QStackedWidget*>();
        QVERIFY(pages);
        for (int page = 0; page < MainWindow::PageCount; ++page) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window.get(),
                Qt::Key(Qt::Key_1 + page), Qt::ControlModifier);
            QCOMPARE(window->currentPage(), page);
            waitForIdle(*window);
            QWidget* shown = pages->currentWidget();
            const QList<QWidget*> controls = controlsOf(shown);
            QVERIFY2(!controls.isEmpty(), qPrintable(nameOf(shown)));
            for (const Qt::Key key : { Qt::Key_Tab, Qt::Key_Backtab }) {
                sideBar->setFocus(Qt::TabFocusReason);
                QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(sideBar));
                const auto [visited, closed] = cycle(sideBar, key);
                QVERIFY2(closed,
                    qPrintable(
                        QStringLiteral("%1: %2 never came back to the side bar (a trap): %3")
                            .arg(nameOf(shown),
                                key == Qt::Key_Tab ? QStringLiteral("Tab") : QStringLiteral("Shift+Tab"),
                                names(visited.mid(0, 40)).join(QStringLiteral(", ")))));
                QList<QWidget*> missed;
                for (QWidget* control : controls) {
                    const bool reached = std::any_of(visited.cbegin(), visited.cend(),
                        [control](QWidget* focus) { return standsFor(focus, control); });
                    if (!reached)
                        missed << control;
                }
                QVERIFY2(missed.isEmpty(),
                    qPrintable(
                        QStringLiteral("%1 by %2: out of reach: %3\nvisited: %4")
                            .arg(nameOf(shown),
                                key == Qt::Key_Tab ? QStringLiteral("Tab") : QStringLiteral("Shift+Tab"),
                                names(missed).join(QStringLiteral(", ")),
                                names(visited).join(QStringLiteral(", ")))));
            }
        }
    }

    void enterOnAViolationOpensItsUser_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("table");
        QTest::newRow("dashboard's top violations")
            << int(MainWindow::Dashboard) << QStringLiteral("topViolationsTable");
        QTest::newRow("violations") << int(MainWindow::Violations) << QStringLiteral("violationsTable");
    }

    void enterOnAViolationOpensItsUser()
    {
        QFETCH(int, page);
        QFETCH(QString, table);
        TestDatabase db;
        QVERIFY2(db.initialise(60, 1, 0.1), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        window->setCurrentPage(page);
        auto* view = window->findChild<QAbstractItemView*>(table);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
        const QString user = view->model()->index(0, 0).data().toString();
        view->setFocus(Qt::TabFocusReason);
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(window->currentPage(), int(MainWindow::User));
        QTRY_VERIFY2_WITH_TIMEOUT(child<QLabel>(window.get(), "userHeader")->text().contains(user),
            qPrintable(child<QLabel>(window.get(), "userHeader")->text() + u" / " + user), 10000);
    }
};

QTEST_MAIN(TestKeyboardPages)
#include "tst_keyboard_pages.moc"
