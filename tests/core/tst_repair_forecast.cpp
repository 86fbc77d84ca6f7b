// What a previewed repair leaves behind (core/RepairForecast) on a real database, both engines: the
// steps by action, the keys skipped by class, the warnings the repair creates, and the skip reasons'
// words, which the audit and the command line have always printed, read back to their class.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "schema/LevelCatalogue.h"
#include "write/Repair.h"
#include "write/RepairForecast.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestRepairForecast final : public QObject {
    Q_OBJECT

private slots:
    void aSkipReasonIsReadBackToItsClass()
    {
        QCOMPARE(skipReasonText(SkipClass::MissingLicense, QStringLiteral("not created")),
            QStringLiteral("missing license: not created"));
        QCOMPARE(skipReasonText(SkipClass::ManualReview, QStringLiteral("X is not in the level catalogue")),
            QStringLiteral("manual_review: X is not in the level catalogue"));
        QCOMPARE(skipReasonText(SkipClass::Locked, QStringLiteral("held")), QStringLiteral("locked: held"));
        QCOMPARE(skipReasonText(SkipClass::Other, QStringLiteral("disk full")), QStringLiteral("disk full"));
        for (const SkipClass kind : { SkipClass::MissingLicense, SkipClass::ManualReview, SkipClass::Locked })
            QCOMPARE(skipClassOf(skipReasonText(kind, QStringLiteral("a: b"))), kind);
        // Other words before a colon, a colon too far in, or none: not a class of the tool's.
        QCOMPARE(skipClassOf(QStringLiteral("UNIQUE constraint failed: user_licenses.id")), SkipClass::Other);
        QCOMPARE(skipClassOf(QStringLiteral("locked")), SkipClass::Locked);
        QCOMPARE(skipClassOf(QString(60, u'x') + QStringLiteral(": locked")), SkipClass::Other);
        QCOMPARE(skipClassOf(QString()), SkipClass::Other);
    }

    void aRepairAllPlanIsForecastByStepSkipAndWarning()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        db.addUser(QStringLiteral("admin@x"), QStringLiteral("admin"));
        const qint64 mismatch = db.addUser(QStringLiteral("mismatch@x"));
        db.addProgress(mismatch, QStringLiteral("LFA_COACH"), 3, 130000, 25, 45, 65);
        db.addLicense(mismatch, QStringLiteral("LFA_COACH"), 2);
        const qint64 duplicate = db.addUser(QStringLiteral("duplicate@x"));
        db.addProgress(duplicate, QStringLiteral("INTERNSHIP"), 1);
        db.addLicense(duplicate, QStringLiteral("INTERNSHIP"), 1);
        db.addLicense(duplicate, QStringLiteral("INTERNSHIP"), 1);
        const qint64 unlicensed = db.addUser(QStringLiteral("unlicensed@x"));
        db.addProgress(unlicensed, QStringLiteral("INTERNSHIP"), 1);
        const qint64 unknown = db.addUser(QStringLiteral("unknown@x"));
        db.addProgress(unknown, QStringLiteral("NOT_A_TRACK"), 1);
        db.addLicense(unknown, QStringLiteral("NOT_A_TRACK"), 2);
        // Progress at the level its (zero) counters justify, the license above: syncing the progress up
        // to the license creates the unjustified-level warning.
        const qint64 unjustified = db.addUser(QStringLiteral("unjustified@x"));
        db.addProgress(unjustified, QStringLiteral("INTERNSHIP"), 1);
        db.addLicense(unjustified, QStringLiteral("INTERNSHIP"), 3);
        auto session = db.open(QStringLiteral("admin@x"));
        QVERIFY(session);
        QVERIFY(HealthCheck::run(*session, {}).ok());

        auto plan = Repair::previewAll(*session, {});
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        const PlanForecast forecast = PlanForecast::of(*plan, session->catalogue());
        QCOMPARE(forecast.keys.size(), plan->keys.size());
        const ForecastStep merge { RecommendedAction::MergeDuplicates };
        const ForecastStep sync { RecommendedAction::SyncProgressToLicense };
        const ForecastStep syncUp { RecommendedAction::SyncLicenseToProgress };
        QCOMPARE(forecast.keysByAction.value(merge), 1);
        QCOMPARE(forecast.keysByAction.value(sync), 1);
        QCOMPARE(forecast.keysByAction.value(syncUp), 1);
        QCOMPARE(forecast.skippedByReason.value({ SkipClass::MissingLicense, QString() }), 1);
        QCOMPARE(forecast.skippedByReason.value({ SkipClass::ManualReview, QString() }), 1);
        QCOMPARE(forecast.skippedByReason.size(), 2);
        QCOMPARE(forecast.warningsCreated.value(WarningKind::UnjustifiedLevel), 1);
        QCOMPARE(forecast.deleted, 1);
        for (qsizetype i = 0; i < plan->keys.size(); ++i) {
            const KeyChange& change = plan->keys.at(i);
            const KeyForecast& key = forecast.keys.at(i);
            if (change.key.userId == mismatch) {
                QCOMPARE(key.steps, QList<ForecastStep>({ sync }));
                QCOMPARE(key.licenseBefore, 2);
                QCOMPARE(key.licenseAfter, 3);
                QVERIFY(!key.violationAfter);
            } else if (change.key.userId == unjustified) {
                QCOMPARE(key.steps, QList<ForecastStep>({ syncUp }));
                QCOMPARE(key.warningsAfter, QList<WarningKind>({ WarningKind::UnjustifiedLevel }));
            } else if (change.key.userId == unlicensed) {
                QCOMPARE(skipClassOf(change.skipReason), SkipClass::MissingLicense);
                QVERIFY(key.steps.isEmpty());
            }
        }
        QCOMPARE(ForecastStep {}.name(), QStringLiteral("other_update"));
        QCOMPARE(merge.name(), QStringLiteral("merge_duplicates"));
    }
};

QTEST_GUILESS_MAIN(TestRepairForecast)
#include "tst_repair_forecast.moc"
