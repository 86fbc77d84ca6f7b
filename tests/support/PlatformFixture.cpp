#include "PlatformFixture.h"

#include "administration/Administration.h"
#include "administration/DemoGenerator.h"

namespace cc::test {

namespace {

// When the real rows were made, and when the platform's 6-hourly sync made the empty twins.
const QString longAgo = QStringLiteral("2024-09-01 08:30:00");
const QString lastSeason = QStringLiteral("2025-03-15 17:45:00");
const QString twinTime = QStringLiteral("2026-11-30 06:00:00");

// DDL written once for both dialects: {id}, {role}, {double}, {json} and {cascade} are replaced by
// the dialect's closest type (docs/PLATFORM.md §1a; on SQLite json is TEXT, double precision REAL,
// booleans BOOLEAN holding 0/1, an enum a VARCHAR).
QString dialectDdl(QString text)
{
    const bool pg = TestDatabase::isPostgres();
    text.replace(QStringLiteral("{id}"),
        pg ? QStringLiteral("SERIAL PRIMARY KEY") : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    text.replace(QStringLiteral("{role}"), pg ? QStringLiteral("userrole") : QStringLiteral("VARCHAR(14)"));
    text.replace(
        QStringLiteral("{double}"), pg ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("REAL"));
    text.replace(QStringLiteral("{json}"), pg ? QStringLiteral("JSON") : QStringLiteral("TEXT"));
    return text;
}

// The 40 columns the real user_licenses has beyond docs/PLATFORM.md §1 (56 in all): nullable or with a
// default, as inserts by the tool must stay possible (docs/BEHAVIOUR.md C1).
const char* const licenseExtraColumns
    = "payment_reference_code VARCHAR(50) UNIQUE, "
      "academy_id_color VARCHAR(20) NOT NULL DEFAULT 'official', "
      "motivation_scores {json}, motivation_last_assessed_at TIMESTAMP, motivation_assessed_by INTEGER "
      "REFERENCES users(id), "
      "average_motivation_score {double}, football_skills {json}, skills_last_updated_at TIMESTAMP, "
      "skills_updated_by INTEGER REFERENCES users(id), overall_skill_average {double}, "
      "onboarding_completed_at TIMESTAMP, "
      "payment_verified_at TIMESTAMP, payment_verified_by INTEGER REFERENCES users(id), last_renewed_at "
      "TIMESTAMP, "
      "expires_at TIMESTAMP, renewal_reminder_sent BOOLEAN DEFAULT FALSE, credit_expires_at TIMESTAMP, "
      "preferred_position VARCHAR(30), secondary_position VARCHAR(30), dominant_foot VARCHAR(10), height_cm "
      "{double}, "
      "weight_kg {double}, jersey_number INTEGER, age_group VARCHAR(20), academy_id INTEGER, location_id "
      "INTEGER, "
      "parental_consent BOOLEAN, parental_consent_at TIMESTAMP, parental_consent_by VARCHAR(100), "
      "instructor_id INTEGER REFERENCES users(id), goals TEXT, medical_notes TEXT, emergency_contact_name "
      "VARCHAR(100), "
      "emergency_contact_phone VARCHAR(30), sport_profile {json}, exam_score {double}, exam_passed_at "
      "TIMESTAMP, "
      "certificate_number VARCHAR(50), certificate_issued_at TIMESTAMP, is_suspended BOOLEAN DEFAULT FALSE";

} // namespace

QList<qint64> PlatformFixtureIds::students() const
{
    return { consistentPlayer, consistentIntern, consistentCoach, nullActiveStudent, twinStudent,
        spellingMismatch, collidingStudent, mismatchLicenseLow, mismatchProgressLow, missingLicense,
        missingProgress, nullCounters, noSpelling };
}

PlatformFixture::PlatformFixture()
    : PlatformFixture(Options {})
{
}

PlatformFixture::PlatformFixture(Options options)
    : m_options(options)
    , m_db(std::make_unique<TestDatabase>())
{
}

PlatformFixture::~PlatformFixture() = default;

QStringList PlatformFixture::licenseReferencingTables()
{
    return { QStringLiteral("belt_promotions"), QStringLiteral("credit_transactions"),
        QStringLiteral("football_skill_assessments"), QStringLiteral("license_progressions"),
        QStringLiteral("semester_enrollments"), QStringLiteral("user_mood_photos") };
}

bool PlatformFixture::build()
{
    if (!m_db->isValid()) {
        m_error = m_db->error();
        return false;
    }
    if (!createSchema() || !seed())
        return false;
    auto session = m_db->open();
    if (!session) {
        m_error = QStringLiteral("cannot open the fixture database as the system");
        return false;
    }
    InitOptions init;
    init.environment = Environment::Development;
    auto done = Administration::init(*session, init);
    if (!done) {
        m_error = QStringLiteral("init on the fixture failed: ") + done.error().message;
        return false;
    }
    return true;
}

std::unique_ptr<Session> PlatformFixture::openAsAdmin()
{
    return m_db->open(adminEmail());
}

bool PlatformFixture::run(const QStringList& statements)
{
    for (const QString& statement : statements) {
        if (!m_db->exec(dialectDdl(statement))) {
            m_error = QStringLiteral("fixture DDL failed: ") + statement;
            return false;
        }
    }
    return true;
}

bool PlatformFixture::createSchema()
{
    QStringList ddl;
    if (TestDatabase::isPostgres())
        ddl << QStringLiteral("CREATE TYPE userrole AS ENUM ('ADMIN', 'INSTRUCTOR', 'STUDENT', "
                              "'SPORT_DIRECTOR', 'sport_director')");
    // users: six more NOT NULL columns without a default (the tool never inserts users).
    ddl << QStringLiteral(
        "CREATE TABLE users (id {id}, name VARCHAR(200) NOT NULL, email VARCHAR(200) NOT NULL UNIQUE, "
        "password_hash VARCHAR(255) NOT NULL, role {role} NOT NULL, is_active BOOLEAN DEFAULT TRUE, "
        "phone VARCHAR(30), date_of_birth DATE, nationality VARCHAR(50) NOT NULL, gender VARCHAR(20) NOT "
        "NULL, "
        "onboarding_completed BOOLEAN NOT NULL, payment_verified BOOLEAN NOT NULL, credit_balance INTEGER "
        "NOT NULL, "
        "credit_purchased INTEGER NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP)")
        << QStringLiteral("CREATE TABLE specializations (id VARCHAR(50) PRIMARY KEY, name VARCHAR(100), "
                          "description TEXT, "
                          "is_active BOOLEAN NOT NULL DEFAULT TRUE, created_at TIMESTAMP)")
        // Every counter nullable, no unique constraint, no index but the primary key.
        << QStringLiteral(
               "CREATE TABLE specialization_progress (id {id}, student_id INTEGER NOT NULL REFERENCES "
               "users(id), "
               "specialization_id VARCHAR(50) NOT NULL REFERENCES specializations(id) ON DELETE CASCADE, "
               "current_level INTEGER DEFAULT 1, total_xp INTEGER DEFAULT 0, completed_sessions INTEGER "
               "DEFAULT 0, "
               "completed_projects INTEGER DEFAULT 0, theory_hours_completed INTEGER DEFAULT 0, "
               "practice_hours_completed INTEGER DEFAULT 0, last_activity TIMESTAMP, created_at TIMESTAMP, "
               "updated_at TIMESTAMP)")
        << QStringLiteral(
               "CREATE TABLE user_licenses (id {id}, user_id INTEGER NOT NULL REFERENCES users(id), "
               "specialization_type VARCHAR(20) NOT NULL, current_level INTEGER NOT NULL DEFAULT 1, "
               "max_achieved_level INTEGER NOT NULL DEFAULT 1, started_at TIMESTAMP NOT NULL, "
               "last_advanced_at TIMESTAMP, "
               "instructor_notes TEXT, payment_verified BOOLEAN NOT NULL, onboarding_completed BOOLEAN NOT "
               "NULL, "
               "is_active BOOLEAN NOT NULL, renewal_cost INTEGER NOT NULL, credit_balance INTEGER NOT NULL, "
               "credit_purchased INTEGER NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP, ")
            + QLatin1String(licenseExtraColumns)
            + (m_options.uniqueLicensePerType ? QStringLiteral(
                   ", CONSTRAINT uq_user_license_spec UNIQUE (user_id, specialization_type))")
                                              : QStringLiteral(")"))
        << QStringLiteral("CREATE TABLE license_progressions (id {id}, user_license_id INTEGER NOT NULL "
                          "REFERENCES user_licenses(id), "
                          "from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, advanced_by INTEGER "
                          "REFERENCES users(id), "
                          "advancement_reason TEXT, requirements_met TEXT, advanced_at TIMESTAMP)")
        << QStringLiteral("CREATE TABLE user_achievements (id {id}, user_id INTEGER REFERENCES users(id), "
                          "badge_type TEXT NOT NULL, "
                          "title TEXT NOT NULL, description TEXT, icon TEXT, earned_at TIMESTAMP, "
                          "specialization_id VARCHAR(50) REFERENCES specializations(id))")
        << QStringLiteral(
               "CREATE TABLE semesters (id {id}, code VARCHAR(30) NOT NULL UNIQUE, name VARCHAR(100) NOT "
               "NULL, "
               "start_date DATE NOT NULL, end_date DATE NOT NULL, is_active BOOLEAN NOT NULL DEFAULT TRUE)")
        // The tables that reference licenses (docs/PLATFORM.md §1a) with their ON DELETE actions and unique
        // indexes.
        << QStringLiteral(
               "CREATE TABLE credit_transactions (id {id}, user_id INTEGER REFERENCES users(id), "
               "user_license_id INTEGER REFERENCES user_licenses(id) ON DELETE CASCADE, "
               "transaction_type VARCHAR(30) NOT NULL, amount INTEGER NOT NULL, balance_after INTEGER NOT "
               "NULL, "
               "description TEXT, idempotency_key VARCHAR(100) UNIQUE, created_at TIMESTAMP NOT NULL, "
               "CONSTRAINT ck_credit_transaction_owner CHECK ((user_id IS NULL) <> (user_license_id IS "
               "NULL)))")
        << QStringLiteral("CREATE TABLE belt_promotions (id {id}, user_license_id INTEGER NOT NULL "
                          "REFERENCES user_licenses(id) ON DELETE CASCADE, "
                          "from_belt VARCHAR(20) NOT NULL, to_belt VARCHAR(20) NOT NULL, promoted_by INTEGER "
                          "REFERENCES users(id), "
                          "promoted_at TIMESTAMP NOT NULL, notes TEXT)")
        << QStringLiteral(
               "CREATE TABLE football_skill_assessments (id {id}, "
               "user_license_id INTEGER NOT NULL REFERENCES user_licenses(id) ON DELETE CASCADE, skill_name "
               "VARCHAR(50) NOT NULL, "
               "points_earned INTEGER NOT NULL, points_total INTEGER NOT NULL, percentage {double} NOT NULL, "
               "status VARCHAR(20) NOT NULL DEFAULT 'ASSESSED', assessed_by INTEGER REFERENCES users(id), "
               "assessed_at TIMESTAMP NOT NULL, notes TEXT)")
        << QStringLiteral("CREATE UNIQUE INDEX uq_skill_assessment_active ON football_skill_assessments "
                          "(user_license_id, skill_name) "
                          "WHERE status IN ('ASSESSED', 'VALIDATED')")
        << QStringLiteral(
               "CREATE TABLE semester_enrollments (id {id}, user_id INTEGER NOT NULL REFERENCES users(id), "
               "semester_id INTEGER NOT NULL REFERENCES semesters(id), "
               "user_license_id INTEGER NOT NULL REFERENCES user_licenses(id) ON DELETE CASCADE, "
               "is_active BOOLEAN NOT NULL DEFAULT TRUE, payment_verified BOOLEAN NOT NULL DEFAULT FALSE, "
               "payment_reference_code VARCHAR(50) UNIQUE, enrolled_at TIMESTAMP NOT NULL, "
               "CONSTRAINT uq_enrollment_user_semester_license UNIQUE (user_id, semester_id, "
               "user_license_id))")
        << QStringLiteral("CREATE UNIQUE INDEX uq_active_enrollment_per_semester ON semester_enrollments "
                          "(user_id, semester_id) WHERE is_active")
        << QStringLiteral(
               "CREATE TABLE user_mood_photos (id {id}, user_id INTEGER NOT NULL REFERENCES users(id), "
               "license_id INTEGER REFERENCES user_licenses(id) ON DELETE SET NULL, photo_url TEXT NOT NULL, "
               "mood VARCHAR(20), taken_at TIMESTAMP NOT NULL)");
    // Real databases hold only the legacy ids, plus one added by hand that does not fit a license.
    for (const char* spec : { "PLAYER", "COACH", "INTERNSHIP", "LFA_PLAYER_AMATEUR_ACADEMY" })
        ddl << QStringLiteral("INSERT INTO specializations (id, name, is_active, created_at) VALUES ('%1', "
                              "'%1', TRUE, '2023-01-10 00:00:00')")
                   .arg(QLatin1String(spec));
    return run(ddl);
}

qint64 PlatformFixture::insert(const QString& sql, const QVariantList& binds)
{
    const QVariant id = m_db->scalar(sql + QStringLiteral(" RETURNING id"), binds);
    if (id.isNull() && m_error.isEmpty())
        m_error = QStringLiteral("fixture insert failed: ") + sql;
    return id.toLongLong();
}

qint64 PlatformFixture::addUser(
    const QString& name, const QString& email, const QString& role, const QVariant& active)
{
    return insert(
        QStringLiteral("INSERT INTO users (name, email, password_hash, role, is_active, nationality, gender, "
                       "onboarding_completed, payment_verified, credit_balance, credit_purchased, "
                       "created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, 'HU', 'unspecified', ?, ?, 0, 0, ?, ?)"),
        { name, email, DemoGenerator::demoPasswordHash(), role, active, true, true, longAgo, lastSeason });
}

qint64 PlatformFixture::addProgress(qint64 user, const QString& spec, const QVariant& level,
    const QVariant& xp, const QVariant& sessions, const QString& createdAt, const QVariant& theoryHours,
    const QVariant& practiceHours)
{
    const QVariant projects = xp.isNull() ? QVariant() : QVariant(0);
    return insert(
        QStringLiteral(
            "INSERT INTO specialization_progress (student_id, specialization_id, current_level, total_xp, "
            "completed_sessions, completed_projects, theory_hours_completed, practice_hours_completed, "
            "last_activity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { user, spec, level, xp, sessions, projects, theoryHours, practiceHours, createdAt, createdAt,
            createdAt });
}

qint64 PlatformFixture::addLicense(qint64 user, const QString& spec, int level, int maxLevel, bool paid,
    const QString& startedAt, const QVariant& paymentReference)
{
    return insert(
        QStringLiteral(
            "INSERT INTO user_licenses (user_id, specialization_type, current_level, max_achieved_level, "
            "started_at, last_advanced_at, payment_verified, onboarding_completed, is_active, renewal_cost, "
            "credit_balance, credit_purchased, created_at, updated_at, payment_reference_code, "
            "motivation_scores, "
            "average_motivation_score, football_skills, overall_skill_average, height_cm, weight_kg, "
            "preferred_position, sport_profile, exam_score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1000, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { user, spec, level, maxLevel, startedAt, startedAt, paid, paid, true, paid ? 800 : 0,
            paid ? 1000 : 0, startedAt, startedAt, paymentReference,
            paid ? QVariant(QStringLiteral("{\"focus\": 4, \"teamwork\": 5}")) : QVariant(),
            paid ? QVariant(4.5) : QVariant(),
            paid ? QVariant(QStringLiteral("{\"dribbling\": 71.5, \"passing\": 80}")) : QVariant(),
            paid ? QVariant(75.75) : QVariant(), paid ? QVariant(172.5) : QVariant(),
            paid ? QVariant(64.25) : QVariant(), paid ? QVariant(QStringLiteral("midfielder")) : QVariant(),
            paid ? QVariant(QStringLiteral("{\"club\": \"Pannon FC\", \"seasons\": [2024, 2025]}"))
                 : QVariant(),
            paid ? QVariant(0.875) : QVariant() });
}

qint64 PlatformFixture::addCreditTransaction(
    const QVariant& user, const QVariant& license, qint64 amount, const QString& key)
{
    return insert(QStringLiteral("INSERT INTO credit_transactions (user_id, user_license_id, "
                                 "transaction_type, amount, balance_after, "
                                 "description, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        { user, license, amount >= 0 ? QStringLiteral("PURCHASE") : QStringLiteral("SPEND"), amount,
            qMax<qint64>(0, amount), QString(QStringLiteral("fixture ") + key), key, lastSeason });
}

qint64 PlatformFixture::addEnrollment(
    qint64 user, qint64 semester, qint64 license, bool active, const QVariant& paymentReference)
{
    return insert(QStringLiteral("INSERT INTO semester_enrollments (user_id, semester_id, user_license_id, "
                                 "is_active, payment_verified, "
                                 "payment_reference_code, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { user, semester, license, active, !paymentReference.isNull(), paymentReference, lastSeason });
}

qint64 PlatformFixture::addProgression(qint64 license, int from, int to, const QString& at)
{
    return insert(QStringLiteral(
                      "INSERT INTO license_progressions (user_license_id, from_level, to_level, advanced_by, "
                      "advancement_reason, requirements_met, advanced_at) VALUES (?, ?, ?, NULL, 'exam "
                      "passed', '{}', ?)"),
        { license, from, to, at });
}

bool PlatformFixture::seed()
{
    PlatformFixtureIds& ids = m_ids;
    int next = 0;
    auto student = [&](const char* name, const QVariant& active = true) {
        const QString email = QStringLiteral("student%1@academy.test").arg(++next);
        return addUser(QString::fromUtf8(name), email, QStringLiteral("STUDENT"), active);
    };
    ids.admin = addUser(QStringLiteral("Ada Admin"), adminEmail(), QStringLiteral("ADMIN"), true);
    ids.inactiveAdmin
        = addUser(QStringLiteral("Dormant Admin"), inactiveAdminEmail(), QStringLiteral("ADMIN"), QVariant());
    ids.semester = insert(
        QStringLiteral(
            "INSERT INTO semesters (code, name, start_date, end_date, is_active) VALUES (?, ?, ?, ?, ?)"),
        { QStringLiteral("2026-FALL"), QStringLiteral("Fall 2026"), QStringLiteral("2026-09-01"),
            QStringLiteral("2026-12-20"), true });
    ids.otherSemester = insert(
        QStringLiteral(
            "INSERT INTO semesters (code, name, start_date, end_date, is_active) VALUES (?, ?, ?, ?, ?)"),
        { QStringLiteral("2026-SPRING"), QStringLiteral("Spring 2026"), QStringLiteral("2026-02-01"),
            QStringLiteral("2026-06-15"), false });

    ids.consistentPlayer = student("Bence Kovács");
    ids.consistentPlayerProgress
        = addProgress(ids.consistentPlayer, QStringLiteral("PLAYER"), 2, 25000, 12, longAgo);
    ids.consistentPlayerLicense = addLicense(
        ids.consistentPlayer, QStringLiteral("PLAYER"), 2, 2, true, longAgo, QStringLiteral("PAY-CP-0001"));
    addCreditTransaction({}, ids.consistentPlayerLicense, 1000, QStringLiteral("ct-cp-1"));
    addEnrollment(ids.consistentPlayer, ids.otherSemester, ids.consistentPlayerLicense, true,
        QStringLiteral("ENR-CP-1"));
    ids.consistentIntern = student("Csilla Nagy");
    addProgress(ids.consistentIntern, QStringLiteral("INTERNSHIP"), 2, 18000, 18, longAgo);
    ids.consistentInternLicense
        = addLicense(ids.consistentIntern, QStringLiteral("INTERNSHIP"), 2, 2, true, longAgo);
    addCreditTransaction(ids.consistentIntern, {}, 500, QStringLiteral("ct-ci-user"));
    ids.consistentCoach = student("Dániel Tóth");
    addProgress(ids.consistentCoach, QStringLiteral("COACH"), 1, 15000, 15, longAgo, 30, 50);
    addLicense(ids.consistentCoach, QStringLiteral("COACH"), 1, 1, true, longAgo);
    ids.nullActiveStudent = student("Emese Szabó", QVariant());
    addProgress(ids.nullActiveStudent, QStringLiteral("INTERNSHIP"), 1, 10000, 15, longAgo);
    addLicense(ids.nullActiveStudent, QStringLiteral("INTERNSHIP"), 1, 1, false, longAgo);

    // The real record and the platform sync's newer, empty, unpaid twins.
    ids.twinStudent = student("Ferenc Horváth");
    ids.realProgress = addProgress(ids.twinStudent, QStringLiteral("PLAYER"), 3, 45000, 15, longAgo);
    ids.realLicense = addLicense(
        ids.twinStudent, QStringLiteral("PLAYER"), 3, 3, true, longAgo, QStringLiteral("PAY-TW-0001"));
    ids.realProgressions = { addProgression(ids.realLicense, 1, 2, QStringLiteral("2024-12-01 10:00:00")),
        addProgression(ids.realLicense, 2, 3, lastSeason) };
    ids.realCreditTransactions
        = { addCreditTransaction({}, ids.realLicense, 2000, QStringLiteral("ct-tw-purchase")),
              addCreditTransaction({}, ids.realLicense, -300, QStringLiteral("ct-tw-spend")) };
    for (const auto& [from, to] : { std::pair { "WHITE", "YELLOW" }, std::pair { "YELLOW", "GREEN" } })
        ids.realBeltPromotions << insert(
            QStringLiteral("INSERT INTO belt_promotions (user_license_id, from_belt, to_belt, promoted_by, "
                           "promoted_at, notes) VALUES (?, ?, ?, ?, ?, 'fixture')"),
            { ids.realLicense, QLatin1String(from), QLatin1String(to), ids.admin, lastSeason });
    for (const auto& [skill, status] :
        { std::pair { "dribbling", "ASSESSED" }, std::pair { "passing", "VALIDATED" } })
        ids.realAssessments << insert(
            QStringLiteral(
                "INSERT INTO football_skill_assessments (user_license_id, skill_name, points_earned, "
                "points_total, percentage, status, assessed_by, assessed_at) VALUES (?, ?, 43, 50, 86.0, ?, "
                "?, ?)"),
            { ids.realLicense, QLatin1String(skill), QLatin1String(status), ids.admin, lastSeason });
    ids.realEnrollment
        = addEnrollment(ids.twinStudent, ids.semester, ids.realLicense, true, QStringLiteral("ENR-TW-1"));
    ids.realMoodPhoto = insert(QStringLiteral("INSERT INTO user_mood_photos (user_id, license_id, photo_url, "
                                              "mood, taken_at) VALUES (?, ?, ?, 'happy', ?)"),
        { ids.twinStudent, ids.realLicense, QStringLiteral("https://cdn.academy.test/mood/1.jpg"),
            lastSeason });
    for (const char* badge : { "first_level_up", "skill_milestone" })
        insert(QStringLiteral("INSERT INTO user_achievements (user_id, badge_type, title, earned_at, "
                              "specialization_id) VALUES (?, ?, ?, ?, 'PLAYER')"),
            { ids.twinStudent, QLatin1String(badge), QLatin1String(badge), lastSeason });
    ids.twinProgress = addProgress(ids.twinStudent, QStringLiteral("PLAYER"), 1, 0, 0, twinTime);
    ids.twinLicense = addLicense(ids.twinStudent, QStringLiteral("GANCUJU_PLAYER"), 1, 1, false, twinTime);
    ids.twinCreditTransaction
        = addCreditTransaction({}, ids.twinLicense, 0, QStringLiteral("ct-tw-twin-created"));
    ids.twinMoodPhoto = insert(QStringLiteral("INSERT INTO user_mood_photos (user_id, license_id, photo_url, "
                                              "mood, taken_at) VALUES (?, ?, ?, 'calm', ?)"),
        { ids.twinStudent, ids.twinLicense, QStringLiteral("https://cdn.academy.test/mood/2.jpg"),
            twinTime });

    ids.spellingMismatch = student("Gábor Varga");
    addProgress(ids.spellingMismatch, QStringLiteral("PLAYER"), 2, 25000, 12, longAgo);
    ids.spellingMismatchLicense
        = addLicense(ids.spellingMismatch, QStringLiteral("GANCUJU_PLAYER"), 2, 2, true, longAgo);

    ids.collidingStudent = student("Hanna Kiss");
    addProgress(ids.collidingStudent, QStringLiteral("COACH"), 2, 35000, 18, longAgo, 40, 60);
    ids.collidingKeptLicense = addLicense(ids.collidingStudent, QStringLiteral("COACH"), 2, 2, true, longAgo);
    ids.collidingOtherLicense
        = addLicense(ids.collidingStudent, QStringLiteral("LFA_COACH"), 2, 2, false, twinTime);
    ids.collidingEnrollments = { addEnrollment(ids.collidingStudent, ids.semester, ids.collidingKeptLicense,
                                     true, QStringLiteral("ENR-CL-1")),
        addEnrollment(ids.collidingStudent, ids.semester, ids.collidingOtherLicense, false, {}) };

    ids.mismatchLicenseLow = student("István Molnár");
    addProgress(ids.mismatchLicenseLow, QStringLiteral("COACH"), 4, 90000, 22, longAgo, 45, 65);
    addLicense(ids.mismatchLicenseLow, QStringLiteral("COACH"), 2, 2, true, longAgo);
    ids.mismatchProgressLow = student("Judit Farkas");
    addProgress(ids.mismatchProgressLow, QStringLiteral("INTERNSHIP"), 1, 5000, 5, longAgo);
    addLicense(ids.mismatchProgressLow, QStringLiteral("INTERNSHIP"), 3, 3, true, longAgo);
    ids.missingLicense = student("Károly Balogh");
    addProgress(ids.missingLicense, QStringLiteral("PLAYER"), 2, 25000, 12, longAgo);
    ids.missingProgress = student("Lilla Papp");
    addLicense(ids.missingProgress, QStringLiteral("INTERNSHIP"), 2, 2, true, longAgo);
    ids.nullCounters = student("Márk Takács");
    addProgress(ids.nullCounters, QStringLiteral("PLAYER"), QVariant(), QVariant(), QVariant(), longAgo,
        QVariant(), QVariant());
    addLicense(ids.nullCounters, QStringLiteral("PLAYER"), 1, 1, false, longAgo);
    ids.noSpelling = student("Nóra Juhász");
    addLicense(ids.noSpelling, QStringLiteral("LFA_FOOTBALL_PLAYER"), 2, 2, true, longAgo);

    ids.instructorLfaCoach = addUser(QStringLiteral("Olivér Oktató"), QStringLiteral("oliver@academy.test"),
        QStringLiteral("INSTRUCTOR"), true);
    addLicense(ids.instructorLfaCoach, QStringLiteral("LFA_COACH"), 8, 8, true, longAgo);
    ids.instructorCoach = addUser(QStringLiteral("Piroska Edző"), QStringLiteral("piroska@academy.test"),
        QStringLiteral("INSTRUCTOR"), true);
    addLicense(ids.instructorCoach, QStringLiteral("COACH"), 6, 6, true, longAgo);
    ids.sportDirector = addUser(QStringLiteral("Réka Igazgató"), QStringLiteral("reka@academy.test"),
        QStringLiteral("SPORT_DIRECTOR"), true);
    addLicense(ids.sportDirector, QStringLiteral("LFA_COACH"), 5, 5, true, longAgo);
    ids.lowerCaseDirector = addUser(QStringLiteral("Sándor Igazgató"), QStringLiteral("sandor@academy.test"),
        QStringLiteral("sport_director"), true);
    return m_error.isEmpty();
}

} // namespace cc::test
