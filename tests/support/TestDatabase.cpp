#include "TestDatabase.h"

#include "administration/Administration.h"
#include "administration/DemoGenerator.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace cc::test {

bool TestDatabase::isPostgres()
{
    return qEnvironmentVariable("CC_TEST_DIALECT") == u"postgres";
}

QString TestDatabase::dialectName()
{
    return isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

QString toolTable(const char* name)
{
    return TestDatabase::isPostgres() ? QStringLiteral("coupling_console.%1").arg(QLatin1String(name))
                                      : QStringLiteral("cc_%1").arg(QLatin1String(name));
}

QStringList platformTables()
{
    return { QStringLiteral("users"), QStringLiteral("specializations"),
        QStringLiteral("specialization_progress"), QStringLiteral("user_licenses"),
        QStringLiteral("license_progressions"), QStringLiteral("user_achievements") };
}

QStringList guardedTables()
{
    return platformTables() << toolTable("audit") << toolTable("settings") << toolTable("levels")
                            << toolTable("aliases");
}

TestDatabase::TestDatabase()
{
    if (!isPostgres()) {
        m_profile = ConnectionProfile::sqlite(m_dir.filePath(QStringLiteral("test.db")));
        return;
    }
    static QAtomicInteger<int> counter;
    const QString name
        = QStringLiteral("cc_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
    auto admin = ConnectionProfile::fromConninfo(QStringLiteral("dbname=postgres"));
    if (!admin) {
        m_error = admin.error().message;
        return;
    }
    m_adminName = uniqueConnectionName(QStringLiteral("cc-test-admin"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_adminName);
        db.setHostName(admin->host);
        db.setPort(admin->port);
        db.setUserName(admin->user);
        db.setPassword(admin->password);
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            m_error = QStringLiteral(
                "the PostgreSQL test server at %1:%2 is not reachable: %3 (./test.sh starts one)")
                          .arg(admin->host)
                          .arg(admin->port)
                          .arg(db.lastError().text());
            return;
        }
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE DATABASE ") + name)) {
            m_error = query.lastError().text();
            return;
        }
    }
    m_profile = *admin;
    m_profile.database = name;
}

TestDatabase::~TestDatabase()
{
    m_raw.reset();
    if (m_adminName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_adminName, false);
        if (db.isOpen() && !m_profile.database.isEmpty() && m_profile.database != u"postgres") {
            QSqlQuery query(db);
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_profile.database));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_adminName);
}

QStringList TestDatabase::cliArguments() const
{
    if (!isPostgres())
        return { QStringLiteral("--db"), m_profile.sqlitePath };
    return { QStringLiteral("--pg"),
        QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
            .arg(m_profile.host)
            .arg(m_profile.port)
            .arg(m_profile.database, m_profile.user) };
}

std::unique_ptr<Session> TestDatabase::open(const QString& operatorEmail, const QString& source)
{
    SessionOptions options;
    options.profile = m_profile;
    options.operatorEmail = operatorEmail;
    options.password
        = QStringLiteral("demo"); // the password of demo users and addUser(); asked on production only
    options.source = source;
    options.openMode = Database::OpenMode::MayCreate;
    auto session = Session::open(options);
    if (!session) {
        qWarning("cannot open the test database: %s", qPrintable(session.error().message));
        return nullptr;
    }
    return std::move(*session);
}

bool TestDatabase::initialise(qint64 demoUsers, qint64 seed, double rate)
{
    if (demoUsers > 0) {
        auto manifest = Administration::demo(m_profile, { demoUsers, seed, rate }, QStringLiteral("cli"));
        if (!manifest)
            qWarning("demo failed: %s", qPrintable(manifest.error().message));
        return manifest.ok();
    }
    auto session = open();
    if (!session)
        return false;
    auto result = Administration::init(*session, {});
    if (!result)
        qWarning("init failed: %s", qPrintable(result.error().message));
    return result.ok();
}

bool TestDatabase::exec(const QString& sql, const QVariantList& binds)
{
    if (!m_raw) {
        auto db = Database::open(m_profile, Database::OpenMode::MayCreate);
        if (!db) {
            qWarning("%s", qPrintable(db.error().message));
            return false;
        }
        m_raw = std::move(*db);
    }
    auto done = binds.isEmpty() ? m_raw->runDirect(sql) : m_raw->run(sql, binds);
    if (!done)
        qWarning("SQL failed: %s: %s", qPrintable(sql), qPrintable(done.error().message));
    return done.ok();
}

QVariant TestDatabase::scalar(const QString& sql, const QVariantList& binds)
{
    if (!m_raw && !exec(QStringLiteral("SELECT 1")))
        return {};
    auto value = m_raw->scalar(sql, binds);
    if (!value) {
        qWarning("SQL failed: %s: %s", qPrintable(sql), qPrintable(value.error().message));
        return {};
    }
    return *value;
}

QStringList TestDatabase::planOf(const QString& sql)
{
    if (!m_raw && !exec(QStringLiteral("SELECT 1")))
        return {};
    const bool pg = m_raw->profile().engine == Engine::PostgreSQL;
    // Not prepared: PostgreSQL cannot prepare an EXPLAIN.
    QSqlQuery query(m_raw->connection());
    if (!query.exec((pg ? QStringLiteral("EXPLAIN ") : QStringLiteral("EXPLAIN QUERY PLAN ")) + sql)) {
        qWarning("SQL failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    QStringList lines;
    while (query.next())
        lines << query.value(pg ? 0 : 3).toString();
    return lines;
}

qint64 TestDatabase::addUser(const QString& email, const QString& role, bool active)
{
    return scalar(QStringLiteral("INSERT INTO users (name, email, password_hash, role, is_active) VALUES (?, "
                                 "?, ?, ?, ?) RETURNING id"),
        { QString(QStringLiteral("Test ") + email), email,
            QStringLiteral("$2b$12$.n22nTX5XRQnorhQzaQ0luiHukJSNXs5wmfVpMAUlUTWSbn4tzWWa"), role, active })
        .toLongLong();
}

qint64 TestDatabase::addProgress(qint64 userId, const QString& spec, const QVariant& level, qint64 xp,
    qint64 sessions, qint64 theoryHours, qint64 practiceHours)
{
    return scalar(
        QStringLiteral(
            "INSERT INTO specialization_progress (student_id, specialization_id, current_level, total_xp, "
            "completed_sessions, completed_projects, theory_hours_completed, practice_hours_completed, "
            "last_activity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING id"),
        { userId, spec, level, xp, sessions, theoryHours, practiceHours,
            QStringLiteral("2025-06-01 10:00:00"), QStringLiteral("2025-01-01 09:00:00"),
            QStringLiteral("2025-06-01 10:00:00") })
        .toLongLong();
}

qint64 TestDatabase::addLicense(
    qint64 userId, const QString& spec, qint64 level, std::optional<qint64> maxAchieved)
{
    return scalar(
        QStringLiteral(
            "INSERT INTO user_licenses (user_id, specialization_type, current_level, max_achieved_level, "
            "started_at, payment_verified, onboarding_completed, is_active, renewal_cost, credit_balance, "
            "credit_purchased, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1000, 0, 0, ?, ?) "
            "RETURNING id"),
        { userId, spec, level, maxAchieved.value_or(level), QStringLiteral("2025-01-01 09:00:00"), true, true,
            true, QStringLiteral("2025-01-01 09:00:00"), QStringLiteral("2025-06-01 10:00:00") })
        .toLongLong();
}

qint64 TestDatabase::count(const QString& table, const QString& where, const QVariantList& binds)
{
    return scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(table, where), binds).toLongLong();
}

QString TestDatabase::snapshot(const QStringList& tables)
{
    if (!m_raw && !exec(QStringLiteral("SELECT 1")))
        return {};
    QString text;
    for (const QString& tableName : tables) {
        auto query = m_raw->exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(tableName));
        if (!query) {
            text += tableName + QStringLiteral(": ") + query.error().message + u'\n';
            continue;
        }
        while (query->next()) {
            text += tableName + u':';
            const QSqlRecord record = query->record();
            for (int i = 0; i < record.count(); ++i)
                text += u' ' + record.fieldName(i) + u'='
                    + (query->value(i).isNull() ? QStringLiteral("NULL") : query->value(i).toString());
            text += u'\n';
        }
    }
    return text;
}

CliRun runCli(const QStringList& arguments, const QByteArray& input)
{
    return runProgram(qEnvironmentVariable("CC_BINARY"), arguments, input);
}

CliRun runProgram(
    const QString& program, const QStringList& arguments, const QByteArray& input, int timeoutMs)
{
    CliRun run;
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    QElapsedTimer timer;
    timer.start();
    process.start();
    if (!process.waitForStarted(10000))
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished(10000);
    }
    run.elapsedMs = timer.elapsed();
    run.exitCode = finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace cc::test
