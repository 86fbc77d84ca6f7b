// Batch undo in the Audit log (issue 18), in the real main window offscreen, on both engines: a
// repair-all from the Violations page is one batch; the Audit log names and shades its entries as a
// group, and "Revert batch…" on any of them restores every platform row in one action.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "models/AuditTableModel.h"
#include "pages/AuditPage.h"

#include <QPushButton>
#include <QTableView>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestBatchUndo final : public QObject {
    Q_OBJECT

private:
    // Every platform table but license_progressions, whose history a revert extends.
    static QStringList coupledTables()
    {
        QStringList tables = platformTables();
        tables.removeAll(QStringLiteral("license_progressions"));
        return tables;
    }

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleBatchUndoTests")); }

    void aRepairAllIsRevertedInOneAction()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        const QString before = db.snapshot(coupledTables());
        const QString history = db.snapshot({ QStringLiteral("license_progressions") });

        // Repair all, from the Violations page.
        window->setCurrentPage(MainWindow::Violations);
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(child<QPushButton>(window.get(), "repairAllButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        waitForIdle(*window);
        const qint64 batched = db.count(toolTable("audit"), QStringLiteral("batch_id IS NOT NULL"));
        QVERIFY2(batched > 1, qPrintable(Prompt::shownMessages().last()));
        QVERIFY(db.snapshot(coupledTables()) != before);
        const qint64 batch
            = db.scalar(QStringLiteral("SELECT max(batch_id) FROM %1").arg(toolTable("audit"))).toLongLong();

        // The Audit log: the batch's entries come together, named and shaded as one group.
        window->setCurrentPage(MainWindow::Audit);
        auto* table = child<QTableView>(window.get(), "auditTable");
        AuditTableModel* model = window->findChild<AuditPage*>()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() >= batched, 10000);
        QList<int> rows;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->entry(row).batchId == batch)
                rows << row;
        }
        QCOMPARE(qint64(rows.size()), batched);
        QCOMPARE(rows.last() - rows.first() + 1, int(rows.size())); // consecutive
        const QVariant shade
            = model->index(rows.first(), AuditTableModel::ActionColumn).data(Qt::BackgroundRole);
        for (int row : rows) {
            QCOMPARE(model->index(row, AuditTableModel::BatchColumn).data().toString(),
                QStringLiteral("#%1").arg(batch));
            QCOMPARE(model->index(row, AuditTableModel::ActionColumn).data(Qt::BackgroundRole), shade);
        }
        if (rows.last() + 1 < model->rowCount()) // the next group looks different
            QVERIFY(model->index(rows.last() + 1, AuditTableModel::ActionColumn).data(Qt::BackgroundRole)
                != shade);

        // One action: select any entry of the batch, Revert batch…, confirm.
        auto* revertBatch = child<QPushButton>(window.get(), "auditRevertBatchButton");
        QVERIFY(!revertBatch->isEnabled());
        table->selectRow(rows.at(rows.size() / 2));
        QVERIFY(revertBatch->isEnabled());
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(revertBatch, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        QVERIFY2(Prompt::lastQuestion().contains(QStringLiteral("batch #%1").arg(batch)),
            qPrintable(Prompt::lastQuestion()));
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("%1 key(s) changed").arg(batched)),
            qPrintable(Prompt::shownMessages().last()));
        waitForIdle(*window);

        // The database: every row as before the repair-all; the undo is itself audited.
        QCOMPARE(db.snapshot(coupledTables()), before);
        // A license's level change back writes a progression row of its own (docs/BEHAVIOUR.md C6 revert):
        // one reverse row for each row the repair wrote, and the older history as it was.
        const qint64 repaired = db.count(
            QStringLiteral("license_progressions"), QStringLiteral("advancement_reason = 'repair'"));
        QVERIFY(repaired > 0);
        QCOMPARE(db.count(QStringLiteral("license_progressions"),
                     QStringLiteral("advancement_reason LIKE 'revert of audit entry %'")),
            repaired);
        for (const QString& line : history.split(u'\n'))
            QVERIFY2(
                db.snapshot({ QStringLiteral("license_progressions") }).contains(line), qPrintable(line));
        QCOMPARE(db.count(toolTable("audit"), QStringLiteral("action = 'revert'")), batched);
        // Not twice: the entries are reverted now, so a second batch revert changes nothing.
        const QString reverted = db.snapshot(platformTables());
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 10000);
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->entry(row).batchId == batch) {
                table->selectRow(row);
                break;
            }
        }
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(revertBatch, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        waitForIdle(*window);
        QCOMPARE(db.snapshot(platformTables()), reverted);
    }
};

QTEST_MAIN(TestBatchUndo)
#include "tst_batch_undo.moc"
