// The bad-input catalogue of issue 5, files and connections: damaged and foreign files, a file the
// user may not write, schema defects, unreachable and refusing servers, a wrong password, and a
// database another connection is writing. The fixture and what every row asserts: BadInputCatalogue.h.

#include "BadInputCatalogue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

using namespace cc::test;
using namespace cc::test::cli;
using namespace cc::test::badinput;

class TestCliBadFiles final : public BadInputCatalogue {
    Q_OBJECT

private:
    static bool isRoot() { return ::geteuid() == 0; }

    // --- rows -----------------------------------------------------------------------------------

    static void fileRows()
    {
        const QStringList setLevel = words(
            { "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4", "--reason", "r" });
        const QStringList update
            = words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "10" });
        add(QStringLiteral("missing file: set-level creates nothing"),
            { .setup = Setup::MissingFile,
                .arguments = setLevel,
                .exitCode = 5,
                .message = QStringLiteral("does not exist") });
        add(QStringLiteral("a directory as the database"),
            { .setup = Setup::Directory,
                .arguments = words({ "check" }),
                .exitCode = 5,
                .message = QStringLiteral("is a directory, not a database file") });
        add(QStringLiteral("a text file as the database"),
            { .setup = Setup::TextFile,
                .arguments = update,
                .exitCode = 5,
                .message = QStringLiteral("is damaged or not a database: file is not a database") });
        add(QStringLiteral("a truncated SQLite file"),
            { .setup = Setup::TruncatedFile,
                .arguments = words({ "check" }),
                .exitCode = 5,
                .message = QStringLiteral("is damaged or not a database") });
        add(QStringLiteral("a corrupted SQLite file: repair-all --apply"),
            { .setup = Setup::CorruptedFile,
                .arguments = words({ "repair-all", "--apply" }),
                .exitCode = 5,
                .message = QStringLiteral("is damaged or not a database") });
        add(QStringLiteral("a corrupted SQLite file: user"),
            { .setup = Setup::CorruptedFile,
                .arguments = words({ "user", "s@x.test" }),
                .exitCode = 5,
                .message = QStringLiteral("database disk image is malformed") });
        add(QStringLiteral("a zero-byte file: check leaves it empty"),
            { .setup = Setup::ZeroByteFile,
                .arguments = words({ "check" }),
                .message = QStringLiteral("the platform table users is missing") });
        add(QStringLiteral("a zero-byte file: env --set"),
            { .setup = Setup::ZeroByteFile,
                .arguments = words({ "env", "--set", "staging" }),
                .message = QStringLiteral("run coupling-console init first") });
        add(QStringLiteral("read-only WAL file and directory (nobody): check"),
            { .setup = Setup::ReadOnlyWal,
                .arguments = words({ "check" }),
                .exitCode = 5,
                .message = QStringLiteral("this user cannot write the file or its directory") });
        add(QStringLiteral("read-only WAL file and directory (nobody): set-level"),
            { .setup = Setup::ReadOnlyWal,
                .arguments = setLevel,
                .exitCode = 5,
                .message = QStringLiteral("this user cannot write the file or its directory") });
        add(QStringLiteral("read-only file, writable directory (nobody): check runs, stores nothing"),
            { .setup = Setup::ReadOnlyFile,
                .arguments = words({ "check" }),
                .exitCode = 0,
                .message = QStringLiteral("this run is not stored") });
        add(QStringLiteral("read-only file, writable directory (nobody): update-progress"),
            { .setup = Setup::ReadOnlyFile,
                .arguments = update,
                .message = QStringLiteral("the database refused a write") });
        add(QStringLiteral("read-only file, writable directory (nobody): env --set"),
            { .setup = Setup::ReadOnlyFile,
                .arguments = words({ "env", "--set", "staging" }),
                .message = QStringLiteral("is read-only") });
        // Export targets (issue 15): nothing is written onto a FIFO or over a directory.
        add(QStringLiteral("report --pdf onto a FIFO"),
            { .arguments = words({ "report", "--pdf", "@FIFO" }),
                .message = QStringLiteral("it is a FIFO, not a regular file; nothing was written") });
        add(QStringLiteral("report --pdf onto a directory"),
            { .arguments = words({ "report", "--pdf", "@DIR" }),
                .message = QStringLiteral("it is a directory, not a regular file; nothing was written") });
        add(QStringLiteral("a --db path that is not UTF-8"),
            { .arguments = words({ "check", "--db" }),
                .exitCode = 5,
                .message = QStringLiteral("not valid UTF-8"),
                .rawArgument = QByteArrayLiteral("caf\xe9.db"),
                .sqliteOnly = true });
    }

    static void schemaRows()
    {
        add(QStringLiteral("a fresh database without tables: check"),
            { .setup = Setup::NoTables,
                .arguments = words({ "check" }),
                .message = QStringLiteral("the platform table users is missing") });
        add(QStringLiteral("a fresh database without tables: runs"),
            { .setup = Setup::NoTables,
                .arguments = words({ "runs" }),
                .message = QStringLiteral("run coupling-console init first") });
        add(QStringLiteral("missing platform table user_licenses"),
            { .setup = Setup::MissingTable,
                .arguments
                = words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "10" }),
                .message = QStringLiteral("the platform table user_licenses is missing") });
        add(QStringLiteral("missing column specialization_progress.total_xp"),
            { .setup = Setup::MissingColumn,
                .arguments = words({ "check" }),
                .message = QStringLiteral("specialization_progress has no column total_xp") });
        add(QStringLiteral("wrong type: users.is_active TEXT"),
            { .setup = Setup::WrongType,
                .arguments = words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "2",
                    "--reason", "r" }),
                .message = QStringLiteral("column users.is_active is of type") });
    }

    static void connectionRows()
    {
        add(QStringLiteral("unreachable PostgreSQL (nothing listening)"),
            { .arguments
                = words({ "user", "1", "--pg", "host=127.0.0.1 port=@PORT dbname=cc user=postgres" }),
                .exitCode = 5,
                .message = QStringLiteral("Connection refused") });
        add(QStringLiteral("--pg with an inline password: warned, nothing changed"),
            { .arguments = words({ "user", "1", "--pg",
                  "host=127.0.0.1 port=@PORT dbname=cc user=postgres password=S3cret" }),
                .exitCode = 5,
                .message
                = QStringLiteral("warning: the password in --pg is visible to every user of this machine"),
                .secret = QStringLiteral("S3cret") });
        add(QStringLiteral("--pg URI with an inline password: warned"),
            { .arguments = words({ "user", "1", "--pg", "postgresql://postgres:S3cret@127.0.0.1:@PORT/cc" }),
                .exitCode = 5,
                .message = QStringLiteral("use a password file (PGPASSFILE or ~/.pgpass)"),
                .secret = QStringLiteral("S3cret") });
        add(QStringLiteral("PostgreSQL refuses: unknown database"),
            { .arguments = words({ "check", "--pg", "dbname=cc_bad_input_absent" }),
                .exitCode = 5,
                .message = QStringLiteral("database \"cc_bad_input_absent\" does not exist") });
        add(QStringLiteral("PostgreSQL refuses: unknown user"),
            { .arguments = words({ "check", "--pg", "dbname=postgres user=cc_bad_input_nobody" }),
                .exitCode = 5,
                .message = QStringLiteral("role \"cc_bad_input_nobody\" does not exist") });
        const QStringList signedWrite = words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER",
            "--level", "2", "--reason", "r", "--operator", "a@x.test" });
        add(QStringLiteral("production: wrong password"),
            { .setup = Setup::Production,
                .arguments = signedWrite,
                .message = QStringLiteral("wrong email or password"),
                .password = QByteArrayLiteral("not-the-password\n"),
                .signInRecorded = true });
        add(QStringLiteral("production: no password and no terminal"),
            { .setup = Setup::Production,
                .arguments = signedWrite,
                .message = QStringLiteral("must sign in: set CC_PASSWORD_FILE") });
    }

    // A refused command writes nothing, its audit entry included (issue 15): the system may not
    // change indexes, settings or the environment of a production database.
    static void refusedAdministrationRows()
    {
        const QString named = QStringLiteral("needs a named operator");
        add(QStringLiteral("production: init --drop-indexes as the system"),
            { .setup = Setup::Production,
                .arguments = words({ "init", "--drop-indexes" }),
                .message = named });
        add(QStringLiteral("production: init --indexes as the system"),
            { .setup = Setup::Production, .arguments = words({ "init", "--indexes" }), .message = named });
        add(QStringLiteral("production: settings --healthy as the system"),
            { .setup = Setup::Production,
                .arguments = words({ "settings", "--healthy", "98" }),
                .message = named });
        add(QStringLiteral("production: env --set development as the system"),
            { .setup = Setup::Production,
                .arguments = words({ "env", "--set", "development" }),
                .message = named });
        add(QStringLiteral("settings: degraded above the stored healthy threshold"),
            { .arguments = words({ "settings", "--degraded", "99.5" }),
                .message = QStringLiteral("must not be above the healthy threshold") });
    }

    // Tamper evidence (issue 15): an audit entry edited in the table is not used, and nothing changes.
    static void tamperRows()
    {
        add(QStringLiteral("tampered audit entry: revert"),
            { .setup = Setup::TamperedAudit,
                .arguments = words({ "revert", "2" }),
                .message = QStringLiteral("audit entry 2 does not fit the audit chain: content changed") });
        add(QStringLiteral("tampered audit entry: revert --json"),
            { .setup = Setup::TamperedAudit,
                .arguments = words({ "revert", "2", "--json" }),
                .message = QStringLiteral("a tampered entry is not used and nothing was changed") });
    }

    static void lockRows()
    {
        add(QStringLiteral("another connection holds the write lock: set-level"),
            { .setup = Setup::TableLocked,
                .arguments = words({ "set-level", "--user", "s@x.test", "--spec", "PLAYER", "--level", "4",
                    "--reason", "r" }),
                .exitCode = 5,
                .message = QStringLiteral("stayed busy") });
        add(QStringLiteral("another connection changed the row, uncommitted: update-progress"),
            { .setup = Setup::RowLocked,
                .arguments
                = words({ "update-progress", "--user", "s@x.test", "--spec", "PLAYER", "--xp", "10" }),
                .exitCode = 5,
                .message = QStringLiteral("stayed busy") });
    }

    // --- fixtures -------------------------------------------------------------------------------

    // A copy of the shared SQLite file (checkpointed first, so the copy holds every row). cp, not
    // QFile: closing any descriptor of a file drops this process's POSIX locks on it, and with them
    // those of the test's own open connection.
    void copyShared(const QString& target)
    {
        sqliteDump(m_shared->profile().sqlitePath);
        QCOMPARE(runProgram(QStringLiteral("cp"), { m_shared->profile().sqlitePath, target }).exitCode, 0);
        QVERIFY(QFile::setPermissions(
            target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    }

    static void overwrite(const QString& path, qint64 offset, const QByteArray& bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(offset));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    static void corrupt(const QString& path)
    {
        const qint64 page = 4096;
        const qint64 pages = QFileInfo(path).size() / page;
        QVERIFY(pages > 3);
        QByteArray garbage;
        for (int i = 0; i < 2048; ++i)
            garbage.append(char((i * 131 + 7) % 256));
        for (qint64 i = 1; i < pages; ++i)
            overwrite(path, i * page + 1024, garbage);
    }

    // The directory of a read-only file: not writable (0555) or writable by all with the sticky bit.
    static void makeReadOnly(const QString& path, bool writableDirectory)
    {
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        const QString directory = QFileInfo(path).absolutePath();
        const QString mode = writableDirectory ? QStringLiteral("1777") : QStringLiteral("0555");
        QCOMPARE(runProgram(QStringLiteral("chmod"), { mode, directory }).exitCode, 0);
    }

    static void makeSchemaDefect(TestDatabase& db, Setup setup)
    {
        const bool pg = TestDatabase::isPostgres();
        if (setup == Setup::MissingTable)
            QVERIFY(db.exec(pg ? QStringLiteral("DROP TABLE user_licenses CASCADE")
                               : QStringLiteral("DROP TABLE user_licenses")));
        if (setup == Setup::MissingColumn) {
            // A database without the column never had the cc_ index that covers it (PostgreSQL drops
            // the index with the column; SQLite refuses to drop a column an index uses).
            QVERIFY(db.exec(QStringLiteral("DROP INDEX IF EXISTS cc_progress_key")));
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE specialization_progress DROP COLUMN total_xp")));
        }
        if (setup == Setup::WrongType) {
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE users RENAME COLUMN is_active TO is_active_before")));
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE users ADD COLUMN is_active TEXT")));
        }
    }

    void prepareOwnDatabase(Fixture& f, Setup setup)
    {
        f.own = std::make_unique<TestDatabase>();
        f.db = f.own.get();
        CLI_REQUIRE_DB(*f.db);
        f.databaseArguments = f.db->cliArguments();
        f.file = f.db->profile().sqlitePath;
        if (setup == Setup::NoTables) {
            if (!TestDatabase::isPostgres())
                QCOMPARE(runProgram(QStringLiteral("sqlite3"),
                             { f.file, QStringLiteral("PRAGMA user_version = 1;") })
                             .exitCode,
                    0);
            return;
        }
        if (setup == Setup::Production) {
            QVERIFY(createPlatformTables(*f.db));
            QVERIFY(addUser(*f.db, QStringLiteral("a@x.test"), QStringLiteral("admin")) > 0);
            const qint64 student = addUser(*f.db, QStringLiteral("s@x.test"));
            QVERIFY(student > 0 && addProgress(*f.db, student, QStringLiteral("PLAYER"), 1)
                && addLicense(*f.db, student, QStringLiteral("PLAYER"), 1));
            CLI_EXPECT(runOn(*f.db, QStringLiteral("init")), 0);
            return;
        }
        QVERIFY(f.db->initialise());
        const qint64 student = addUser(*f.db, QStringLiteral("s@x.test"));
        QVERIFY(student > 0);
        if (setup == Setup::TamperedAudit) {
            QVERIFY(addProgress(*f.db, student, QStringLiteral("PLAYER"), 1)
                && addLicense(*f.db, student, QStringLiteral("PLAYER"), 1));
            for (const char* xp : { "10", "20" })
                CLI_EXPECT(
                    runOn(*f.db, QStringLiteral("update-progress"),
                        words({ "--user", "s@x.test", "--spec", "PLAYER", "--xp" }) << QLatin1String(xp)),
                    0);
            QVERIFY(f.db->exec(QStringLiteral("UPDATE %1 SET reason = 'approved by the board' WHERE id = 2")
                                   .arg(toolTable("audit"))));
            return;
        }
        makeSchemaDefect(*f.db, setup);
    }

    void prepareFile(Fixture& f, Setup setup)
    {
        f.db = m_shared.get();
        f.compareBytes = true;
        f.file = f.files.filePath(QStringLiteral("bad.db"));
        switch (setup) {
        case Setup::MissingFile:
            break;
        case Setup::Directory:
            QVERIFY(QDir().mkpath(f.file));
            break;
        case Setup::TextFile: {
            QFile text(f.file);
            QVERIFY(text.open(QIODevice::WriteOnly));
            text.write("users,email\n1,s@x.test\n");
            break;
        }
        case Setup::ZeroByteFile: {
            QFile empty(f.file);
            QVERIFY(empty.open(QIODevice::WriteOnly));
            break;
        }
        case Setup::TruncatedFile:
            copyShared(f.file);
            QVERIFY(QFile::resize(f.file, 5 * 4096));
            break;
        case Setup::CorruptedFile:
            copyShared(f.file);
            corrupt(f.file);
            break;
        case Setup::ReadOnlyWal:
        case Setup::ReadOnlyFile:
            f.compareBytes = false;
            f.file = f.files.filePath(QStringLiteral("locked/ro.db"));
            QVERIFY(QDir().mkpath(QFileInfo(f.file).absolutePath()));
            copyShared(f.file);
            makeReadOnly(f.file, setup == Setup::ReadOnlyFile);
            // The user must reach the directory: QTemporaryDir makes it 0700.
            QVERIFY(QFile::setPermissions(f.files.path(),
                QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
            f.asNobody = isRoot();
            break;
        default:
            break;
        }
        f.databaseArguments = QStringList { QStringLiteral("--db"), f.file };
    }

protected:
    void addRows() override
    {
        fileRows();
        schemaRows();
        connectionRows();
        tamperRows();
        lockRows();
        refusedAdministrationRows();
    }

    void prepareOwn(Fixture& f, Setup setup) override
    {
        if (isFileSetup(setup))
            return prepareFile(f, setup);
        prepareOwnDatabase(f, setup);
    }
};

QTEST_GUILESS_MAIN(TestCliBadFiles)
#include "tst_cli_bad_files.moc"
