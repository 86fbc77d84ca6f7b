// Disk full on PostgreSQL (issue 15, docs/RELIABILITY.md): the server's SQLSTATE 53100 (disk_full)
// is named "no space left on the device", exit 5. A unit-level test of the mapping: the server
// raises a real error of that SQLSTATE (filling a real server's disk is not done here); the SQLite
// side, with a real SQLITE_FULL, is tst_diskfull.
#include "TestDatabase.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestDiskFullServer final : public QObject {
    Q_OBJECT

private slots:
    void serverDiskFullIsNamed()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        auto session = db.open();
        QVERIFY(session);
        auto failed = session->db().runDirect(
            QStringLiteral("DO $$ BEGIN RAISE EXCEPTION 'could not extend file \"base/1/2\": No space left "
                           "on device' USING ERRCODE = '53100'; END $$"));
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.startsWith(QStringLiteral(
                     "no space left on the device of the PostgreSQL server; nothing was changed")),
            qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QStringLiteral("could not extend file")),
            qPrintable(failed.error().message));
        QCOMPARE(exitCodeFor(failed.error().code), 5);
    }
};

QTEST_GUILESS_MAIN(TestDiskFullServer)
#include "tst_diskfull_server.moc"
