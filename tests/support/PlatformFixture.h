#pragma once

#include "TestDatabase.h"

#include <memory>

namespace cc::test {

// The ids of the rows PlatformFixture plants, so tests can name them. Every student key is listed
// with what it is (docs/PLATFORM.md §1a: the platform's real data, including the empty twins its own sync
// creates and the staff credentials instructors hold).
struct PlatformFixtureIds {
    qint64 admin = 0; // ADMIN, active: the operator tests sign in as
    qint64 inactiveAdmin = 0; // ADMIN with is_active NULL (inactive on the platform, C7)
    qint64 semester = 0;
    qint64 otherSemester = 0;

    // Consistent pairs.
    qint64 consistentPlayer
        = 0; // PLAYER / PLAYER level 2; license referenced by a credit transaction and an enrollment
    qint64 consistentPlayerProgress = 0;
    qint64 consistentPlayerLicense = 0;
    qint64 consistentIntern = 0; // INTERNSHIP / INTERNSHIP level 2, nothing references its license
    qint64 consistentInternLicense = 0;
    qint64 consistentCoach = 0; // COACH / COACH level 1 with hours
    qint64 nullActiveStudent = 0; // a consistent INTERNSHIP pair of a user whose is_active is NULL

    // The student's real record (45,000 XP, paid, referenced) and the newer empty twins the
    // platform's sync created on each side.
    qint64 twinStudent = 0;
    qint64 realProgress = 0; // PLAYER, level 3, 45,000 XP, 15 sessions
    qint64 twinProgress
        = 0; // PLAYER (specializations has no GANCUJU_PLAYER: the FK allows no other), 0 XP, newer
    qint64 realLicense = 0; // PLAYER, level 3, payment_verified, referenced by every referencing table
    qint64 twinLicense = 0; // GANCUJU_PLAYER, level 1, unpaid, newer; one credit transaction of its own
    QList<qint64> realCreditTransactions;
    qint64 twinCreditTransaction = 0;
    qint64 twinMoodPhoto = 0;
    QList<qint64> realBeltPromotions;
    QList<qint64> realAssessments;
    qint64 realEnrollment = 0;
    qint64 realMoodPhoto = 0;
    QList<qint64> realProgressions; // license_progressions of the real license (1→2, 2→3)

    qint64 spellingMismatch = 0; // progress PLAYER level 2, license GANCUJU_PLAYER level 2
    qint64 spellingMismatchLicense = 0;

    // A duplicate-license COACH key whose licenses each hold an enrollment in the same semester:
    // re-pointing the removed license's enrollment onto the kept one breaks
    // UNIQUE (user_id, semester_id, user_license_id), so the key must be skipped.
    qint64 collidingStudent = 0;
    qint64 collidingKeptLicense = 0; // COACH, paid, active enrollment
    qint64 collidingOtherLicense = 0; // LFA_COACH, unpaid, inactive enrollment in the same semester
    QList<qint64> collidingEnrollments;

    qint64 mismatchLicenseLow = 0; // COACH progress level 4 (justified), license level 2
    qint64 mismatchProgressLow = 0; // INTERNSHIP progress level 1, license level 3
    qint64 missingLicense = 0; // PLAYER progress level 2, no license
    qint64 missingProgress = 0; // INTERNSHIP license level 2, no progress
    qint64 nullCounters = 0; // PLAYER progress with current_level and every counter NULL, license level 1
    qint64 noSpelling
        = 0; // LFA_FOOTBALL_PLAYER license, no progress: no spelling of the track is in specializations

    // Staff: licenses as teaching credentials, no progress (docs/BEHAVIOUR.md C2).
    qint64 instructorLfaCoach = 0; // INSTRUCTOR, LFA_COACH level 8
    qint64 instructorCoach = 0; // INSTRUCTOR, COACH level 6
    qint64 sportDirector = 0; // SPORT_DIRECTOR, LFA_COACH level 5
    qint64 lowerCaseDirector = 0; // the enum's other label, sport_director, no license

    QList<qint64> students() const;
    QList<qint64> staff() const { return { instructorLfaCoach, instructorCoach, sportDirector }; }
};

// A database of the platform's real shape (docs/PLATFORM.md §1a), on the dialect CC_TEST_DIALECT names:
// the role enum, nullable is_active and counters, the 56-column license with json and double
// columns, varchar(20) license types, the tables that reference licenses with their ON DELETE
// actions, unique and partial unique indexes, realistic rows, then the tool's `init` with the
// environment `development`. Build with build(); a failure is in error().
class PlatformFixture final {
public:
    struct Options {
        // uq_user_license_spec UNIQUE (user_id, specialization_type): on databases since 2026-03-20 only.
        bool uniqueLicensePerType = false;
    };

    PlatformFixture();
    explicit PlatformFixture(Options options);
    ~PlatformFixture();
    Q_DISABLE_COPY_MOVE(PlatformFixture)

    bool build();
    const QString& error() const { return m_error; }
    TestDatabase& db() { return *m_db; }
    const PlatformFixtureIds& ids() const { return m_ids; }
    const Options& options() const { return m_options; }

    static QString adminEmail() { return QStringLiteral("admin@academy.test"); }
    static QString inactiveAdminEmail() { return QStringLiteral("dormant.admin@academy.test"); }
    // A session signed in as the fixture's admin (the demo password, as TestDatabase::open).
    std::unique_ptr<Session> openAsAdmin();

    // The tables that reference user_licenses(id), as the fixture builds them.
    static QStringList licenseReferencingTables();

private:
    bool run(const QStringList& statements);
    bool createSchema();
    bool seed();
    qint64 insert(const QString& sql, const QVariantList& binds);
    qint64 addUser(const QString& name, const QString& email, const QString& role, const QVariant& active);
    qint64 addProgress(qint64 user, const QString& spec, const QVariant& level, const QVariant& xp,
        const QVariant& sessions, const QString& createdAt, const QVariant& theoryHours = 0,
        const QVariant& practiceHours = 0);
    qint64 addLicense(qint64 user, const QString& spec, int level, int maxLevel, bool paid,
        const QString& startedAt, const QVariant& paymentReference = {});
    qint64 addCreditTransaction(
        const QVariant& user, const QVariant& license, qint64 amount, const QString& key);
    qint64 addEnrollment(
        qint64 user, qint64 semester, qint64 license, bool active, const QVariant& paymentReference);
    qint64 addProgression(qint64 license, int from, int to, const QString& at);

    Options m_options;
    std::unique_ptr<TestDatabase> m_db;
    PlatformFixtureIds m_ids;
    QString m_error;
};

} // namespace cc::test
