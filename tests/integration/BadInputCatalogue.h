#pragma once

// The fixture of the bad-input catalogue of issue 5 (tst_cli_bad_files, tst_cli_bad_values): one named
// row per case, each run against the real binary. Each row asserts the exit code of docs/BEHAVIOUR.md C8,
// the words a person reads on stderr, and that the database did not change: on SQLite the `.dump` of
// the file after a checkpoint on a private connection (and the bytes of a damaged or foreign file), on
// PostgreSQL the rows of the platform tables and of every tool table, and the list of tables and
// schemas. A test derives from BadInputCatalogue and adds its rows; rows on setups other than the
// shared database need the test to prepare them (prepareOwn).

#include "BadInputSupport.h"
#include "CliTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace cc::test::badinput {

using namespace cc::test::cli;

// What a row runs against. Most rows share one initialised database; the others get their own.
enum class Setup {
    // initialised (development): s@x.test at level 3 on PLAYER, r@x.test near the XP ceiling, an
    // instructor, an admin
    Shared,
    // the platform's tables, then init (production); a@x.test is an admin who signs in with a password
    Production,
    MissingFile, // SQLite: --db names a file that does not exist
    Directory, // SQLite: --db names a directory
    TextFile, // SQLite: a text file
    TruncatedFile, // SQLite: the shared database cut after its fifth page
    CorruptedFile, // SQLite: the shared database with garbage in the middle of every page but the first
    ZeroByteFile, // SQLite: an empty file
    NoTables, // a SQLite file with a header and no tables; a new PostgreSQL database
    // SQLite: the shared database (WAL mode), 0444, in a directory the user may not write; run as nobody
    ReadOnlyWal,
    // SQLite: the same file, 0444, in a directory the user may write (01777); run as nobody
    ReadOnlyFile,
    MissingTable, // initialised, then user_licenses dropped
    MissingColumn, // initialised, then specialization_progress.total_xp dropped
    WrongType, // initialised, then users.is_active replaced by a TEXT column
    TableLocked, // the shared database while another connection holds its write lock
    // the shared database while another connection has an uncommitted change to s@x.test's progress row
    RowLocked,
    // initialised, s@x.test updated twice (audit entries 2 and 3), entry 2's reason edited in the table
    TamperedAudit,
};

// One bad input. `@FILE` in the arguments names the level file, `@PORT` a port nothing listens on,
// `@FIFO` a FIFO and `@DIR` a directory in the row's directory.
struct Case {
    Setup setup = Setup::Shared;
    QStringList arguments;
    int exitCode = 4;
    QString message; // words on stderr
    QByteArray levelFile = {}; // written to the file named by @FILE
    QByteArray rawArgument = {}; // appended after the arguments as these bytes (not UTF-8)
    QByteArray password = {}; // CC_PASSWORD_FILE's content; null: no CC_PASSWORD_FILE
    bool sqliteOnly = false; // a file matter that cannot exist on PostgreSQL
    bool signInRecorded = false; // a failed sign-in is throttled: only its tool `signin` row may appear
    QString secret = {}; // a password in the arguments: it appears neither on stdout nor on stderr
};

inline bool isFileSetup(Setup setup)
{
    switch (setup) {
    case Setup::MissingFile:
    case Setup::Directory:
    case Setup::TextFile:
    case Setup::TruncatedFile:
    case Setup::CorruptedFile:
    case Setup::ZeroByteFile:
    case Setup::ReadOnlyWal:
    case Setup::ReadOnlyFile:
        return true;
    default:
        return false;
    }
}

inline bool isLocked(Setup setup)
{
    return setup == Setup::TableLocked || setup == Setup::RowLocked;
}

inline void add(const QString& name, const Case& input)
{
    QTest::addRow("%s", qPrintable(name)) << input;
}

} // namespace cc::test::badinput

Q_DECLARE_METATYPE(cc::test::badinput::Case)

namespace cc::test::badinput {

// Runs the rows of `catalogue_data`, which a derived test fills through addRows().
class BadInputCatalogue : public QObject {
    Q_OBJECT

protected:
    // The database one row runs against and what "unchanged" compares.
    struct Fixture {
        TestDatabase* db = nullptr; // the shared database or `own`
        std::unique_ptr<TestDatabase> own;
        QTemporaryDir files; // files of this row (level file, damaged copies, read-only directories)
        QString file; // SQLite: the path the command is given
        QStringList databaseArguments;
        bool compareBytes = false;
        bool asNobody = false;
    };

    std::unique_ptr<TestDatabase> m_shared;
    qint64 m_student = 0;

    // Adds the rows of the test (add(); the column is added already).
    virtual void addRows() = 0;

    // Prepares a setup other than the shared database and its locks.
    virtual void prepareOwn(Fixture& f, Setup setup)
    {
        Q_UNUSED(f);
        QFAIL(qPrintable(QStringLiteral("this test does not prepare setup %1").arg(int(setup))));
    }

private:
    void prepare(Fixture& f, Setup setup)
    {
        QVERIFY(f.files.isValid());
        if (setup == Setup::Shared || isLocked(setup)) {
            f.db = m_shared.get();
            f.databaseArguments = f.db->cliArguments();
            f.file = f.db->profile().sqlitePath;
            return;
        }
        prepareOwn(f, setup);
    }

    // Leaves the row's directories removable again.
    static void restore(Fixture& f)
    {
        const QString locked = f.files.filePath(QStringLiteral("locked"));
        if (QFileInfo(locked).isDir())
            runProgram(QStringLiteral("chmod"), { QStringLiteral("0755"), locked });
    }

    // --- the compared state ---------------------------------------------------------------------

    // The tables and schemas of the database, then the rows of those of ours that exist (a missing
    // table's error would name the driver's prepared statement, numbered per connection).
    static QString postgresState(TestDatabase& db, bool ignoreSignIn)
    {
        const QString catalogue
            = db.scalar(QStringLiteral("SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY "
                                       "table_schema, table_name) "
                                       "FROM information_schema.tables WHERE table_schema NOT IN "
                                       "('pg_catalog', 'information_schema')"))
                  .toString();
        const QString schemas
            = db.scalar(QStringLiteral("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace "
                                       "WHERE nspname NOT LIKE 'pg\\_%temp\\_%'"))
                  .toString();
        const QStringList existing = catalogue.split(u',');
        QStringList tables;
        for (const QString& table : platformTables() + allToolTables()) {
            const QString qualified = table.contains(u'.') ? table : QStringLiteral("public.") + table;
            if (existing.contains(qualified) && !(ignoreSignIn && table == toolTable("signin")))
                tables << table;
        }
        return QStringLiteral("tables: %1\nschemas: %2\n").arg(catalogue, schemas) + db.snapshot(tables);
    }

    static QString sqliteState(const Fixture& f, bool ignoreSignIn)
    {
        const QFileInfo info(f.file);
        if (!info.exists())
            return QStringLiteral("absent; its directory holds: ") + listing(info.absolutePath());
        if (info.isDir())
            return QStringLiteral("a directory holding: ") + listing(f.file);
        QString state = QStringLiteral("%1 bytes\n").arg(info.size());
        if (f.compareBytes)
            state += QString::fromLatin1(sha256Of(f.file)) + u'\n';
        const QStringList lines = sqliteDump(f.file, !f.compareBytes).split(u'\n');
        for (const QString& line : lines) {
            if (!(ignoreSignIn && line.startsWith(QStringLiteral("INSERT INTO cc_signin"))))
                state += line + u'\n';
        }
        return state;
    }

    static QString state(Fixture& f, bool ignoreSignIn)
    {
        return TestDatabase::isPostgres() ? postgresState(*f.db, ignoreSignIn) : sqliteState(f, ignoreSignIn);
    }

    // --- running --------------------------------------------------------------------------------

    static QStringList commandLine(const Fixture& f, const Case& input, const QString& levelFile, int port)
    {
        QStringList arguments = input.arguments;
        arguments.replaceInStrings(QStringLiteral("@FILE"), levelFile);
        arguments.replaceInStrings(QStringLiteral("@PORT"), QString::number(port));
        arguments.replaceInStrings(QStringLiteral("@FIFO"), f.files.filePath(QStringLiteral("fifo")));
        arguments.replaceInStrings(QStringLiteral("@DIR"), f.files.path());
        const bool ownDatabase
            = arguments.contains(QStringLiteral("--db")) || arguments.contains(QStringLiteral("--pg"));
        if (!ownDatabase) {
            for (qsizetype i = 0; i < f.databaseArguments.size(); ++i)
                arguments.insert(1 + i, f.databaseArguments.at(i));
        }
        return arguments;
    }

    // Runs the binary, as nobody or with a last argument of raw bytes where the row asks.
    static CliRun run(const Fixture& f, const Case& input, const QStringList& arguments)
    {
        QString program = qEnvironmentVariable("CC_BINARY");
        QStringList line = arguments;
        if (!input.rawArgument.isNull()) {
            line = QStringList { QStringLiteral("-c"),
                QStringLiteral("raw=$(printf \"$1\"); shift; exec \"$@\" \"$raw\""), QStringLiteral("sh"),
                octalEscapes(rawArgumentFor(f, input)), program }
                + line;
            program = QStringLiteral("/bin/sh");
        }
        if (f.asNobody) {
            line = QStringList { QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                QStringLiteral("--clear-groups"), program }
                + line;
            program = QStringLiteral("setpriv");
        }
        return runProgram(program, line, {}, 60000);
    }

    // A raw --db path lies in the row's directory, where a file of that name exists.
    static QByteArray rawArgumentFor(const Fixture& f, const Case& input)
    {
        if (!input.arguments.endsWith(QStringLiteral("--db")))
            return input.rawArgument;
        return QFile::encodeName(f.files.path()) + '/' + input.rawArgument;
    }

    static void createRawNamedFile(const QByteArray& path)
    {
        std::FILE* file = std::fopen(path.constData(), "wb");
        QVERIFY(file);
        std::fputs("SQLite format 3", file);
        std::fclose(file);
    }

    // Another connection holds the write lock, or an uncommitted change to the student's progress row.
    void hold(Setup setup)
    {
        QVERIFY(m_shared->exec(
            TestDatabase::isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")));
        if (setup == Setup::TableLocked && TestDatabase::isPostgres())
            QVERIFY(m_shared->exec(
                QStringLiteral("LOCK TABLE specialization_progress IN ACCESS EXCLUSIVE MODE")));
        if (setup == Setup::RowLocked)
            QVERIFY(m_shared->exec(
                QStringLiteral(
                    "UPDATE specialization_progress SET total_xp = total_xp + 1 WHERE student_id = ?"),
                { m_student }));
    }

    static QString levelFilePath(Fixture& f, const Case& input)
    {
        if (input.levelFile.isNull())
            return {};
        const QString path = f.files.filePath(QStringLiteral("levels.json"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(input.levelFile);
        return path;
    }

    void verifySignInRecorded(TestDatabase& db)
    {
        QCOMPARE(db.count(toolTable("signin"), QStringLiteral("email = ?"), { QStringLiteral("a@x.test") }),
            qint64(1));
    }

private slots:
    void initTestCase()
    {
        m_shared = std::make_unique<TestDatabase>();
        CLI_REQUIRE_DB(*m_shared);
        QVERIFY(m_shared->initialise());
        m_student = addUser(*m_shared, QStringLiteral("s@x.test"));
        const qint64 rich = addUser(*m_shared, QStringLiteral("r@x.test"));
        QVERIFY(m_student > 0 && rich > 0);
        QVERIFY(addUser(*m_shared, QStringLiteral("i@x.test"), QStringLiteral("instructor")) > 0);
        QVERIFY(addUser(*m_shared, QStringLiteral("a@x.test"), QStringLiteral("admin")) > 0);
        QVERIFY(addProgress(*m_shared, m_student, QStringLiteral("PLAYER"), 3));
        QVERIFY(addLicense(*m_shared, m_student, QStringLiteral("PLAYER"), 3));
        QVERIFY(
            addProgress(*m_shared, rich, QStringLiteral("PLAYER"), 8, { .xp = 2147000000, .sessions = 100 }));
        QVERIFY(addLicense(*m_shared, rich, QStringLiteral("PLAYER"), 8));
    }

    void cleanupTestCase() { m_shared.reset(); }

    void catalogue_data()
    {
        QTest::addColumn<Case>("input");
        addRows();
    }

    void catalogue()
    {
        QFETCH(Case, input);
        if (TestDatabase::isPostgres() && (input.sqliteOnly || isFileSetup(input.setup)))
            QSKIP("a SQLite file matter: this case cannot exist on PostgreSQL");
        Fixture f;
        prepare(f, input.setup);
        if (QTest::currentTestFailed())
            return restore(f);
        const QString levelFile = levelFilePath(f, input);
        const QString fifo = f.files.filePath(QStringLiteral("fifo"));
        if (input.arguments.contains(QStringLiteral("@FIFO")))
            QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        if (input.arguments.endsWith(QStringLiteral("--db")))
            createRawNamedFile(rawArgumentFor(f, input));
        const ClosedPort port;
        const QStringList arguments = commandLine(f, input, levelFile, port.port());
        const QString before = state(f, input.signInRecorded);

        CliRun result;
        {
            const ScopedEnvironment password("CC_PASSWORD_FILE",
                input.password.isNull() ? QByteArray()
                                        : QFile::encodeName(f.files.filePath(QStringLiteral("password"))));
            if (!input.password.isNull()) {
                QFile file(f.files.filePath(QStringLiteral("password")));
                QVERIFY(
                    file.open(QIODevice::WriteOnly) && file.write(input.password) == input.password.size());
                QVERIFY(
                    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // must be private
            }
            if (isLocked(input.setup))
                hold(input.setup);
            result = run(f, input, arguments);
            if (isLocked(input.setup))
                QVERIFY(m_shared->exec(QStringLiteral("ROLLBACK")));
        }
        restore(f);
        if (input.arguments.endsWith(QStringLiteral("--db")))
            ::unlink(rawArgumentFor(f, input).constData()); // QTemporaryDir cannot name it
        const QString after = state(f, input.signInRecorded);

        const QString shown = arguments.join(u' ') + u'\n' + describe(result);
        QVERIFY2(result.exitCode == input.exitCode,
            qPrintable(QStringLiteral("expected exit %1: ").arg(input.exitCode) + shown));
        QVERIFY2(QString::fromUtf8(result.err).contains(input.message),
            qPrintable(QStringLiteral("expected on stderr: ") + input.message + u'\n' + shown));
        QCOMPARE(after, before);
        if (input.arguments.contains(QStringLiteral("@FIFO"))) {
            struct stat node { };
            QVERIFY2(::stat(QFile::encodeName(fifo).constData(), &node) == 0 && S_ISFIFO(node.st_mode),
                "the FIFO was replaced");
        }
        if (!input.secret.isEmpty())
            QVERIFY2(!QString::fromUtf8(result.out + result.err).contains(input.secret),
                qPrintable(QStringLiteral("the password is shown: ") + shown));
        if (isLocked(input.setup))
            QVERIFY2(result.elapsedMs >= 4000 && result.elapsedMs < 20000,
                qPrintable(QStringLiteral("waited %1 ms").arg(result.elapsedMs)));
        if (input.signInRecorded)
            verifySignInRecorded(*f.db);
    }
};

} // namespace cc::test::badinput
