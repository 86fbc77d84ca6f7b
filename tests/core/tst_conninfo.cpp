// Passwords in connection strings (issue 15, docs/RELIABILITY.md): every spelling libpq accepts
// loses its password when the GUI remembers a connection (ConnectionProfile::withoutPassword, built
// on libpq's PQconninfoParse), and what is kept still connects to the same place.
#include "database/ConnectionProfile.h"

#include <QTest>

using namespace cc;

class TestConninfo final : public QObject {
    Q_OBJECT

private slots:
    void passwordIsDropped_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("kept"); // what must survive, in the rebuilt form
        QTest::newRow("escaped space") << QStringLiteral(R"(host=h dbname=db password=abc\ S3cret)")
                                       << QStringLiteral("S3cret") << QStringLiteral("host='h'");
        QTest::newRow("quoted with spaces around =")
            << QStringLiteral("host=h password = 'a b S3cret' dbname=db") << QStringLiteral("S3cret")
            << QStringLiteral("dbname='db'");
        QTest::newRow("quoted with an escaped quote")
            << QStringLiteral(R"(password='x\'S3cret' host=h)") << QStringLiteral("S3cret")
            << QStringLiteral("host='h'");
        QTest::newRow("URI user:password@") << QStringLiteral("postgresql://u:S3cret@h/db")
                                            << QStringLiteral("S3cret") << QStringLiteral("user='u'");
        QTest::newRow("URI, uppercase scheme") << QStringLiteral("POSTGRESQL://u:S3cret@h/db")
                                               << QStringLiteral("S3cret") << QStringLiteral("dbname='db'");
        QTest::newRow("URI, percent-encoded key") << QStringLiteral("postgresql://u@h/db?pass%77ord=S3cret")
                                                  << QStringLiteral("S3cret") << QStringLiteral("host='h'");
        QTest::newRow("URI, percent-encoded password")
            << QStringLiteral("postgres://u:%53%33cret@h:5433/db") << QStringLiteral("S3cret")
            << QStringLiteral("port='5433'");
        QTest::newRow("URI, password parameter after another")
            << QStringLiteral("postgresql://h/db?sslmode=disable&password=S3cret") << QStringLiteral("S3cret")
            << QStringLiteral("sslmode='disable'");
        QTest::newRow("key=value, uppercase value") << QStringLiteral("password=S3CRET host=h")
                                                    << QStringLiteral("S3CRET") << QStringLiteral("host='h'");
    }

    void passwordIsDropped()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        QVERIFY(ConnectionProfile::hasPassword(conninfo));
        auto rebuilt = ConnectionProfile::withoutPassword(conninfo);
        QVERIFY(rebuilt.ok());
        QVERIFY2(!rebuilt->contains(secret, Qt::CaseInsensitive), qPrintable(*rebuilt));
        QVERIFY2(!rebuilt->contains(QStringLiteral("password")), qPrintable(*rebuilt));
        QVERIFY2(rebuilt->contains(kept), qPrintable(*rebuilt));
        QVERIFY(!ConnectionProfile::hasPassword(*rebuilt));
        // What is kept still names the same server and database.
        auto again = ConnectionProfile::fromConninfo(*rebuilt);
        QVERIFY(again.ok());
        auto original = ConnectionProfile::fromConninfo(conninfo);
        QVERIFY(original.ok());
        QCOMPARE(again->host, original->host);
        QCOMPARE(again->port, original->port);
        QCOMPARE(again->database, original->database);
    }

    // A URI scheme in upper or mixed case is read like the lower-case one (libpq knows only that).
    void schemeInAnyCase_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::newRow("POSTGRESQL://") << QStringLiteral("POSTGRESQL://u:pw@h:5433/db");
        QTest::newRow("Postgres://") << QStringLiteral("Postgres://u:pw@h:5433/db");
        QTest::newRow("postgreSQL://, leading space") << QStringLiteral(" postgreSQL://u:pw@h:5433/db");
    }

    void schemeInAnyCase()
    {
        QFETCH(QString, conninfo);
        auto profile = ConnectionProfile::fromConninfo(conninfo);
        QVERIFY2(profile.ok(), qPrintable(profile.ok() ? QString() : profile.error().message));
        QCOMPARE(profile->host, QStringLiteral("h"));
        QCOMPARE(profile->port, 5433);
        QCOMPARE(profile->database, QStringLiteral("db"));
        QCOMPARE(profile->user, QStringLiteral("u"));
        QCOMPARE(profile->password, QStringLiteral("pw"));
        QVERIFY(ConnectionProfile::hasPassword(conninfo));
        QVERIFY(ConnectionProfile::looksLikeConninfo(conninfo));
    }

    // No error quotes the connection string or a part of it that may hold the password.
    void errorsNeverQuoteThePassword_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::newRow("unquoted password with a space, then a key")
            << QStringLiteral("host=h password=ab S3cret dbname=db");
        QTest::newRow("unquoted password with a space at the end")
            << QStringLiteral("host=h password=ab S3cret");
        QTest::newRow("password as the port") << QStringLiteral("host=h port=S3cret");
        QTest::newRow("unterminated quote") << QStringLiteral("host=h password='S3cret");
        QTest::newRow("URI, bad port") << QStringLiteral("postgresql://u:S3cret@h:99999/db");
        QTest::newRow("URI, bad path") << QStringLiteral("POSTGRESQL://u:S3cret@h/db%zz");
        QTest::newRow("URI, character not permitted in the password")
            << QStringLiteral("postgresql://u:S3cret%@h/db");
        QTest::newRow("URI, unknown query key") << QStringLiteral("Postgres://u:S3cret@h/db?S3cret=1");
        QTest::newRow("URI, password typed as the port") << QStringLiteral("postgresql://u:S3cret/db");
    }

    void errorsNeverQuoteThePassword()
    {
        QFETCH(QString, conninfo);
        auto profile = ConnectionProfile::fromConninfo(conninfo);
        QVERIFY(!profile.ok());
        QVERIFY2(
            !profile.error().message.contains(QStringLiteral("S3cret")), qPrintable(profile.error().message));
        QVERIFY2(
            !profile.error().message.contains(QStringLiteral("S3cr")), qPrintable(profile.error().message));
    }

    // A connection string given as a SQLite path is refused without being quoted.
    void connectionStringAsSqlitePath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("refused");
        QTest::newRow("URI") << QStringLiteral("postgresql://u:S3cret@h/db") << true;
        QTest::newRow("URI, upper case") << QStringLiteral("POSTGRES://u:S3cret@h/db") << true;
        QTest::newRow("key=value") << QStringLiteral("host=h password=S3cret") << true;
        QTest::newRow("a file") << QStringLiteral("/tmp/cc.db") << false;
        QTest::newRow("a file with =") << QStringLiteral("/tmp/a=b.db") << false;
    }

    void connectionStringAsSqlitePath()
    {
        QFETCH(QString, path);
        QFETCH(bool, refused);
        const auto checked = ConnectionProfile::checkSqlitePath(path);
        QCOMPARE(!checked.ok(), refused);
        if (refused)
            QVERIFY2(!checked.error().message.contains(QStringLiteral("S3cret")),
                qPrintable(checked.error().message));
    }

    void unparsableStringsAreNotKept()
    {
        const QString broken = QStringLiteral("host=h password='S3cret");
        QVERIFY(!ConnectionProfile::withoutPassword(broken).ok());
        QVERIFY(!ConnectionProfile::hasPassword(QStringLiteral("host=h dbname=db")));
    }
};

QTEST_GUILESS_MAIN(TestConninfo)
#include "tst_conninfo.moc"
