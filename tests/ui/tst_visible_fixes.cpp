// Small visible fixes of issue 18, in the real window on both engines: the title names the
// connection with the application's name once; the gauge writes its percentage below the needle's
// pivot; "Violations by track" elides long labels (never a bare "…") and its bars give the whole
// label as a tooltip; a capped user search says it shows the first 50; the user's history and tracks
// share the page; a cut table cell shows its whole text as a tooltip.
#include "GuiTestSupport.h"

#include "charts/CountBarChart.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/TableColumns.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QToolTip>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestVisibleFixes final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleVisibleFixesTests")); }

    void theTitleNamesTheConnectionAndTheApplicationOnce()
    {
        QGuiApplication::setApplicationDisplayName(QStringLiteral("Coupling Console"));
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window);
        const QString title = window->windowTitle();
        QCOMPARE(title, window->context()->info().connection);
        // The platform appends " — ‹display name›" (QPlatformWindow::formatWindowTitle).
        const QString shown = title + QStringLiteral(" — ") + QGuiApplication::applicationDisplayName();
        QCOMPARE(shown.count(QStringLiteral("Coupling Console")), 1);
    }

    void theGaugesPercentageSitsBelowThePivot()
    {
        ConsistencyGauge gauge;
        gauge.setReading(9950, Thresholds {});
        for (const QSize size : { QSize(240, 190), QSize(300, 220), QSize(420, 260), QSize(600, 400) }) {
            gauge.resize(size);
            const ConsistencyGauge::Geometry shape = gauge.geometry();
            // The needle turns above the pivot (its disc has a radius of 5 px).
            QVERIFY2(shape.value.top() > shape.pivot.y() + 5,
                qPrintable(QStringLiteral("%1×%2").arg(size.width()).arg(size.height())));
            QVERIFY(shape.value.bottom() <= size.height());
            QVERIFY(shape.value.width()
                >= QFontMetrics(gauge.font()).horizontalAdvance(QStringLiteral("99.50 %")));
        }
    }

    void longTrackLabelsAreElidedWithTheWholeLabelAsTooltip()
    {
        CountBarChart chart(QStringLiteral("byTrackChart"), QStringLiteral("Violations by track"));
        QStringList keys;
        QStringList labels;
        QList<qreal> counts;
        for (int i = 0; i < 8; ++i) {
            keys << QStringLiteral("TRACK_%1").arg(i);
            labels << QStringLiteral("Specialization with a very long name number %1").arg(i);
            counts << 10 * (i + 1);
        }
        chart.resize(420, 360);
        chart.show();
        chart.setCounts(keys, labels, counts);
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QStringList shown = chart.shownLabels();
        QCOMPARE(shown.size(), 8);
        for (int i = 0; i < 8; ++i) {
            QVERIFY2(shown.at(i).size() > 3 && shown.at(i).startsWith(QStringLiteral("Spec")),
                qPrintable(shown.at(i)));
            QVERIFY2(shown.at(i).size() < labels.at(i).size(), qPrintable(shown.at(i)));
            QVERIFY(chart.barToolTip(i).contains(labels.at(i)));
        }
        QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()).size(), 8);
    }

    void aCappedUserSearchSaysItListsTheFirst50()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(120), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window);
        window->setCurrentPage(MainWindow::User);
        auto* search = child<QLineEdit>(window.get(), "userSearch");
        auto* results = child<QListWidget>(window.get(), "userResults");
        auto* message = child<QLabel>(window.get(), "userMessage");
        search->setText(QStringLiteral("student"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(results->count() > 0, 10000);
        QCOMPARE(results->count(), 50);
        QVERIFY2(
            message->text().contains(QStringLiteral("first 50 matching users")), qPrintable(message->text()));
    }

    // At 1024×640 the user's history keeps the header and three rows in view while the tracks keep
    // most of the page; the splitter between them gives either more room.
    void theUsersHistoryAndTracksShareThePage()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        auto window = openWindow(db);
        window->resize(1024, 640);
        waitForIdle(*window);
        window->setCurrentPage(MainWindow::User);
        QCoreApplication::processEvents();
        auto* history = child<QTableWidget>(window.get(), "userHistory");
        auto* tracks = child<QWidget>(window.get(), "userTracks");
        auto* splitter = child<QSplitter>(window.get(), "userSplitter");
        const int row = history->verticalHeader()->defaultSectionSize();
        QVERIFY2(history->viewport()->height() >= 3 * row,
            qPrintable(
                QStringLiteral("history %1 px, row %2 px").arg(history->viewport()->height()).arg(row)));
        QVERIFY2(tracks->height() >= 2 * history->height(),
            qPrintable(
                QStringLiteral("tracks %1 px, history %2 px").arg(tracks->height()).arg(history->height())));
        const int before = history->height();
        splitter->setSizes({ 100, 1000 });
        QVERIFY(history->height() > before);
    }

    void aCutCellShowsItsWholeTextAsTooltip()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        auto* table = window->violations()->findChild<QTableView*>();
        QVERIFY(table);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
        // The widest text of the first row, in a column made too narrow for it.
        int column = 0;
        for (int c = 0; c < table->model()->columnCount(); ++c) {
            if (table->model()->index(0, c).data().toString().size()
                > table->model()->index(0, column).data().toString().size())
                column = c;
        }
        const QModelIndex cell = table->model()->index(0, column);
        const QString whole = cell.data().toString();
        QVERIFY(whole.size() > 8);
        table->horizontalHeader()->setStretchLastSection(false);
        table->setColumnWidth(column, 40);
        QVERIFY(isCellCut(table, cell));
        const QPoint at = table->visualRect(cell).center();
        QHelpEvent tip(QEvent::ToolTip, at, table->viewport()->mapToGlobal(at));
        QApplication::sendEvent(table->viewport(), &tip);
        QTRY_COMPARE(QToolTip::text(), whole);
    }
};

QTEST_MAIN(TestVisibleFixes)
#include "tst_visible_fixes.moc"
