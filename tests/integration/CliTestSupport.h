#pragma once

// Helpers shared by the command-line tests: run the real binary on a TestDatabase, parse its JSON,
// plant platform rows with raw SQL as the platform itself would.

#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

namespace cc::test::cli {

// A list of literal arguments (the build forbids implicit const char* → QString).
inline QStringList words(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

// Every table of the tool (docs/BEHAVIOUR.md C1), runs and sign-in throttling included.
inline QStringList allToolTables()
{
    QStringList tables;
    for (const char* name : { "schema_version", "settings", "levels", "aliases", "runs", "violations",
             "batches", "audit", "signin" })
        tables << toolTable(name);
    return tables;
}

// A SQLite file as `sqlite3 FILE .dump` prints it, after `PRAGMA wal_checkpoint(TRUNCATE)` on a
// private connection when `checkpoint` (skip it for damaged files, whose bytes must not move).
inline QString sqliteDump(const QString& path, bool checkpoint = true)
{
    if (checkpoint)
        runProgram(QStringLiteral("sqlite3"), { path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE);") });
    const CliRun dump = runProgram(QStringLiteral("sqlite3"), { path, QStringLiteral(".dump") });
    return QStringLiteral("sqlite3 exit %1\n").arg(dump.exitCode) + QString::fromUtf8(dump.out)
        + QString::fromUtf8(dump.err);
}

// Runs `coupling-console COMMAND ARGS... <database options>`.
inline CliRun runOn(const TestDatabase& db, const QString& command, const QStringList& arguments = {})
{
    return runCli(QStringList { command } + arguments + db.cliArguments());
}

inline QString describe(const CliRun& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

inline QJsonDocument parseJson(const QByteArray& text, bool* ok = nullptr)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError;
    return document;
}

inline QJsonObject jsonObject(const CliRun& run)
{
    return parseJson(run.out).object();
}

inline QJsonArray jsonArray(const CliRun& run)
{
    return parseJson(run.out).array();
}

// SQL boolean literal valid on both dialects.
inline QString sqlBool(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

inline const char* fixedTime()
{
    return "2025-10-25 17:24:24";
}

// bcrypt of "demo" (the demo users' shared hash): a named operator on production signs in with it.
inline constexpr const char* knownPassword = "demo";
inline constexpr const char* knownHash = "$2b$12$.n22nTX5XRQnorhQzaQ0luiHukJSNXs5wmfVpMAUlUTWSbn4tzWWa";

// A platform user inserted with raw SQL; returns its id (0 on failure).
inline qint64 addUser(TestDatabase& db, const QString& email, const QString& role = QStringLiteral("student"),
    bool active = true)
{
    const bool done = db.exec(
        QStringLiteral(
            "INSERT INTO users (name, email, password_hash, role, is_active) VALUES (?, ?, ?, ?, %1)")
            .arg(sqlBool(active)),
        QVariantList {
            QString(QStringLiteral("User ") + email), email, QString::fromLatin1(knownHash), role });
    if (!done)
        return 0;
    return db.scalar(QStringLiteral("SELECT id FROM users WHERE email = ?"), QVariantList { email })
        .toLongLong();
}

struct Counters {
    qint64 xp = 0;
    qint64 sessions = 0;
    qint64 theoryHours = 0;
    qint64 practiceHours = 0;
};

inline bool addProgress(TestDatabase& db, qint64 userId, const QString& spec, const QVariant& level,
    const Counters& counters = {})
{
    return db.exec(
        QStringLiteral(
            "INSERT INTO specialization_progress (student_id, specialization_id, current_level, total_xp, "
            "completed_sessions, completed_projects, theory_hours_completed, practice_hours_completed, "
            "last_activity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, '%1', '%1', '%1')")
            .arg(QLatin1String(fixedTime())),
        QVariantList { userId, spec, level, counters.xp, counters.sessions, counters.theoryHours,
            counters.practiceHours });
}

inline bool addLicense(TestDatabase& db, qint64 userId, const QString& spec, int level, int maxAchieved = 0)
{
    return db.exec(QStringLiteral("INSERT INTO user_licenses (user_id, specialization_type, current_level, "
                                  "max_achieved_level, started_at, "
                                  "last_advanced_at, payment_verified, onboarding_completed, is_active, "
                                  "renewal_cost, credit_balance, "
                                  "credit_purchased, created_at, updated_at) VALUES (?, ?, ?, ?, '%1', '%1', "
                                  "false, false, true, 1000, 0, 0, "
                                  "'%1', '%1')")
                       .arg(QLatin1String(fixedTime())),
        QVariantList { userId, spec, level, maxAchieved > 0 ? maxAchieved : level });
}

// The platform's tables exactly as docs/PLATFORM.md §1 describes them (no tool tables), with the six ids.
// `licenseExtra` adds column definitions to user_licenses; `levelType` is the type of
// specialization_progress.current_level.
inline bool createPlatformTables(
    TestDatabase& db, const QString& licenseExtra = {}, const QString& levelType = QStringLiteral("INTEGER"))
{
    const bool pg = TestDatabase::isPostgres();
    const QString id
        = pg ? QStringLiteral("SERIAL PRIMARY KEY") : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
    const QStringList statements {
        QStringLiteral("CREATE TABLE users (id %1, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, "
                       "password_hash TEXT NOT NULL, "
                       "role VARCHAR(20) NOT NULL, is_active BOOLEAN DEFAULT true)")
            .arg(id),
        QStringLiteral("CREATE TABLE specializations (id VARCHAR(50) PRIMARY KEY, is_active BOOLEAN NOT NULL "
                       "DEFAULT true, created_at TIMESTAMP)"),
        QStringLiteral(
            "CREATE TABLE specialization_progress (id %1, student_id INTEGER NOT NULL REFERENCES users(id), "
            "specialization_id VARCHAR(50) NOT NULL REFERENCES specializations(id), current_level %2 DEFAULT "
            "1, "
            "total_xp INTEGER DEFAULT 0, completed_sessions INTEGER DEFAULT 0, completed_projects INTEGER "
            "DEFAULT 0, "
            "theory_hours_completed INTEGER NOT NULL DEFAULT 0, practice_hours_completed INTEGER NOT NULL "
            "DEFAULT 0, "
            "last_activity TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP)")
            .arg(id, levelType),
        QStringLiteral("CREATE TABLE user_licenses (id %1, user_id INTEGER NOT NULL REFERENCES users(id), "
                       "specialization_type VARCHAR(20) NOT NULL, "
                       "current_level INTEGER NOT NULL DEFAULT 1, max_achieved_level INTEGER NOT NULL "
                       "DEFAULT 1, started_at TIMESTAMP NOT NULL, "
                       "last_advanced_at TIMESTAMP, instructor_notes TEXT, payment_verified BOOLEAN NOT "
                       "NULL, onboarding_completed BOOLEAN NOT NULL, "
                       "is_active BOOLEAN NOT NULL, renewal_cost INTEGER NOT NULL, credit_balance INTEGER "
                       "NOT NULL, credit_purchased INTEGER NOT NULL, "
                       "%2 created_at TIMESTAMP, updated_at TIMESTAMP)")
            .arg(id, licenseExtra.isEmpty() ? QString() : licenseExtra + u','),
        QStringLiteral("CREATE TABLE license_progressions (id %1, user_license_id INTEGER NOT NULL "
                       "REFERENCES user_licenses(id), "
                       "from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, advanced_by INTEGER "
                       "REFERENCES users(id), "
                       "advancement_reason TEXT, requirements_met TEXT, advanced_at TIMESTAMP)")
            .arg(id),
        QStringLiteral("CREATE TABLE user_achievements (id %1, user_id INTEGER REFERENCES users(id), "
                       "badge_type TEXT NOT NULL, title TEXT NOT NULL, "
                       "description TEXT, icon TEXT, earned_at TIMESTAMP, specialization_id VARCHAR(50))")
            .arg(id),
    };
    for (const QString& statement : statements) {
        if (!db.exec(statement))
            return false;
    }
    for (const char* spec :
        { "PLAYER", "COACH", "INTERNSHIP", "GANCUJU_PLAYER", "LFA_COACH", "LFA_FOOTBALL_PLAYER" }) {
        if (!db.exec(QStringLiteral("INSERT INTO specializations (id, is_active) VALUES (?, true)"),
                QVariantList { QString::fromLatin1(spec) }))
            return false;
    }
    return true;
}

// Waits (at most `timeoutMs`) until process `pid` catches `signal`: its bit is set in SigCgt of
// /proc/PID/status once a handler is installed. A signal sent before that meets the default action
// (the process dies), so a test waits for this instead of sleeping.
inline bool waitForSignalHandler(qint64 pid, int signal, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    const QString path = QStringLiteral("/proc/%1/status").arg(pid);
    do {
        QFile status(path);
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : status.readAll().split('\n')) {
                if (!line.startsWith("SigCgt:"))
                    continue;
                bool ok = false;
                const quint64 mask = line.mid(7).trimmed().toULongLong(&ok, 16);
                if (ok && (mask >> (signal - 1)) & 1U)
                    return true;
            }
        }
        QThread::msleep(5);
    } while (timer.elapsed() < timeoutMs);
    return false;
}

} // namespace cc::test::cli

// Fails the test when the fixture database is unusable (a PostgreSQL server that cannot be reached).
#define CLI_REQUIRE_DB(db) QVERIFY2((db).isValid(), qPrintable((db).error()))

// Runs the CLI and requires an exit code, printing the whole run otherwise.
// The run expression is evaluated once (QVERIFY2 evaluates its message even when it passes).
#define CLI_EXPECT(run, code)                                                                                \
    do {                                                                                                     \
        const cc::test::CliRun& cliRunOnce = (run);                                                          \
        QVERIFY2(cliRunOnce.exitCode == (code),                                                              \
            qPrintable(                                                                                      \
                QStringLiteral("expected exit %1; ").arg(code) + cc::test::cli::describe(cliRunOnce)));      \
    } while (false)

// Initialises a fresh database through the CLI.
#define CLI_INIT(db)                                                                                         \
    do {                                                                                                     \
        CLI_REQUIRE_DB(db);                                                                                  \
        const cc::test::CliRun initRun = cc::test::cli::runOn((db), QStringLiteral("init"));                 \
        CLI_EXPECT(initRun, 0);                                                                              \
    } while (false)

namespace cc::test::cli {

// `total` users, each with one GANCUJU_PLAYER progress row at level 1 and zero counters; the first
// `consistent` of them also hold a level-1 license, the others none (missing_license). No warnings.
inline bool addKeys(TestDatabase& db, const QString& prefix, int total, int consistent)
{
    const QString ts = TestDatabase::isPostgres()
        ? QStringLiteral("TIMESTAMP '%1'").arg(QLatin1String(fixedTime()))
        : QStringLiteral("'%1'").arg(QLatin1String(fixedTime()));
    if (!db.exec(
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                           "INSERT INTO users (name, email, password_hash, role, is_active) "
                           "SELECT '%2' || i, '%2' || i || '@keys.test', '%3', 'student', true FROM n")
                .arg(total)
                .arg(prefix, QLatin1String(knownHash))))
        return false;
    const QString mine = QStringLiteral("FROM users WHERE email LIKE '%1%@keys.test'").arg(prefix);
    if (!db.exec(QStringLiteral("INSERT INTO specialization_progress (student_id, specialization_id, "
                                "current_level, total_xp, completed_sessions, "
                                "completed_projects, theory_hours_completed, practice_hours_completed, "
                                "last_activity, created_at, updated_at) "
                                "SELECT id, 'GANCUJU_PLAYER', 1, 0, 0, 0, 0, 0, %1, %1, %1 ")
                     .arg(ts)
            + mine))
        return false;
    if (consistent == 0)
        return true;
    return db.exec(
        QStringLiteral("INSERT INTO user_licenses (user_id, specialization_type, current_level, "
                       "max_achieved_level, started_at, "
                       "payment_verified, onboarding_completed, is_active, renewal_cost, credit_balance, "
                       "credit_purchased, created_at, updated_at) "
                       "SELECT id, 'GANCUJU_PLAYER', 1, 1, %1, false, false, true, 1000, 0, 0, %1, %1 ")
            .arg(ts)
        + mine + QStringLiteral(" AND id < (SELECT MIN(id) ") + mine
        + QStringLiteral(") + %1").arg(consistent));
}

} // namespace cc::test::cli
