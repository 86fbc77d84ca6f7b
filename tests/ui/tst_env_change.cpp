// The environment changed from elsewhere (issue 18): `env --set production` run by another process
// on the same database while the window is open. The window's next write reads the environment and
// the operator again first: it shows PRODUCTION, offers sign-in (enabled) where a signed-in operator
// is needed, then asks for the production confirmation with the field focused. No text the window
// shows in these refusals names a command-line option; the QA lab says injection is never allowed
// on production. Both engines.
#include "SignInTestSupport.h"

#include "pages/QaLabPage.h"
#include "pages/UserPage.h"
#include "write/Injector.h"

#include <QAction>
#include <QRegularExpression>
#include <QTimer>

using namespace cc;
using namespace cc::test;
using namespace cc::ui;

namespace {

// A student's key with a level mismatch planted as QA would (the first key the injector takes).
qint64 plantMismatch(TestDatabase& db)
{
    auto session = db.open(QStringLiteral("admin@demo.local"));
    if (!session)
        return 0;
    for (int row = 0; row < 20; ++row) {
        const qint64 user
            = db.scalar(QStringLiteral("SELECT student_id FROM specialization_progress ORDER BY id "
                                       "LIMIT 1 OFFSET %1")
                            .arg(row))
                  .toLongLong();
        const QString track
            = db.scalar(QStringLiteral("SELECT specialization_id FROM specialization_progress "
                                       "ORDER BY id LIMIT 1 OFFSET %1")
                            .arg(row))
                  .toString();
        if (Injector::injectOne(*session, QStringLiteral("level_mismatch"), { user, track }))
            return user;
    }
    return 0;
}

bool setEnvironmentElsewhere(TestDatabase& db, Environment environment)
{
    auto admin = db.open(QStringLiteral("admin@demo.local"));
    return admin && Administration::setEnvironment(*admin, environment).ok();
}

// Every text a person can read in the window now: labels, buttons, tooltips, messages shown.
QStringList visibleTexts(QWidget* root)
{
    QStringList texts = Prompt::shownMessages();
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        texts << widget->toolTip();
        if (auto* label = qobject_cast<QLabel*>(widget))
            texts << label->text();
        if (auto* button = qobject_cast<QAbstractButton*>(widget))
            texts << button->text();
    }
    for (QAction* action : root->findChildren<QAction*>())
        texts << action->text() << action->toolTip();
    return texts;
}

QString namingAnOption(const QStringList& texts)
{
    static const QRegularExpression option(QStringLiteral("(^|[\\s(“\"])--[a-z]"));
    for (const QString& text : texts) {
        if (option.match(text).hasMatch())
            return text;
    }
    return {};
}

// Waits for a modal plan preview (the production confirmation) and hands it to `act`.
bool actOnPreview(const std::function<void(QDialog&)>& act)
{
    return actOnModal<QDialog>(act,
        [](QDialog& dialog) { return dialog.findChild<QPushButton*>(QStringLiteral("applyPlanButton")); });
}

} // namespace

class TestEnvChange final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        prepareGuiTests(QStringLiteral("CouplingConsoleEnvChangeTests"));
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // no keyring: the password is asked
        qunsetenv("DISPLAY");
    }

    void aWriteAfterProductionElsewhereOffersSignInThenTheConfirmation()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        const qint64 user = plantMismatch(db);
        QVERIFY(user > 0);
        auto window = openWithoutPassword(db, QStringLiteral("admin@demo.local"));
        waitForIdle(*window);
        auto* chip = child<QLabel>(window.get(), "environmentChip");
        QCOMPARE(chip->text(), QStringLiteral("DEVELOPMENT"));
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(user);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), user, 10000);
        auto* repair = child<QPushButton>(window.get(), "repairUserButton");
        QTRY_VERIFY_WITH_TIMEOUT(repair->isEnabled(), 10000);
        const QStringList coupled { QStringLiteral("specialization_progress"),
            QStringLiteral("user_licenses") };
        const QString before = db.snapshot(coupled);

        QVERIFY(setEnvironmentElsewhere(db, Environment::Production));
        Prompt::clearShownMessages();
        QTest::mouseClick(repair, Qt::LeftButton);
        QString chipWhileAsked;
        QString message;
        QVERIFY2(actOnSignInDialog([&](SignInDialog& dialog) {
            chipWhileAsked = chip->text();
            message = signInMessage(dialog);
            signInWith(dialog, QStringLiteral("demo"));
        }),
            "the write must offer sign-in, not refuse");
        QCOMPARE(chipWhileAsked, QStringLiteral("PRODUCTION"));
        QVERIFY2(namingAnOption({ message }).isEmpty(), qPrintable(message));
        QVERIFY2(namingAnOption(Prompt::shownMessages()).isEmpty(),
            qPrintable(Prompt::shownMessages().join(u'\n')));
        QTRY_COMPARE_WITH_TIMEOUT(
            window->context()->info().op.email, QStringLiteral("admin@demo.local"), 10000);
        waitForIdle(*window);
        QCOMPARE(chip->text(), QStringLiteral("PRODUCTION"));
        QVERIFY(child<QAction>(window.get(), "actionSignIn")->isEnabled());

        // Signed in: the same write now asks for the production confirmation, its field focused.
        window->userPage()->openUser(user);
        QTRY_VERIFY_WITH_TIMEOUT(repair->isEnabled(), 10000);
        QString focused;
        QTimer::singleShot(0, repair, [repair] { QTest::mouseClick(repair, Qt::LeftButton); });
        QVERIFY2(actOnPreview([&](QDialog& dialog) {
            QTRY_VERIFY(dialog.focusWidget() != nullptr);
            focused = dialog.focusWidget()->objectName();
            dialog.reject();
        }),
            "a repair on production asks for confirmation");
        QCOMPARE(focused, QStringLiteral("typeToConfirm"));
        waitForIdle(*window);
        QCOMPARE(db.snapshot(coupled), before);
    }

    // A signed-in admin (password given) on a database made production elsewhere: injection is
    // refused in the window's words, and nothing the window shows names a command-line option.
    void injectionIsNeverAllowedOnProductionAndNoTextNamesAnOption()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(20), qPrintable(db.error()));
        auto window = openWindow(db);
        waitForIdle(*window);
        window->setCurrentPage(MainWindow::QaLab);
        auto* inject = child<QPushButton>(window.get(), "qaInjectButton");
        QVERIFY(inject);
        QVERIFY(inject->isEnabled());
        QVERIFY(setEnvironmentElsewhere(db, Environment::Production));
        const qint64 audits = db.count(toolTable("audit"));
        Prompt::clearShownMessages();
        QTest::mouseClick(inject, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!Prompt::shownMessages().isEmpty(), 10000);
        QVERIFY2(Prompt::shownMessages().last().contains(QStringLiteral("never allowed on a production")),
            qPrintable(Prompt::shownMessages().last()));
        QCOMPARE(child<QLabel>(window.get(), "environmentChip")->text(), QStringLiteral("PRODUCTION"));
        QTRY_VERIFY(!inject->isEnabled());
        waitForIdle(*window);
        QCOMPARE(db.count(toolTable("audit")), audits);
        const QString offending = namingAnOption(visibleTexts(window.get()));
        QVERIFY2(offending.isEmpty(), qPrintable(offending));
    }

    // The system (no operator) on production: every refusal the window shows is in its own words.
    void theSystemOnProductionIsToldInTheWindowsWords()
    {
        TestDatabase db;
        QVERIFY(makeProduction(db));
        auto window = openWithoutPassword(db, QString());
        waitForIdle(*window);
        const qint64 user
            = db.scalar(QStringLiteral("SELECT min(student_id) FROM specialization_progress")).toLongLong();
        window->setCurrentPage(MainWindow::User);
        window->userPage()->openUser(user);
        QTRY_COMPARE_WITH_TIMEOUT(window->userPage()->userId(), user, 10000);
        waitForIdle(*window);
        QStringList texts;
        for (const auto page : { MainWindow::User, MainWindow::Violations, MainWindow::QaLab,
                 MainWindow::Audit, MainWindow::Settings }) {
            window->setCurrentPage(page);
            QCoreApplication::processEvents();
            texts += visibleTexts(window.get());
        }
        const QString repairTip = child<QPushButton>(window.get(), "repairUserButton")->toolTip();
        QVERIFY2(repairTip.contains(QStringLiteral("sign in"), Qt::CaseInsensitive), qPrintable(repairTip));
        const QString offending = namingAnOption(texts);
        QVERIFY2(offending.isEmpty(), qPrintable(offending));
    }
};

QTEST_MAIN(TestEnvChange)
#include "tst_env_change.moc"
