// The bad-input catalogue of issue 5, one named row per case: damaged and foreign files, a file the
// user may not write, schema defects, unreachable and refusing servers, a wrong password, unknown
// ids, negative, overflowing and out-of-range numbers, broken level files, bytes that are not UTF-8,
// hostile strings in every text argument, and a database another connection is writing.
// Each row runs the real binary and asserts the exit code of CONTRACT.md C8, the words a person
// reads on stderr, and that the database did not change: on SQLite the `.dump` of the file after a
// checkpoint on a private connection (and the bytes of a damaged or foreign file), on PostgreSQL the
// rows of the platform tables and of every tool table, and the list of tables and schemas.

#include "CliTestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace cc::test;
using namespace cc::test::cli;

namespace {

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
};

// One bad input. `@FILE` in the arguments names the level file, `@PORT` a port nothing listens on.
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
};

bool isFileSetup(Setup setup)
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

bool isLocked(Setup setup)
{
    return setup == Setup::TableLocked || setup == Setup::RowLocked;
}

void add(const QString& name, const Case& input)
{
    QTest::addRow("%s", qPrintable(name)) << input;
}

QByteArray sha256Of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("unreadable");
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QString listing(const QString& directory)
{
    return QDir(directory)
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
        .join(u',');
}

// printf(1) escapes for every byte: passes bytes that are not UTF-8 through sh.
QString octalEscapes(const QByteArray& bytes)
{
    QString format;
    for (const char byte : bytes)
        format += QStringLiteral("\\%1").arg(uint(uchar(byte)), 3, 8, QLatin1Char('0'));
    return format;
}

// A TCP port on 127.0.0.1 that is bound but not listening: connecting is refused while it lives.
class ClosedPort final {
public:
    ClosedPort()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (m_socket >= 0 && ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), size) == 0
            && ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &size) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~ClosedPort()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    Q_DISABLE_COPY_MOVE(ClosedPort)
    int port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

// Sets an environment variable for one run, restoring the old value.
class ScopedEnvironment final {
public:
    ScopedEnvironment(const char* name, const QByteArray& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    Q_DISABLE_COPY_MOVE(ScopedEnvironment)

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

Q_DECLARE_METATYPE(Case)

class TestCliBadInput final : public QObject {
    Q_OBJECT

private:
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

    static void valueRows()
    {
        const QStringList key = words({ "--user", "s@x.test", "--spec", "PLAYER" });
        auto setLevel = [&](const char* level, const QStringList& extra = {}) {
            return QStringList { QStringLiteral("set-level") } + key
                + QStringList { QStringLiteral("--level"), QString::fromLatin1(level) }
            + words({ "--reason", "r" }) + extra;
        };
        auto update = [&](const QStringList& extra) {
            return QStringList { QStringLiteral("update-progress") } + key + extra;
        };
        auto advance = [&](const char* to) {
            return QStringList { QStringLiteral("advance") } + key
                + QStringList { QStringLiteral("--to"), QString::fromLatin1(to) };
        };
        add(QStringLiteral("unknown user id (sync)"),
            { .arguments = words({ "sync", "--user", "999999", "--spec", "PLAYER", "--direction",
                  "toward-higher", "--apply" }),
                .message = QStringLiteral("there is no user with id 999999") });
        add(QStringLiteral("user id beyond 64 bits (repair)"),
            { .arguments = words({ "repair", "--user", "99999999999999999999", "--apply" }),
                .message = QStringLiteral("there is no user with id 99999999999999999999") });
        add(QStringLiteral("unknown email (advance)"),
            { .arguments = words({ "advance", "--user", "ghost@x.test", "--spec", "PLAYER", "--to", "4" }),
                .message = QStringLiteral("there is no user with the email \"ghost@x.test\"") });
        add(QStringLiteral("unknown track (set-level)"),
            { .arguments = words({ "set-level", "--user", "s@x.test", "--spec", "BASKETBALL", "--level", "2",
                  "--reason", "r" }),
                .message = QStringLiteral("unknown specialization \"BASKETBALL\"") });
        add(QStringLiteral("negative XP below zero"),
            { .arguments = update(words({ "--xp", "-1" })),
                .message = QStringLiteral("total_xp would become negative") });
        add(QStringLiteral("negative sessions below zero (set-level)"),
            { .arguments = setLevel("3", words({ "--sessions", "-1" })),
                .message = QStringLiteral("completed_sessions would become negative") });
        add(QStringLiteral("negative projects below zero"),
            { .arguments = update(words({ "--projects", "-1" })),
                .message = QStringLiteral("completed_projects would become negative") });
        add(QStringLiteral("XP beyond 64 bits (set-level)"),
            { .arguments = setLevel("2", words({ "--xp", "18446744073709551616" })),
                .exitCode = 64,
                .message = QStringLiteral("--xp needs an integer that fits 64 bits") });
        add(QStringLiteral("sessions beyond 64 bits"),
            { .arguments = update(words({ "--sessions", "-9223372036854775809" })),
                .exitCode = 64,
                .message = QStringLiteral("--sessions needs an integer that fits 64 bits") });
        add(QStringLiteral("XP = -2^63"),
            { .arguments = update(words({ "--xp", "-9223372036854775808" })),
                .message = QStringLiteral("is above the limit of 1000000 per update") });
        add(QStringLiteral("XP = 2^63 - 1 (set-level)"),
            { .arguments = setLevel("2", words({ "--xp", "9223372036854775807" })),
                .message = QStringLiteral("is above the limit of 1000000 per update") });
        add(QStringLiteral("sessions = 2^63 - 1"),
            { .arguments = update(words({ "--sessions", "9223372036854775807" })),
                .message = QStringLiteral("is above the limit of 1000 per update") });
        add(QStringLiteral("hours = -2^63"),
            { .arguments = update(words({ "--theory-hours", "-9223372036854775808" })),
                .message = QStringLiteral("above the limit of 10000 per update") });
        add(QStringLiteral("total XP past 2147483647"),
            { .arguments
                = words({ "update-progress", "--user", "r@x.test", "--spec", "PLAYER", "--xp", "1000000" }),
                .message = QStringLiteral("total_xp would exceed 2147483647") });
        add(QStringLiteral("set-level 0"),
            { .arguments = setLevel("0"), .message = QStringLiteral("level 0 is outside 1..8") });
        add(QStringLiteral("set-level 999"),
            { .arguments = setLevel("999"), .message = QStringLiteral("level 999 is outside 1..8") });
        add(QStringLiteral("set-level -1"),
            { .arguments = setLevel("-1"), .message = QStringLiteral("level -1 is outside 1..8") });
        add(QStringLiteral("set-level 2^31 (fits 64 bits)"),
            { .arguments = setLevel("2147483648"),
                .message = QStringLiteral("level 2147483648 is out of range") });
        add(QStringLiteral("advance by two levels"),
            { .arguments = advance("5"), .message = QStringLiteral("advance goes one level at a time") });
        add(QStringLiteral("downgrade by advance"),
            { .arguments = advance("2"), .message = QStringLiteral("advance only goes up") });
        add(QStringLiteral("advance to 2^63 - 1"),
            { .arguments = advance("9223372036854775807"),
                .message = QStringLiteral("level 9223372036854775807 is out of range") });
        add(QStringLiteral("runs --limit -1"),
            { .arguments = words({ "runs", "--limit", "-1" }),
                .message = QStringLiteral("--limit must not be negative") });
        add(QStringLiteral("inject --random -3"),
            { .arguments = words({ "inject", "--kind", "level_mismatch", "--random", "-3" }),
                .message = QStringLiteral("--random takes a count from 1 to 1000000") });
        add(QStringLiteral("demo --users 0 on an initialised database"),
            { .arguments = words({ "demo", "--users", "0" }),
                .message = QStringLiteral("--users must be from 1 to 10000000") });
        add(QStringLiteral("non-UTF-8 email"),
            { .arguments = words({ "update-progress", "--spec", "PLAYER", "--xp", "1", "--user" }),
                .message = QStringLiteral("there is no user with the email"),
                .rawArgument = QByteArrayLiteral("\xff\xfe@x.test") });
        add(QStringLiteral("non-UTF-8 track"),
            { .arguments = words({ "update-progress", "--user", "s@x.test", "--xp", "1", "--spec" }),
                .message = QStringLiteral("unknown specialization"),
                .rawArgument = QByteArrayLiteral("PLAY\xc3\x28") });
        add(QStringLiteral("non-UTF-8 reason"),
            { .arguments
                = words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "5", "--reason" }),
                .message = QStringLiteral("advance goes one level at a time"),
                .rawArgument = QByteArrayLiteral("bad \xed\xa0\x80 bytes") });
    }

    static void levelFileRows()
    {
        const QStringList import = words({ "levels", "--import", "@FILE", "--spec", "PLAYER", "--apply" });
        const QByteArray entry
            = QByteArrayLiteral("{\"level\":1,\"name\":\"a\",\"xp_required\":0,\"required_sessions\":0}");
        auto file = [&](const QString& name, const QByteArray& content, const char* message) {
            add(QStringLiteral("level file: ") + name,
                { .arguments = import, .message = QString::fromUtf8(message), .levelFile = content });
        };
        file(QStringLiteral("malformed (unterminated)"), '[' + entry + ',',
            "the level file is not valid JSON at byte");
        file(QStringLiteral("empty"), QByteArray(""), "the level file is empty");
        file(QStringLiteral("not a list of levels"), entry, "must be an array of levels");
        file(QStringLiteral("huge (20 MB)"), "[\"" + QByteArray(20 * 1024 * 1024, 'x') + "\"]",
            "the level file is larger than 1 MB");
        file(QStringLiteral("100000 nested arrays"), QByteArray(100000, '[') + QByteArray(100000, ']'),
            "too deeply nested");
        file(QStringLiteral("bytes that are not UTF-8"),
            QByteArrayLiteral(
                "[{\"level\":1,\"name\":\"a\xff\xfe b\",\"xp_required\":0,\"required_sessions\":0}]"),
            "invalid UTF8 string");
        file(QStringLiteral("NUL in a name"),
            QByteArrayLiteral(
                "[{\"level\":1,\"name\":\"a\\u0000b\",\"xp_required\":0,\"required_sessions\":0}]"),
            "contains a NUL character");
        file(QStringLiteral("NUL in a key"),
            QByteArrayLiteral(
                "[{\"lev\\u0000el\":1,\"name\":\"a\",\"xp_required\":0,\"required_sessions\":0}]"),
            "\"level\" must be a number");
        file(QStringLiteral("XP beyond 64 bits"),
            QByteArrayLiteral("[{\"level\":1,\"name\":\"a\",\"xp_required\":99999999999999999999999,"
                              "\"required_sessions\":0}]"),
            "must be a whole number from 0 to 2147483647");
        file(QStringLiteral("negative sessions"),
            QByteArrayLiteral("[{\"level\":1,\"name\":\"a\",\"xp_required\":0,\"required_sessions\":-1}]"),
            "must be a whole number from 0 to 2147483647");
        add(QStringLiteral("level file: a directory"),
            { .arguments = words({ "levels", "--import", "/", "--spec", "PLAYER", "--apply" }),
                .message = QStringLiteral("cannot read the level file /") });
    }

    // Every text argument of every command that takes one, against each hostile string: refused,
    // the string echoed as data where the message names it, nothing changed.
    static void hostileRows()
    {
        const QList<std::pair<const char*, QString>> hostile {
            { "drop table", QStringLiteral("'; DROP TABLE users; --") },
            { "percent", QStringLiteral("%") },
            { "underscore", QStringLiteral("_") },
            { "quotes", QStringLiteral("'\"") },
            { "backslashes", QStringLiteral("\\'\\\\") },
        };
        for (const auto& [label, text] : hostile) {
            auto row = [&](const char* slot, const QStringList& arguments, const QString& message,
                           int exitCode = 4) {
                add(QStringLiteral("hostile %1: %2").arg(QLatin1String(label), QLatin1String(slot)),
                    { .arguments = arguments, .exitCode = exitCode, .message = message });
            };
            const QString quoted = u'"' + text + u'"';
            row("update-progress --user",
                words({ "update-progress", "--spec", "PLAYER", "--xp", "1", "--user" }) << text,
                QStringLiteral("there is no user with the email ") + quoted);
            row("set-level --spec",
                words({ "set-level", "--user", "s@x.test", "--level", "2", "--reason", "r", "--spec" })
                    << text,
                QStringLiteral("unknown specialization ") + quoted);
            row("advance --reason",
                words({ "advance", "--user", "s@x.test", "--spec", "PLAYER", "--to", "5", "--reason" })
                    << text,
                QStringLiteral("advance goes one level at a time"));
            row("sync --direction",
                words({ "sync", "--user", "s@x.test", "--spec", "PLAYER", "--apply", "--direction" }) << text,
                QStringLiteral("unknown direction ") + quoted);
            row("repair --spec", words({ "repair", "--user", "s@x.test", "--apply", "--spec" }) << text,
                QStringLiteral("unknown specialization ") + quoted);
            row("inject --kind",
                words({ "inject", "--user", "s@x.test", "--spec", "PLAYER", "--kind" }) << text,
                QStringLiteral("unknown kind ") + quoted);
            row("user (search)", words({ "user" }) << text,
                QStringLiteral("there is no user with the email ") + quoted);
            row("audit --since", words({ "audit", "--since" }) << text, QStringLiteral("not ") + quoted);
            row("audit --user", words({ "audit", "--user" }) << text,
                QStringLiteral("--user needs an integer that fits 64 bits"), 64);
            row("violations --kind", words({ "violations", "--kind" }) << text,
                QStringLiteral("unknown kind ") + quoted);
            row("env --set", words({ "env", "--set" }) << text,
                QStringLiteral("unknown environment ") + quoted);
            row("check --operator", words({ "check", "--operator" }) << text,
                QStringLiteral("the operator %1 is not a user of the platform").arg(text));
            row("levels --import FILE", words({ "levels", "--spec", "PLAYER", "--import" }) << text,
                QStringLiteral("cannot read the level file ") + text);
        }
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
        if (setup == Setup::MissingColumn)
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE specialization_progress DROP COLUMN total_xp")));
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
        QVERIFY(addUser(*f.db, QStringLiteral("s@x.test")) > 0);
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

    void prepare(Fixture& f, Setup setup)
    {
        QVERIFY(f.files.isValid());
        if (isFileSetup(setup))
            return prepareFile(f, setup);
        if (setup == Setup::Shared || isLocked(setup)) {
            f.db = m_shared.get();
            f.databaseArguments = f.db->cliArguments();
            f.file = f.db->profile().sqlitePath;
            return;
        }
        prepareOwnDatabase(f, setup);
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
        fileRows();
        schemaRows();
        connectionRows();
        valueRows();
        levelFileRows();
        hostileRows();
        lockRows();
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
        if (isLocked(input.setup))
            QVERIFY2(result.elapsedMs >= 4000 && result.elapsedMs < 20000,
                qPrintable(QStringLiteral("waited %1 ms").arg(result.elapsedMs)));
        if (input.signInRecorded)
            verifySignInRecorded(*f.db);
    }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_bad_input.moc"
