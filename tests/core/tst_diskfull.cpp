// Disk full on SQLite (issue 15, docs/RELIABILITY.md): a write or an init that runs out of room says
// "no space left on the device" and changes nothing: a real SQLITE_FULL on a real file, its
// connection limited with PRAGMA max_page_count. PostgreSQL: tst_diskfull_server.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "write/Operations.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

namespace {

// Lets the session's connection use no page beyond those the file has now.
bool capAtCurrentSize(Session& session)
{
    auto pages = session.db().scalar(QStringLiteral("PRAGMA page_count"));
    return pages
        && session.db()
               .runDirect(
                   QStringLiteral("PRAGMA max_page_count = %1").arg(std::max<qint64>(1, pages->toLongLong())))
               .ok();
}

} // namespace

class TestDiskFull final : public QObject {
    Q_OBJECT

private slots:
    void initOnAFullDiskChangesNothing()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto session = db.open();
        QVERIFY(session);
        QVERIFY(capAtCurrentSize(*session));
        auto result = Administration::init(*session, {});
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.startsWith(QStringLiteral("no space left on the device: ")),
            qPrintable(result.error().message));
        QVERIFY2(!result.error().message.contains(QStringLiteral("not a usable")),
            qPrintable(result.error().message));
        QCOMPARE(exitCodeFor(result.error().code), 5);
        session.reset();
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master")).toLongLong(), 0);
    }

    void writeOnAFullDiskChangesNothing()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(300, 1, 0.0));
        {
            auto session = db.open();
            QVERIFY(session->db().runDirect(QStringLiteral("VACUUM")).ok()); // no free page left to reuse
        }
        const QString track = QStringLiteral("GANCUJU_PLAYER");
        const qint64 user
            = db.scalar(
                    QStringLiteral(
                        "SELECT min(student_id) FROM specialization_progress WHERE specialization_id = ?"),
                    { track })
                  .toLongLong();
        const QStringList tables = cc::test::platformTables()
            + QStringList { QStringLiteral("cc_audit"), QStringLiteral("cc_settings") };
        const QString before = db.snapshot(tables);
        auto session = db.open();
        QVERIFY(capAtCurrentSize(*session));
        // set-level with a 64 KB reason: its audit entry needs overflow pages the file cannot get.
        auto result
            = Operations::setLevel(*session, { user, track }, 2, QString(65536, u'r'), ProgressDelta {});
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QStringLiteral("no space left on the device: ")),
            qPrintable(result.error().message));
        QCOMPARE(exitCodeFor(result.error().code), 5);
        session.reset();
        QCOMPARE(db.snapshot(tables), before);
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
