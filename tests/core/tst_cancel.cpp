// Cancel (docs/BEHAVIOUR.md C8, issue 2): a check running for at least 1 s, cancelled through the worker
// after 100 ms, stops within 1 s and is stored as cancelled. Since issue 17 the check reads at about
// the speed of a plain scan, so it takes 500k users (1M keys) to last a second on a quiet machine.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "check/RunStore.h"
#include "worker/CoreWorker.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cc;
using cc::test::TestDatabase;

class TestCancel final : public QObject {
    Q_OBJECT

private slots:
    void cancelStopsALongCheckWithinASecond()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(500000));
        SessionOptions options;
        options.profile = db.profile();
        {
            // The premise: uncancelled, this check runs for at least 1 s.
            auto session = Session::open(options);
            QVERIFY(session.ok());
            QElapsedTimer full;
            full.start();
            auto report = HealthCheck::run(**session, {});
            QVERIFY(report.ok());
            QVERIFY2(full.elapsed() >= 1000,
                qPrintable(QStringLiteral("the full check took only %1 ms").arg(full.elapsed())));
        }

        CoreWorker worker(options);
        QSignalSpy finished(&worker, &CoreWorker::finished);
        QSignalSpy progress(&worker, &CoreWorker::progress);
        const quint64 id = worker.submit(
            [](Session& session, CancelToken& cancel, const ProgressFn& report) -> Result<void> {
                CheckOptions check;
                check.cancel = &cancel;
                check.progress = report;
                auto result = HealthCheck::run(session, check);
                if (!result)
                    return result.error();
                return Ok {};
            });
        QTest::qWait(100);
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        worker.cancel(id);
        QVERIFY(finished.wait(5000));
        const qint64 stoppedAfter = sinceCancel.elapsed();
        QVERIFY2(
            stoppedAfter < 1000, qPrintable(QStringLiteral("stopped %1 ms after cancel").arg(stoppedAfter)));
        const auto outcome = finished.first().first().value<JobOutcome>();
        QCOMPARE(outcome.id, id);
        QVERIFY(!outcome.result);
        QCOMPARE(outcome.result.error().code, ErrorCode::Cancelled);

        auto session = Session::open(options);
        auto runs = RunStore::runs((**session).db(), 1);
        QVERIFY(runs.ok());
        QCOMPARE(runStatusName(runs->first().status), QStringLiteral("cancelled"));
        QCOMPARE(db.count((**session).db().tool("violations"), QStringLiteral("run_id = ?"),
                     { *runs->first().runId }),
            0);
    }

    void workerReportsProgressAndResults()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(20000));
        SessionOptions options;
        options.profile = db.profile();
        CoreWorker worker(options);
        QSignalSpy finished(&worker, &CoreWorker::finished);
        QSignalSpy progress(&worker, &CoreWorker::progress);
        // Written by the worker before it reports the job finished.
        auto pairs = std::make_shared<qint64>(0);
        worker.submit(
            [pairs](Session& session, CancelToken& cancel, const ProgressFn& report) -> Result<void> {
                CheckOptions check;
                check.cancel = &cancel;
                check.progress = report;
                auto result = HealthCheck::run(session, check);
                if (!result)
                    return result.error();
                *pairs = result->totalPairs;
                return Ok {};
            });
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.first().first().value<JobOutcome>();
        QVERIFY2(outcome.result, qPrintable(outcome.result ? QString() : outcome.result.error().message));
        QVERIFY(*pairs > 20000);
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last().at(1).toLongLong(), progress.last().at(2).toLongLong()); // ends at 100 %
    }
};

QTEST_GUILESS_MAIN(TestCancel)
#include "tst_cancel.moc"
