// A finished run is never abandoned (docs/RELIABILITY.md, "A dead check's run is abandoned"): a
// reader that listed a run as `running` just before its check finished must not mark it
// `abandoned`, nor delete the violations it stored. The race showed in the GUI on PostgreSQL: the
// Violations page counted 0 level mismatches on the latest run after a repair.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "check/RunLiveness.h"
#include "database/Database.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace cc;
using cc::test::TestDatabase;
using cc::test::toolTable;

namespace {

qint64 storedViolations(TestDatabase& db, qint64 runId)
{
    return db
        .scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE run_id = ?").arg(toolTable("violations")),
            { runId })
        .toLongLong();
}

QString runStatus(TestDatabase& db, qint64 runId)
{
    return db.scalar(QStringLiteral("SELECT status FROM %1 WHERE id = ?").arg(toolTable("runs")), { runId })
        .toString();
}

} // namespace

class TestRunLiveness final : public QObject {
    Q_OBJECT

private slots:
    // What a reader does once it has listed a run as `running` and found its owner gone, on a run
    // whose check has finished since: nothing.
    void aFinishedRunIsNotAbandoned()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        auto session = db.open();
        QVERIFY(session);
        auto report = HealthCheck::run(*session, {});
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        const qint64 runId = report->runId.value_or(0);
        const qint64 stored = storedViolations(db, runId);
        QVERIFY(stored > 0);
        const QString status = runStatus(db, runId);

        auto abandoned = RunLiveness::abandon(session->db(), runId);
        QVERIFY2(abandoned.ok(), abandoned.ok() ? "" : qPrintable(abandoned.error().message));
        QVERIFY(!*abandoned);
        QCOMPARE(runStatus(db, runId), status);
        QCOMPARE(storedViolations(db, runId), stored);
    }

    // Readers settle runs in a loop on their own connection while checks run and finish: every
    // completed run keeps all its violations, and none is marked abandoned.
    void readersSettlingWhileChecksFinishKeepTheirViolations()
    {
        TestDatabase db;
        QVERIFY2(db.initialise(300, 1, 0.05), qPrintable(db.error()));
        const QString runs = toolTable("runs");
        const qint64 first
            = db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM %1").arg(runs)).toLongLong();
        constexpr int checks = 40;
        std::atomic<bool> done = false;
        QString checkError;
        std::thread checker([&] {
            auto session = db.open();
            for (int i = 0; session && i < checks && checkError.isEmpty(); ++i) {
                auto report = HealthCheck::run(*session, {});
                if (!report)
                    checkError = report.error().message;
            }
            if (!session)
                checkError = QStringLiteral("cannot open the checker's session");
            done = true;
        });
        auto reader = Database::open(db.profile(), Database::OpenMode::MustExist);
        QVERIFY(reader);
        int settled = 0;
        QString settleError;
        while (!done) {
            auto found = RunLiveness::settle(**reader);
            if (!found)
                settleError = found.error().message;
            ++settled;
        }
        checker.join();
        QVERIFY2(checkError.isEmpty(), qPrintable(checkError));
        QVERIFY2(settleError.isEmpty(), qPrintable(settleError));
        QVERIFY(settled > checks);

        QCOMPARE(
            db.scalar(
                  QStringLiteral("SELECT count(*) FROM %1 WHERE id >= ? AND status = 'degraded'").arg(runs),
                  { first })
                .toLongLong(),
            qint64(checks));
        const qint64 expected = storedViolations(db, first);
        QVERIFY(expected > 0);
        for (qint64 run = first; run < first + checks; ++run)
            QCOMPARE(storedViolations(db, run), expected);
    }
};

QTEST_GUILESS_MAIN(TestRunLiveness)
#include "tst_run_liveness.moc"
