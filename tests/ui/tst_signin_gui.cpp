// Sign-in in the GUI (issue 5): on a production database the real main window asks the named
// operator for their platform password before anything can change; a wrong password, a throttled
// email and a role that may not use the tool are refused in the dialog, and declining goes on as
// the system, which may only look. Without a keyring (as in CI) the password is asked each time.
#include "SignInTestSupport.h"

#include "pages/DashboardPage.h"
#include "widgets/MessageBar.h"
#include "write/Operations.h"

#include <QAction>
#include <QToolButton>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

class TestSignInGui final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        prepareGuiTests(QStringLiteral("CouplingConsoleSignInTests"));
        // No session bus, hence no keyring: the ask-each-time path, whatever desktop runs the test.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
    }

    void aWrongPasswordIsRefusedAndLookingOnlyChangesNothing()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        const QString before = db.snapshot(guardedTables());
        auto window = openWithoutPassword(db, QStringLiteral("admin@demo.local"));
        bool keyringOffered = true;
        QString email;
        QVERIFY(actOnSignInDialog([&](SignInDialog& dialog) {
            email = dialog.findChild<QLineEdit*>(QStringLiteral("signInEmail"))->text();
            keyringOffered = dialog.findChild<QCheckBox*>(QStringLiteral("signInRemember"))->isEnabled();
            signInWith(dialog, QStringLiteral("not the password"));
        }));
        QCOMPARE(email, QStringLiteral("admin@demo.local"));
        QVERIFY2(!keyringOffered,
            "no keyring runs in this test, so the dialog must not offer to keep the password");
        QString refusal;
        QVERIFY(actOnSignInDialog([&](SignInDialog& dialog) {
            refusal = signInMessage(dialog);
            QTest::mouseClick(
                dialog.findChild<QPushButton*>(QStringLiteral("signInLookOnly")), Qt::LeftButton);
        }));
        QCOMPARE(refusal, QStringLiteral("wrong email or password"));
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->info().loaded, 10000);
        QVERIFY(window->context()->info().op.isSystem());
        QCOMPARE(child<QLabel>(window.get(), "statusOperator")->text(),
            QStringLiteral("Operator: system (system)"));
        QVERIFY(child<QAction>(window.get(), "actionSignIn")->isEnabled());
        waitForIdle(*window);
        QCOMPARE(db.snapshot(guardedTables()), before);
        // The failure is counted per email in the tool's own table, which slows the next attempt.
        QCOMPARE(db.count(toolTable("signin"), QStringLiteral("email = ?"),
                     { QStringLiteral("admin@demo.local") }),
            1);
    }

    void theRightPasswordSignsTheOperatorIn()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        auto window = openWithoutPassword(db, QStringLiteral("instructor@demo.local"));
        QVERIFY(actOnSignInDialog([](SignInDialog& dialog) { signInWith(dialog, QStringLiteral("demo")); }));
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->info().loaded, 10000);
        QCOMPARE(window->context()->info().op.email, QStringLiteral("instructor@demo.local"));
        QCOMPARE(child<QLabel>(window.get(), "statusOperator")->text(),
            QStringLiteral("Operator: instructor@demo.local (instructor)"));
        waitForIdle(*window);
        QCOMPARE(db.count(toolTable("signin")), 0);
    }

    void aStudentIsRefusedWithTheRightPassword()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        const QString student
            = db.scalar(QStringLiteral("SELECT email FROM users WHERE role = 'student' ORDER BY id LIMIT 1"))
                  .toString();
        QVERIFY(!student.isEmpty());
        auto window = openWithoutPassword(db, student);
        QVERIFY(actOnSignInDialog([](SignInDialog& dialog) { signInWith(dialog, QStringLiteral("demo")); }));
        QString refusal;
        QVERIFY(actOnSignInDialog([&](SignInDialog& dialog) {
            refusal = signInMessage(dialog);
            dialog.reject();
        }));
        QCOMPARE(refusal,
            QStringLiteral("%1 has the role student, which may not use Coupling Console").arg(student));
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->info().loaded, 10000);
        QVERIFY(window->context()->info().op.isSystem());
    }

    void anOperatorMaySignInLaterFromTheFileMenu()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        // Opened without an operator: the system, which only looks on production, and nothing is asked.
        auto window = openWithoutPassword(db, QString());
        waitForIdle(*window);
        QVERIFY(window->context()->info().op.isSystem());
        auto* action = child<QAction>(window.get(), "actionSignIn");
        QVERIFY(action->isEnabled());
        QTimer::singleShot(0, action, &QAction::trigger);
        QVERIFY(actOnSignInDialog([](SignInDialog& dialog) {
            QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("signInEmail")),
                QStringLiteral("admin@demo.local"));
            signInWith(dialog, QStringLiteral("demo"));
        }));
        QTRY_COMPARE_WITH_TIMEOUT(
            window->context()->info().op.email, QStringLiteral("admin@demo.local"), 10000);
    }

    // The keyring is read without a nested event loop on the GUI thread (issue 16): asking to sign in
    // returns at once, before anything queued behind it runs, and the dialog comes after.
    void signingInDoesNotWaitOnTheGuiThread()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        auto window = openWithoutPassword(db, QString());
        waitForIdle(*window);
        bool asking = true;
        bool ranWhileAsking = false;
        QTimer::singleShot(0, window.get(), [&] { ranWhileAsking = asking; });
        child<QAction>(window.get(), "actionSignIn")->trigger();
        asking = false;
        QVERIFY(!ranWhileAsking);
        QVERIFY(actOnSignInDialog([](SignInDialog& dialog) { dialog.reject(); }));
        waitForIdle(*window);
        QVERIFY(window->context()->info().op.isSystem());
    }

    void signingInIsOfferedOnlyOnProduction()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(20));
        auto window = openWithoutPassword(db, QStringLiteral("admin@demo.local"));
        waitForIdle(*window);
        QCOMPARE(window->context()->info().op.email, QStringLiteral("admin@demo.local"));
        QVERIFY(!child<QAction>(window.get(), "actionSignIn")->isEnabled());
    }

    // An Undo from the message bar is a write: on production it is asked first, and declining it
    // changes nothing.
    void anUndoOnProductionIsAskedFirst()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(makeProduction(db));
        SessionOptions options;
        options.profile = db.profile();
        options.operatorEmail = QStringLiteral("admin@demo.local");
        options.password = QStringLiteral("demo");
        options.source = QStringLiteral("gui");
        auto window = std::make_unique<MainWindow>(options);
        window->resize(1280, 800);
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(window->context()->info().loaded, 10000);
        waitForIdle(*window);

        const QStringList coupled { QStringLiteral("specialization_progress"),
            QStringLiteral("user_licenses") };
        const QString before = db.snapshot(coupled);
        auto session = db.open(QStringLiteral("admin@demo.local"));
        QVERIFY(session);
        const KeyRef key {
            db.scalar(QStringLiteral("SELECT min(student_id) FROM specialization_progress")).toLongLong(),
            db.scalar(
                  QStringLiteral("SELECT specialization_id FROM specialization_progress WHERE student_id = "
                                 "(SELECT min(student_id) FROM specialization_progress) ORDER BY id LIMIT 1"))
                .toString()
        };
        auto written = Operations::updateProgress(*session, key, ProgressDelta { .xp = 5 });
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        const QString after = db.snapshot(coupled);
        QVERIFY(after != before);
        const qint64 entry
            = db.scalar(QStringLiteral("SELECT max(id) FROM %1").arg(toolTable("audit"))).toLongLong();
        emit window->context()->writeReported(
            { QStringLiteral("Update progress"), QStringLiteral("done"), std::nullopt, { entry }, false });
        auto* undo = child<QToolButton>(window.get(), "writeMessageUndo");
        QVERIFY(undo->isVisible());

        Prompt::queueAnswer(PromptAnswer(false));
        QTest::mouseClick(undo, Qt::LeftButton);
        QVERIFY2(Prompt::lastQuestion().contains(QStringLiteral("production database")),
            qPrintable(Prompt::lastQuestion()));
        waitForIdle(*window);
        QCOMPARE(db.snapshot(coupled), after);
        QVERIFY(undo->isEnabled()); // still offered
    }
};

QTEST_MAIN(TestSignInGui)
#include "tst_signin_gui.moc"
