// The platform's own schema, built with raw DDL exactly as docs/PLATFORM.md §1 describes it (no defaults on
// the license NOT NULL columns, no unique constraint on progress, nullable current_level, an enum
// role with upper-case labels on PostgreSQL, extra unknown columns): the engine works on it and
// never changes a platform table.
#include "TestDatabase.h"
#include "administration/Administration.h"
#include "administration/DemoGenerator.h"
#include "check/HealthCheck.h"
#include "write/Operations.h"
#include "write/Repair.h"

#include <QTest>

using namespace cc;
using cc::test::TestDatabase;

namespace {

QStringList platformDdl(bool pg)
{
    const QString id = pg ? QStringLiteral("SERIAL PRIMARY KEY") : QStringLiteral("INTEGER PRIMARY KEY");
    const QString role = pg ? QStringLiteral("userrole") : QStringLiteral("VARCHAR(20)");
    QStringList ddl;
    if (pg)
        ddl << QStringLiteral("CREATE TYPE userrole AS ENUM ('ADMIN', 'INSTRUCTOR', 'STUDENT')");
    ddl << QStringLiteral(
        "CREATE TABLE users (id %1, name TEXT NOT NULL, email TEXT UNIQUE NOT NULL, password_hash TEXT NOT "
        "NULL, "
        "role %2 NOT NULL, is_active BOOLEAN DEFAULT TRUE, nickname TEXT, date_of_birth DATE, "
        "credit_balance INTEGER NOT NULL DEFAULT 0)")
               .arg(id, role)
        << QStringLiteral("CREATE TABLE specializations (id VARCHAR(50) PRIMARY KEY, is_active BOOLEAN NOT "
                          "NULL DEFAULT TRUE, "
                          "created_at TIMESTAMP, description TEXT)")
        << QStringLiteral(
               "CREATE TABLE specialization_progress (id %1, student_id INTEGER NOT NULL REFERENCES "
               "users(id), "
               "specialization_id VARCHAR(50) NOT NULL REFERENCES specializations(id), current_level INTEGER "
               "DEFAULT 1, "
               "total_xp INTEGER DEFAULT 0, completed_sessions INTEGER DEFAULT 0, completed_projects INTEGER "
               "DEFAULT 0, "
               "theory_hours_completed INTEGER NOT NULL DEFAULT 0, practice_hours_completed INTEGER NOT NULL "
               "DEFAULT 0, "
               "last_activity TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP, legacy_notes TEXT)")
               .arg(id)
        << QStringLiteral(
               "CREATE TABLE user_licenses (id %1, user_id INTEGER NOT NULL REFERENCES users(id), "
               "specialization_type VARCHAR(20) NOT NULL, current_level INTEGER NOT NULL DEFAULT 1, "
               "max_achieved_level INTEGER NOT NULL DEFAULT 1, started_at TIMESTAMP NOT NULL, "
               "last_advanced_at TIMESTAMP, "
               "instructor_notes TEXT, payment_verified BOOLEAN NOT NULL, onboarding_completed BOOLEAN NOT "
               "NULL, "
               "is_active BOOLEAN NOT NULL, renewal_cost INTEGER NOT NULL, credit_balance INTEGER NOT NULL, "
               "credit_purchased INTEGER NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP, "
               "motivation_scores TEXT, UNIQUE (user_id, specialization_type))")
               .arg(id)
        << QStringLiteral("CREATE TABLE license_progressions (id %1, user_license_id INTEGER NOT NULL "
                          "REFERENCES user_licenses(id), "
                          "from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, advanced_by INTEGER "
                          "REFERENCES users(id), "
                          "advancement_reason TEXT, requirements_met TEXT, advanced_at TIMESTAMP)")
               .arg(id)
        << QStringLiteral("CREATE TABLE user_achievements (id %1, user_id INTEGER REFERENCES users(id), "
                          "badge_type TEXT NOT NULL, "
                          "title TEXT NOT NULL, description TEXT, icon TEXT, earned_at TIMESTAMP, "
                          "specialization_id VARCHAR(50))")
               .arg(id);
    for (const char* spec : { "PLAYER", "COACH", "INTERNSHIP" })
        ddl << QStringLiteral("INSERT INTO specializations (id, is_active) VALUES ('%1', TRUE)")
                   .arg(QLatin1String(spec));
    return ddl;
}

QString schemaFingerprint(TestDatabase& db)
{
    QString text;
    const QString tables
        = QStringLiteral("('users', 'specializations', 'specialization_progress', 'user_licenses', "
                         "'license_progressions', 'user_achievements')");
    if (TestDatabase::isPostgres()) {
        text += db.snapshot(
            { QStringLiteral("(SELECT table_name, column_name, data_type, is_nullable, column_default FROM "
                             "information_schema.columns WHERE table_schema = 'public' AND table_name IN %1 "
                             "ORDER BY 1, 2) c")
                    .arg(tables) });
        text += db.snapshot({ QStringLiteral(
            "(SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND tablename IN %1 ORDER BY 1, 2) i")
                                  .arg(tables) });
        text += db.snapshot({ QStringLiteral(
            "(SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = "
            "'public'::regnamespace ORDER BY 1) k") });
    } else {
        text += db.snapshot({ QStringLiteral(
            "(SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN %1 ORDER BY 2) m")
                                  .arg(tables) });
    }
    return text;
}

} // namespace

class TestPlatformSchema final : public QObject {
    Q_OBJECT

private slots:
    void engineWorksOnThePlatformsOwnSchemaAndChangesNoTable()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        for (const QString& statement : platformDdl(TestDatabase::isPostgres()))
            QVERIFY(db.exec(statement));
        // Ada signs in on this production database with the demo password (TestDatabase::open).
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO users (name, email, password_hash, role) VALUES ('Ada', 'ada@x', ?, 'ADMIN')"),
            { DemoGenerator::demoPasswordHash() }));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO users (name, email, password_hash, role) VALUES ('Bo', 'bo@x', 'h', 'STUDENT')")));
        const qint64 bo = db.scalar(QStringLiteral("SELECT id FROM users WHERE email = 'bo@x'")).toLongLong();
        db.addProgress(bo, QStringLiteral("COACH"), 5, 130000, 25, 45, 65);
        db.addLicense(bo, QStringLiteral("COACH"), 3);
        db.addProgress(bo, QStringLiteral("INTERNSHIP"), QVariant(QMetaType::fromType<int>()), 10000, 15);
        const QString before = schemaFingerprint(db);
        QVERIFY(!before.isEmpty());

        {
            auto session = db.open();
            QVERIFY(session);
            auto init = Administration::init(*session, {});
            QVERIFY2(init.ok(), init.ok() ? "" : qPrintable(init.error().message));
            QVERIFY(!init->createdPlatformTables);
            QCOMPARE(init->environment, Environment::Production); // an existing platform database
            QVERIFY(!init->indexes); // only init --indexes adds them to an existing database
        }
        auto session = db.open(QStringLiteral("ada@x")); // ADMIN in upper case is an admin
        QVERIFY(session);
        QCOMPARE(session->op().role, Role::Admin);
        auto report = HealthCheck::run(*session, {});
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        QCOMPARE(report->totalPairs, 2);
        QCOMPARE(report->byKind[int(ViolationKind::LevelMismatch)], 1);
        QCOMPARE(report->byKind[int(ViolationKind::MissingLicense)], 1);

        const KeyRef coach { bo, QStringLiteral("LFA_COACH") };
        auto update = Operations::updateProgress(*session, coach, { 1000, 0, 0, 0, 0 });
        QVERIFY2(update.ok(), update.ok() ? "" : qPrintable(update.error().message));
        RepairOptions options;
        options.createLicenses = true;
        auto repaired = Repair::repairUser(*session, bo, {}, options);
        QVERIFY2(repaired.ok(), repaired.ok() ? "" : qPrintable(repaired.error().message));
        QCOMPARE(repaired->skipped.size(), 0);
        report = HealthCheck::run(*session, {});
        QCOMPARE(report->inconsistent, 0);
        // The created license supplied every NOT NULL column itself (no server defaults exist).
        QCOMPARE(db.count(QStringLiteral("user_licenses"),
                     QStringLiteral("user_id = ? AND renewal_cost = 1000 AND credit_balance = 0"), { bo }),
            2);
        // Extra columns were kept untouched.
        QVERIFY(db.exec(
            QStringLiteral("UPDATE specialization_progress SET legacy_notes = 'kept' WHERE student_id = ?"),
            { bo }));
        QCOMPARE(schemaFingerprint(db), before);
    }

    void missingColumnsAndWrongTypesAreRefusedByName()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QStringList ddl = platformDdl(TestDatabase::isPostgres());
        for (QString& statement : ddl) {
            statement.replace(QStringLiteral("max_achieved_level INTEGER NOT NULL DEFAULT 1, "), QString());
            statement.replace(
                QStringLiteral("total_xp INTEGER DEFAULT 0"), QStringLiteral("total_xp TEXT DEFAULT '0'"));
        }
        for (const QString& statement : std::as_const(ddl))
            QVERIFY(db.exec(statement));
        auto session = db.open();
        QVERIFY(session);
        auto schema = session->platform();
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, ErrorCode::SchemaMismatch);
        QVERIFY2(
            schema.error().message.contains(QStringLiteral("total_xp")), qPrintable(schema.error().message));
        QCOMPARE(exitCodeFor(schema.error().code), 4);
        auto report = HealthCheck::run(*session, {});
        QVERIFY(!report.ok());
    }

    void unknownNotNullColumnBlocksInsertsOnly()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QStringList ddl = platformDdl(TestDatabase::isPostgres());
        for (QString& statement : ddl)
            statement.replace(
                QStringLiteral("motivation_scores TEXT"), QStringLiteral("region_code TEXT NOT NULL"));
        for (const QString& statement : std::as_const(ddl))
            QVERIFY(db.exec(statement));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO users (name, email, password_hash, role) VALUES ('Ada', 'ada@x', 'h', 'ADMIN')")));
        const qint64 ada = db.scalar(QStringLiteral("SELECT id FROM users")).toLongLong();
        db.addProgress(ada, QStringLiteral("PLAYER"), 2, 25000, 12);
        {
            auto session = db.open();
            QVERIFY(Administration::init(*session, { Environment::Development, false, false }).ok());
        }
        auto session = db.open(QStringLiteral("ada@x"));
        QVERIFY(session);
        const QString before
            = db.snapshot({ QStringLiteral("user_licenses"), QStringLiteral("specialization_progress") });
        RepairOptions options;
        options.createLicenses = true;
        auto repaired = Repair::repairUser(*session, ada, {}, options);
        QVERIFY(repaired.ok());
        QCOMPARE(repaired->skipped.size(), 1);
        QVERIFY2(repaired->skipped.first().reason.contains(QStringLiteral("region_code")),
            qPrintable(repaired->skipped.first().reason));
        QCOMPARE(db.snapshot({ QStringLiteral("user_licenses"), QStringLiteral("specialization_progress") }),
            before);
        // Updates still work.
        auto update = Operations::updateProgress(
            *session, { ada, QStringLiteral("GANCUJU_PLAYER") }, { 0, 0, 0, 0, 0 });
        QVERIFY(!update.ok()); // it would have to create the missing license
        QVERIFY(update.error().message.contains(QStringLiteral("region_code")));
    }
};

QTEST_GUILESS_MAIN(TestPlatformSchema)
#include "tst_platformschema.moc"
