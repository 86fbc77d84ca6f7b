// A previewed write at scale, on the real main window offscreen: a repair-all of thousands of keys
// previews every key in the structured preview's table (the summary counts them all) and then
// applies the whole previewed plan.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "dialogs/RepairPreviewDialog.h"
#include "pages/ViolationsPage.h"

#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestWriteFlow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(); }

    void aBigRepairAllListsEveryKeyAndAppliesThemAll()
    {
        TestDatabase db;
        QVERIFY(db.initialise(6000, 7, 0.5)); // about 3,000 desynced keys
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        Prompt::clearShownMessages();
        int listed = -1;
        Prompt::setRepairPreviewInspector([&listed](RepairPreviewDialog& dialog) {
            listed = dialog.table()->model()->rowCount();
            return true;
        });
        const auto restore = qScopeGuard([] { Prompt::setRepairPreviewInspector({}); });
        QTest::mouseClick(child<QPushButton>(window.get(), "repairAllButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 120000);

        const QString preview = Prompt::lastQuestion();
        const QRegularExpressionMatch summary
            = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) in this plan")).match(preview);
        QVERIFY2(summary.hasMatch(), qPrintable(preview.left(300)));
        const int planned = summary.captured(1).toInt();
        QVERIFY2(planned > 2000, qPrintable(summary.captured(0)));
        QCOMPARE(listed, planned);

        // The whole plan was applied, not the listed part: every planned key changed or was skipped.
        const QString outcome = Prompt::shownMessages().last();
        const QRegularExpressionMatch changed
            = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) changed")).match(outcome);
        const QRegularExpressionMatch skipped
            = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) skipped")).match(outcome);
        QVERIFY2(changed.hasMatch(), qPrintable(outcome.left(300)));
        QCOMPARE(
            changed.captured(1).toInt() + (skipped.hasMatch() ? skipped.captured(1).toInt() : 0), planned);
        QVERIFY(changed.captured(1).toInt() > 2000);
    }
};

QTEST_MAIN(TestWriteFlow)
#include "tst_writeflow.moc"
