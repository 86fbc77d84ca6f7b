// Passwords in connection strings (issue 15, docs/RELIABILITY.md): every spelling libpq accepts
// loses its password when the GUI remembers a connection (ConnectionProfile::withoutPassword, built
// on libpq's PQconninfoParse), and what is kept still connects to the same place.
#include "ConnectionProfile.h"

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
        // What is kept still names the same server and database (the tool's own parser reads the
        // uppercase scheme as key=value text, so that row has nothing to compare with).
        auto again = ConnectionProfile::fromConninfo(*rebuilt);
        QVERIFY(again.ok());
        auto original = ConnectionProfile::fromConninfo(conninfo);
        if (!conninfo.startsWith(QLatin1String("POSTGRESQL")))
            QVERIFY(original.ok());
        else
            return;
        QCOMPARE(again->host, original->host);
        QCOMPARE(again->port, original->port);
        QCOMPARE(again->database, original->database);
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
