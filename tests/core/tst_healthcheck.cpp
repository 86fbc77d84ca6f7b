// The health check on a real database (docs/BEHAVIOUR.md C2–C4): kinds, warnings, aliases, the seed's
// 8.11 %, ordering, stored runs and the comparison with the previous run.
#include "TestDatabase.h"
#include "check/HealthCheck.h"
#include "check/RunStore.h"
#include "check/UserView.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

class TestHealthCheck final : public QObject {
    Q_OBJECT

private:
    HealthReport check(TestDatabase& db, CheckOptions options = {})
    {
        auto session = db.open();
        if (!session)
            return {};
        auto report = HealthCheck::run(*session, options);
        if (!report)
            qWarning("check failed: %s", qPrintable(report.error().message));
        return report ? *report : HealthReport {};
    }

private slots:
    void emptyDatabaseIsNoDataNotHealthy()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const HealthReport report = check(db);
        QCOMPARE(runStatusName(report.status), QStringLiteral("no_data"));
        QCOMPARE(report.totalPairs, 0);
        QVERIFY(!report.rateHundredths.has_value());
        QVERIFY(report.runId.has_value());
        QCOMPARE(checkExitCode(report.status), 3);
    }

    void everyKindWarningAndAlias()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        // One user per case; ids grow in insertion order.
        const qint64 dupP = db.addUser(QStringLiteral("dup-progress@x"));
        db.addProgress(dupP, QStringLiteral("PLAYER"), 2, 25000, 12);
        db.addProgress(
            dupP, QStringLiteral("GANCUJU_PLAYER"), 3, 45000, 15); // the alias makes it the same key
        db.addLicense(dupP, QStringLiteral("PLAYER"), 2);
        const qint64 dupL = db.addUser(QStringLiteral("dup-license@x"));
        db.addProgress(dupL, QStringLiteral("INTERNSHIP"), 1, 10000, 15);
        db.addLicense(dupL, QStringLiteral("INTERNSHIP"), 1);
        db.addLicense(dupL, QStringLiteral("INTERNSHIP"), 2);
        const qint64 unknown = db.addUser(QStringLiteral("unknown@x"));
        QVERIFY(db.exec(
            QStringLiteral("INSERT INTO specializations (id, is_active) VALUES ('LEGACY_X', ?)"), { true }));
        db.addProgress(unknown, QStringLiteral("LEGACY_X"), 1);
        db.addLicense(unknown, QStringLiteral("LEGACY_X"), 1);
        const qint64 noLicense = db.addUser(QStringLiteral("no-license@x"));
        db.addProgress(noLicense, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        const qint64 noProgress = db.addUser(QStringLiteral("no-progress@x"));
        db.addLicense(noProgress, QStringLiteral("LFA_FOOTBALL_PLAYER"), 4);
        const qint64 range = db.addUser(QStringLiteral("range@x"));
        db.addProgress(range, QStringLiteral("INTERNSHIP"), QVariant(QMetaType::fromType<int>()), 10000, 15);
        db.addLicense(range, QStringLiteral("INTERNSHIP"), 1);
        const qint64 mismatch = db.addUser(QStringLiteral("mismatch@x"));
        db.addProgress(mismatch, QStringLiteral("COACH"), 5, 130000, 25, 45, 65);
        db.addLicense(mismatch, QStringLiteral("LFA_COACH"), 3);
        // One track, levels agree, two spellings: the platform's raw comparison sees two orphans.
        const qint64 spelling = db.addUser(QStringLiteral("spelling@x"));
        db.addProgress(spelling, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        db.addLicense(spelling, QStringLiteral("LFA_COACH"), 1);
        const qint64 unjustified = db.addUser(QStringLiteral("unjustified@x"));
        db.addProgress(unjustified, QStringLiteral("GANCUJU_PLAYER"), 4, 25000, 12);
        db.addLicense(unjustified, QStringLiteral("GANCUJU_PLAYER"), 4);
        const qint64 pending = db.addUser(QStringLiteral("pending@x"));
        db.addProgress(pending, QStringLiteral("PLAYER"), 1, 45000, 15);
        db.addLicense(pending, QStringLiteral("PLAYER"), 1);
        const qint64 maxBelow = db.addUser(QStringLiteral("max-below@x"));
        db.addProgress(maxBelow, QStringLiteral("PLAYER"), 1, 12000, 10);
        db.addLicense(maxBelow, QStringLiteral("PLAYER"), 1, 0);
        const qint64 aliasOk = db.addUser(QStringLiteral("alias-ok@x")); // the legacy id on both sides
        db.addProgress(aliasOk, QStringLiteral("COACH"), 1, 15000, 15, 30, 50);
        db.addLicense(aliasOk, QStringLiteral("COACH"), 1);

        const HealthReport report = check(db);
        QCOMPARE(report.totalPairs, 12);
        QCOMPARE(report.inconsistent, 8);
        QCOMPARE(report.consistent, 4);
        QCOMPARE(violationKindCount, 8);
        for (int i = 0; i < violationKindCount; ++i)
            QVERIFY2(report.byKind[i] == 1, qPrintable(kindName(ViolationKind(i))));
        QCOMPARE(report.warnings[int(WarningKind::UnjustifiedLevel)], 1);
        QCOMPARE(report.warnings[int(WarningKind::PendingLevelUp)], 1);
        QCOMPARE(report.warnings[int(WarningKind::MaxBelowCurrent)], 1);
        QCOMPARE(report.staffCredentials, 0);
        QCOMPARE(report.rateHundredths, 3333); // 4 / 12 = 33.33 %
        QCOMPARE(runStatusName(report.status), QStringLiteral("critical"));

        // Key order, canonical ids, the kept row's level per side.
        QCOMPARE(report.violations.size(), 8);
        QCOMPARE(report.violations.at(0).userId, dupP);
        QCOMPARE(report.violations.at(0).track, QStringLiteral("GANCUJU_PLAYER"));
        QCOMPARE(report.violations.at(0).kind, QStringLiteral("duplicate_progress"));
        QCOMPARE(report.violations.at(0).progressLevel, 3);
        QCOMPARE(report.violations.at(1).kind, QStringLiteral("duplicate_license"));
        QCOMPARE(report.violations.at(1).licenseLevel, 2);
        QCOMPARE(report.violations.at(2).track, QStringLiteral("LEGACY_X"));
        QCOMPARE(report.violations.at(3).track, QStringLiteral("LFA_COACH"));
        QCOMPARE(report.violations.at(3).kind, QStringLiteral("missing_license"));
        QVERIFY(!report.violations.at(3).licenseLevel.has_value());
        QCOMPARE(report.violations.at(5).kind, QStringLiteral("level_out_of_range"));
        QVERIFY(!report.violations.at(5).progressLevel.has_value());
        const ViolationRecord& coach = report.violations.at(6);
        QCOMPARE(coach.kind, QStringLiteral("level_mismatch"));
        QCOMPARE(coach.progressLevel, 5);
        QCOMPARE(coach.licenseLevel, 3);
        QCOMPARE(coach.action, QStringLiteral("sync_progress_to_license"));
        QCOMPARE(coach.reason, QStringLiteral("license level 3, progress level 5"));
        const ViolationRecord& spelled = report.violations.at(7);
        QCOMPARE(spelled.userId, spelling);
        QCOMPARE(spelled.track, QStringLiteral("LFA_COACH"));
        QCOMPARE(spelled.kind, QStringLiteral("spelling_mismatch"));
        QCOMPARE(spelled.progressLevel, 1);
        QCOMPARE(spelled.licenseLevel, 1);
        QCOMPARE(spelled.action, QStringLiteral("unify_spelling"));
        QCOMPARE(spelled.reason, QStringLiteral("progress spelled COACH, license spelled LFA_COACH"));
        QCOMPARE(report.byTrack.value(QStringLiteral("LFA_COACH")).totalPairs, 4);
        QCOMPARE(report.byTrack.value(QStringLiteral("LFA_COACH")).consistent, 1);

        // Stored with the run: violations and warnings, the latter with their actions.
        auto session = db.open();
        QVERIFY(session);
        ViolationFilter filter;
        filter.warnings = true;
        auto warnings = RunStore::violations(session->db(), filter);
        QVERIFY(warnings.ok());
        QCOMPARE(warnings->size(), 3);
        QCOMPARE(warnings->at(1).record.kind, QStringLiteral("pending_level_up"));
        QCOMPARE(warnings->at(1).record.action, QStringLiteral("apply_level_up"));
        filter = {};
        filter.kind = QStringLiteral("level_mismatch");
        auto mismatches = RunStore::violations(session->db(), filter);
        QVERIFY(mismatches.ok());
        QCOMPARE(mismatches->size(), 1);
        QCOMPARE(mismatches->first().record.userId, mismatch);
        filter.kind = QStringLiteral("spelling_mismatch");
        auto spellings = RunStore::violations(session->db(), filter);
        QVERIFY(spellings.ok());
        QCOMPARE(spellings->size(), 1);
        QCOMPARE(spellings->first().record.userId, spelling);

        // --parallel reads the same statement in user-id ranges: the same counts.
        if (TestDatabase::isPostgres()) {
            CheckOptions options;
            options.parallel = 3;
            const HealthReport parallel = check(db, options);
            QVERIFY(parallel.byKind == report.byKind);
            QCOMPARE(parallel.consistent, report.consistent);
        }
    }

    // docs/BEHAVIOUR.md C2 (revised 2026-12): a license-only key of a user whose role is not student is a
    // staff credential, not a pair; the role compares case-insensitively, also as a PostgreSQL enum.
    void staffCredentialsAreNotPairs()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        if (TestDatabase::isPostgres()) {
            // The platform's own role type: an enum with upper-case labels and both sport director spellings.
            QVERIFY(db.exec(QStringLiteral("CREATE TYPE userrole AS ENUM ('ADMIN', 'INSTRUCTOR', 'STUDENT', "
                                           "'SPORT_DIRECTOR', 'sport_director')")));
            QVERIFY(db.exec(QStringLiteral(
                "ALTER TABLE users ALTER COLUMN role TYPE userrole USING (CASE role WHEN 'sport_director' "
                "THEN 'sport_director' ELSE upper(role) END)::userrole")));
        }
        const QString student
            = TestDatabase::isPostgres() ? QStringLiteral("STUDENT") : QStringLiteral("student");
        const qint64 instructor = db.addUser(QStringLiteral("instructor@x"),
            TestDatabase::isPostgres() ? QStringLiteral("INSTRUCTOR") : QStringLiteral("Instructor"));
        db.addLicense(instructor, QStringLiteral("LFA_COACH"), 8);
        db.addLicense(instructor, QStringLiteral("COACH"), 6); // two credentials of one track: still no pair
        const qint64 director = db.addUser(QStringLiteral("director@x"), QStringLiteral("SPORT_DIRECTOR"));
        db.addLicense(director, QStringLiteral("LFA_COACH"), 12); // out of range: still no violation
        const qint64 lowerDirector
            = db.addUser(QStringLiteral("director2@x"), QStringLiteral("sport_director"));
        db.addLicense(lowerDirector, QStringLiteral("COACH"), 3, 1); // max below current: no warning either
        const qint64 admin = db.addUser(QStringLiteral("admin@x"),
            TestDatabase::isPostgres() ? QStringLiteral("ADMIN") : QStringLiteral("admin"));
        db.addLicense(admin, QStringLiteral("INTERNSHIP"), 2);
        // Ordinary pairs: a student's license alone, an instructor's key with a progress row.
        const qint64 learner = db.addUser(QStringLiteral("student@x"), student);
        db.addLicense(learner, QStringLiteral("LFA_COACH"), 2);
        const qint64 coachWithProgress = db.addUser(QStringLiteral("coach-progress@x"),
            TestDatabase::isPostgres() ? QStringLiteral("INSTRUCTOR") : QStringLiteral("instructor"));
        db.addProgress(coachWithProgress, QStringLiteral("LFA_COACH"), 1, 15000, 15, 30, 50);
        db.addLicense(coachWithProgress, QStringLiteral("LFA_COACH"), 3);
        // A license whose user row does not exist is an ordinary pair.
        if (TestDatabase::isPostgres())
            QVERIFY(db.exec(
                QStringLiteral("ALTER TABLE user_licenses DROP CONSTRAINT user_licenses_user_id_fkey")));
        else
            QVERIFY(db.exec(QStringLiteral("PRAGMA foreign_keys = OFF")));
        const qint64 ghost = coachWithProgress + 1000;
        db.addLicense(ghost, QStringLiteral("LFA_COACH"), 4);

        const HealthReport report = check(db);
        QCOMPARE(report.staffCredentials, 4);
        QCOMPARE(report.totalPairs, 3);
        QCOMPARE(report.inconsistent, 3);
        QCOMPARE(report.byKind[int(ViolationKind::MissingProgress)], 2);
        QCOMPARE(report.byKind[int(ViolationKind::LevelMismatch)], 1);
        QCOMPARE(report.byKind[int(ViolationKind::DuplicateLicense)], 0);
        QCOMPARE(report.byKind[int(ViolationKind::LevelOutOfRange)], 0);
        QCOMPARE(report.warnings[int(WarningKind::MaxBelowCurrent)], 0);
        QCOMPARE(report.byTrack.keys(), QStringList { QStringLiteral("LFA_COACH") });
        QCOMPARE(report.byTrack.value(QStringLiteral("LFA_COACH")).totalPairs, 3);
        QStringList users;
        for (const ViolationRecord& violation : report.violations)
            users << QString::number(violation.userId);
        QCOMPARE(users,
            (QStringList {
                QString::number(learner), QString::number(coachWithProgress), QString::number(ghost) }));

        // Stored with the run and read back; no stored violation or warning names a staff credential.
        auto session = db.open();
        QVERIFY(session);
        auto stored = RunStore::run(session->db(), *report.runId);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->staffCredentials, 4);
        QCOMPARE((*stored)->totalPairs, 3);
        QCOMPARE(db.count(session->db().tool("violations"),
                     QStringLiteral("user_id IN (%1, %2, %3, %4)")
                         .arg(instructor)
                         .arg(director)
                         .arg(lowerDirector)
                         .arg(admin)),
            0);

        // The user view, classifying live, marks the credential and finds nothing to repair.
        for (const qint64 user : { instructor, director, lowerDirector, admin, learner }) {
            auto view = UserView::load(*session, user);
            QVERIFY2(view.ok(), view.ok() ? "" : qPrintable(view.error().message));
            QCOMPARE(view->tracks.size(), 1);
            const KeyClassification& classification = view->tracks.first().classification;
            QCOMPARE(classification.staffCredential, user != learner);
            QCOMPARE(classification.violation.has_value(), user == learner);
            QVERIFY(classification.warnings.isEmpty());
        }

        // --parallel counts them the same way.
        if (TestDatabase::isPostgres()) {
            CheckOptions options;
            options.parallel = 2;
            const HealthReport parallel = check(db, options);
            QCOMPARE(parallel.staffCredentials, 4);
            QCOMPARE(parallel.totalPairs, 3);
        }
    }

    // docs/BEHAVIOUR.md C3 (revised 2026-12): a duplicate key's side level is the level of the row a merge
    // keeps (C6 step 1), not the highest: the platform's sync makes newer empty twins at other levels.
    void duplicateKeysReportTheKeptRowsLevel()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        // Progress: the real row (45,000 XP, level 3) and a newer zero-XP twin at level 5.
        const qint64 a = db.addUser(QStringLiteral("twin-progress@x"));
        db.addProgress(a, QStringLiteral("PLAYER"), 3, 45000, 15);
        const qint64 twin = db.addProgress(a, QStringLiteral("GANCUJU_PLAYER"), 5, 0, 0);
        QVERIFY(
            db.exec(QStringLiteral("UPDATE specialization_progress SET created_at = '2026-11-01 00:00:00', "
                                   "updated_at = '2026-11-01 00:00:00' WHERE id = ?"),
                { twin }));
        db.addLicense(a, QStringLiteral("PLAYER"), 3, 2); // max_below_current: a warning record of the key
        // License: the paid, referenced row at level 4 and a newer unpaid twin at level 6.
        const qint64 b = db.addUser(QStringLiteral("twin-license@x"));
        db.addProgress(b, QStringLiteral("PLAYER"), 4, 70000, 18);
        const qint64 real = db.addLicense(b, QStringLiteral("PLAYER"), 4);
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO license_progressions (user_license_id, from_level, to_level, advanced_at) "
                "VALUES (?, 3, 4, '2025-03-01 00:00:00')"),
            { real }));
        const qint64 empty = db.addLicense(b, QStringLiteral("GANCUJU_PLAYER"), 6);
        QVERIFY(db.exec(QStringLiteral("UPDATE user_licenses SET payment_verified = ?, started_at = "
                                       "'2026-11-01 00:00:00' WHERE id = ?"),
            { false, empty }));

        auto expectKeptLevels = [&](const HealthReport& report, const char* when) -> bool {
            auto session = db.open();
            if (!session || report.violations.size() < 2)
                return false;
            const ViolationRecord& p = report.violations.at(0);
            const ViolationRecord& l = report.violations.at(1);
            bool ok = true;
            auto expect = [&](bool condition, const char* what) {
                if (!condition)
                    qWarning("%s: %s", when, what);
                ok = ok && condition;
            };
            expect(p.userId == a && p.kind == u"duplicate_progress", "progress duplicate first");
            expect(p.progressLevel == 3 && p.licenseLevel == 3,
                "the real progress row's level 3, not the twin's 5");
            expect(l.userId == b && l.kind == u"duplicate_license", "license duplicate second");
            expect(l.progressLevel == 4 && l.licenseLevel == 4,
                "the paid, referenced license's level 4, not the twin's 6");
            // Stored in key order (seq) with the same levels, the key's warning record too.
            ViolationFilter filter;
            filter.runId = report.runId;
            filter.limit = 2;
            auto stored = RunStore::violations(session->db(), filter);
            expect(stored.ok() && stored->size() == 2, "two stored violations");
            if (stored.ok() && stored->size() == 2) {
                expect(stored->at(0).record.userId == a && stored->at(0).record.progressLevel == 3
                        && stored->at(0).record.licenseLevel == 3,
                    "stored progress duplicate at the kept levels");
                expect(stored->at(1).record.userId == b && stored->at(1).record.progressLevel == 4
                        && stored->at(1).record.licenseLevel == 4,
                    "stored license duplicate at the kept levels");
                expect(stored->at(0).sequence < stored->at(1).sequence, "key order by seq");
            }
            filter = {};
            filter.runId = report.runId;
            filter.warnings = true;
            filter.userId = a;
            auto warnings = RunStore::violations(session->db(), filter);
            expect(warnings.ok() && warnings->size() == 1
                    && warnings->first().record.kind == u"max_below_current"
                    && warnings->first().record.progressLevel == 3,
                "the duplicate key's warning at the kept level");
            return ok;
        };
        const HealthReport report = check(db);
        QVERIFY(expectKeptLevels(report, "pending records"));

        // 2,100 keys after them: the duplicates' records are stored before the scan ends (batches
        // of 2,000) and rewritten afterwards.
        QVERIFY(db.exec(
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) "
                           "INSERT INTO users (name, email, password_hash, role, is_active) "
                           "SELECT 'bulk', 'bulk' || i || '@x', 'x', 'student', ? FROM n"),
            { true }));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO specialization_progress (student_id, specialization_id, current_level, total_xp, "
            "completed_sessions, completed_projects, theory_hours_completed, practice_hours_completed) "
            "SELECT id, 'INTERNSHIP', 1, 0, 0, 0, 0, 0 FROM users WHERE name = 'bulk'")));
        const HealthReport large = check(db);
        QCOMPARE(large.byKind[int(ViolationKind::MissingLicense)], 2100);
        QVERIFY(expectKeptLevels(large, "records stored during the scan"));
        CheckOptions limited;
        limited.violationLimit = 1;
        const HealthReport one = check(db, limited);
        QCOMPARE(one.violations.size(), 1);
        QCOMPARE(one.violations.first().progressLevel, 3);

        if (TestDatabase::isPostgres()) {
            CheckOptions options;
            options.parallel = 3;
            QVERIFY(expectKeptLevels(check(db, options), "--parallel"));
        }
        // The user view shows the same levels.
        auto session = db.open();
        auto view = UserView::load(*session, b);
        QVERIFY(view.ok());
        QCOMPARE(view->tracks.first().classification.licenseLevel, 4);
    }

    // Runs stored before tool schema 3 have no staff_credentials: they read as 0.
    void runsStoredBeforeTheColumnReadAsZero()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const qint64 user = db.addUser(QStringLiteral("old@x"), QStringLiteral("instructor"));
        db.addLicense(user, QStringLiteral("LFA_COACH"), 8);
        const HealthReport report = check(db);
        QCOMPARE(report.staffCredentials, 1);
        auto session = db.open();
        QVERIFY(session);
        QVERIFY(db.exec(
            QStringLiteral("UPDATE %1 SET staff_credentials = NULL").arg(session->db().tool("runs"))));
        auto stored = RunStore::latestCompleted(session->db());
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->staffCredentials, 0);
        QCOMPARE((*stored)->runId, report.runId);
    }

    void seedDevelopmentDatabase()
    {
        // The seed's health monitor: 37 pairs, 3 consistent → 8.11 %, critical.
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        for (int i = 0; i < 37; ++i) {
            const qint64 user = db.addUser(QStringLiteral("seed%1@x").arg(i));
            db.addProgress(user, QStringLiteral("PLAYER"), 1, 12000, 10);
            if (i < 3)
                db.addLicense(user, QStringLiteral("PLAYER"), 1);
            else if (i % 2)
                db.addLicense(user, QStringLiteral("PLAYER"), 2);
        }
        const HealthReport report = check(db);
        QCOMPARE(report.totalPairs, 37);
        QCOMPARE(report.consistent, 3);
        QCOMPARE(report.inconsistent, 34);
        QCOMPARE(formatHundredths(*report.rateHundredths), QStringLiteral("8.11"));
        QCOMPARE(runStatusName(report.status), QStringLiteral("critical"));
        QCOMPARE(checkExitCode(report.status), 2);
    }

    void newAndResolvedSincePrevious()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const qint64 a = db.addUser(QStringLiteral("a@x"));
        db.addProgress(a, QStringLiteral("PLAYER"), 2, 25000, 12);
        db.addLicense(a, QStringLiteral("PLAYER"), 1);
        const HealthReport first = check(db);
        QVERIFY(!first.newSincePrevious.has_value());
        QVERIFY(
            db.exec(QStringLiteral("UPDATE user_licenses SET current_level = 2 WHERE user_id = ?"), { a }));
        const qint64 b = db.addUser(QStringLiteral("b@x"));
        db.addProgress(b, QStringLiteral("INTERNSHIP"), 1, 10000, 15);
        const HealthReport second = check(db);
        QCOMPARE(second.newSincePrevious, 1);
        QCOMPARE(second.resolvedSincePrevious, 1);
        // The stale report does not stay "latest": the new run is.
        auto session = db.open();
        auto latest = RunStore::latestCompleted(session->db());
        QVERIFY(latest.ok() && latest->has_value());
        QCOMPARE((*latest)->runId, second.runId);
        QCOMPARE((*latest)->inconsistent, 1);
    }

    void charPaddingAndRowsWithoutUsers()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        const qint64 user = db.addUser(QStringLiteral("pad@x"));
        // Trailing pad spaces (as char(n) stores them) are removed; the alias still applies.
        db.addProgress(user, QStringLiteral("PLAYER"), 1, 12000, 10);
        db.addLicense(user, QStringLiteral("PLAYER  "), 1);
        const HealthReport report = check(db);
        QCOMPARE(report.totalPairs, 1);
        QCOMPARE(report.consistent, 1);
    }

    void checkWithoutToolTablesStoresNothing()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        {
            auto session = db.open();
            QVERIFY(session);
            QVERIFY(PlatformSchema::create(session->db()).ok());
        }
        const qint64 user = db.addUser(QStringLiteral("plain@x"));
        db.addProgress(user, QStringLiteral("COACH"), 2, 35000, 18, 40, 60);
        db.addLicense(user, QStringLiteral("COACH"), 2);
        const HealthReport report = check(db);
        QCOMPARE(runStatusName(report.status), QStringLiteral("healthy"));
        QVERIFY(!report.runId.has_value());
        QVERIFY(report.message.contains(QStringLiteral("built-in catalogue")));
    }

    void readOnlyCheckStoresNothing()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise());
        ConnectionProfile profile = db.profile();
        profile.readOnly = true;
        SessionOptions options;
        options.profile = profile;
        auto session = Session::open(options);
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        auto report = HealthCheck::run(**session, {});
        QVERIFY(report.ok());
        QVERIFY(!report->runId.has_value());
        QCOMPARE(db.count(session.value()->db().tool("runs")), 0);
        // The database itself refuses writes on this connection, not only the tool.
        auto write = (*session)->db().run(QStringLiteral("DELETE FROM users"));
        QVERIFY(!write.ok());
        QCOMPARE(write.error().code, ErrorCode::ReadOnly);
    }

    // PostgreSQL plans the Violations page's pages from the table's statistics: a run that adds more
    // than a tenth of the table leaves them counting its rows, without waiting for autovacuum.
    void aLargeRunLeavesStatisticsThatCountItsRows()
    {
        if (!TestDatabase::isPostgres())
            QSKIP("SQLite plans these pages without statistics");
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY(db.initialise(3000, 1, 0.5));
        auto session = db.open();
        QVERIFY(session);
        const QString violations = session->db().tool("violations");
        const QString counted
            = QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = CAST(? AS regclass)");
        QVERIFY(db.scalar(counted, { violations }).toDouble() <= 0); // demo analyzed it empty, or never
        const HealthReport report = check(db);
        QVERIFY(report.runId.has_value());
        const qint64 stored = db.count(violations);
        QVERIFY2(stored > 1000, qPrintable(QString::number(stored)));
        // Under 30,000 rows ANALYZE reads every row, so the count is exact.
        QCOMPARE(qint64(db.scalar(counted, { violations }).toDouble()), stored);
    }
};

QTEST_GUILESS_MAIN(TestHealthCheck)
#include "tst_healthcheck.moc"
