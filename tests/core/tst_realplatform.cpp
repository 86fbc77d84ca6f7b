// Every write path on a database of the platform's real shape (docs/PLATFORM.md §1a, issue 14): each
// write changes no row of any table but those its plan lists, and revert restores every table.
// Injections and the revert allow-list are in tst_realplatforminject.cpp.
#include "DatabaseSnapshot.h"
#include "PlatformFixture.h"
#include "PlatformTestCase.h"
#include "check/HealthCheck.h"
#include "write/Operations.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QTest>

using namespace cc;
using namespace cc::test;

namespace {

QString keyText(const KeyRef& key)
{
    return QStringLiteral("%1 %2").arg(key.userId).arg(key.track);
}

QStringList skippedKeys(const QList<SkippedKey>& skipped)
{
    QStringList keys;
    for (const SkippedKey& key : skipped)
        keys << keyText(key.key);
    keys.sort();
    return keys;
}

QString skipsText(const QList<SkippedKey>& skipped)
{
    QStringList lines;
    for (const SkippedKey& key : skipped)
        lines << keyText(key.key) + QStringLiteral(": ") + key.reason;
    return lines.join(QStringLiteral("; "));
}

} // namespace

class TestRealPlatform final : public QObject, private PlatformTestCase {
    Q_OBJECT

private:
    // Reverts the entries newest first; every revert must succeed.
    void revertAll(const QList<qint64>& auditIds)
    {
        for (auto it = auditIds.crbegin(); it != auditIds.crend(); ++it) {
            auto reverted = Reverter::revert(*m_session, *it);
            QVERIFY2(reverted.ok(),
                reverted.ok() ? ""
                              : qPrintable(QStringLiteral("revert of audit entry %1: %2")
                                               .arg(*it)
                                               .arg(reverted.error().message)));
        }
    }

    // (user, stored id) of rows of either table that have no row on the other side with exactly
    // the same string: the platform's own pairing (docs/PLATFORM.md §1a).
    QStringList rawStringOrphans()
    {
        auto query = m_session->db().exec(
            QStringLiteral("SELECT p.student_id, p.specialization_id, 'progress' FROM "
                           "specialization_progress p WHERE NOT EXISTS "
                           "(SELECT 1 FROM user_licenses l WHERE l.user_id = p.student_id AND "
                           "l.specialization_type = p.specialization_id) "
                           "UNION ALL SELECT l.user_id, l.specialization_type, 'license' FROM user_licenses "
                           "l WHERE NOT EXISTS "
                           "(SELECT 1 FROM specialization_progress p WHERE p.student_id = l.user_id AND "
                           "p.specialization_id = l.specialization_type)"));
        if (!query)
            return { query.error().message };
        QStringList orphans;
        while (query->next())
            orphans << QStringLiteral("%1 %2 (%3 only)")
                           .arg(query->value(0).toLongLong())
                           .arg(query->value(1).toString(), query->value(2).toString());
        return orphans;
    }

private slots:
    void cleanup()
    {
        m_session.reset(); // before the fixture drops its database
        m_fixture.reset();
    }

    void fixtureHasThePlatformsRealShape_data()
    {
        QTest::addColumn<bool>("unique");
        QTest::newRow("without uq_user_license_spec") << false;
        QTest::newRow("with uq_user_license_spec") << true;
    }

    void fixtureHasThePlatformsRealShape()
    {
        QFETCH(bool, unique);
        CC_SET_UP(unique);
        const bool pg = TestDatabase::isPostgres();
        QCOMPARE(db().scalar(pg ? QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                                 "table_schema = 'public' AND table_name = 'user_licenses'")
                                : QStringLiteral("SELECT count(*) FROM pragma_table_info('user_licenses')"))
                     .toInt(),
            56);
        // Who references a license, and what the database does to them when it goes.
        QMap<QString, QString> onDelete;
        const QString actions = pg
            ? QStringLiteral(
                "SELECT conrelid::regclass::text || ' ' || CASE confdeltype WHEN 'c' THEN 'CASCADE' "
                "WHEN 'n' THEN 'SET NULL' WHEN 'a' THEN 'NO ACTION' ELSE confdeltype::text END "
                "FROM pg_constraint WHERE contype = 'f' AND confrelid = 'user_licenses'::regclass")
            : QStringLiteral(
                "SELECT m.name || ' ' || f.on_delete FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                "WHERE m.type = 'table' AND f.\"table\" = 'user_licenses'");
        auto query = m_session->db().exec(actions);
        CC_VERIFY_OK(query);
        while (query->next())
            onDelete.insert(
                query->value(0).toString().section(u' ', 0, 0), query->value(0).toString().section(u' ', 1));
        const QMap<QString, QString> expected { { QStringLiteral("belt_promotions"),
                                                    QStringLiteral("CASCADE") },
            { QStringLiteral("credit_transactions"), QStringLiteral("CASCADE") },
            { QStringLiteral("football_skill_assessments"), QStringLiteral("CASCADE") },
            { QStringLiteral("license_progressions"), QStringLiteral("NO ACTION") },
            { QStringLiteral("semester_enrollments"), QStringLiteral("CASCADE") },
            { QStringLiteral("user_mood_photos"), QStringLiteral("SET NULL") } };
        QCOMPARE(onDelete, expected);
        QCOMPARE(QStringList(expected.keys()), PlatformFixture::licenseReferencingTables());
        const QString partial = pg
            ? QStringLiteral(
                "SELECT count(*) FROM pg_indexes WHERE indexname IN ('uq_skill_assessment_active', "
                "'uq_active_enrollment_per_semester') AND indexdef LIKE '%WHERE%'")
            : QStringLiteral(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('uq_skill_assessment_active', "
                "'uq_active_enrollment_per_semester') AND sql LIKE '%WHERE%'");
        QCOMPARE(db().scalar(partial).toInt(), 2);
        const QString uq = pg
            ? QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conname = 'uq_user_license_spec'")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'user_licenses' AND sql LIKE "
                             "'%uq_user_license_spec%'");
        QCOMPARE(db().scalar(uq).toInt(), unique ? 1 : 0);
        if (pg) {
            QCOMPARE(db().scalar(QStringLiteral("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) "
                                                "FROM pg_enum WHERE enumtypid = 'userrole'::regtype"))
                         .toString(),
                QStringLiteral("ADMIN,INSTRUCTOR,STUDENT,SPORT_DIRECTOR,sport_director"));
            QCOMPARE(db()
                         .scalar(QStringLiteral(
                             "SELECT count(*) FROM information_schema.columns WHERE table_name = "
                             "'specialization_progress' "
                             "AND is_nullable = 'YES' AND column_name IN ('current_level', 'total_xp', "
                             "'completed_sessions', "
                             "'completed_projects', 'theory_hours_completed', 'practice_hours_completed')"))
                         .toInt(),
                6);
            QCOMPARE(db()
                         .scalar(QStringLiteral(
                             "SELECT count(*) FROM pg_indexes WHERE tablename = 'specialization_progress'"))
                         .toInt(),
                1);
        }
        QVERIFY(
            db().scalar(QStringLiteral("SELECT is_active FROM users WHERE id = ?"), { ids().inactiveAdmin })
                .isNull());
        QCOMPARE(db().scalar(QStringLiteral("SELECT count(*) FROM specializations")).toInt(), 4);
        // The tool runs on it: init stored development, the admin signed in.
        QCOMPARE(m_session->environment(), Environment::Development);
        QCOMPARE(m_session->op().role, Role::Admin);
        auto report = HealthCheck::run(*m_session, {});
        CC_VERIFY_OK(report);
        QVERIFY(report->inconsistent > 0);
    }

    void snapshotSeesEveryRowOfEveryTable()
    {
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        QVERIFY2(before.isValid(), qPrintable(before.error()));
        QVERIFY(before.tables().contains(QStringLiteral("credit_transactions")));
        QVERIFY(before.tables().contains(toolTable("audit")));
        QVERIFY(DatabaseSnapshot::isToolTable(toolTable("audit")));
        QVERIFY(!DatabaseSnapshot::isToolTable(QStringLiteral("user_mood_photos")));
        QCOMPARE(before.rowCount(QStringLiteral("credit_transactions")), 5);
        QCOMPARE(DatabaseSnapshot::take(db()).text(), before.text()); // stable
        QVERIFY(platformUnchanged(before, DatabaseSnapshot::take(db())));

        // A raw delete of a license: the database cascades and nulls behind the writer's back.
        QVERIFY(db().exec(QStringLiteral("DELETE FROM user_licenses WHERE id = ?"), { ids().twinLicense }));
        QVERIFY(
            db().exec(QStringLiteral("UPDATE users SET nationality = 'AT' WHERE id = ?"), { ids().admin }));
        QVERIFY(db().exec(QStringLiteral("INSERT INTO semesters (code, name, start_date, end_date) VALUES "
                                         "('2027-SPRING', 'Spring 2027', '2027-02-01', '2027-06-15')")));
        const DatabaseSnapshot after = snapshot();
        QStringList seen;
        for (const ChangedRow& row : before.changesTo(after))
            if (!row.table.startsWith(u"sqlite_")) // SQLite's own sqlite_sequence moves with the insert
                seen << QStringLiteral("%1 %2 %3").arg(row.table, row.primaryKey).arg(int(row.kind));
        seen.sort();
        QStringList expected { QStringLiteral("credit_transactions %1 2").arg(ids().twinCreditTransaction),
            QStringLiteral("semesters 3 0"), QStringLiteral("user_licenses %1 2").arg(ids().twinLicense),
            QStringLiteral("user_mood_photos %1 1").arg(ids().twinMoodPhoto),
            QStringLiteral("users %1 1").arg(ids().admin) };
        expected.sort();
        QCOMPARE(seen, expected);
        QVERIFY(after.row(QStringLiteral("user_mood_photos"), QString::number(ids().twinMoodPhoto))
                    .contains(QStringLiteral("license_id=NULL")));

        // The helpers: a plan listing only the license delete leaves the cascade and the rest unplanned.
        KeyChange change;
        change.changes.append({ QStringLiteral("user_licenses"), RowOp::Delete, ids().twinLicense, {}, {} });
        WriteOutcome outcome;
        outcome.applied.append(change);
        const SnapshotVerdict verdict = onlyPlannedRowsChanged(before, after, outcome);
        QVERIFY(!verdict);
        QVERIFY2(verdict.message.startsWith(
                     QStringLiteral("4 platform row(s) changed that the plan did not list")),
            qPrintable(verdict.message));
        QVERIFY2(verdict.message.contains(
                     QStringLiteral("credit_transactions row %1 deleted").arg(ids().twinCreditTransaction)),
            qPrintable(verdict.message));
        QVERIFY2(
            verdict.message.contains(QStringLiteral("user_mood_photos row %1 updated: license_id='%2' → NULL")
                                         .arg(ids().twinMoodPhoto)
                                         .arg(ids().twinLicense))
                || verdict.message.contains(
                    QStringLiteral("user_mood_photos row %1 updated: license_id=%2 → NULL")
                        .arg(ids().twinMoodPhoto)
                        .arg(ids().twinLicense)),
            qPrintable(verdict.message));
        outcome.applied.first().changes.append(
            { QStringLiteral("credit_transactions"), RowOp::Delete, ids().twinCreditTransaction, {}, {} });
        outcome.applied.first().changes.append(
            { QStringLiteral("user_mood_photos"), RowOp::Update, ids().twinMoodPhoto, {}, {} });
        outcome.applied.first().changes.append(
            { QStringLiteral("users"), RowOp::Update, ids().admin, {}, {} });
        outcome.applied.first().changes.append({ QStringLiteral("semesters"), RowOp::Insert, 0, {}, {} });
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, after, outcome));
        QVERIFY(!restoredByRevert(before, after));
        CC_VERIFY_VERDICT(restoredByRevert(before, before));
    }

    void repairOfOneKeyKeepsTheRealRecordAndMovesItsDependents()
    {
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        auto outcome
            = Repair::repairUser(*m_session, ids().twinStudent, QStringLiteral("GANCUJU_PLAYER"), {});
        CC_VERIFY_OK(outcome);
        QVERIFY2(outcome->skipped.isEmpty(), qPrintable(skipsText(outcome->skipped)));
        const DatabaseSnapshot after = snapshot();
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, after, *outcome));
        // The 45,000-XP progress and the paid, referenced license survive; the newer empty twins go.
        QCOMPARE(db().count(QStringLiteral("specialization_progress"), QStringLiteral("student_id = ?"),
                     { ids().twinStudent }),
            1);
        QCOMPARE(db().scalar(QStringLiteral("SELECT id FROM specialization_progress WHERE student_id = ?"),
                         { ids().twinStudent })
                     .toLongLong(),
            ids().realProgress);
        QCOMPARE(
            db().scalar(QStringLiteral("SELECT total_xp FROM specialization_progress WHERE student_id = ?"),
                    { ids().twinStudent })
                .toInt(),
            45000);
        QCOMPARE(
            db().count(QStringLiteral("user_licenses"), QStringLiteral("user_id = ?"), { ids().twinStudent }),
            1);
        QCOMPARE(db().scalar(QStringLiteral("SELECT id FROM user_licenses WHERE user_id = ?"),
                         { ids().twinStudent })
                     .toLongLong(),
            ids().realLicense);
        QVERIFY(db().scalar(QStringLiteral("SELECT payment_verified FROM user_licenses WHERE id = ?"),
                        { ids().realLicense })
                    .toBool());
        // Nothing that referenced either license was deleted or nulled: the twin's rows moved.
        for (const QString& table : PlatformFixture::licenseReferencingTables())
            QCOMPARE(after.rowCount(table), before.rowCount(table));
        QCOMPARE(db().scalar(QStringLiteral("SELECT user_license_id FROM credit_transactions WHERE id = ?"),
                         { ids().twinCreditTransaction })
                     .toLongLong(),
            ids().realLicense);
        QCOMPARE(db().scalar(QStringLiteral("SELECT license_id FROM user_mood_photos WHERE id = ?"),
                         { ids().twinMoodPhoto })
                     .toLongLong(),
            ids().realLicense);
        QCOMPARE(db().count(QStringLiteral("credit_transactions"), QStringLiteral("user_license_id = ?"),
                     { ids().realLicense }),
            3);
        QCOMPARE(db().count(QStringLiteral("belt_promotions"), QStringLiteral("user_license_id = ?"),
                     { ids().realLicense }),
            2);
        QCOMPARE(db().count(QStringLiteral("football_skill_assessments"),
                     QStringLiteral("user_license_id = ?"), { ids().realLicense }),
            2);
        QCOMPARE(db().count(QStringLiteral("semester_enrollments"), QStringLiteral("user_license_id = ?"),
                     { ids().realLicense }),
            1);
        // A re-point changes only the referencing column (docs/BEHAVIOUR.md C6 repair step 1).
        const auto repointed = [&](const QString& table, qint64 id, const QString& column) {
            QString expected = before.row(table, QString::number(id));
            for (const QString& quote : { QString(), QStringLiteral("'") })
                expected.replace(column + u'=' + quote + QString::number(ids().twinLicense) + quote + u',',
                    column + u'=' + quote + QString::number(ids().realLicense) + quote + u',');
            return after.row(table, QString::number(id)) == expected;
        };
        QVERIFY(repointed(QStringLiteral("credit_transactions"), ids().twinCreditTransaction,
            QStringLiteral("user_license_id")));
        QVERIFY(
            repointed(QStringLiteral("user_mood_photos"), ids().twinMoodPhoto, QStringLiteral("license_id")));
        // One spelling for the key: the platform's raw comparison pairs the two rows.
        QCOMPARE(db().count(QStringLiteral(
                                "specialization_progress p JOIN user_licenses l ON l.user_id = p.student_id "
                                "AND l.specialization_type = p.specialization_id"),
                     QStringLiteral("p.student_id = ?"), { ids().twinStudent }),
            1);

        revertAll(outcome->auditIds);
        if (QTest::currentTestFailed())
            return;
        CC_VERIFY_VERDICT(restoredByRevert(before, snapshot()));
    }

    void previewAllListsTheSameSkippedKeysAsRepairAll()
    {
        CC_SET_UP();
        RepairOptions options;
        options.createLicenses = true;
        auto preview = Repair::previewAll(*m_session, options);
        CC_VERIFY_OK(preview);
        QList<SkippedKey> previewed;
        for (const KeyChange& key : preview->keys) {
            if (!key.skipReason.isEmpty())
                previewed.append({ key.key, key.skipReason });
        }
        const DatabaseSnapshot before = snapshot();
        auto applied = Repair::repairAll(*m_session, options);
        CC_VERIFY_OK(applied);
        QCOMPARE(skippedKeys(previewed), skippedKeys(applied->skipped));
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, snapshot(), *applied));
    }

    void repairAllRepairsEveryKeyButTheCollidingOne_data() { fixtureHasThePlatformsRealShape_data(); }

    void repairAllRepairsEveryKeyButTheCollidingOne()
    {
        QFETCH(bool, unique);
        CC_SET_UP(unique);
        const DatabaseSnapshot before = snapshot();
        RepairOptions options;
        options.createLicenses = true;
        auto outcome = Repair::repairAll(*m_session, options);
        CC_VERIFY_OK(outcome);
        QVERIFY(outcome->batchId.has_value());
        const DatabaseSnapshot after = snapshot();
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, after, *outcome));

        // Only the key whose re-point collides and the key with no usable spelling are skipped.
        QStringList expectedSkips { keyText({ ids().collidingStudent, QStringLiteral("LFA_COACH") }),
            keyText({ ids().noSpelling, QStringLiteral("LFA_FOOTBALL_PLAYER") }) };
        expectedSkips.sort();
        QVERIFY2(skippedKeys(outcome->skipped) == expectedSkips,
            qPrintable(QStringLiteral("skipped: ") + skipsText(outcome->skipped)));
        for (const SkippedKey& skip : outcome->skipped) {
            if (skip.key.userId != ids().collidingStudent)
                continue;
            QVERIFY2(skip.reason.startsWith(QStringLiteral("manual_review"))
                    && skip.reason.contains(QStringLiteral("semester_enrollments"))
                    && skip.reason.contains(TestDatabase::isPostgres()
                            ? QStringLiteral("uq_enrollment_user_semester_license")
                            : QStringLiteral("semester_enrollments.user_license_id")),
                qPrintable(skip.reason));
        }
        // The colliding key is rolled back whole.
        for (const qint64 license : { ids().collidingKeptLicense, ids().collidingOtherLicense })
            QCOMPARE(after.row(QStringLiteral("user_licenses"), QString::number(license)),
                before.row(QStringLiteral("user_licenses"), QString::number(license)));
        for (const qint64 enrollment : ids().collidingEnrollments)
            QCOMPARE(after.row(QStringLiteral("semester_enrollments"), QString::number(enrollment)),
                before.row(QStringLiteral("semester_enrollments"), QString::number(enrollment)));
        // No referencing row was deleted or nulled; the real record survived, the twins did not.
        for (const ChangedRow& change : before.changesTo(after)) {
            if (PlatformFixture::licenseReferencingTables().contains(change.table)
                && change.table != u"license_progressions")
                QVERIFY2(change.kind == RowDiffKind::Updated
                        && !change.after.contains(QStringLiteral("license_id=NULL")),
                    qPrintable(describe(change)));
        }
        QVERIFY(!after.row(QStringLiteral("specialization_progress"), QString::number(ids().realProgress))
                     .isEmpty());
        QVERIFY(!after.row(QStringLiteral("user_licenses"), QString::number(ids().realLicense)).isEmpty());
        QVERIFY(after.row(QStringLiteral("specialization_progress"), QString::number(ids().twinProgress))
                    .isEmpty());
        QVERIFY(after.row(QStringLiteral("user_licenses"), QString::number(ids().twinLicense)).isEmpty());
        // The platform's own raw-string pairing finds no orphan among the repaired keys.
        QStringList orphans;
        for (const QString& orphan : rawStringOrphans()) {
            const qint64 user = orphan.section(u' ', 0, 0).toLongLong();
            if (user != ids().collidingStudent && user != ids().noSpelling && !ids().staff().contains(user))
                orphans << orphan;
        }
        QVERIFY2(orphans.isEmpty(), qPrintable(orphans.join(QStringLiteral("; "))));
        QCOMPARE(db().count(QStringLiteral("specialization_progress p JOIN users u ON u.id = p.student_id"),
                     QStringLiteral("u.role <> 'STUDENT'")),
            0);
        QCOMPARE(db().scalar(QStringLiteral("SELECT current_level FROM user_licenses WHERE user_id = ?"),
                         { ids().mismatchLicenseLow })
                     .toInt(),
            4);
        QCOMPARE(db().scalar(QStringLiteral(
                                 "SELECT current_level FROM specialization_progress WHERE student_id = ?"),
                         { ids().nullCounters })
                     .toInt(),
            1);
        auto report = HealthCheck::run(*m_session, {});
        CC_VERIFY_OK(report);
        QCOMPARE(report->inconsistent, qint64(outcome->skipped.size()));

        auto reverted = Reverter::revertBatch(*m_session, *outcome->batchId);
        CC_VERIFY_OK(reverted);
        CC_VERIFY_VERDICT(restoredByRevert(before, snapshot()));
    }

    void singleKeyWritesChangeOnlyTheirPlanAndRevert_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char* operation : { "sync toward-higher", "sync license-to-progress creates progress",
                 "set-level", "update-progress levels up", "update-progress creates the license", "advance" })
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void singleKeyWritesChangeOnlyTheirPlanAndRevert()
    {
        QFETCH(QString, operation);
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        const KeyRef player { ids().consistentPlayer, QStringLiteral("GANCUJU_PLAYER") };
        Result<WriteOutcome> outcome = Error { ErrorCode::Refused, QStringLiteral("no operation") };
        if (operation == u"sync toward-higher") {
            outcome = Operations::sync(*m_session, { ids().mismatchLicenseLow, QStringLiteral("LFA_COACH") },
                SyncDirection::TowardHigher);
        } else if (operation == u"sync license-to-progress creates progress") {
            outcome = Operations::sync(*m_session, { ids().missingProgress, QStringLiteral("INTERNSHIP") },
                SyncDirection::LicenseToProgress);
        } else if (operation == u"set-level") {
            outcome = Operations::setLevel(*m_session, player, 4, QStringLiteral("exam passed"), {});
        } else if (operation.startsWith(u"update-progress")) {
            const KeyRef key = operation.endsWith(u"levels up")
                ? player
                : KeyRef { ids().missingLicense, QStringLiteral("GANCUJU_PLAYER") };
            auto update = Operations::updateProgress(*m_session, key, { 20000, 3, 0, 0, 0 });
            if (update)
                outcome = update->outcome;
            else
                outcome = update.error();
        } else if (operation == u"advance") {
            outcome = Operations::advance(*m_session,
                { ids().consistentIntern, QStringLiteral("INTERNSHIP") }, 3, QStringLiteral("final exam"));
        }
        CC_VERIFY_OK(outcome);
        QVERIFY(!outcome->applied.isEmpty());
        CC_VERIFY_VERDICT(onlyPlannedRowsChanged(before, snapshot(), *outcome));
        revertAll(outcome->auditIds);
        if (QTest::currentTestFailed())
            return;
        CC_VERIFY_VERDICT(restoredByRevert(before, snapshot()));
    }

    void aGuardedWriteOnNullCountersChangesNothing()
    {
        CC_SET_UP();
        const DatabaseSnapshot before = snapshot();
        auto update = Operations::updateProgress(
            *m_session, { ids().nullCounters, QStringLiteral("GANCUJU_PLAYER") }, { 100, 1, 0, 0, 0 });
        QVERIFY(!update.ok());
        QVERIFY2(update.error().message.contains(QStringLiteral("repair first")),
            qPrintable(update.error().message));
        CC_VERIFY_VERDICT(platformUnchanged(before, snapshot()));
    }

    void anOperatorWhoseIsActiveIsNullIsRefused()
    {
        CC_SET_UP();
        auto session = db().open(PlatformFixture::inactiveAdminEmail());
        const bool refused = !session || !session->authorize(Action::RepairOne).ok();
        QVERIFY2(refused,
            "an admin whose users.is_active is NULL was accepted as operator (docs/BEHAVIOUR.md C7: NULL is "
            "inactive)");
    }
};

QTEST_GUILESS_MAIN(TestRealPlatform)
#include "tst_realplatform.moc"
