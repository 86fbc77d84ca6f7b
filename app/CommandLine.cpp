#include "CommandLine.h"

#include "Commands.h"
#include "PrintableText.h"
#include "SignalCancel.h"
#include "database/ConnectionProfile.h"

#include <QCoreApplication>

namespace cc::cli {

namespace {

QList<CommandSpec> allCommands()
{
    return viewCommands() + writeCommands() + adminCommands() + QList<CommandSpec> { keyringCommand() };
}

std::optional<CommandSpec> findCommand(const QString& name)
{
    for (const CommandSpec& spec : allCommands()) {
        if (spec.name == name)
            return spec;
    }
    return std::nullopt;
}

// A usage error (exit 64) worded as every usage error is.
Error usageError(const QString& message)
{
    return Error { ErrorCode::Usage, message + QStringLiteral(" (see coupling-console --help)") };
}

QList<QCommandLineOption> commonOptions()
{
    return {
        { QStringLiteral("db"), QStringLiteral("SQLite database file."), QStringLiteral("PATH") },
        { QStringLiteral("pg"), QStringLiteral("PostgreSQL connection string."), QStringLiteral("CONNINFO") },
        { QStringLiteral("operator"), QStringLiteral("The platform user running the command."),
            QStringLiteral("EMAIL") },
        { QStringLiteral("read-only"),
            QStringLiteral("Open the database read-only; writing commands are refused.") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
        { { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show help.") },
    };
}

QString generalHelp()
{
    QString text
        = QStringLiteral("Usage: coupling-console [FILE] [--screenshots DIR]   the GUI\n"
                         "       coupling-console COMMAND [options]            headless\n\nCommands:\n");
    for (const CommandSpec& spec : allCommands())
        text += QStringLiteral("  %1\n").arg(spec.synopsis);
    text += QStringLiteral(
        "\nCommon options: --db PATH | --pg CONNINFO, --operator EMAIL, --read-only, --json, -h/--help, "
        "--version\n"
        "D = progress-to-license | license-to-progress | toward-higher (the default)\n"
        "On a production database --operator signs in with the platform password: from the file named by\n"
        "CC_PASSWORD_FILE, else the desktop's keyring (see keyring), else asked on a terminal.\n"
        "Exit codes: check 0 healthy, 1 degraded, 2 critical, 3 no data; 4 refused; 5 cannot open or SQL "
        "error;\n"
        "64 bad command line; 130 cancelled.\n"
        "Output: --json is exact; text output shows control characters escaped (\\n, \\x1b), one line per\n"
        "line; --csv (and the GUI's Export...) neutralises spreadsheet formulas: a cell beginning with =, "
        "+,\n"
        "-, @, a tab or a carriage return gets a leading ' and quotes (OWASP CSV injection).\n");
    return text;
}

// Common options may come before the command: moves the command to the front.
QStringList commandFirst(const QStringList& arguments)
{
    static const QStringList valued { QStringLiteral("--db"), QStringLiteral("--pg"),
        QStringLiteral("--operator") };
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (valued.contains(argument)) {
            ++i;
            continue;
        }
        if (argument.startsWith(u'-'))
            continue;
        if (i == 1)
            return arguments;
        const QList<CommandSpec> commands = allCommands();
        if (std::none_of(
                commands.cbegin(), commands.cend(), [&](const CommandSpec& c) { return c.name == argument; }))
            return arguments;
        QStringList reordered = arguments;
        reordered.move(i, 1);
        return reordered;
    }
    return arguments;
}

// A connection string where a command name or a positional argument belongs (given without --pg)
// is refused without being quoted: it may hold a password.
Error misplacedConninfo(const char* where)
{
    return usageError(QStringLiteral("a PostgreSQL connection string where %1 belongs (not shown: it may "
                                     "hold a password); give it with --pg")
                          .arg(QLatin1String(where)));
}

} // namespace

bool isHeadless(const QStringList& commandLine)
{
    const QStringList arguments = commandFirst(commandLine);
    if (arguments.size() < 2)
        return false;
    const QString& first = arguments.at(1);
    if (first == u"-h" || first == u"--help" || first == u"--version" || first == u"-v")
        return true;
    for (const CommandSpec& spec : allCommands()) {
        if (spec.name == first)
            return true;
    }
    // Anything else starting with a letter and not an existing file is a mistyped command.
    return !first.startsWith(u'-') && !first.contains(u'/') && !first.contains(u'.');
}

QString commandName(const QStringList& commandLine)
{
    const QStringList arguments = commandFirst(commandLine);
    return arguments.size() < 2 || arguments.at(1).startsWith(u'-') ? QString() : arguments.at(1);
}

Result<ParsedCommandLine> parseCommandLine(const QStringList& commandLine, QCommandLineParser& parser)
{
    using Request = ParsedCommandLine::Request;
    const QStringList arguments = commandFirst(commandLine);
    if (arguments.size() < 2 || arguments.at(1) == u"-h" || arguments.at(1) == u"--help")
        return ParsedCommandLine { Request::GeneralHelp, {} };
    if (arguments.at(1) == u"--version" || arguments.at(1) == u"-v")
        return ParsedCommandLine { Request::Version, {} };
    const QString& name = arguments.at(1);
    const std::optional<CommandSpec> spec = findCommand(name);
    if (!spec && ConnectionProfile::looksLikeConninfo(name))
        return misplacedConninfo("the command");
    if (!spec)
        return usageError(QStringLiteral("unknown command %1").arg(quotedValue(name)));

    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(commonOptions());
    parser.addOptions(spec->options);
    if (!spec->positional.isEmpty())
        parser.addPositionalArgument(spec->positional, spec->positional);
    QStringList rest = arguments;
    rest.removeAt(1);
    // parse(), never process(): process() exits with 1, which would read as "degraded".
    if (!parser.parse(rest))
        return usageError(printableLine(parser.errorText().left(200)));
    if (parser.isSet(QStringLiteral("help")))
        return ParsedCommandLine { Request::CommandHelp, name };
    for (const QString& positional : parser.positionalArguments()) {
        if (ConnectionProfile::looksLikeConninfo(positional))
            return misplacedConninfo("an argument");
    }
    const qsizetype allowed = spec->positional.isEmpty() ? 0 : 1;
    if (parser.positionalArguments().size() > allowed)
        return usageError(QStringLiteral("unexpected argument %1")
                              .arg(quotedValue(parser.positionalArguments().at(allowed))));
    return ParsedCommandLine { Request::Command, name };
}

int run(const QStringList& arguments)
{
    using Request = ParsedCommandLine::Request;
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    const Result<ParsedCommandLine> parsed = parseCommandLine(arguments, parser);
    if (parsed && parsed->request == Request::GeneralHelp) {
        out << generalHelp();
        return 0;
    }
    if (parsed && parsed->request == Request::Version) {
        out << QStringLiteral("coupling-console %1\n").arg(QCoreApplication::applicationVersion());
        return 0;
    }
    const QString name = parsed ? parsed->command : commandFirst(arguments).at(1);
    const std::optional<CommandSpec> spec = findCommand(name);
    if (!spec) {
        // Only an unknown command fails before a command is known: no command's name to print.
        err << QStringLiteral("coupling-console: %1\n").arg(printableLine(parsed.error().message));
        if (arguments.contains(QStringLiteral("--json")))
            out << QStringLiteral(
                "{\"error\": {\"code\": 64, \"kind\": \"usage\", \"message\": \"unknown command\"}}\n");
        return exitUsage;
    }

    CliContext context(name, parser, SignalCancel::token());
    if (!parsed)
        return context.fail(parsed.error());
    if (parsed->request == Request::CommandHelp) {
        out << QStringLiteral("Usage: coupling-console %1\n\n").arg(spec->synopsis);
        out << parser.helpText().section(u'\n', 2);
        return 0;
    }
    if (parser.isSet(QStringLiteral("read-only")) && spec->writes && spec->writes(context))
        return context.fail(Error { ErrorCode::ReadOnly,
            QStringLiteral("%1 writes, and the database was opened with --read-only; nothing was changed")
                .arg(name) });
    return spec->run(context);
}

} // namespace cc::cli
