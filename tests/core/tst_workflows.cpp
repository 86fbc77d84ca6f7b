// The seed report's six backend workflows (the platform's own report of them, docs/PLATFORM.md §3), with its
// numbers, through the engine on a real database.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "write/Injector.h"
#include "write/Operations.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestWorkflows final : public QObject {
    Q_OBJECT

private:
    TestDatabase* m_db = nullptr;
    std::unique_ptr<Session> m_session;
    qint64 m_user = 0;
    const KeyRef key() const { return { m_user, QStringLiteral("GANCUJU_PLAYER") }; }

    qint64 level(const QString& table, const QString& userColumn)
    {
        return m_db
            ->scalar(QStringLiteral("SELECT current_level FROM %1 WHERE %2 = ?").arg(table, userColumn),
                { m_user })
            .toLongLong();
    }

private slots:
    void initTestCase()
    {
        m_db = new TestDatabase;
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->initialise());
        m_db->addUser(QStringLiteral("admin@x"), QStringLiteral("admin"));
        m_session = m_db->open(QStringLiteral("admin@x"));
        QVERIFY(m_session);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        delete m_db;
    }

    void test1_userWithPlayerAtLevel1()
    {
        m_user = m_db->addUser(QStringLiteral("test_workflow_1@example.com"));
        m_db->addProgress(m_user, QStringLiteral("PLAYER"), 1);
        m_db->addLicense(m_user, QStringLiteral("PLAYER"), 1);
        QCOMPARE(level(QStringLiteral("specialization_progress"), QStringLiteral("student_id")), 1);
    }

    void test2_progressUpdateSyncsTheLicense()
    {
        auto update = Operations::updateProgress(*m_session, key(), { 25000, 12, 0, 0, 0 });
        QVERIFY2(update.ok(), update.ok() ? "" : qPrintable(update.error().message));
        QCOMPARE(update->oldLevel, 1);
        QCOMPARE(update->newLevel, 2);
        QCOMPARE(update->totalXp, 25000);
        QCOMPARE(update->licenseLevel, 2);
        QCOMPARE(level(QStringLiteral("user_licenses"), QStringLiteral("user_id")), 2);
        QCOMPARE(update->outcome.auditIds.size(), 1);
        // The license's level change is in its history.
        QCOMPARE(m_db->count(QStringLiteral("license_progressions"),
                     QStringLiteral("from_level = 1 AND to_level = 2")),
            1);
    }

    void test3_multipleLevelUps()
    {
        Result<ProgressUpdate> update = Error {};
        for (int i = 0; i < 3; ++i) {
            update = Operations::updateProgress(*m_session, key(), { 100000, 20, 0, 0, 0 });
            QVERIFY2(update.ok(), update.ok() ? "" : qPrintable(update.error().message));
        }
        QCOMPARE(update->newLevel, 8);
        QCOMPARE(update->totalXp, 325000);
        QCOMPARE(update->completedSessions, 72);
        QCOMPARE(level(QStringLiteral("specialization_progress"), QStringLiteral("student_id")), 8);
        QCOMPARE(level(QStringLiteral("user_licenses"), QStringLiteral("user_id")), 8);
        QCOMPARE(m_db->count(QStringLiteral("user_achievements"),
                     QStringLiteral("user_id = ? AND badge_type = 'master_level'"), { m_user }),
            1);
    }

    void test4_injectedDesyncFoundAndRepairedBySync()
    {
        auto injected = Injector::injectOne(*m_session, QStringLiteral("level_mismatch"), key());
        QVERIFY2(injected.ok(), injected.ok() ? "" : qPrintable(injected.error().message));
        auto report = HealthCheck::run(*m_session, {});
        QVERIFY(report.ok());
        QCOMPARE(report->byKind[int(ViolationKind::LevelMismatch)], 1);
        QCOMPARE(report->violations.first().userId, m_user);
        QCOMPARE(report->violations.first().progressLevel, 8);
        QCOMPARE(report->violations.first().licenseLevel, 7);
        auto synced = Operations::sync(*m_session, key(), SyncDirection::TowardHigher);
        QVERIFY(synced.ok());
        report = HealthCheck::run(*m_session, {});
        QCOMPARE(report->inconsistent, 0);
        QCOMPARE(level(QStringLiteral("user_licenses"), QStringLiteral("user_id")), 8);
    }

    void test5_healthMonitorFindsPlantedCoachDesync()
    {
        const qint64 coach = m_db->addUser(QStringLiteral("coach@example.com"));
        m_db->addProgress(coach, QStringLiteral("COACH"), 5, 130000, 25, 45, 65);
        m_db->addLicense(coach, QStringLiteral("LFA_COACH"), 3);
        auto report = HealthCheck::run(*m_session, {});
        QVERIFY(report.ok());
        QCOMPARE(report->inconsistent, 1);
        const ViolationRecord& found = report->violations.first();
        QCOMPARE(found.userId, coach);
        QCOMPARE(found.track, QStringLiteral("LFA_COACH"));
        QCOMPARE(found.kind, QStringLiteral("level_mismatch"));
        QCOMPARE(found.progressLevel, 5);
        QCOMPARE(found.licenseLevel, 3);
    }

    void test6_couplingEnforcerSetLevel()
    {
        const qint64 user = m_db->addUser(QStringLiteral("enforcer@example.com"));
        m_db->addProgress(user, QStringLiteral("PLAYER"), 3, 45000, 15);
        m_db->addLicense(user, QStringLiteral("PLAYER"), 3);
        auto done = Operations::setLevel(
            *m_session, { user, QStringLiteral("GANCUJU_PLAYER") }, 8, QStringLiteral("seed test 6"), {});
        QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
        QCOMPARE(m_db->scalar(QStringLiteral(
                                  "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                         { user })
                     .toInt(),
            8);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                         { user })
                     .toInt(),
            8);
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT max_achieved_level FROM user_licenses WHERE user_id = ?"),
                    { user })
                .toInt(),
            8);
    }

    void licenseAboveStaysAndAdvanceGuards()
    {
        const qint64 user = m_db->addUser(QStringLiteral("above@example.com"));
        m_db->addProgress(user, QStringLiteral("PLAYER"), 1, 0, 0);
        m_db->addLicense(user, QStringLiteral("PLAYER"), 3);
        const KeyRef k { user, QStringLiteral("GANCUJU_PLAYER") };
        // A mismatched key is still updated; the license above stays and nothing lowers it.
        auto update = Operations::updateProgress(*m_session, k, { 25000, 12, 0, 0, 0 });
        QVERIFY(update.ok());
        QCOMPARE(update->newLevel, 2);
        QCOMPARE(update->licenseLevel, 3);
        auto twoLevels = Operations::advance(*m_session, k, 5, {});
        QVERIFY(!twoLevels.ok());
        QVERIFY(twoLevels.error().message.contains(QStringLiteral("one level at a time")));
        auto down = Operations::advance(*m_session, k, 2, {});
        QVERIFY(!down.ok());
        auto next = Operations::advance(*m_session, k, 4, QStringLiteral("exam passed"));
        QVERIFY(next.ok());
        QCOMPARE(m_db->scalar(QStringLiteral(
                                  "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                         { user })
                     .toInt(),
            4);
        auto negative = Operations::updateProgress(*m_session, k, { -9999999, 0, 0, 0, 0 });
        QVERIFY(!negative.ok());
        auto below = Operations::updateProgress(*m_session, k, { -30000, 0, 0, 0, 0 });
        QVERIFY(!below.ok()); // 25000 - 30000 would be negative
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                    { user })
                .toInt(),
            25000);
    }
};

QTEST_GUILESS_MAIN(TestWorkflows)
#include "tst_workflows.moc"
