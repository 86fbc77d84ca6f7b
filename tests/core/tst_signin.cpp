// Sign-in (issue 5): bcrypt through libxcrypt, throttling per email through the clock seam, and
// the command line asking a named operator on production for a password.
#include "Administration.h"
#include "SignIn.h"
#include "TestDatabase.h"

#include <QTemporaryFile>
#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestSignIn final : public QObject {
    Q_OBJECT

private slots:
    void bcryptHashes()
    {
        const QByteArray demo = "$2b$12$.n22nTX5XRQnorhQzaQ0luiHukJSNXs5wmfVpMAUlUTWSbn4tzWWa";
        QVERIFY(SignIn::verifyHash("demo", demo));
        QVERIFY(!SignIn::verifyHash("Demo", demo));
        QVERIFY(!SignIn::verifyHash("", demo));
        QVERIFY(!SignIn::verifyHash("demo", "not a hash"));
        QVERIFY(!SignIn::verifyHash("demo", ""));
    }

    void failuresAreSlowedPerEmail()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(20));
        auto session = db.open();
        QDateTime now = QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);
        session->setClock([&now] { return now; });
        const QString admin = QStringLiteral("admin@demo.local");
        auto ok = SignIn::authenticate(*session, admin, QStringLiteral("demo"));
        QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
        QCOMPARE(ok->role, Role::Admin);

        QList<qint64> waits;
        for (int attempt = 0; attempt < 7; ++attempt) {
            auto wrong = SignIn::authenticate(*session, admin, QStringLiteral("guess%1").arg(attempt));
            QVERIFY(!wrong.ok());
            QCOMPARE(wrong.error().message, QStringLiteral("wrong email or password"));
            waits << SignIn::waitSeconds(*session, admin).value();
            // While waiting, even the right password is refused.
            auto early = SignIn::authenticate(*session, admin, QStringLiteral("demo"));
            QVERIFY(!early.ok());
            QVERIFY(early.error().message.contains(QStringLiteral("try again")));
            now = now.addSecs(waits.last());
        }
        QCOMPARE(waits, (QList<qint64> { 1, 2, 4, 8, 16, 30, 30 }));
        QCOMPARE(SignIn::waitSeconds(*session, QStringLiteral("instructor@demo.local")).value(), 0); // per email
        QVERIFY(SignIn::authenticate(*session, admin, QStringLiteral("demo")).ok());
        QCOMPARE(SignIn::waitSeconds(*session, admin).value(), 0);
        // A student has a valid password but may not use the tool.
        auto student = SignIn::authenticate(*session, QStringLiteral("student3@demo.local"), QStringLiteral("demo"));
        QVERIFY(!student.ok());
        QVERIFY(student.error().message.contains(QStringLiteral("student")));
    }

    void namedOperatorOnProductionMustSignIn()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(20));
        {
            auto session = db.open();
            QVERIFY(Administration::setEnvironment(*session, Environment::Production).ok());
        }
        const QStringList update = db.cliArguments() + QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"), QStringLiteral("5"),
                                                                      QStringLiteral("--spec"), QStringLiteral("INTERNSHIP"), QStringLiteral("--xp"),
                                                                      QStringLiteral("10"), QStringLiteral("--operator"), QStringLiteral("admin@demo.local") };
        const QString before = db.snapshot({ QStringLiteral("specialization_progress") });
        qunsetenv("CC_PASSWORD_FILE");
        auto noPassword = cc::test::runCli(update);
        QCOMPARE(noPassword.exitCode, 4);
        QVERIFY2(noPassword.err.contains("must sign in"), noPassword.err.constData());
        QTemporaryFile wrong;
        QVERIFY(wrong.open());
        wrong.write("nope\n");
        wrong.flush();
        qputenv("CC_PASSWORD_FILE", wrong.fileName().toLocal8Bit());
        auto refusedRun = cc::test::runCli(update);
        QCOMPARE(refusedRun.exitCode, 4);
        QVERIFY(refusedRun.err.contains("wrong email or password"));
        QCOMPARE(db.snapshot({ QStringLiteral("specialization_progress") }), before);
        // The system may still run a read-only check for cron.
        auto cron = cc::test::runCli(db.cliArguments() + QStringList { QStringLiteral("check"), QStringLiteral("--read-only") });
        QVERIFY2(cron.exitCode >= 0 && cron.exitCode <= 3, cron.err.constData());
        // After the throttle delay, the right password works.
        QTest::qWait(1100);
        QTemporaryFile right;
        QVERIFY(right.open());
        right.write("demo\n");
        right.flush();
        qputenv("CC_PASSWORD_FILE", right.fileName().toLocal8Bit());
        auto signedIn = cc::test::runCli(update);
        qunsetenv("CC_PASSWORD_FILE");
        QVERIFY2(signedIn.exitCode == 0 || signedIn.err.contains("no progress row"), signedIn.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
