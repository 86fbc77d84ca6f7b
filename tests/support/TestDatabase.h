#pragma once

#include "session/Session.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace cc::test {

// A fresh, empty database of the dialect named by CC_TEST_DIALECT (sqlite by default): a file in a
// temporary directory, or a new database on the PostgreSQL server named by PGHOST/PGPORT/PGUSER.
// A PostgreSQL server that cannot be reached fails the test; it never skips.
class TestDatabase final {
public:
    TestDatabase();
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    static bool isPostgres();
    static QString dialectName();

    bool isValid() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    const ConnectionProfile& profile() const { return m_profile; }
    // Command-line arguments selecting this database: {"--db", path} or {"--pg", conninfo}.
    QStringList cliArguments() const;
    QString directory() const { return m_dir.path(); }

    // Opens a session, signed in with the demo password where the database asks (production).
    std::unique_ptr<Session> open(
        const QString& operatorEmail = {}, const QString& source = QStringLiteral("cli"));
    // init (+ demo data when users > 0) as the system.
    bool initialise(qint64 demoUsers = 0, qint64 seed = 1, double rate = 0.02);
    // Runs SQL on a private connection (for planting rows as the platform would).
    bool exec(const QString& sql, const QVariantList& binds = {});
    QVariant scalar(const QString& sql, const QVariantList& binds = {});
    // The database's plan of a statement, one line a step (EXPLAIN / EXPLAIN QUERY PLAN's detail).
    QStringList planOf(const QString& sql);
    // Plants platform rows as the platform would (raw SQL, every NOT NULL column supplied).
    qint64 addUser(const QString& email, const QString& role = QStringLiteral("student"), bool active = true);
    qint64 addProgress(qint64 userId, const QString& spec, const QVariant& level, qint64 xp = 0,
        qint64 sessions = 0, qint64 theoryHours = 0, qint64 practiceHours = 0);
    qint64 addLicense(
        qint64 userId, const QString& spec, qint64 level, std::optional<qint64> maxAchieved = std::nullopt);
    qint64 count(
        const QString& table, const QString& where = QStringLiteral("1 = 1"), const QVariantList& binds = {});

    // A stable text snapshot of the rows of the named tables (for "changed nothing" assertions).
    QString snapshot(const QStringList& tables);

private:
    QTemporaryDir m_dir;
    ConnectionProfile m_profile;
    QString m_adminName;
    QString m_error;
    std::unique_ptr<Database> m_raw;
};

// The tool's own table of that name in the test dialect: cc_audit, coupling_console.audit.
QString toolTable(const char* name);
// The platform's tables, and those plus the tool's audit, settings, levels and aliases: what a
// refused input must leave unchanged (compare TestDatabase::snapshot before and after).
QStringList platformTables();
QStringList guardedTables();

// Runs the real coupling-console binary; returns exit code, stdout and stderr.
struct CliRun {
    int exitCode = -1; // -1 when the program crashed, could not start or was killed after its time limit
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};
CliRun runCli(const QStringList& arguments, const QByteArray& input = {});
// Runs any program (a wrapper such as setpriv or sh around the binary, or sqlite3); one still
// running after timeoutMs is killed and reported with exit code -1.
CliRun runProgram(const QString& program, const QStringList& arguments, const QByteArray& input = {},
    int timeoutMs = 300000);

} // namespace cc::test
