// The bad-input catalogue of issue 5, values: unknown ids, negative, overflowing and out-of-range
// numbers, broken level files, bytes that are not UTF-8, hostile strings in every text argument and
// connection strings holding a password, all against the shared database (a connection string names
// its own). The fixture and what every row asserts: BadInputCatalogue.h.

#include "BadInputCatalogue.h"

using namespace cc::test;
using namespace cc::test::cli;
using namespace cc::test::badinput;

class TestCliBadValues final : public BadInputCatalogue {
    Q_OBJECT

private:
    // --- rows -----------------------------------------------------------------------------------

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
        for (const char* other : { "--csv", "--user=1", "--since=2026-01-01T00:00:00Z" })
            add(QStringLiteral("audit --verify with %1").arg(QLatin1String(other)),
                { .arguments = words({ "audit", "--verify", other }),
                    .exitCode = 64,
                    .message = QStringLiteral(
                        "audit --verify checks the whole log: it takes no --user, --since or --csv") });
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
        // Issue 15: a refusal that repeats a value shows its control characters escaped, on one line,
        // and quotes a bounded prefix of a huge value.
        add(QStringLiteral("email with a newline and a terminal escape"),
            { .arguments = words(
                  { "advance", "--user", "gh\x1b[2Jost\nforged line", "--spec", "PLAYER", "--to", "4" }),
                .message
                = QStringLiteral("there is no user with the email \"gh\\x1b[2Jost\\nforged line\"") });
        add(QStringLiteral("reason with a carriage return and a bell, refused for its track"),
            { .arguments = words({ "set-level", "--user", "s@x.test", "--spec", "BASKET\rBALL\a", "--level",
                  "2", "--reason", "r" }),
                .message = QStringLiteral("unknown specialization \"BASKET\\rBALL\\x07\"") });
        add(QStringLiteral("--xp of 130 KB with newlines"),
            { .arguments = QStringList { QStringLiteral("update-progress"), QStringLiteral("--user"),
                  QStringLiteral("s@x.test"), QStringLiteral("--spec"), QStringLiteral("PLAYER"),
                  QStringLiteral("--xp"), QStringLiteral("9\n").repeated(65000) },
                .exitCode = 64,
                .message = QStringLiteral("not \"9\\n9\\n") + QStringLiteral("9\\n").repeated(38)
                    + QStringLiteral("…\" (130000 characters)") });
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

    // Connection strings (issue 15): a URI scheme in any case is read like the lower-case one; no
    // error quotes the connection string or a part of it that may hold the password S3cret.
    static void connectionStringRows()
    {
        const auto secret
            = [](const char* name, const char* option, const char* value, int exitCode, const char* message) {
                  add(QLatin1String(name),
                      { .arguments = words({ "user", "1", option, value }),
                          .exitCode = exitCode,
                          .message = QLatin1String(message),
                          .secret = QStringLiteral("S3cret") });
              };
        const char* refused = "Connection refused";
        secret("--pg URI, upper-case scheme", "--pg", "POSTGRESQL://postgres:S3cret@127.0.0.1:@PORT/cc", 5,
            refused);
        secret("--pg URI, mixed-case scheme", "--pg", "Postgres://postgres:S3cret@127.0.0.1:@PORT/cc", 5,
            refused);
        secret("--pg, unquoted password with a space", "--pg", "host=127.0.0.1 password=ab S3cret dbname=cc",
            64, "unknown key in the connection string");
        secret("--pg ending in an unquoted password with a space", "--pg",
            "host=127.0.0.1 password=ab S3cret", 64, "expected key=value in the connection string");
        secret("--pg URI with a password and a bad character", "--pg", "postgresql://u:S3cret%@127.0.0.1/cc",
            64, "invalid PostgreSQL URI");
        secret("--db given a PostgreSQL URI", "--db", "postgresql://u:S3cret@127.0.0.1/cc", 64,
            "is a PostgreSQL connection string");
        secret("--db given key=value pairs", "--db", "host=127.0.0.1 password=S3cret", 64,
            "is a PostgreSQL connection string");
        // Without --pg: where the command or an argument belongs.
        const QString misplaced = QStringLiteral("a PostgreSQL connection string where %1 belongs");
        add(QStringLiteral("a connection string after an unknown command"),
            { .arguments = words({ "chekc", "postgresql://u:S3cret@127.0.0.1/cc" }),
                .exitCode = 64,
                .message = QStringLiteral("unknown command \"chekc\""),
                .secret = QStringLiteral("S3cret") });
        add(QStringLiteral("a connection string after a file (the GUI's arguments)"),
            { .arguments = words({ "x.db", "postgresql://u:S3cret@127.0.0.1/cc" }),
                .exitCode = 64,
                .message = QStringLiteral("an argument is a PostgreSQL connection string (not shown"),
                .secret = QStringLiteral("S3cret") });
        add(QStringLiteral("a connection string as the command (the GUI's arguments)"),
            { .arguments = words({ "POSTGRESQL://u:S3cret@127.0.0.1/cc", "check" }),
                .exitCode = 64,
                .message = QStringLiteral("unknown option check"),
                .secret = QStringLiteral("S3cret") });
        add(QStringLiteral("a connection string as the argument of user"),
            { .arguments = words({ "user", "postgresql://u:S3cret@127.0.0.1/cc" }),
                .exitCode = 64,
                .message = misplaced.arg(u"an argument"),
                .secret = QStringLiteral("S3cret") });
    }

protected:
    void addRows() override
    {
        valueRows();
        levelFileRows();
        hostileRows();
        connectionStringRows();
    }
};

QTEST_GUILESS_MAIN(TestCliBadValues)
#include "tst_cli_bad_values.moc"
