// File → Connect… and the production confirmation, driven on the real main window offscreen:
// switching databases, saved profiles, a new demo database, and the preview dialog that keeps
// Apply disabled until the user id is typed.
#include "GuiTestSupport.h"

#include "Prompt.h"
#include "administration/Administration.h"
#include "dialogs/ConnectDialog.h"
#include "pages/DashboardPage.h"
#include "pages/UserPage.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QTableView>
#include <QTimer>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestConnect final : public QObject {
    Q_OBJECT

private:
    static void waitForData(MainWindow& window) { waitForIdle(window); }

private slots:
    void initTestCase() { prepareGuiTests(); }

    void fileConnectSwitchesToAnotherDatabase()
    {
        TestDatabase first;
        QVERIFY(first.initialise(30));
        TestDatabase second;
        QVERIFY(second.initialise(20));
        QVERIFY(second.exec(QStringLiteral("DELETE FROM cc_runs")));
        auto window = openWindow(first);
        waitForData(*window);
        QTRY_VERIFY_WITH_TIMEOUT(window->dashboard()->snapshot().latest.has_value(), 30000);
        window->setCurrentPage(MainWindow::Runs);
        auto* runs = child<QTableView>(window.get(), "runHistoryTable");
        QTRY_COMPARE_WITH_TIMEOUT(runs->model()->rowCount(), 1, 10000);

        // A file that is not there is refused with the reason; nothing changes.
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::connection(first.directory() + QStringLiteral("/missing.db")));
        child<QAction>(window.get(), "actionConnect")->trigger();
        QCOMPARE(window->context()->options().profile.sqlitePath, first.profile().sqlitePath);
        QVERIFY(!Prompt::shownMessages().isEmpty()
            && Prompt::shownMessages().last().contains(QStringLiteral("missing.db")));

        // The second database, read-only: the status bar, the run history and the dashboard follow.
        Prompt::queueAnswer(PromptAnswer::connection(second.profile().sqlitePath, true));
        child<QAction>(window.get(), "actionConnect")->trigger();
        QCOMPARE(window->context()->options().profile.sqlitePath, second.profile().sqlitePath);
        QVERIFY(window->context()->options().profile.readOnly);
        waitForData(*window);
        // The label gives way to the window (its middle elided); the tooltip names the whole path.
        QVERIFY(
            child<QLabel>(window.get(), "statusConnection")->toolTip().contains(second.profile().sqlitePath));
        QVERIFY(child<QLabel>(window.get(), "statusReadOnly")->text().contains(QStringLiteral("Read-only")));
        QTRY_COMPARE_WITH_TIMEOUT(runs->model()->rowCount(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->dashboard()->snapshot().latest.has_value(), 10000);
        QVERIFY(!child<QWidget>(window.get(), "errorBanner")->isVisible());
        QCOMPARE(ConnectDialog::recent().value(0), QStringLiteral("sqlite:") + second.profile().sqlitePath);

        // A saved profile: its name shows in the status bar and it can be chosen again later.
        Prompt::queueAnswer(
            PromptAnswer::connection(first.profile().sqlitePath, false, QStringLiteral("First copy")));
        child<QAction>(window.get(), "actionConnect")->trigger();
        waitForData(*window);
        QVERIFY(ConnectDialog::profileNames().contains(QStringLiteral("First copy")));
        QTRY_VERIFY(child<QLabel>(window.get(), "statusConnection")
                        ->toolTip()
                        .startsWith(QStringLiteral("First copy · sqlite:")));
        QVERIFY(
            child<QLabel>(window.get(), "statusConnection")->text().startsWith(QStringLiteral("First copy")));
        QVERIFY(!window->context()->options().profile.readOnly);

        // A user shown before a switch is forgotten with the database it came from.
        window->userPage()->openUser(window->context()->info().op.id);
        QTRY_VERIFY_WITH_TIMEOUT(window->userPage()->userId() != 0, 10000);
        Prompt::queueAnswer(PromptAnswer::connection(QStringLiteral("profile:No such profile")));
        child<QAction>(window.get(), "actionConnect")->trigger();
        QVERIFY(Prompt::shownMessages().last().contains(QStringLiteral("no profile named No such profile")));
        QVERIFY(window->userPage()->userId() != 0);
        Prompt::queueAnswer(PromptAnswer::connection(QStringLiteral("profile:First copy")));
        ConnectDialog::saveProfile(
            QStringLiteral("First copy"), QStringLiteral("sqlite:") + second.profile().sqlitePath, true);
        child<QAction>(window.get(), "actionConnect")->trigger();
        QCOMPARE(window->context()->options().profile.sqlitePath, second.profile().sqlitePath);
        QVERIFY(window->context()->options().profile.readOnly);
        QCOMPARE(window->userPage()->userId(), 0);
        QVERIFY(child<QLabel>(window.get(), "userHeader")
                    ->text()
                    .startsWith(QStringLiteral("Search for a user")));
        waitForData(*window);
        ConnectDialog::removeProfile(QStringLiteral("First copy"));
        QVERIFY(!ConnectDialog::profileNames().contains(QStringLiteral("First copy")));

        // Passwords never reach the recent list.
        QCOMPARE(ConnectDialog::withoutPassword(
                     QStringLiteral("host=db port=5432 password='s e c' dbname=p user=u")),
            QStringLiteral("user='u' dbname='p' host='db' port='5432'")); // rebuilt by libpq's parser
        QCOMPARE(ConnectDialog::withoutPassword(QStringLiteral("postgresql://u:secret@db:5432/p")),
            QStringLiteral("user='u' dbname='p' host='db' port='5432'"));
    }

    // A connection string typed as the SQLite path is refused without being shown (core's
    // ConnectionProfile::checkSqlitePath): the error would have quoted its password. Nothing is
    // remembered.
    void connectionStringAsTheSqlitePathIsNotShown()
    {
        const QStringList before = ConnectDialog::recent();
        ConnectDialog dialog(ConnectionProfile::sqlite(QStringLiteral("/nonexistent/cc.db")));
        child<QRadioButton>(&dialog, "connectSqlite")->setChecked(true);
        for (const char* path :
            { "postgresql://u:S3cret@h/db", "POSTGRES://u:S3cret@h/db", "host=h password=S3cret" }) {
            child<QLineEdit>(&dialog, "connectPath")->setText(QLatin1String(path));
            dialog.accept();
            const QString shown = child<QLabel>(&dialog, "connectError")->text();
            QVERIFY2(shown.contains(QStringLiteral("is a PostgreSQL connection string")), qPrintable(shown));
            QVERIFY2(!shown.contains(QStringLiteral("S3cret")), qPrintable(shown));
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
        }
        QCOMPARE(ConnectDialog::recent(), before);
    }

    void fileConnectCreatesANewDemoDatabase()
    {
        TestDatabase first;
        QVERIFY(first.initialise(20));
        auto window = openWindow(first);
        waitForData(*window);
        const QString path = first.directory() + QStringLiteral("/fresh-demo.db");

        Prompt::queueAnswer(PromptAnswer::newDemo(path, 150));
        child<QAction>(window.get(), "actionConnect")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->context()->options().profile.sqlitePath, path, 60000);
        waitForData(*window);
        QVERIFY(child<QLabel>(window.get(), "statusConnection")
                    ->text()
                    .contains(QStringLiteral("fresh-demo.db")));
        SessionOptions options;
        options.profile = ConnectionProfile::sqlite(path);
        auto session = Session::open(options);
        QVERIFY(session.ok());
        QCOMPARE((*session)->db().scalar(QStringLiteral("SELECT count(*) FROM users"))->toLongLong(), 150);

        // A demo database is always a new file: an existing one is refused and left alone.
        const QByteArray before = [&] {
            QFile f(first.profile().sqlitePath);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        Prompt::clearShownMessages();
        Prompt::queueAnswer(PromptAnswer::newDemo(first.profile().sqlitePath, 100));
        child<QAction>(window.get(), "actionConnect")->trigger();
        QVERIFY(Prompt::shownMessages().last().contains(QStringLiteral("already exists")));
        QCOMPARE(window->context()->options().profile.sqlitePath, path);
    }

    void productionAsksToTypeTheUserIdBeforeApplying()
    {
        TestDatabase db;
        QVERIFY(db.initialise(20));
        const qint64 student = db.addUser(QStringLiteral("desynced@x"));
        db.addProgress(student, QStringLiteral("PLAYER"), 3, 45000, 15);
        db.addLicense(student, QStringLiteral("PLAYER"), 1);
        {
            auto admin = db.open(QStringLiteral("admin@demo.local"));
            QVERIFY(Administration::setEnvironment(*admin, Environment::Production).ok());
        }
        auto window = openWindow(db);
        waitForData(*window);
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(student);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->trackPanels().size(), 1, 10000);
        const QString level = QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?");

        // The real preview dialog: Apply stays disabled until the user id is typed exactly. A
        // polling timer answers it from inside the dialog's own event loop, as a person would.
        struct Seen {
            bool dialog = false;
            bool disabledAtFirst = false;
            bool enabledAfterTyping = false;
        };
        auto answerDialog = [this](const QString& typed, bool apply, Seen* seen) {
            auto* poll = new QTimer(this);
            connect(poll, &QTimer::timeout, this, [poll, typed, apply, seen] {
                auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
                if (!dialog || dialog->objectName() != u"planPreviewDialog")
                    return;
                poll->stop();
                poll->deleteLater();
                auto* applyButton = dialog->findChild<QPushButton*>(QStringLiteral("applyPlanButton"));
                seen->dialog = true;
                seen->disabledAtFirst = !applyButton->isEnabled();
                QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("typeToConfirm")), typed);
                seen->enabledAfterTyping = applyButton->isEnabled();
                if (apply && applyButton->isEnabled())
                    applyButton->click();
                else
                    dialog->reject();
            });
            poll->start(20);
        };
        Prompt::setUnattended(false);
        const auto restore = qScopeGuard([] { Prompt::setUnattended(true); });

        Seen wrong;
        answerDialog(QString::number(student + 1), true, &wrong);
        QTest::mouseClick(child<QPushButton>(window->userPage()->trackPanels().first(), "syncTowardHigher"),
            Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wrong.dialog, 20000);
        QVERIFY(wrong.disabledAtFirst);
        QVERIFY(!wrong.enabledAfterTyping);
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->jobs().pending() == 0, 10000);
        QCOMPARE(db.scalar(level, { student }).toInt(), 1);

        Seen right;
        Prompt::clearShownMessages();
        answerDialog(QString::number(student), true, &right);
        QTest::mouseClick(child<QPushButton>(window->userPage()->trackPanels().first(), "syncTowardHigher"),
            Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(right.dialog, 20000);
        QVERIFY(right.disabledAtFirst);
        QVERIFY(right.enabledAfterTyping);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 20000);
        QCOMPARE(db.scalar(level, { student }).toInt(), 3);
    }
};

QTEST_MAIN(TestConnect)
#include "tst_connect.moc"
