// Sign-in (issue 5): bcrypt through libxcrypt, throttling per email through the clock seam, and
// the command line asking a named operator on production for a password.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "session/SharedSignIn.h"
#include "session/SignIn.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>

#include <atomic>
#include <sys/stat.h>
#include <thread>

using namespace cc;
using cc::test::TestDatabase;

namespace {

// A production database with an active admin a@x.test, an admin whose is_active is NULL, and
// bob@x.test (all with the password "demo").
bool production(TestDatabase& db)
{
    if (!db.initialise())
        return false;
    db.addUser(QStringLiteral("a@x.test"), QStringLiteral("admin"));
    const qint64 inactive = db.addUser(QStringLiteral("n@x.test"), QStringLiteral("admin"));
    db.addUser(QStringLiteral("bob@x.test"), QStringLiteral("admin"));
    if (!db.exec(QStringLiteral("UPDATE users SET is_active = NULL WHERE id = ?"), { inactive }))
        return false;
    auto session = db.open();
    return session && Administration::setEnvironment(*session, Environment::Production).ok();
}

// A private password file (CC_PASSWORD_FILE must be 0600).
QString passwordFile(const QTemporaryDir& dir, const QByteArray& password,
    QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner)
{
    const QString path = dir.filePath(QString::fromLatin1(password.toHex()));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(password + '\n');
    file.close();
    file.setPermissions(permissions);
    return path;
}

cc::test::CliRun runWithPassword(const QStringList& arguments, const QString& file)
{
    if (file.isEmpty())
        qunsetenv("CC_PASSWORD_FILE");
    else
        qputenv("CC_PASSWORD_FILE", QFile::encodeName(file));
    auto run = cc::test::runCli(arguments);
    qunsetenv("CC_PASSWORD_FILE");
    return run;
}

} // namespace

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
        QCOMPARE(
            SignIn::waitSeconds(*session, QStringLiteral("instructor@demo.local")).value(), 0); // per email
        QVERIFY(SignIn::authenticate(*session, admin, QStringLiteral("demo")).ok());
        QCOMPARE(SignIn::waitSeconds(*session, admin).value(), 0);
        // A student has a valid password but may not use the tool.
        auto student
            = SignIn::authenticate(*session, QStringLiteral("student3@demo.local"), QStringLiteral("demo"));
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
        const QStringList update = db.cliArguments()
            + QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"), QStringLiteral("5"),
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
        auto cron = cc::test::runCli(
            db.cliArguments() + QStringList { QStringLiteral("check"), QStringLiteral("--read-only") });
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
        QVERIFY2(
            signedIn.exitCode == 0 || signedIn.err.contains("no progress row"), signedIn.err.constData());
    }
    // Issue 15: a failure recorded by a client whose clock was 30 days ahead delays the next
    // attempt by that failure's delay (1 s), not by 30 days; SQLite's time never runs behind the
    // latest audit entry.
    void aClockAheadLocksNoOneOut()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        const QString ahead = QDateTime::currentDateTimeUtc().addDays(30).toString(
            QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO %1 (email, failures, locked_until) VALUES (?, 1, ?)")
                            .arg(cc::test::toolTable("signin")),
            { QStringLiteral("a@x.test"), ahead }));
        auto session = db.open();
        QVERIFY(session);
        QCOMPARE(SignIn::waitSeconds(*session, QStringLiteral("a@x.test")).value(), 0);
        auto signedIn = SignIn::authenticate(*session, QStringLiteral("a@x.test"), QStringLiteral("demo"));
        QVERIFY2(signedIn.ok(), signedIn.ok() ? "" : qPrintable(signedIn.error().message));
        if (!TestDatabase::isPostgres()) {
            QVERIFY(db.exec(
                QStringLiteral("UPDATE cc_audit SET at = ? WHERE id = (SELECT max(id) FROM cc_audit)"),
                { ahead }));
            auto later = db.open();
            QVERIFY(later);
            QVERIFY2(later->now() >= QDateTime::fromString(ahead, Qt::ISODateWithMs),
                qPrintable(later->now().toString(Qt::ISODateWithMs)));
        } else {
            auto server = db.scalar(QStringLiteral("SELECT extract(epoch FROM now())::bigint"));
            QVERIFY(qAbs(session->serverNow().value().toSecsSinceEpoch() - server.toLongLong()) <= 2);
        }
    }

    // Issue 15: 20 sign-ins at once, 19 with wrong passwords, are one atomic read-and-increment
    // each: at most a few passwords are checked, the rest are throttled, and none fails with a
    // database error (PostgreSQL once gave a raw duplicate key).
    void parallelSignInsAreThrottled()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        constexpr int attempts = 20;
        std::atomic_bool go { false };
        std::atomic_int ready { 0 };
        std::vector<QString> messages(attempts);
        std::vector<std::thread> threads;
        for (int i = 0; i < attempts; ++i) {
            threads.emplace_back([&, i] {
                SessionOptions options;
                options.profile = db.profile();
                options.connectionName = QStringLiteral("signin-%1").arg(i);
                auto session = Session::open(options);
                ++ready;
                while (!go)
                    std::this_thread::yield();
                if (!session) {
                    messages[i] = QStringLiteral("open: ") + session.error().message;
                    return;
                }
                auto result = SignIn::authenticate(**session, QStringLiteral("a@x.test"),
                    i == attempts - 1 ? QStringLiteral("demo") : QStringLiteral("guess%1").arg(i));
                messages[i] = result.ok() ? QStringLiteral("signed in") : result.error().message;
            });
        }
        while (ready < attempts)
            QTest::qWait(10);
        go = true;
        for (std::thread& thread : threads)
            thread.join();
        int checked = 0;
        int throttled = 0;
        for (const QString& message : std::as_const(messages)) {
            if (message.startsWith(QStringLiteral("too many failed sign-ins for a@x.test: try again in")))
                ++throttled;
            else if (message == u"wrong email or password" || message == u"signed in")
                ++checked;
            else
                QFAIL(qPrintable(QStringLiteral("unexpected: ") + message));
        }
        QVERIFY2(checked <= 3 && throttled >= attempts - 3,
            qPrintable(QStringList(messages.begin(), messages.end()).join(u'\n')));
        QVERIFY(db.count(cc::test::toolTable("signin")) <= 1);
    }

    // The GUI opens two sessions with one password at once (its read and action workers): one
    // check answers both. Without it the second attempt is held back by the first's failure and
    // says "too many failed sign-ins" where the user must read "wrong email or password".
    void sessionsSharingOneSignInHearOneAnswer()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        for (const QString& password : { QStringLiteral("wrong"), QStringLiteral("demo") }) {
            SessionOptions options;
            options.profile = db.profile();
            options.operatorEmail = QStringLiteral("a@x.test");
            options.password = password;
            options.sharedSignIn = std::make_shared<SharedSignIn>();
            std::vector<QString> messages(2);
            std::vector<std::thread> threads;
            for (int i = 0; i < 2; ++i) {
                threads.emplace_back([&, i] {
                    SessionOptions own = options;
                    own.connectionName = QStringLiteral("shared-%1-%2").arg(password).arg(i);
                    auto session = Session::open(own);
                    messages[i] = session ? (*session)->op().email : session.error().message;
                });
            }
            for (std::thread& thread : threads)
                thread.join();
            const QString expected = password == u"demo" ? QStringLiteral("a@x.test")
                                                         : QStringLiteral("wrong email or password");
            QCOMPARE(messages[0], expected);
            QCOMPARE(messages[1], expected);
            const QVariant failures
                = db.scalar(QStringLiteral("SELECT failures FROM %1").arg(cc::test::toolTable("signin")));
            QCOMPARE(failures.toLongLong(), password == u"demo" ? 0 : 1);
            if (password != u"demo")
                QVERIFY(db.exec(QStringLiteral("DELETE FROM %1").arg(cc::test::toolTable("signin"))));
        }
    }

    // Issue 15: one spelling of an email everywhere, as the platform stores it: failing
    // Bob@x.test does not lock out bob@x.test.
    void oneSpellingOfAnEmail()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        auto session = db.open();
        QVERIFY(session);
        QCOMPARE(SignIn::authenticate(*session, QStringLiteral("Bob@x.test"), QStringLiteral("demo"))
                     .error()
                     .message,
            QStringLiteral("wrong email or password"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT failures FROM %1 WHERE email = ?")
                               .arg(cc::test::toolTable("signin")),
                       { QStringLiteral("Bob@x.test") })
                     .toLongLong(),
            1);
        QCOMPARE(SignIn::waitSeconds(*session, QStringLiteral("bob@x.test")).value(), 0);
        QVERIFY(SignIn::authenticate(*session, QStringLiteral("bob@x.test"), QStringLiteral("demo")).ok());
    }

    // Issue 15: an unknown email, an inactive user and a wrong password get the same answers
    // (the email aside) until the password is right.
    void sameAnswersUntilThePasswordIsRight()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        QTemporaryDir dir;
        const QString wrong = passwordFile(dir, "wrong");
        const QString right = passwordFile(dir, "demo");
        auto answer = [&](const QString& email, const QString& file) {
            auto run = runWithPassword(db.cliArguments()
                    + QStringList { QStringLiteral("env"), QStringLiteral("--operator"), email },
                file);
            return QString(QStringLiteral("exit %1: ").arg(run.exitCode)
                + QString::fromUtf8(run.err).replace(email, QStringLiteral("EMAIL")));
        };
        // No password, a wrong one, and one while throttled: the same three answers.
        auto answers = [&](const QString& email) {
            QStringList list { answer(email, {}), answer(email, wrong) };
            db.exec(QStringLiteral("DELETE FROM %1 WHERE email = ?").arg(cc::test::toolTable("signin")),
                { email });
            db.exec(QStringLiteral("INSERT INTO %1 (email, failures, locked_until) VALUES (?, 5, ?)")
                        .arg(cc::test::toolTable("signin")),
                { email,
                    QDateTime::currentDateTimeUtc().addSecs(12).toString(
                        QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) });
            list << answer(email, wrong)
                        .replace(QRegularExpression(QStringLiteral("in \\d+ s")), QStringLiteral("in N s"));
            return list;
        };
        const QStringList active = answers(QStringLiteral("a@x.test"));
        QCOMPARE(answers(QStringLiteral("n@x.test")), active);
        QCOMPARE(answers(QStringLiteral("ghost@x.test")), active);
        QVERIFY2(active.at(0).contains(QStringLiteral("must sign in"))
                && active.at(1).contains(QStringLiteral("wrong email or password"))
                && active.at(2).contains(QStringLiteral("too many failed sign-ins for EMAIL")),
            qPrintable(active.join(u'\n')));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM %1").arg(cc::test::toolTable("signin"))));
        QCOMPARE(
            answer(QStringLiteral("ghost@x.test"), right).contains(QStringLiteral("wrong email or password")),
            true);
        QVERIFY(answer(QStringLiteral("n@x.test"), right).contains(QStringLiteral("not an active user")));
        QVERIFY(answer(QStringLiteral("a@x.test"), right).startsWith(QStringLiteral("exit 0")));
    }

    // Issue 15: CC_PASSWORD_FILE must be a private regular file, and levels --import a regular
    // file: a world-readable file and a FIFO are refused at once, naming why; nothing changes.
    void passwordAndLevelFilesMustBeRegularAndPrivate()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        QTemporaryDir dir;
        const QString open = passwordFile(dir, "demo",
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                | QFileDevice::ReadOther);
        const QString fifo = dir.filePath(QStringLiteral("fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString before = db.snapshot(cc::test::guardedTables());
        const QStringList env = db.cliArguments()
            + QStringList { QStringLiteral("env"), QStringLiteral("--operator"), QStringLiteral("a@x.test") };
        auto run = runWithPassword(env, open);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("may be read by its group or others (mode 0644)"), run.err.constData());
        QElapsedTimer timer;
        timer.start();
        run = runWithPassword(env, fifo);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("it is a FIFO, not a regular file"), run.err.constData());
        run = runWithPassword(db.cliArguments()
                + QStringList { QStringLiteral("levels"), QStringLiteral("--import"), fifo,
                    QStringLiteral("--spec"), QStringLiteral("PLAYER"), QStringLiteral("--apply") },
            {});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("cannot read the level file") && run.err.contains("it is a FIFO"),
            run.err.constData());
        QVERIFY(timer.elapsed() < 20000);
        QCOMPARE(db.snapshot(cc::test::guardedTables()), before);
        QCOMPARE(db.count(cc::test::toolTable("signin")), qint64(0));
    }

    // Issue 15: --read-only with --operator on production and the right password signs in and
    // runs the view (it used to fail trying to clear the throttle: "open read-only").
    void readOnlyOperatorOnProduction()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        QTemporaryDir dir;
        auto run = runWithPassword(db.cliArguments()
                + QStringList { QStringLiteral("env"), QStringLiteral("--read-only"),
                    QStringLiteral("--operator"), QStringLiteral("a@x.test") },
            passwordFile(dir, "demo"));
        QVERIFY2(run.exitCode == 0 && run.out.trimmed() == "production", run.err.constData());
        run = runWithPassword(db.cliArguments()
                + QStringList { QStringLiteral("env"), QStringLiteral("--read-only"),
                    QStringLiteral("--operator"), QStringLiteral("a@x.test") },
            passwordFile(dir, "nope"));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("wrong email or password"), run.err.constData());
    }

    // Issue 15: Ctrl-C at the password prompt (on a terminal) exits 130 and changes nothing.
    void ctrlCAtThePromptExits130()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(production(db));
        const QString script
            = QStringLiteral("import os, pty, sys, time\n"
                             "pid, fd = pty.fork()\n"
                             "if pid == 0:\n"
                             "    os.execv(sys.argv[1], sys.argv[1:])\n"
                             "seen = b''\n"
                             "deadline = time.time() + 20\n"
                             "while b'password for' not in seen and time.time() < deadline:\n"
                             "    seen += os.read(fd, 1024)\n"
                             "os.write(fd, b'\\x03')\n"
                             "_, status = os.waitpid(pid, 0)\n"
                             "print(os.waitstatus_to_exitcode(status))\n");
        qunsetenv("CC_PASSWORD_FILE");
        const QString before = db.snapshot(cc::test::guardedTables());
        auto run = cc::test::runProgram(QStringLiteral("python3"),
            QStringList { QStringLiteral("-c"), script, qEnvironmentVariable("CC_BINARY") }
                + db.cliArguments()
                + QStringList { QStringLiteral("env"), QStringLiteral("--set"), QStringLiteral("staging"),
                    QStringLiteral("--operator"), QStringLiteral("a@x.test") },
            {}, 60000);
        QVERIFY2(run.out.trimmed() == "130",
            qPrintable(QStringLiteral("exit %1, out %2, err %3")
                           .arg(run.exitCode)
                           .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err))));
        QCOMPARE(db.snapshot(cc::test::guardedTables()), before);
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
