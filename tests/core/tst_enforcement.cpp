// Core enforces the permission table for every front end (docs/BEHAVIOUR.md C7): the same calls the
// GUI and the CLI make are refused for the wrong operator and change nothing.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "write/CouplingWriter.h"
#include "write/Injector.h"
#include "write/Operations.h"
#include "write/Repair.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestEnforcement final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    qint64 m_student = 0;
    const KeyRef key() const { return { m_student, QStringLiteral("GANCUJU_PLAYER") }; }
    QString state()
    {
        return m_db->snapshot({ QStringLiteral("specialization_progress"), QStringLiteral("user_licenses") });
    }

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->initialise());
        m_db->addUser(QStringLiteral("admin@x"), QStringLiteral("admin"));
        m_db->addUser(QStringLiteral("teacher@x"), QStringLiteral("INSTRUCTOR"));
        m_db->addUser(QStringLiteral("gone@x"), QStringLiteral("admin"), false);
        m_student = m_db->addUser(QStringLiteral("student@x"), QStringLiteral("student"));
        m_db->addProgress(m_student, QStringLiteral("PLAYER"), 2, 25000, 12);
        m_db->addLicense(m_student, QStringLiteral("PLAYER"), 1);
    }

    void instructorMaySyncButNotUpdateProgress()
    {
        auto teacher = m_db->open(QStringLiteral("teacher@x"));
        QVERIFY(teacher);
        const QString before = state();
        auto update = Operations::updateProgress(*teacher, key(), { 100, 0, 0, 0, 0 });
        QVERIFY(!update.ok());
        QCOMPARE(update.error().code, ErrorCode::Refused);
        QVERIFY(update.error().message.contains(QStringLiteral("instructor")));
        QVERIFY(!Operations::setLevel(*teacher, key(), 3, QStringLiteral("r"), {}).ok());
        QVERIFY(!Repair::repairAll(*teacher, {}).ok());
        QVERIFY(!Injector::injectOne(*teacher, QStringLiteral("level_mismatch"), key()).ok());
        QVERIFY(!Administration::setEnvironment(*teacher, Environment::Staging).ok());
        QCOMPARE(state(), before);
        auto synced = Operations::sync(*teacher, key(), SyncDirection::TowardHigher);
        QVERIFY2(synced.ok(), synced.ok() ? "" : qPrintable(synced.error().message));
        QVERIFY(state() != before);
    }

    void aPlanPreviewedByAnAdminIsRefusedToAnInstructor()
    {
        auto admin = m_db->open(QStringLiteral("admin@x"));
        auto teacher = m_db->open(QStringLiteral("teacher@x"));
        QVERIFY(admin && teacher);
        auto plan = CouplingWriter::preview(
            *admin, { key() }, Operations::setLevelPlanner(3, QStringLiteral("r"), {}));
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        const QString before = state();
        auto applied = CouplingWriter::apply(*teacher, *plan);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, ErrorCode::Refused);
        WriteOptions batch;
        batch.batch = true;
        auto repairs = Repair::previewUser(*admin, m_student, {}, {});
        QVERIFY(repairs.ok());
        QVERIFY(!CouplingWriter::apply(*teacher, *repairs, batch).ok()); // a batch repair is repair-all
        QCOMPARE(state(), before);
        QVERIFY(CouplingWriter::apply(*admin, *plan).ok());
        QVERIFY(state() != before);
    }

    // A plan whose change names an action the permission table does not know is refused to
    // everyone, even an admin, and changes nothing (it was once given the Revert permission).
    void aChangeNamingNoKnownActionIsRefused()
    {
        auto admin = m_db->open(QStringLiteral("admin@x"));
        QVERIFY(admin);
        auto plan = CouplingWriter::preview(
            *admin, { key() }, Operations::setLevelPlanner(3, QStringLiteral("r"), {}));
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(plan->keys.size(), 1);
        plan->keys.first().action = QStringLiteral("rewrite_history");
        const QString before = state();
        const qint64 audit = m_db->count(cc::test::toolTable("audit"));
        auto applied = CouplingWriter::apply(*admin, *plan);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, ErrorCode::Refused);
        QVERIFY2(applied.error().message.contains(QStringLiteral("rewrite_history")),
            qPrintable(applied.error().message));
        QCOMPARE(state(), before);
        QCOMPARE(m_db->count(cc::test::toolTable("audit")), audit);
    }

    void studentsAndInactiveUsersAreRefused()
    {
        auto student = m_db->open(QStringLiteral("student@x"));
        QVERIFY(student);
        const QString before = state();
        QVERIFY(!Operations::sync(*student, key(), SyncDirection::TowardHigher).ok());
        QVERIFY(!Operations::previewSync(*student, key(), SyncDirection::TowardHigher).ok());
        QCOMPARE(state(), before);
        SessionOptions options;
        options.profile = m_db->profile();
        options.operatorEmail = QStringLiteral("gone@x");
        auto inactive = Session::open(options);
        QVERIFY(!inactive.ok());
        QCOMPARE(exitCodeFor(inactive.error().code), 4);
        options.operatorEmail = QStringLiteral("nobody@x");
        QVERIFY(!Session::open(options).ok());
    }

    void productionNeedsANamedOperatorAndForbidsInjection()
    {
        {
            auto system = m_db->open();
            QVERIFY(Administration::setEnvironment(*system, Environment::Production).ok());
        }
        auto system = m_db->open();
        QCOMPARE(system->environment(), Environment::Production);
        const QString before = state();
        auto refusedSync = Operations::sync(*system, key(), SyncDirection::TowardHigher);
        QVERIFY(!refusedSync.ok());
        QVERIFY(refusedSync.error().message.contains(QStringLiteral("--operator")));
        auto admin = m_db->open(QStringLiteral("admin@x"));
        auto injected = Injector::injectOne(*admin, QStringLiteral("level_mismatch"), key());
        QVERIFY(!injected.ok());
        QVERIFY(injected.error().message.contains(QStringLiteral("production")));
        QCOMPARE(state(), before);
        auto repaired = Repair::repairUser(*admin, m_student, {}, {});
        QVERIFY(repaired.ok());
        // The operator's id is recorded in the license history.
        const qint64 adminId
            = m_db->scalar(QStringLiteral("SELECT id FROM users WHERE email = 'admin@x'")).toLongLong();
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT advanced_by FROM license_progressions")).toLongLong(),
            adminId);
    }
};

QTEST_GUILESS_MAIN(TestEnforcement)
#include "tst_enforcement.moc"
