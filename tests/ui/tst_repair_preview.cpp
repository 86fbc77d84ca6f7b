// The bulk repair preview and the in-page confirmation (issue 18), in the real main window
// offscreen, on both engines: "Repair all shown…" previews exactly what the Violations page's
// filters select as a summary and a sortable, filterable key table with the SQL on demand and
// Export; the write is confirmed by a message in the page with Undo (one action); an entry
// reverted already is refused before any question.
#include "GuiTestSupport.h"

#include "GuiApplication.h"
#include "Prompt.h"
#include "Translations.h"
#include "dialogs/RepairPreviewDialog.h"
#include "models/AuditTableModel.h"
#include "models/PlanKeyModel.h"
#include "models/ViolationTableModel.h"
#include "pages/AuditPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MessageBar.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

QStringList coupledTables()
{
    return { QStringLiteral("specialization_progress"), QStringLiteral("user_licenses") };
}

// A snapshot line's column value ("user_id=7" → "7").
QString field(const QString& line, const QString& column)
{
    for (const QString& part : line.split(u' ')) {
        if (part.startsWith(column + u'='))
            return part.mid(column.size() + 1).trimmed();
    }
    return {};
}

QSet<QString> lines(const QString& snapshot)
{
    const QStringList all = snapshot.split(u'\n', Qt::SkipEmptyParts);
    return QSet<QString>(all.cbegin(), all.cend());
}

// With CC_SCREENSHOT_DIR set, keeps a picture of `widget` there (docs/screenshots/ holds the chosen ones).
void keepScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("CC_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"), "PNG");
}

// Buttons, one-line labels and column titles squeezed below what their text needs.
QStringList squeezed(QWidget* root)
{
    QStringList found;
    for (QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        if (button->isVisible() && !button->text().isEmpty() && button->width() < button->sizeHint().width())
            found << QStringLiteral("button \"%1\" %2 < %3")
                         .arg(button->text())
                         .arg(button->width())
                         .arg(button->sizeHint().width());
    }
    for (QLabel* label : root->findChildren<QLabel*>()) {
        if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()
            && label->width() < label->sizeHint().width())
            found << QStringLiteral("label \"%1\" %2 < %3")
                         .arg(label->text())
                         .arg(label->width())
                         .arg(label->sizeHint().width());
    }
    for (QHeaderView* header : root->findChildren<QHeaderView*>()) {
        if (!header->isVisible() || header->orientation() != Qt::Horizontal)
            continue;
        for (int column = 0; column + 1 < header->count(); ++column) {
            if (header->sectionSize(column) < header->sectionSizeHint(column))
                found << QStringLiteral("column \"%1\"")
                             .arg(header->model()->headerData(column, Qt::Horizontal).toString());
        }
    }
    return found;
}

bool anyMessageBoxShown()
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<QMessageBox*>(widget) && widget->isVisible())
            return true;
    }
    return false;
}

} // namespace

class TestRepairPreview final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleRepairPreviewTests")); }
    void cleanup() { Prompt::setRepairPreviewInspector({}); }

    void repairsWhatTheFilteredPageShowsWithAStructuredPreview()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(400, 3, 0.08), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        ViolationTableModel* model = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->totalCount() > 0, 20000);

        // Filter the page to the track of the first violation listed: the repair covers only it.
        const QString track = model->violation(0).record.track;
        auto* trackBox = child<QComboBox>(window.get(), "violationsTrack");
        trackBox->setCurrentIndex(trackBox->findData(track));
        QTRY_VERIFY_WITH_TIMEOUT(
            !model->isLoading() && model->filter().track == track && model->totalCount() > 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(model->rowCount()), model->totalCount(), 20000);
        QSet<QString> shown;
        for (int row = 0; row < model->rowCount(); ++row)
            shown.insert(QStringLiteral("%1/%2")
                             .arg(model->violation(row).record.userId)
                             .arg(model->violation(row).record.track));
        const QString before = db.snapshot(coupledTables());
        QVERIFY(db.count(QStringLiteral("specialization_progress"), QStringLiteral("specialization_id <> ?"),
                    { track })
            > 0);

        // The preview, as a person reads it: summary, table, SQL on demand, Export.
        QTemporaryDir exportDir;
        const QString csv = exportDir.filePath(QStringLiteral("preview.csv"));
        QSet<QString> previewed;
        QSet<qint64> previewedUsers;
        QString summary;
        bool inspected = false;
        Prompt::setRepairPreviewInspector([&](RepairPreviewDialog& dialog) {
            inspected = true;
            summary = child<QLabel>(&dialog, "repairSummary")->text();
            QTableView* table = dialog.table();
            QAbstractItemModel* keys = table->model();
            for (int row = 0; row < keys->rowCount(); ++row) {
                previewed.insert(keys->index(row, PlanKeyModel::UserColumn).data().toString() + u'/'
                    + keys->index(row, PlanKeyModel::TrackColumn).data().toString());
                previewedUsers.insert(keys->index(row, PlanKeyModel::UserColumn).data().toLongLong());
            }
            // No command-line option reaches the window: core's reasons are put in its own words.
            for (int row = 0; row < keys->rowCount(); ++row)
                for (int column = 0; column < PlanKeyModel::ColumnCount; ++column)
                    if (keys->index(row, column)
                            .data(Qt::ToolTipRole)
                            .toString()
                            .contains(QStringLiteral("--")))
                        return false;
            // Sortable: the user column descending puts the highest id first.
            table->sortByColumn(PlanKeyModel::UserColumn, Qt::DescendingOrder);
            const qint64 top
                = keys->index(0, PlanKeyModel::UserColumn).data(PlanKeyModel::SortRole).toLongLong();
            for (int row = 1; row < keys->rowCount(); ++row)
                if (keys->index(row, PlanKeyModel::UserColumn).data(PlanKeyModel::SortRole).toLongLong()
                    > top)
                    return false;
            // Filterable: one user's id leaves that user's keys.
            const QString one = keys->index(0, PlanKeyModel::UserColumn).data().toString();
            auto* filter = child<QLineEdit>(&dialog, "previewFilter");
            QTest::keyClicks(filter, one);
            for (int row = 0; row < keys->rowCount(); ++row)
                if (!keys->index(row, PlanKeyModel::UserColumn).data().toString().contains(one))
                    return false;
            filter->clear();
            // The SQL of one key, then of all, on demand.
            auto* sql = child<QPlainTextEdit>(&dialog, "previewSql");
            if (sql->isVisibleTo(&dialog))
                return false;
            table->selectRow(0);
            QTest::mouseClick(child<QPushButton>(&dialog, "previewSqlKey"), Qt::LeftButton);
            const QString first = table->model()->index(0, PlanKeyModel::UserColumn).data().toString();
            if (!sql->isVisibleTo(&dialog)
                || !sql->toPlainText().startsWith(QStringLiteral("user %1, ").arg(first)))
                return false;
            QTest::mouseClick(child<QPushButton>(&dialog, "previewSqlAll"), Qt::LeftButton);
            if (sql->toPlainText().count(
                    QRegularExpression(QStringLiteral("^user \\d+, "), QRegularExpression::MultilineOption))
                != keys->rowCount())
                return false;
            dialog.show();
            table->selectRow(0);
            QTest::mouseClick(child<QPushButton>(&dialog, "previewSqlKey"), Qt::LeftButton);
            keepScreenshot(&dialog, QStringLiteral("repair-preview-en"));
            Prompt::queueAnswer(PromptAnswer::typed(csv));
            QTest::mouseClick(child<QPushButton>(&dialog, "previewExport"), Qt::LeftButton);
            return true; // Apply
        });
        Prompt::clearShownMessages();
        QTest::mouseClick(child<QPushButton>(window.get(), "repairAllButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        waitForIdle(*window);
        QVERIFY(inspected);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("key(s) changed")),
            qPrintable(Prompt::shownMessages().join(u'\n')));

        // What the page showed, and nothing else, was previewed and repaired.
        QCOMPARE(previewed, shown);
        QVERIFY2(summary.contains(QStringLiteral("%1 key(s) in this plan").arg(shown.size())),
            qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Keys by action: ")), qPrintable(summary));
        QVERIFY2(summary.contains(QRegularExpression(
                     QStringLiteral("Rows: \\d+ inserted, \\d+ updated, \\d+ deleted, \\d+ re-pointed"))),
            qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Keys skipped: ")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Warnings this repair creates: ")), qPrintable(summary));
        QFile exported(csv);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll().count("\r\n"), qsizetype(shown.size() + 1));
        const QString after = db.snapshot(coupledTables());
        QVERIFY(after != before);
        const QSet<QString> changed = (lines(before) - lines(after)) + (lines(after) - lines(before));
        QVERIFY(!changed.isEmpty());
        for (const QString& line : changed) { // the rows that changed
            const QString user = line.startsWith(QStringLiteral("specialization_progress:"))
                ? field(line, QStringLiteral("student_id"))
                : field(line, QStringLiteral("user_id"));
            QVERIFY2(previewedUsers.contains(user.toLongLong()), qPrintable(line));
        }
        const QString audit = toolTable("audit");
        const qint64 batch
            = db.scalar(QStringLiteral("SELECT max(batch_id) FROM %1").arg(audit)).toLongLong();
        QVERIFY(db.count(audit, QStringLiteral("batch_id = ?"), { batch }) > 0);
        QCOMPARE(db.count(audit, QStringLiteral("batch_id = ? AND track <> ?"), { batch, track }), 0);

        // Confirmed in the page, not in a box; Undo in one action restores every row.
        MessageBar* bar = window->messageBar();
        QVERIFY(bar->isVisible());
        QVERIFY(!anyMessageBoxShown());
        QVERIFY2(bar->text().contains(QStringLiteral("key(s) changed")), qPrintable(bar->text()));
        keepScreenshot(window.get(), QStringLiteral("write-message-en"));
        auto* undo = child<QToolButton>(window.get(), "writeMessageUndo");
        QVERIFY(undo->isVisible());
        Prompt::clearShownMessages();
        QTest::mouseClick(undo, Qt::LeftButton); // 1 action
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        waitForIdle(*window);
        QCOMPARE(db.snapshot(coupledTables()), before);
        QVERIFY2(bar->text().startsWith(QStringLiteral("Undo: ")), qPrintable(bar->text()));
        QVERIFY(!undo->isVisible()); // an undo is not offered for undoing again from the bar
    }

    void thePreviewAndTheMessageSpeakHungarianAt1024x640()
    {
        QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("hu"));
        applyUserPreferences();
        const auto english = qScopeGuard([] {
            QSettings().remove(QStringLiteral("ui/language"));
            Translations::install(Translations::Language::English);
        });
        TestDatabase db;
        QVERIFY2(db.initialise(300, 4, 0.08), qPrintable(db.error()));
        auto window = openWindow(db);
        window->resize(1024, 640);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        ViolationTableModel* model = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->totalCount() > 0, 20000);
        QStringList problems;
        QString summary;
        Prompt::setRepairPreviewInspector([&](RepairPreviewDialog& dialog) {
            dialog.resize(1024, 640);
            dialog.show();
            QTest::qWait(50);
            summary = child<QLabel>(&dialog, "repairSummary")->text();
            problems = squeezed(&dialog);
            keepScreenshot(&dialog, QStringLiteral("repair-preview-hu"));
            return true;
        });
        Prompt::clearShownMessages();
        QTest::mouseClick(child<QPushButton>(window.get(), "repairAllButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 60000);
        waitForIdle(*window);
        QVERIFY2(summary.contains(QStringLiteral("kulcs ebben a tervben")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Kulcsok műveletenként: ")), qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("--")), qPrintable(summary)); // no command-line flag
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        MessageBar* bar = window->messageBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(QStringLiteral("kulcs módosult")), qPrintable(bar->text()));
        QCOMPARE(
            child<QToolButton>(window.get(), "writeMessageUndo")->text(), QStringLiteral("&Visszavonás"));
        QVERIFY2(squeezed(window.get()).isEmpty(), qPrintable(squeezed(window.get()).join(u'\n')));
        // At 1024 × 640 the report leaves the page its room, and the user filter stays usable.
        QVERIFY2(bar->height() <= window->height() / 5, qPrintable(QString::number(bar->height())));
        for (const char* name :
            { "violationsUser", "violationsTable", "statusCheckAge" }) { // nothing past the right edge
            auto* widget = child<QWidget>(window.get(), name);
            QVERIFY2(widget->mapTo(window.get(), QPoint(widget->width(), 0)).x() <= window->width(), name);
        }
        QVERIFY2(child<QLineEdit>(window.get(), "violationsUser")->width() >= 150,
            qPrintable(QString::number(child<QLineEdit>(window.get(), "violationsUser")->width())));
        keepScreenshot(window.get(), QStringLiteral("write-message-hu"));
    }

    void aSelectionRepairPreviewsOnlyTheSelectedKeys()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 5, 0.08), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        ViolationTableModel* model = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 1, 20000);
        window->violations()->table()->selectRow(1);
        const ViolationRecord chosen = model->violation(1).record;
        QStringList keys;
        Prompt::setRepairPreviewInspector([&](RepairPreviewDialog& dialog) {
            QAbstractItemModel* table = dialog.table()->model();
            for (int row = 0; row < table->rowCount(); ++row)
                keys << table->index(row, PlanKeyModel::UserColumn).data().toString() + u'/'
                        + table->index(row, PlanKeyModel::TrackColumn).data().toString();
            return false; // Cancel
        });
        const QString before = db.snapshot(platformTables());
        QTest::mouseClick(child<QPushButton>(window.get(), "repairSelectedButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!keys.isEmpty(), 30000);
        waitForIdle(*window);
        QCOMPARE(keys, QStringList { QStringLiteral("%1/%2").arg(chosen.userId).arg(chosen.track) });
        QCOMPARE(db.snapshot(platformTables()), before); // cancelled: nothing written
    }

    void revertingAnEntryTwiceIsRefusedBeforeAnyQuestion()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(200, 2, 0.08), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->setCurrentPage(MainWindow::Violations);
        ViolationTableModel* violations = window->violations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!violations->isLoading() && violations->rowCount() > 0, 20000);
        window->violations()->table()->selectRow(0);
        Prompt::setRepairPreviewInspector([](RepairPreviewDialog&) { return true; });
        Prompt::clearShownMessages();
        QTest::mouseClick(child<QPushButton>(window.get(), "repairSelectedButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 30000);
        waitForIdle(*window);
        Prompt::setRepairPreviewInspector({});

        window->setCurrentPage(MainWindow::Audit);
        AuditTableModel* model = window->findChild<AuditPage*>()->model();
        auto* table = child<QTableView>(window.get(), "auditTable");
        auto* revert = child<QPushButton>(window.get(), "auditRevertButton");
        const qint64 entry
            = db.scalar(
                    QStringLiteral("SELECT max(id) FROM %1 WHERE action = 'repair'").arg(toolTable("audit")))
                  .toLongLong();
        QVERIFY(entry > 0);
        auto selectEntry = [&] {
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 10000);
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->entry(row).id == entry) {
                    table->selectRow(row);
                    return;
                }
            }
            QFAIL("entry not listed");
        };
        selectEntry();
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(revert, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 30000);
        waitForIdle(*window);
        QCOMPARE(db.count(toolTable("audit"), QStringLiteral("action = 'revert'")), 1);
        const QString reverted = db.snapshot(platformTables());

        // Again: refused with core's reason, and the queued answer is still unused (never asked).
        selectEntry();
        Prompt::clearShownMessages();
        Prompt::queueAnswer({ true });
        QTest::mouseClick(revert, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 30000);
        waitForIdle(*window);
        QVERIFY2(Prompt::shownMessages().last().contains(
                     QStringLiteral("cannot revert audit entry %1").arg(entry)),
            qPrintable(Prompt::shownMessages().last()));
        QVERIFY(Prompt::confirm(
            window.get(), QStringLiteral("probe"), QStringLiteral("the answer queued before")));
        QCOMPARE(db.snapshot(platformTables()), reverted);
        QCOMPARE(db.count(toolTable("audit"), QStringLiteral("action = 'revert'")), 1);
    }
};

QTEST_MAIN(TestRepairPreview)
#include "tst_repair_preview.moc"
