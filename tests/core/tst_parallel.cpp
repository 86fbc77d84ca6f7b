// check --parallel N (issue 4): N connections sharing one exported snapshot give exactly the
// N = 1 result, also while other connections write; refused on SQLite.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "check/PlatformRowSource.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace cc;
using cc::test::TestDatabase;

namespace {

QStringList lines(const HealthReport& report)
{
    QStringList out;
    for (const ViolationRecord& v : report.violations)
        out << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(v.userId)
                   .arg(v.track, v.kind)
                   .arg(v.progressLevel.value_or(-1))
                   .arg(v.licenseLevel.value_or(-1));
    return out;
}

} // namespace

class TestParallel final : public QObject {
    Q_OBJECT

private slots:
    void sameResultForEveryN()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(6000, 3, 0.08));
        auto session = db.open();
        CheckOptions serial;
        serial.store = false;
        auto one = HealthCheck::run(*session, serial);
        QVERIFY(one.ok());
        for (int n : { 2, 3, 4 }) {
            CheckOptions options;
            options.parallel = n;
            options.store = false;
            auto many = HealthCheck::run(*session, options);
            if (!TestDatabase::isPostgres()) {
                QVERIFY(!many.ok());
                QCOMPARE(exitCodeFor(many.error().code), 4);
                return;
            }
            QVERIFY2(many.ok(), many.ok() ? "" : qPrintable(many.error().message));
            QCOMPARE(many->totalPairs, one->totalPairs);
            QCOMPARE(many->consistent, one->consistent);
            QVERIFY(many->byKind == one->byKind);
            QVERIFY(many->warnings == one->warnings);
            QCOMPARE(lines(*many), lines(*one));
            QCOMPARE(many->byTrack.keys(), one->byTrack.keys());
        }
        // Stored like any run, violations included.
        CheckOptions stored;
        stored.parallel = 3;
        auto run = HealthCheck::run(*session, stored);
        QVERIFY(run.ok());
        QCOMPARE(db.count(session->db().tool("violations"),
                     QStringLiteral("run_id = ? AND severity = 'violation'"), { *run->runId }),
            one->inconsistent);
    }

    // PostgreSQL reads both tables as one statement merged by user id (issue 17): with the cc_ indexes
    // the plan merges two index-only scans, for the whole table and for one part's user-id range alike.
    // A sort (PostgreSQL 15 sorts when the bounds sit inside the UNION ALL) would read the tables again.
    void theMergedStreamWalksBothIndexes()
    {
        if (!TestDatabase::isPostgres())
            return; // SQLite steps two statements side by side
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(2000, 3, 0.08));
        QVERIFY(db.exec(QStringLiteral("ANALYZE")));
        const qint64 top = db.scalar(QStringLiteral("SELECT max(id) FROM users")).toLongLong();
        for (const PlatformRowSource::UserRange& range :
            { PlatformRowSource::UserRange(), PlatformRowSource::UserRange({ 1, top / 2 }) }) {
            const QStringList plan = db.planOf(QString::fromUtf8(PlatformRowSource::mergedStatement(range)));
            const QString text = plan.join(u'\n');
            QVERIFY2(plan.value(0).startsWith(QStringLiteral("Merge Append")), qPrintable(text));
            QVERIFY2(text.count(QStringLiteral("Index Only Scan using cc_")) == 2, qPrintable(text));
        }
    }

    void oneSnapshotUnderConcurrentWrites()
    {
        if (!TestDatabase::isPostgres())
            return; // sameResultForEveryN covers the refusal on SQLite
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        QList<qint64> users;
        for (int i = 0; i < 400; ++i) {
            users << db.addUser(QStringLiteral("p%1@x").arg(i));
            db.addProgress(users.last(), QStringLiteral("INTERNSHIP"), 1, 10000, 15);
            db.addLicense(users.last(), QStringLiteral("INTERNSHIP"), 1);
        }
        // The first and the last user (different ranges) share one COACH license that a writer moves
        // back and forth: in every snapshot exactly one of them misses it.
        const qint64 low = users.first();
        const qint64 high = users.last();
        db.addProgress(low, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        db.addProgress(high, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        const qint64 license = db.addLicense(low, QStringLiteral("COACH"), 1);
        auto session = db.open();
        std::atomic_bool stop { false };
        std::atomic_int moves { 0 };
        std::thread writer([&] {
            auto connection = Database::open(db.profile(), Database::OpenMode::MustExist);
            if (!connection)
                return;
            while (!stop.load()) {
                if ((*connection)
                        ->run(QStringLiteral("UPDATE user_licenses SET user_id = CASE user_id WHEN ? THEN "
                                             "CAST(? AS integer) ELSE CAST(? AS integer) END WHERE id = ?"),
                            { low, high, low, license })
                        .ok())
                    ++moves;
            }
        });
        for (int round = 0; round < 60; ++round) {
            CheckOptions options;
            options.parallel = 4;
            options.store = false;
            auto report = HealthCheck::run(*session, options);
            QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
            QCOMPARE(report->byKind[int(ViolationKind::MissingLicense)], 1);
            QCOMPARE(report->totalPairs, 402);
        }
        stop = true;
        writer.join();
        QVERIFY(moves.load() > 100);
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
