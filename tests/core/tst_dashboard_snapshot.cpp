// The dashboard's read model (core/DashboardSnapshot), on both engines and without a window: what
// one refresh reads after a check and after a write, and how a long rate history is thinned.
#include "TestDatabase.h"
#include "check/DashboardSnapshot.h"
#include "check/HealthCheck.h"
#include "write/Operations.h"

#include <QTest>

#include <algorithm>

using namespace cc;
using cc::test::TestDatabase;

class TestDashboardSnapshot final : public QObject {
    Q_OBJECT

private slots:
    void readsTheLatestRunItsViolationsAndTheChangesSince()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(300, 1, 0.05));
        auto session = db.open();
        QVERIFY(session);

        auto before = DashboardSnapshot::read(*session, 3600);
        QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error().message));
        QVERIFY(!before->latest && !before->newest);
        QVERIFY(before->history.isEmpty() && before->topViolations.isEmpty());
        QCOMPARE(before->from.secsTo(before->to), 3600);

        auto report = HealthCheck::run(*session, {});
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QVERIFY(report->inconsistent > 8);
        auto after = DashboardSnapshot::read(*session, 3600);
        QVERIFY(after.ok());
        QVERIFY(after->latest && after->newest);
        QCOMPARE(after->latest->runId, report->runId);
        QCOMPARE(after->newest->runId, report->runId);
        QCOMPARE(after->latest->inconsistent, report->inconsistent);
        QCOMPARE(after->history.size(), 1);
        QCOMPARE(after->history.first().rate, double(*report->rateHundredths) / 100.0);
        QCOMPARE(after->topViolations.size(), 8); // the first of the run's violations, in key order
        QCOMPARE(after->topViolations.first().userId, report->violations.first().userId);
        QCOMPARE(after->topViolations.first().kind, report->violations.first().kind);
        QCOMPARE(after->changesSinceCheck, 0);

        // A key with one progress row (an update of a duplicated one is refused until it is repaired).
        const auto mismatch = std::find_if(
            report->violations.cbegin(), report->violations.cend(), [](const ViolationRecord& record) {
                return record.kind == kindName(ViolationKind::LevelMismatch);
            });
        QVERIFY(mismatch != report->violations.cend());
        const KeyRef key { mismatch->userId, mismatch->track };
        auto written = Operations::updateProgress(*session, key, ProgressDelta { .xp = 5 });
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
        auto changed = DashboardSnapshot::read(*session, 3600);
        QVERIFY(changed.ok());
        QCOMPARE(changed->changesSinceCheck, 1);
        qint64 marked = 0;
        for (const AuditChangeBucket& bucket : changed->changes)
            marked += bucket.injections ? 0 : bucket.entries;
        QCOMPARE(marked, 1);
    }

    void aLongHistoryIsThinnedToMeans()
    {
        const QDateTime start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        QList<RatePoint> points;
        for (int i = 0; i < 5000; ++i)
            points.append(RatePoint { start.addSecs(i * 60), i % 2 == 0 ? 98.0 : 100.0 });
        QCOMPARE(DashboardSnapshot::bucketed(points, 5000), points);
        const QList<RatePoint> thinned = DashboardSnapshot::bucketed(points, 2000);
        QVERIFY(thinned.size() <= 2000 && thinned.size() >= 1000);
        QVERIFY(thinned.first().at >= points.first().at && thinned.last().at <= points.last().at);
        for (qsizetype i = 1; i < thinned.size(); ++i)
            QVERIFY(thinned.at(i - 1).at < thinned.at(i).at);
        double sum = 0;
        for (const RatePoint& point : thinned) {
            QVERIFY(point.rate >= 98.0 && point.rate <= 100.0);
            sum += point.rate;
        }
        QVERIFY(std::abs(sum / double(thinned.size()) - 99.0) < 0.1);
    }
};

QTEST_GUILESS_MAIN(TestDashboardSnapshot)
#include "tst_dashboard_snapshot.moc"
