// Set-up and settings (docs/BEHAVIOUR.md C1, C4, C6): init on empty and existing databases, the cc_
// indexes, thresholds, the environment and the level catalogue import.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "check/HealthCheck.h"
#include "schema/ToolSchema.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestAdministration final : public QObject {
    Q_OBJECT

private slots:
    void initOnAnEmptyDatabaseCreatesEverything()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto session = db.open();
        QVERIFY(session);
        auto result = Administration::init(*session, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QVERIFY(result->createdPlatformTables);
        QVERIFY(result->installedTools);
        QVERIFY(result->indexes);
        QCOMPARE(result->environment, Environment::Development);
        QCOMPARE(db.count(QStringLiteral("specializations")), 6);
        QCOMPARE(ToolSchema::installedVersion(session->db()).value(), ToolSchema::currentVersion);
        // No unique constraint on progress or licenses, no defaults on the license NOT NULL columns.
        const qint64 user = db.addUser(QStringLiteral("u@x"));
        db.addProgress(user, QStringLiteral("PLAYER"), 1);
        db.addProgress(user, QStringLiteral("PLAYER"), 1);
        QCOMPARE(db.count(QStringLiteral("specialization_progress")), 2);
        QVERIFY(!db.exec(QStringLiteral("INSERT INTO user_licenses (user_id, specialization_type, "
                                        "started_at) VALUES (?, 'PLAYER', '2025-01-01')"),
            { user }));
        // Running it again changes nothing but the audit.
        auto again = Administration::init(*session, {});
        QVERIFY(again.ok());
        QVERIFY(!again->createdPlatformTables && !again->installedTools);
    }

    void indexesOnAnExistingDatabaseOnlyOnRequest()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        {
            auto session = db.open();
            QVERIFY(PlatformSchema::create(session->db()).ok());
            auto result = Administration::init(*session, { Environment::Staging, false, false });
            QVERIFY(result.ok());
            QVERIFY(!result->indexes);
            QCOMPARE(result->environment, Environment::Staging);
        }
        auto session = db.open();
        auto created = Administration::init(*session, { std::nullopt, true, false });
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QVERIFY(created->indexes);
        QCOMPARE(db.count(session->db().tool("audit"), QStringLiteral("action = 'index_create'")), 1);
        auto dropped = Administration::init(*session, { std::nullopt, false, true });
        QVERIFY(dropped.ok());
        QVERIFY(!dropped->indexes);
    }

    void thresholdsAreValidatedAuditedAndCopiedIntoRuns()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        auto session = db.open();
        QVERIFY(!Administration::setThresholds(*session, QStringLiteral("99.125"), std::nullopt).ok());
        QVERIFY(!Administration::setThresholds(*session, QStringLiteral("101"), std::nullopt).ok());
        QVERIFY(!Administration::setThresholds(*session, QStringLiteral("90"), QStringLiteral("95")).ok());
        QVERIFY(!Administration::setThresholds(*session, QStringLiteral("abc"), std::nullopt).ok());
        QCOMPARE(session->thresholds().healthy, 9900);
        QVERIFY(Administration::setThresholds(*session, QStringLiteral("97.5"), QStringLiteral("90")).ok());
        QCOMPARE(session->thresholds().healthy, 9750);
        const qint64 user = db.addUser(QStringLiteral("u@x"));
        for (int i = 0; i < 40; ++i) {
            const qint64 u = db.addUser(QStringLiteral("u%1@x").arg(i));
            db.addProgress(u, QStringLiteral("INTERNSHIP"), 1, 10000, 15);
            db.addLicense(u, QStringLiteral("INTERNSHIP"), 1);
        }
        db.addProgress(user, QStringLiteral("INTERNSHIP"), 1, 10000, 15); // 40 of 41 consistent: 97.56 %
        auto report = HealthCheck::run(*session, {});
        QCOMPARE(runStatusName(report->status), QStringLiteral("healthy"));
        QCOMPARE(report->thresholds.healthy, 9750);
        QCOMPARE(db.count(session->db().tool("audit"), QStringLiteral("action = 'settings'")), 1);
    }

    void levelFileImportIsADryRunUntilApplied()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        auto session = db.open();
        const QByteArray file = R"({"levels": [
            {"level": 1, "name": "Startup Explorer", "xp_required": 10000, "required_sessions": 15},
            {"level": 2, "name": "Growth Hacker", "xp_required": 18000, "required_sessions": 18},
            {"level": 3, "name": "Startup Leader", "xp_required": 28000, "required_sessions": 22},
            {"level": 4, "name": "Scale Captain", "xp_required": 40000, "required_sessions": 26, "requirements": {"theory_hours": 5}}
        ]})";
        auto dry = Administration::importLevels(*session, QStringLiteral("INTERNSHIP"), file, false);
        QVERIFY2(dry.ok(), dry.ok() ? "" : qPrintable(dry.error().message));
        QVERIFY(!dry->applied);
        QCOMPARE(dry->changes.size(), 1);
        QVERIFY(dry->changes.first().what.startsWith(QStringLiteral("added")));
        QCOMPARE(session->catalogue().maxLevel(QStringLiteral("INTERNSHIP")), 3);
        auto applied = Administration::importLevels(*session, QStringLiteral("INTERNSHIP"), file, true);
        QVERIFY(applied.ok());
        QCOMPARE(applied->auditIds.size(), 1);
        QCOMPARE(session->catalogue().maxLevel(QStringLiteral("INTERNSHIP")), 4);
        auto reopened = db.open();
        QCOMPARE(reopened->catalogue().maxLevel(QStringLiteral("INTERNSHIP")), 4);
        const QString before = db.snapshot({ session->db().tool("levels") });
        QVERIFY(
            !Administration::importLevels(*session, QStringLiteral("INTERNSHIP"), "[{\"level\": 2}]", true)
                 .ok());
        QCOMPARE(db.snapshot({ session->db().tool("levels") }), before);
    }
};

QTEST_GUILESS_MAIN(TestAdministration)
#include "tst_administration.moc"
