// Who may act (CONTRACT C7, issue 14 and 15): an operator is active only when users.is_active is
// true. NULL is inactive, as on the platform; on SQLite, which has no boolean type, only 1, 't' and
// 'true' as stored are true. Judged in core (Operator, UserView), so sign-in, every command and the
// user view agree.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "check/UserView.h"
#include "database/StoredBoolean.h"
#include "session/SignIn.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestOperator final : public QObject {
    Q_OBJECT

private slots:
    void storedBooleans_data()
    {
        QTest::addColumn<QVariant>("stored");
        QTest::addColumn<bool>("active");
        QTest::newRow("NULL") << QVariant() << false;
        QTest::newRow("false") << QVariant(false) << false;
        QTest::newRow("true") << QVariant(true) << true;
        if (TestDatabase::isPostgres())
            return; // a PostgreSQL boolean holds nothing else
        QTest::newRow("'f'") << QVariant(QStringLiteral("f")) << false;
        QTest::newRow("'no'") << QVariant(QStringLiteral("no")) << false;
        QTest::newRow("'false'") << QVariant(QStringLiteral("false")) << false;
        QTest::newRow("'0'") << QVariant(QStringLiteral("0")) << false;
        QTest::newRow("0") << QVariant(qint64(0)) << false;
        QTest::newRow("2") << QVariant(qint64(2)) << false;
        QTest::newRow("''") << QVariant(QStringLiteral("")) << false;
        QTest::newRow("'TRUE'") << QVariant(QStringLiteral("TRUE")) << false;
        QTest::newRow("'yes'") << QVariant(QStringLiteral("yes")) << false;
        QTest::newRow("1") << QVariant(qint64(1)) << true;
        QTest::newRow("'1'") << QVariant(QStringLiteral("1")) << true;
        QTest::newRow("'t'") << QVariant(QStringLiteral("t")) << true;
        QTest::newRow("'true'") << QVariant(QStringLiteral("true")) << true;
    }

    // The stored value, written as the platform (or a hand edit) would, read back through the
    // driver: the operator lookup, the user view, the command line and sign-in all agree.
    void storedBooleans()
    {
        QFETCH(QVariant, stored);
        QFETCH(bool, active);
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const QString email = QStringLiteral("op@x.test");
        const qint64 id = db.addUser(email, QStringLiteral("admin"));
        QVERIFY(db.exec(QStringLiteral("UPDATE users SET is_active = ? WHERE id = ?"), { stored, id }));
        {
            auto session = db.open();
            QVERIFY(session);
            auto op = Operator::lookup(session->db(), email);
            QCOMPARE(op.ok(), active);
            if (!active)
                QVERIFY2(op.error().message.contains(QStringLiteral("not an active user")),
                    qPrintable(op.error().message));
            auto view = UserView::load(*session, id);
            QVERIFY2(view.ok(), view.ok() ? "" : qPrintable(view.error().message));
            QCOMPARE(view->user.active, active);
        }
        auto run = cc::test::runCli(
            db.cliArguments() + QStringList { QStringLiteral("env"), QStringLiteral("--operator"), email });
        QVERIFY2(run.exitCode == (active ? 0 : 4), run.err.constData());
        // On production the right password does not make an inactive user active.
        {
            auto session = db.open();
            QVERIFY(Administration::setEnvironment(*session, Environment::Production).ok());
            auto signedIn = SignIn::authenticate(*session, email, QStringLiteral("demo"));
            QCOMPARE(signedIn.ok(), active);
        }
    }

    void storedTrueRule()
    {
        QVERIFY(!isStoredTrue(QVariant()));
        QVERIFY(!isStoredTrue(QVariant(QMetaType::fromType<bool>())));
        QVERIFY(isStoredTrue(QVariant(1.0)));
        QVERIFY(!isStoredTrue(QVariant(0.5)));
        QVERIFY(!isStoredTrue(QVariant(QStringLiteral(" t"))));
    }
};

QTEST_GUILESS_MAIN(TestOperator)
#include "tst_operator.moc"
