// A previewed write at scale, on the real main window offscreen: a repair-all of more keys than the
// preview lists shows the first 2,000 keys row by row and says how many more there are, and then
// applies the whole previewed plan.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "pages/ViolationsPage.h"

#include <QPushButton>
#include <QRegularExpression>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestWriteFlow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(); }

    void aBigRepairAllListsTheFirstKeysAndAppliesThemAll()
    {
        TestDatabase db;
        QVERIFY(db.initialise(6000, 7, 0.5)); // about 3,000 desynced keys
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer(true));
        QTest::mouseClick(child<QPushButton>(window.get(), "repairAllButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 120000);

        const QString preview = Prompt::lastQuestion();
        const QRegularExpressionMatch summary = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) in this plan")).match(preview);
        QVERIFY2(summary.hasMatch(), qPrintable(preview.left(300)));
        const int planned = summary.captured(1).toInt();
        QVERIFY2(planned > 2000, qPrintable(summary.captured(0)));
        QCOMPARE(int(preview.count(QRegularExpression(QStringLiteral("^user \\d+, "), QRegularExpression::MultilineOption))), 2000);
        QVERIFY2(preview.contains(QStringLiteral("… and %1 more key(s), not listed here").arg(planned - 2000)), qPrintable(preview.right(300)));

        // The whole plan was applied, not the listed part: every planned key changed or was skipped.
        const QString outcome = Prompt::shownMessages().last();
        const QRegularExpressionMatch changed = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) changed")).match(outcome);
        const QRegularExpressionMatch skipped = QRegularExpression(QStringLiteral("(\\d+) key\\(s\\) skipped")).match(outcome);
        QVERIFY2(changed.hasMatch(), qPrintable(outcome.left(300)));
        QCOMPARE(changed.captured(1).toInt() + (skipped.hasMatch() ? skipped.captured(1).toInt() : 0), planned);
        QVERIFY(changed.captured(1).toInt() > 2000);
    }
};

QTEST_MAIN(TestWriteFlow)
#include "tst_writeflow.moc"
