// Issue 18's tasks walked as their users would, in the real main window offscreen on both engines,
// with the person's actions counted (a click, a key with its modifiers, typing one text, choosing
// one list item, pressing Apply in a preview): find a user by email and see the desync (≤ 3), repair
// that user through the preview (≤ 3), inject a chosen kind into a chosen user (their track comes
// with them) and see it (≤ 4) and undo it (≤ 2), repair the violations of one kind through the
// structured preview and undo that batch in one action. What the walk ends on is checked where the
// user sees it and in the database.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "ThemeColors.h"
#include "dialogs/RepairPreviewDialog.h"
#include "models/ViolationTableModel.h"
#include "pages/QaLabPage.h"
#include "pages/UserPage.h"
#include "pages/ViolationsPage.h"
#include "widgets/MessageBar.h"
#include "widgets/MetricCard.h"
#include "widgets/SideBarBadges.h"
#include "widgets/TrackPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

// A person's actions, counted as they are made.
struct Walk {
    int actions = 0;
    void key(QWidget* widget, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        ++actions;
        QTest::keyClick(widget, key, modifiers);
    }
    void type(QWidget* widget, const QString& text)
    {
        ++actions;
        QTest::keyClicks(widget, text);
    }
    void click(QWidget* widget)
    {
        ++actions;
        QTest::mouseClick(widget, Qt::LeftButton);
    }
    void choose(QComboBox* list, const QVariant& data)
    {
        ++actions;
        list->setCurrentIndex(list->findData(data));
    }
};

QWidget* focused(MainWindow& window)
{
    return QApplication::focusWidget() ? QApplication::focusWidget() : &window;
}

int level(TestDatabase& db, const char* table, const char* userColumn, const char* trackColumn, qint64 user,
    const QString& track)
{
    return db
        .scalar(QStringLiteral("SELECT current_level FROM %1 WHERE %2 = ? AND %3 = ?")
                    .arg(QLatin1String(table), QLatin1String(userColumn), QLatin1String(trackColumn)),
            { user, track })
        .toInt();
}

} // namespace

class TestTaskWalks final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { prepareGuiTests(QStringLiteral("CouplingConsoleTaskWalkTests")); }

    void findAUserByEmailThenRepairThem()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        const QString track = QStringLiteral("LFA_COACH");
        const qint64 student = db.addUser(QStringLiteral("walk.student@example.org"));
        db.addProgress(student, track, 3);
        db.addLicense(student, track, 1);
        auto window = openWindow(db);
        waitForIdle(*window);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));

        Walk find;
        find.key(focused(*window), Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(window.get(), "userSearch"));
        find.type(QApplication::focusWidget(), QStringLiteral("walk.student@example.org"));
        find.key(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(window.get(), "userHeader")->text().contains(QStringLiteral("1 desynced track")),
            10000);
        const QList<TrackPanel*> panels = window->userPage()->trackPanels();
        QCOMPARE(panels.size(), 1);
        QVERIFY(panels.first()->view().classification.violation);
        QCOMPARE(panels.first()->view().classification.violation->kind, ViolationKind::LevelMismatch);
        QVERIFY2(find.actions <= 3, qPrintable(QString::number(find.actions)));

        Walk repair;
        Prompt::queueAnswer(PromptAnswer(true)); // the preview's Apply
        ++repair.actions;
        repair.click(child<QPushButton>(window.get(), "repairUserButton"));
        QTRY_COMPARE_WITH_TIMEOUT(
            level(db, "user_licenses", "user_id", "specialization_type", student, track), 3, 15000);
        QCOMPARE(level(db, "specialization_progress", "student_id", "specialization_id", student, track), 3);
        QTRY_VERIFY_WITH_TIMEOUT(
            !child<QLabel>(window.get(), "userHeader")->text().contains(QStringLiteral("desynced")), 10000);
        QVERIFY2(repair.actions <= 3, qPrintable(QString::number(repair.actions)));
    }

    void injectAChosenKindIntoAChosenUserThenUndoIt()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20, 1, 0.0), qPrintable(db.error())); // consistent: no violation yet
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        const QStringList coupled { QStringLiteral("specialization_progress"),
            QStringLiteral("user_licenses"), QStringLiteral("license_progressions") };
        const QString before = db.snapshot(coupled);
        auto* track = child<QComboBox>(window.get(), "qaTrack");
        // A student with one track, stored as the list spells it but not the list's first: typing
        // their id moves the list to their track, so choosing the user chooses the key.
        const QString first = track->itemText(0);
        QVariantList others;
        QStringList marks;
        for (int i = 1; i < track->count(); ++i) {
            others << track->itemText(i);
            marks << QStringLiteral("?");
        }
        const qint64 student
            = db.scalar(QStringLiteral(
                            "SELECT min(p.student_id) FROM specialization_progress p JOIN user_licenses l "
                            "ON l.user_id = p.student_id AND l.specialization_type = p.specialization_id "
                            "WHERE p.specialization_id IN (%1) AND (SELECT count(*) FROM "
                            "specialization_progress q WHERE q.student_id = p.student_id) = 1 AND "
                            "(SELECT count(*) FROM user_licenses m WHERE m.user_id = p.student_id) = 1")
                            .arg(marks.join(u',')),
                    others)
                  .toLongLong();
        QVERIFY(student > 0);

        Walk inject;
        inject.key(focused(*window), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), int(MainWindow::QaLab));
        inject.choose(child<QComboBox>(window.get(), "qaKind"), QStringLiteral("level_mismatch"));
        auto* user = child<QSpinBox>(window.get(), "qaUserId");
        user->selectAll();
        inject.type(user, QString::number(student));
        QTRY_VERIFY2_WITH_TIMEOUT(track->currentText() != first,
            qPrintable(QStringLiteral("%1 %2 [%3]").arg(user->value()).arg(student).arg(track->toolTip())),
            10000);
        const QString chosen = track->currentText();
        QCOMPARE(db.count(QStringLiteral("specialization_progress"),
                     QStringLiteral("student_id = ? AND specialization_id = ?"), { student, chosen }),
            1);
        inject.click(child<QPushButton>(window.get(), "qaInjectButton"));
        QVERIFY2(inject.actions <= 4, qPrintable(QString::number(inject.actions)));
        auto* injections = child<QTableWidget>(window.get(), "qaInjections");
        QTRY_COMPARE_WITH_TIMEOUT(injections->rowCount(), 1, 15000);
        QVERIFY(injections->item(0, 2)->text().contains(QString::number(student)));
        QVERIFY(db.snapshot(coupled) != before);
        // Seen at once, without another action: the key as it is now, read back from the database...
        const int progress
            = level(db, "specialization_progress", "student_id", "specialization_id", student, chosen);
        const int license = level(db, "user_licenses", "user_id", "specialization_type", student, chosen);
        QVERIFY(progress != license);
        QTRY_VERIFY2_WITH_TIMEOUT(
            injections->item(0, 3)->text().startsWith(QStringLiteral("Level mismatch: ")),
            qPrintable(injections->item(0, 3)->text()), 15000);
        QVERIFY2(injections->item(0, 3)->text().contains(QString::number(progress))
                && injections->item(0, 3)->text().contains(QString::number(license)),
            qPrintable(injections->item(0, 3)->text()));
        // ...and the dashboard's own check, which runs after the write by itself: its side-bar badges
        // show from the QA lab, and the dashboard counts one violation more.
        auto* sideBar = child<QListWidget>(window.get(), "sideBar");
        QTRY_COMPARE_WITH_TIMEOUT(
            sideBar->item(MainWindow::Violations)->data(SideBarBadges::BadgeTextRole).toString(),
            QStringLiteral("1"), 15000);
        QCOMPARE(sideBar->item(MainWindow::Dashboard)->data(SideBarBadges::BadgeColorRole).value<QColor>(),
            ThemeColors::forStatus(window->dashboard()->snapshot().latest->status));
        QVERIFY(window->dashboard()->snapshot().latest->status != RunStatus::Healthy);
        QCOMPARE(child<MetricCard>(window.get(), "metricViolations")->value(), QStringLiteral("1"));

        Walk undo;
        undo.click(child<QPushButton>(window.get(), "qaUndo_0"));
        QTRY_VERIFY_WITH_TIMEOUT(!child<QPushButton>(window.get(), "qaUndo_0")->isEnabled(), 15000);
        const QStringList now = db.snapshot(coupled).split(u'\n');
        const QStringList was = before.split(u'\n');
        QStringList differ;
        for (qsizetype i = 0; i < std::max(now.size(), was.size()); ++i)
            if (now.value(i) != was.value(i))
                differ << QStringLiteral("was: %1\nnow: %2").arg(was.value(i), now.value(i));
        QVERIFY2(
            differ.isEmpty(), qPrintable(differ.join(u'\n') + u'\n' + Prompt::shownMessages().join(u'\n')));
        QVERIFY2(undo.actions <= 2, qPrintable(QString::number(undo.actions)));
        QTRY_VERIFY_WITH_TIMEOUT(
            sideBar->item(MainWindow::Violations)->data(SideBarBadges::BadgeTextRole).toString().isEmpty(),
            15000);
    }

    void repairTheViolationsOfOneKindThenUndoTheBatch()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.08), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window, true);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QStringList coupled = platformTables();
        coupled.removeAll(QStringLiteral("license_progressions")); // a revert extends the history
        const QString before = db.snapshot(coupled);
        const QString kind = QStringLiteral("level_mismatch");
        const QString audit = toolTable("audit");
        const qint64 kindKeys
            = window->dashboard()->snapshot().latest->byKind[int(ViolationKind::LevelMismatch)];
        QVERIFY(kindKeys > 1);
        QVERIFY(window->dashboard()->snapshot().latest->inconsistent > kindKeys); // other kinds stay

        Walk repair;
        repair.key(focused(*window), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), int(MainWindow::Violations));
        ViolationTableModel* model = window->violations()->model();
        repair.choose(child<QComboBox>(window.get(), "violationsKind"), kind);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->filter().kind == kind, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), kindKeys, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(model->rowCount()), kindKeys, 20000);
        QList<StoredViolation> shown;
        for (int row = 0; row < model->rowCount(); ++row)
            shown << model->violation(row);
        QString summary;
        Prompt::setRepairPreviewInspector([&](RepairPreviewDialog& dialog) {
            summary = child<QLabel>(&dialog, "repairSummary")->text();
            ++repair.actions; // Apply
            return true;
        });
        repair.click(child<QPushButton>(window.get(), "repairAllButton"));
        MessageBar* bar = window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(
            bar->isVisible() && bar->text().contains(QStringLiteral("key(s) changed")), 60000);
        Prompt::setRepairPreviewInspector({});
        QVERIFY2(repair.actions <= 4, qPrintable(QString::number(repair.actions)));
        QVERIFY2(
            summary.contains(QStringLiteral("%1 key(s) in this plan").arg(kindKeys)), qPrintable(summary));
        const qint64 batch
            = db.scalar(QStringLiteral("SELECT max(batch_id) FROM %1").arg(audit)).toLongLong();
        // The batch repaired exactly the keys the filtered page showed.
        QCOMPARE(db.count(audit, QStringLiteral("batch_id = ?"), { batch }), kindKeys);
        for (const StoredViolation& row : shown)
            QVERIFY2(db.count(audit, QStringLiteral("batch_id = ? AND user_id = ? AND track = ?"),
                         { batch, row.record.userId, row.record.track })
                    == 1,
                qPrintable(QStringLiteral("%1 %2").arg(row.record.userId).arg(row.record.track)));
        // The page no longer lists what was repaired.
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->totalCount() == 0, 20000);

        Walk undo;
        undo.click(child<QToolButton>(window.get(), "writeMessageUndo"));
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().startsWith(QStringLiteral("Undo: ")), 60000);
        waitForIdle(*window);
        QVERIFY2(undo.actions <= 1, qPrintable(QString::number(undo.actions)));
        QCOMPARE(db.snapshot(coupled), before);
    }
};

QTEST_MAIN(TestTaskWalks)
#include "tst_task_walks.moc"
