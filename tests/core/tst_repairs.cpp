// Repairs, plans, reverts and atomicity (docs/BEHAVIOUR.md C5, C6) on a real database.
#include "TestDatabase.h"
#include "audit/AuditLog.h"
#include "check/HealthCheck.h"
#include "write/CouplingWriter.h"
#include "write/Operations.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QJsonArray>
#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestRepairs final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Session> m_session;

    qint64 level(const QString& table, qint64 user)
    {
        const QString column
            = table == u"user_licenses" ? QStringLiteral("user_id") : QStringLiteral("student_id");
        return m_db
            ->scalar(QStringLiteral("SELECT current_level FROM %1 WHERE %2 = ?").arg(table, column), { user })
            .toLongLong();
    }

    HealthReport check()
    {
        auto report = HealthCheck::run(*m_session, {});
        return report ? *report : HealthReport {};
    }

    const QStringList platformTables { QStringLiteral("specialization_progress"),
        QStringLiteral("user_licenses"), QStringLiteral("user_achievements") };

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->initialise());
        m_db->addUser(QStringLiteral("admin@x"), QStringLiteral("admin"));
        m_session = m_db->open(QStringLiteral("admin@x"));
        QVERIFY(m_session);
    }

    void cleanup()
    {
        m_session.reset();
        m_db.reset();
    }

    void everyKindIsRepairedToConsistent()
    {
        auto user = [&](const char* email) { return m_db->addUser(QString::fromLatin1(email)); };
        const qint64 a = user("a@x");
        m_db->addProgress(a, QStringLiteral("PLAYER"), 2, 25000, 12);
        m_db->addProgress(a, QStringLiteral("GANCUJU_PLAYER"), 3, 45000, 15);
        m_db->addLicense(a, QStringLiteral("PLAYER"), 2);
        const qint64 b = user("b@x");
        m_db->addProgress(b, QStringLiteral("INTERNSHIP"), 2, 18000, 18);
        m_db->addLicense(b, QStringLiteral("INTERNSHIP"), 1);
        m_db->addLicense(b, QStringLiteral("INTERNSHIP"), 2);
        const qint64 c = user("c@x");
        m_db->addProgress(c, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        const qint64 d = user("d@x");
        m_db->addLicense(d, QStringLiteral("LFA_FOOTBALL_PLAYER"), 4);
        const qint64 e = user("e@x");
        m_db->addProgress(e, QStringLiteral("INTERNSHIP"), 7, 28000, 22);
        m_db->addLicense(e, QStringLiteral("INTERNSHIP"), 9, 9);
        const qint64 f = user("f@x");
        m_db->addProgress(f, QStringLiteral("COACH"), 5, 130000, 25, 45, 65);
        m_db->addLicense(f, QStringLiteral("LFA_COACH"), 3);
        QVERIFY(m_db->exec(
            QStringLiteral("INSERT INTO specializations (id, is_active) VALUES ('LEGACY_X', ?)"), { true }));
        const qint64 g = user("g@x");
        m_db->addProgress(g, QStringLiteral("LEGACY_X"), 1);
        QCOMPARE(check().inconsistent, 7);

        RepairOptions options;
        options.createLicenses = true;
        auto repaired = Repair::repairAll(*m_session, options);
        QVERIFY2(repaired.ok(), repaired.ok() ? "" : qPrintable(repaired.error().message));
        QVERIFY(repaired->batchId.has_value());
        // The unknown track is never touched: listed for manual review.
        QCOMPARE(repaired->skipped.size(), 1);
        QCOMPARE(repaired->skipped.first().key.userId, g);
        QVERIFY(repaired->skipped.first().reason.startsWith(QStringLiteral("manual_review")));
        const HealthReport after = check();
        QCOMPARE(after.inconsistent, 1);
        QCOMPARE(after.byKind[int(ViolationKind::UnknownSpecialization)], 1);
        QCOMPARE(level(QStringLiteral("user_licenses"), f), 5); // toward the higher level
        QCOMPARE(level(QStringLiteral("specialization_progress"), e), 3); // clamped to INTERNSHIP's 3
        QCOMPARE(
            m_db->scalar(
                    QStringLiteral("SELECT max_achieved_level FROM user_licenses WHERE user_id = ?"), { e })
                .toInt(),
            3);
        QCOMPARE(level(QStringLiteral("specialization_progress"), d), 4); // created at the license level
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                    { d })
                .toInt(),
            0);
        QCOMPARE(m_db->count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"), { c }), 1);
    }

    // docs/BEHAVIOUR.md C2: the repair judges a staff credential by the check's own role test, so a
    // key the check leaves out as staff (a role that is not "student", compared case-insensitively
    // and without trimming) is never repaired, and a student's is.
    void aKeyTheCheckCallsStaffIsNeverRepaired()
    {
        const qint64 padded = m_db->addUser(QStringLiteral("padded@x"), QStringLiteral("student "));
        m_db->addLicense(padded, QStringLiteral("LFA_COACH"), 2);
        const qint64 learner = m_db->addUser(QStringLiteral("learner@x"), QStringLiteral("STUDENT"));
        m_db->addLicense(learner, QStringLiteral("LFA_COACH"), 2);
        const HealthReport report = check();
        QCOMPARE(report.staffCredentials, 1);
        QCOMPARE(report.byKind[int(ViolationKind::MissingProgress)], 1);

        for (const qint64 user : { padded, learner })
            QVERIFY(Repair::repairUser(*m_session, user, {}, {}).ok());
        QCOMPARE(m_db->count(
                     QStringLiteral("specialization_progress"), QStringLiteral("student_id = ?"), { padded }),
            0);
        QCOMPARE(m_db->count(QStringLiteral("specialization_progress"), QStringLiteral("student_id = ?"),
                     { learner }),
            1);
    }

    void missingLicensesNeedTheExplicitOption()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        m_db->addLicense(u, QStringLiteral("INTERNSHIP"), 9);
        m_db->addProgress(u, QStringLiteral("INTERNSHIP"), 1);
        auto repaired = Repair::repairUser(*m_session, u, {}, {});
        QVERIFY(repaired.ok());
        QCOMPARE(repaired->skipped.size(), 1);
        QVERIFY(repaired->skipped.first().reason.contains(QStringLiteral("--create-licenses")));
        QCOMPARE(m_db->count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"), { u }), 1);
        // The other key was still fixed in the same run: clamped, then synced toward the higher level.
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"), { u })
                .toInt(),
            3);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT current_level FROM specialization_progress WHERE "
                                             "student_id = ? AND specialization_id = 'INTERNSHIP'"),
                         { u })
                     .toInt(),
            3);
    }

    void noLevelIsLoweredWithoutAnExplicitDirection()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("PLAYER"), 3, 45000, 15);
        m_db->addLicense(u, QStringLiteral("PLAYER"), 5);
        auto repaired = Repair::repairUser(*m_session, u, QStringLiteral("GANCUJU_PLAYER"), {});
        QVERIFY(repaired.ok());
        QCOMPARE(level(QStringLiteral("specialization_progress"), u), 5);
        QCOMPARE(level(QStringLiteral("user_licenses"), u), 5);

        const qint64 v = m_db->addUser(QStringLiteral("v@x"));
        m_db->addProgress(v, QStringLiteral("PLAYER"), 3, 45000, 15);
        m_db->addLicense(v, QStringLiteral("PLAYER"), 5);
        RepairOptions options;
        options.direction = SyncDirection::ProgressToLicense;
        QVERIFY(Repair::repairUser(*m_session, v, {}, options).ok());
        QCOMPARE(level(QStringLiteral("user_licenses"), v), 3);
        QCOMPARE(
            m_db->scalar(
                    QStringLiteral("SELECT max_achieved_level FROM user_licenses WHERE user_id = ?"), { v })
                .toInt(),
            5);
    }

    void mergeKeepsTheRightRowsAndAuditsTheRemovedOnes()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        const qint64 low = m_db->addProgress(u, QStringLiteral("PLAYER"), 2, 99999, 99);
        const qint64 empty = m_db->addProgress(
            u, QStringLiteral("GANCUJU_PLAYER"), QVariant(QMetaType::fromType<int>()), 5, 5);
        const qint64 high = m_db->addProgress(u, QStringLiteral("PLAYER"), 4, 70000, 18);
        const qint64 l1 = m_db->addLicense(u, QStringLiteral("PLAYER"), 4, 6);
        const qint64 l2 = m_db->addLicense(u, QStringLiteral("GANCUJU_PLAYER"), 4, 4);
        QVERIFY(m_db->exec(
            QStringLiteral("UPDATE user_licenses SET updated_at = '2026-01-01 00:00:00' WHERE id = ?"),
            { l2 }));
        QVERIFY(m_db->exec(
            QStringLiteral(
                "INSERT INTO license_progressions (user_license_id, from_level, to_level) VALUES (?, 3, 4)"),
            { l1 }));
        QVERIFY(m_db->exec(
            QStringLiteral(
                "INSERT INTO license_progressions (user_license_id, from_level, to_level) VALUES (?, 3, 4)"),
            { l2 }));
        auto repaired = Repair::repairUser(*m_session, u, {}, {});
        QVERIFY2(repaired.ok(), repaired.ok() ? "" : qPrintable(repaired.error().message));
        // The rows holding the real record (C6 step 1): the most XP, not the highest level; the
        // license equally referenced and unpaid, so the higher max_achieved_level, not the newer row.
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT id FROM specialization_progress WHERE student_id = ?"), { u })
                .toLongLong(),
            low);
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                    { u })
                .toInt(),
            99999); // not summed
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT id FROM user_licenses WHERE user_id = ?"), { u })
                     .toLongLong(),
            l1);
        QCOMPARE(
            m_db->scalar(
                    QStringLiteral("SELECT max_achieved_level FROM user_licenses WHERE user_id = ?"), { u })
                .toInt(),
            6);
        QCOMPARE(m_db->count(
                     QStringLiteral("license_progressions"), QStringLiteral("user_license_id = ?"), { l1 }),
            2); // l2's re-pointed
        // The kept rows already share one spelling: the least change respells nothing (C5).
        QCOMPARE(
            m_db->scalar(QStringLiteral(
                             "SELECT specialization_id FROM specialization_progress WHERE student_id = ?"),
                    { u })
                .toString(),
            QStringLiteral("PLAYER"));
        QCOMPARE(
            m_db->scalar(
                    QStringLiteral("SELECT specialization_type FROM user_licenses WHERE user_id = ?"), { u })
                .toString(),
            QStringLiteral("PLAYER"));
        auto entry = AuditLog::entry(m_session->db(), repaired->auditIds.first());
        QVERIFY(entry.ok() && entry->has_value());
        QSet<qint64> removed;
        for (const QJsonValue& row :
            (*entry)->before.value(QStringLiteral("specialization_progress")).toArray())
            removed.insert(row.toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(removed, (QSet<qint64> { low, empty, high }));
        QCOMPARE((*entry)->after.value(QStringLiteral("specialization_progress")).toArray().size(), 1);
        const QJsonObject lowRow
            = (*entry)->before.value(QStringLiteral("specialization_progress")).toArray().first().toObject();
        QCOMPARE(lowRow.value(QStringLiteral("total_xp")).toInteger(), 99999); // whole rows
        QVERIFY(lowRow.contains(QStringLiteral("created_at")));
        QCOMPARE(check().inconsistent, 0);

        // Revert puts every removed row back with its id and points the history back.
        auto reverted = Reverter::revert(*m_session, repaired->auditIds.first());
        QVERIFY2(reverted.ok(), reverted.ok() ? "" : qPrintable(reverted.error().message));
        QCOMPARE(
            m_db->count(QStringLiteral("specialization_progress"), QStringLiteral("student_id = ?"), { u }),
            3);
        QCOMPARE(m_db->count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"), { u }), 2);
        QCOMPARE(m_db->scalar(QStringLiteral(
                                  "SELECT user_license_id FROM license_progressions ORDER BY id LIMIT 1"))
                     .toLongLong(),
            l1);
        QCOMPARE(
            m_db->scalar(QStringLiteral(
                             "SELECT user_license_id FROM license_progressions ORDER BY id LIMIT 1 OFFSET 1"))
                .toLongLong(),
            l2);
    }

    void aKeyWithSeveralDefectsEndsConsistent()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("INTERNSHIP"), 0, 18000, 18);
        m_db->addLicense(u, QStringLiteral("INTERNSHIP"), 12, 12);
        m_db->addLicense(u, QStringLiteral("INTERNSHIP"), 1, 1);
        QVERIFY(Repair::repairUser(*m_session, u, {}, {}).ok());
        QCOMPARE(check().inconsistent, 0);
        QCOMPARE(level(QStringLiteral("user_licenses"), u), 3);
        QCOMPARE(level(QStringLiteral("specialization_progress"), u), 3);
    }

    void previewAndApplyExecuteTheSamePlan()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("COACH"), 5, 130000, 25, 45, 65);
        m_db->addLicense(u, QStringLiteral("LFA_COACH"), 3);
        m_db->addLicense(u, QStringLiteral("COACH"), 2);
        auto plan = Repair::previewUser(*m_session, u, {}, {});
        QVERIFY(plan.ok());
        QVERIFY(!plan->statements().isEmpty());
        QVERIFY(plan->describe().contains(QStringLiteral("current_level 3 → 5")));
        QList<PlannedStatement> executed;
        m_session->db().setStatementObserver([&](const QString& sql, const QVariantList& binds) {
            if (!sql.contains(u"cc_") && !sql.contains(u"coupling_console."))
                executed.append({ sql, binds });
        });
        auto applied = CouplingWriter::apply(*m_session, *plan);
        m_session->db().setStatementObserver({});
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().message));
        QCOMPARE(executed.size(), plan->statements().size());
        for (qsizetype i = 0; i < executed.size(); ++i) {
            QCOMPARE(executed.at(i).sql, plan->statements().at(i).sql);
            QCOMPARE(executed.at(i).binds, plan->statements().at(i).binds);
        }
        QCOMPARE(check().inconsistent, 0);
    }

    void applyRefusesWhenTheRowsChangedAfterThePreview()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("PLAYER"), 4, 70000, 18);
        m_db->addLicense(u, QStringLiteral("PLAYER"), 2);
        auto plan = Operations::previewSync(
            *m_session, { u, QStringLiteral("GANCUJU_PLAYER") }, SyncDirection::TowardHigher);
        QVERIFY(plan.ok());
        QVERIFY(m_db->exec(
            QStringLiteral("UPDATE user_licenses SET current_level = 3 WHERE user_id = ?"), { u }));
        const QString before = m_db->snapshot(platformTables);
        const qint64 audits = m_db->count(m_session->db().tool("audit"));
        auto applied = CouplingWriter::apply(*m_session, *plan);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, ErrorCode::Refused);
        QVERIFY2(applied.error().message.contains(QStringLiteral("current_level")),
            qPrintable(applied.error().message));
        QCOMPARE(m_db->snapshot(platformTables), before);
        QCOMPARE(m_db->count(m_session->db().tool("audit")), audits);
    }

    void aBatchAppliesThePreviewAndSkipsKeysThatMoved()
    {
        const qint64 a = m_db->addUser(QStringLiteral("a@x"));
        const qint64 b = m_db->addUser(QStringLiteral("b@x"));
        m_db->addProgress(a, QStringLiteral("PLAYER"), 3, 45000, 15);
        m_db->addLicense(a, QStringLiteral("PLAYER"), 1);
        m_db->addProgress(b, QStringLiteral("PLAYER"), 4, 70000, 18);
        m_db->addLicense(b, QStringLiteral("PLAYER"), 2);
        QCOMPARE(check().inconsistent, 2);
        auto plan = Repair::previewAll(*m_session, {});
        QVERIFY(plan.ok());
        QCOMPARE(plan->keys.size(), 2);
        // Someone lowers b's progress after the preview: the plan for b no longer holds.
        QVERIFY(m_db->exec(
            QStringLiteral("UPDATE specialization_progress SET current_level = 2 WHERE student_id = ?"),
            { b }));
        WriteOptions options;
        options.batch = true;
        options.batchAction = QStringLiteral("repair-all");
        auto applied = CouplingWriter::apply(*m_session, *plan, options);
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().message));
        QCOMPARE(applied->applied.size(), 1);
        QCOMPARE(applied->applied.first().key.userId, a);
        QCOMPARE(applied->skipped.size(), 1);
        QCOMPARE(applied->skipped.first().key.userId, b);
        QVERIFY2(applied->skipped.first().reason.contains(QStringLiteral("changed since the preview")),
            qPrintable(applied->skipped.first().reason));
        QVERIFY(applied->batchId.has_value());
        QCOMPARE(level(QStringLiteral("user_licenses"), a), 3);
        QCOMPARE(level(QStringLiteral("user_licenses"), b), 2); // not re-planned behind the preview's back
        QCOMPARE(
            m_db->count(m_session->db().tool("audit"), QStringLiteral("batch_id = ?"), { *applied->batchId }),
            1);
    }

    void revertRestoresBeforeExactlyAndRefusesWhenChanged()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("PLAYER"), 1, 0, 0);
        const QString before = m_db->snapshot(platformTables);
        auto update = Operations::updateProgress(
            *m_session, { u, QStringLiteral("GANCUJU_PLAYER") }, { 25000, 12, 0, 0, 0 });
        QVERIFY(update.ok());
        QCOMPARE(update->achievementsEarned,
            (QStringList { QStringLiteral("first_level_up"), QStringLiteral("player_dedication") }));
        QVERIFY(m_db->snapshot(platformTables) != before);
        auto reverted = Reverter::revert(*m_session, update->outcome.auditIds.first());
        QVERIFY2(reverted.ok(), reverted.ok() ? "" : qPrintable(reverted.error().message));
        QCOMPARE(m_db->snapshot(platformTables), before); // license created by the update is gone, badges too
        // The revert is itself revertible; once the rows move on, reverting the old entry is refused.
        auto again = Reverter::revert(*m_session, reverted->auditIds.first());
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        QVERIFY(
            Operations::updateProgress(*m_session, { u, QStringLiteral("GANCUJU_PLAYER") }, { 1, 0, 0, 0, 0 })
                .ok());
        const QString moved = m_db->snapshot(platformTables);
        auto refusedRevert = Reverter::revert(*m_session, update->outcome.auditIds.first());
        QVERIFY(!refusedRevert.ok());
        QVERIFY2(refusedRevert.error().message.contains(QStringLiteral("changed its")),
            qPrintable(refusedRevert.error().message));
        QCOMPARE(m_db->snapshot(platformTables), moved);
    }

    void aLicenseWithLevelHistoryIsNotRemovedByARevert()
    {
        // Found by tst_races: the update that created a license, reverted after an advance of that
        // license was itself reverted, failed on the foreign key of the advance's history rows.
        const qint64 u = m_db->addUser(QStringLiteral("h@x"));
        m_db->addProgress(u, QStringLiteral("PLAYER"), 1, 0, 0);
        const KeyRef key { u, QStringLiteral("GANCUJU_PLAYER") };
        auto update = Operations::updateProgress(*m_session, key, { 25000, 12, 0, 0, 0 });
        QVERIFY(update.ok());
        const int reached = int(level(QStringLiteral("user_licenses"), u));
        auto raised = Operations::setLevel(*m_session, key, reached + 1, QStringLiteral("exam passed"), {});
        QVERIFY2(raised.ok(), raised.ok() ? "" : qPrintable(raised.error().message));
        auto lowered = Reverter::revert(*m_session, raised->auditIds.first());
        QVERIFY2(lowered.ok(), lowered.ok() ? "" : qPrintable(lowered.error().message));
        QCOMPARE(m_db->count(QStringLiteral("license_progressions")), 2); // the advance and its undo
        const QString before = m_db->snapshot(platformTables);
        const qint64 audited = m_db->count(m_session->db().tool("audit"));
        auto refusedRevert = Reverter::revert(*m_session, update->outcome.auditIds.first());
        QVERIFY(!refusedRevert.ok());
        QCOMPARE(refusedRevert.error().code, ErrorCode::Refused);
        QVERIFY2(refusedRevert.error().message.contains(QStringLiteral(
                     "is referenced by 2 row(s) in license_progressions since; the row stays")),
            qPrintable(refusedRevert.error().message));
        QCOMPARE(m_db->snapshot(platformTables), before);
        QCOMPARE(m_db->count(m_session->db().tool("audit")), audited);
    }

    void aBatchIsWrittenOneStatementPerTableAndShapeAndAuditedPerKey()
    {
        auto user = [&](const char* email) { return m_db->addUser(QString::fromLatin1(email)); };
        const qint64 a = user("a@x"); // mismatch: the license is raised, with a progression row
        m_db->addProgress(a, QStringLiteral("PLAYER"), 3, 45000, 15);
        m_db->addLicense(a, QStringLiteral("PLAYER"), 1);
        const qint64 b = user("b@x"); // mismatch: the progress is raised
        m_db->addProgress(b, QStringLiteral("PLAYER"), 2, 25000, 12);
        m_db->addLicense(b, QStringLiteral("PLAYER"), 4);
        const qint64 c = user("c@x"); // missing license
        m_db->addProgress(c, QStringLiteral("PLAYER"), 2, 25000, 12);
        const qint64 d = user("d@x"); // missing progress
        m_db->addLicense(d, QStringLiteral("PLAYER"), 3);
        QStringList writes;
        m_session->db().setStatementObserver([&](const QString& sql, const QVariantList&) {
            if (!sql.contains(u"cc_") && !sql.contains(u"coupling_console."))
                writes.append(sql);
        });
        RepairOptions options;
        options.createLicenses = true;
        auto outcome = Repair::repairAll(*m_session, options);
        m_session->db().setStatementObserver({});
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
        QCOMPARE(outcome->applied.size(), 4);
        QCOMPARE(outcome->auditIds.size(), 4);
        QCOMPARE(check().inconsistent, 0);
        QCOMPARE(level(QStringLiteral("user_licenses"), a), 3);
        QCOMPARE(level(QStringLiteral("specialization_progress"), b), 4);
        QCOMPARE(level(QStringLiteral("user_licenses"), c), 2);
        QCOMPARE(level(QStringLiteral("specialization_progress"), d), 3);
        QCOMPARE(m_db->count(QStringLiteral("license_progressions")), 1);
        if (TestDatabase::isPostgres()) {
            // Two updates, two inserts of rows, one of history, for the four keys together.
            QCOMPARE(writes.size(), 5);
            QVERIFY2(writes.first().startsWith(u"UPDATE ") && writes.first().contains(u"FROM (VALUES "),
                qPrintable(writes.first()));
        } else {
            QCOMPARE(writes.size(), 5); // one key at a time: the same five rows, one statement each
        }
        // Each key's own entry, its rows whole before and after, in key order.
        auto first = AuditLog::entry(m_session->db(), outcome->auditIds.first());
        QVERIFY(first.ok() && *first);
        QCOMPARE((*first)->userId, a);
        const QJsonObject before
            = (*first)->before.value(QStringLiteral("user_licenses")).toArray().first().toObject();
        const QJsonObject after
            = (*first)->after.value(QStringLiteral("user_licenses")).toArray().first().toObject();
        QCOMPARE(before.value(QStringLiteral("current_level")).toInteger(), 1);
        QCOMPARE(after.value(QStringLiteral("current_level")).toInteger(), 3);
        QCOMPARE(after.value(QStringLiteral("max_achieved_level")).toInteger(), 3);
        QCOMPARE(after.keys(), before.keys());
        auto last = AuditLog::entry(m_session->db(), outcome->auditIds.last());
        QVERIFY(last.ok() && *last);
        QCOMPARE((*last)->userId, d);
        QCOMPARE((*last)->before.value(QStringLiteral("specialization_progress")).toArray().size(), 0);
        QCOMPARE((*last)->after.value(QStringLiteral("specialization_progress")).toArray().size(), 1);
    }

    void aBatchWhoseSetBasedStatementFailsIsWrittenOneKeyAtATime()
    {
        QList<qint64> users;
        for (const char* email : { "a@x", "b@x", "c@x" }) {
            const qint64 u = m_db->addUser(QString::fromLatin1(email));
            m_db->addProgress(u, QStringLiteral("PLAYER"), 3, 45000, 15);
            m_db->addLicense(u, QStringLiteral("PLAYER"), 1);
            users.append(u);
        }
        // PostgreSQL: history accepted one row per statement, so the batch's history insert fails
        // after its license update ran; that update must be rolled back (license_updates counts
        // the updates that stayed) and every key written again on its own. (SQLite writes one key
        // at a time anyway.)
        if (TestDatabase::isPostgres()) {
            QVERIFY(m_db->exec(QStringLiteral("CREATE TABLE license_updates (license_id integer)")));
            QVERIFY(m_db->exec(QStringLiteral(
                "CREATE FUNCTION count_license_update() RETURNS trigger AS $$ BEGIN "
                "INSERT INTO license_updates VALUES (NEW.id); RETURN NULL; END $$ LANGUAGE plpgsql")));
            QVERIFY(m_db->exec(QStringLiteral(
                "CREATE TRIGGER count_license_update AFTER UPDATE ON user_licenses FOR EACH ROW "
                "EXECUTE FUNCTION count_license_update()")));
            QVERIFY(m_db->exec(QStringLiteral(
                "CREATE FUNCTION one_row_at_a_time() RETURNS trigger AS $$ BEGIN IF (SELECT count(*) FROM "
                "added) > 1 THEN "
                "RAISE EXCEPTION 'one row at a time'; END IF; RETURN NULL; END $$ LANGUAGE plpgsql")));
            QVERIFY(m_db->exec(QStringLiteral("CREATE TRIGGER one_row_at_a_time AFTER INSERT ON "
                                              "license_progressions REFERENCING NEW TABLE AS added "
                                              "FOR EACH STATEMENT EXECUTE FUNCTION one_row_at_a_time()")));
        }
        auto outcome = Repair::repairAll(*m_session, {});
        QVERIFY2(outcome.ok(), outcome.ok() ? "" : qPrintable(outcome.error().message));
        QCOMPARE(outcome->applied.size(), 3);
        QCOMPARE(outcome->auditIds.size(), 3);
        QCOMPARE(m_db->count(QStringLiteral("license_progressions")), 3);
        QCOMPARE(m_db->count(QStringLiteral("license_progressions"),
                     QStringLiteral("from_level = 1 AND to_level = 3")),
            3);
        if (TestDatabase::isPostgres())
            QCOMPARE(m_db->count(QStringLiteral("license_updates")), 3);
        for (qsizetype i = 0; i < users.size(); ++i) {
            QCOMPARE(level(QStringLiteral("user_licenses"), users.at(i)), 3);
            auto entry = AuditLog::entry(m_session->db(), outcome->auditIds.at(i));
            QVERIFY(entry.ok() && *entry);
            QCOMPARE((*entry)->userId, users.at(i));
            QCOMPARE((*entry)
                         ->after.value(QStringLiteral("user_licenses"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("current_level"))
                         .toInteger(),
                3);
            QCOMPARE((*entry)->after.value(QStringLiteral("license_progressions")).toArray().size(), 1);
        }
        QCOMPARE(check().inconsistent, 0);
    }

    void anErrorInTheMiddleOfACoupledWriteChangesNothing()
    {
        const qint64 u = m_db->addUser(QStringLiteral("u@x"));
        m_db->addProgress(u, QStringLiteral("PLAYER"), 1, 0, 0);
        m_db->addLicense(u, QStringLiteral("PLAYER"), 1);
        // The license update fails after the progress update ran in the same transaction.
        if (TestDatabase::isPostgres()) {
            QVERIFY(
                m_db->exec(QStringLiteral("CREATE FUNCTION fail_license() RETURNS trigger AS $$ BEGIN RAISE "
                                          "EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql")));
            QVERIFY(m_db->exec(QStringLiteral("CREATE TRIGGER fail_license BEFORE UPDATE ON user_licenses "
                                              "FOR EACH ROW EXECUTE FUNCTION fail_license()")));
        } else {
            QVERIFY(m_db->exec(QStringLiteral("CREATE TRIGGER fail_license BEFORE UPDATE ON user_licenses "
                                              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
        }
        const QString before
            = m_db->snapshot(platformTables + QStringList { QStringLiteral("license_progressions") });
        const qint64 audits = m_db->count(m_session->db().tool("audit"));
        auto update = Operations::updateProgress(
            *m_session, { u, QStringLiteral("GANCUJU_PLAYER") }, { 25000, 12, 0, 0, 0 });
        QVERIFY(!update.ok());
        QVERIFY2(update.error().message.contains(QStringLiteral("injected failure")),
            qPrintable(update.error().message));
        QCOMPARE(
            m_db->snapshot(platformTables + QStringList { QStringLiteral("license_progressions") }), before);
        QCOMPARE(m_db->count(m_session->db().tool("audit")), audits);
    }
};

QTEST_GUILESS_MAIN(TestRepairs)
#include "tst_repairs.moc"
