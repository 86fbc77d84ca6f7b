#include "FuzzTargets.h"

#include "CliContext.h"
#include "CommandLine.h"
#include "database/ConnectionProfile.h"
#include "schema/LevelCatalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

namespace cc::fuzz {

namespace {

constexpr qint64 maxCounter = 2147483647;

FuzzOutcome refusedWith(const Error& error)
{
    FuzzOutcome outcome;
    outcome.message = error.message;
    outcome.exitCode = exitCodeFor(error.code);
    if (error.message.trimmed().isEmpty())
        outcome.broken = QStringLiteral("an error without a message");
    return outcome;
}

bool inCounterRange(qint64 value)
{
    return value >= 0 && value <= maxCounter;
}

// The promises of parseLevelFile's value (LevelCatalogue.h, docs/PLATFORM.md §2): 1 to 100 levels numbered
// 1, 2, 3, …, each with a non-empty name, counters from 0 to 2^31 − 1, XP and sessions not decreasing.
QString brokenLevels(const QList<LevelRequirement>& levels)
{
    if (levels.isEmpty() || levels.size() > 100)
        return QStringLiteral("%1 levels accepted").arg(levels.size());
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const LevelRequirement& level = levels.at(i);
        if (level.level != i + 1)
            return QStringLiteral("entry %1 accepted as level %2").arg(i + 1).arg(level.level);
        // A name that is not valid UTF-16 (an unpaired surrogate) cannot be stored as UTF-8 unchanged.
        if (level.name.trimmed().isEmpty() || level.name.contains(QChar(0)) || level.name.size() > 200
            || !level.name.isValidUtf16())
            return QStringLiteral("level %1 accepted with the name \"%2\"").arg(level.level).arg(level.name);
        if (!inCounterRange(level.xp) || !inCounterRange(level.sessions) || !inCounterRange(level.theoryHours)
            || !inCounterRange(level.practiceHours))
            return QStringLiteral("level %1 accepted with a counter out of range").arg(level.level);
        if (i > 0 && (level.xp < levels.at(i - 1).xp || level.sessions < levels.at(i - 1).sessions))
            return QStringLiteral("level %1 accepted with less XP or sessions than level %2")
                .arg(level.level)
                .arg(i);
    }
    return {};
}

// The input with the password of a postgresql:// URI ("user:PASSWORD@host") changed letter for letter
// and digit for digit, %XX escapes kept as they are; empty when there is none or nothing to change.
QString withOtherPassword(const QString& conninfo)
{
    if (!conninfo.startsWith(u"postgresql://") && !conninfo.startsWith(u"postgres://"))
        return {};
    const qsizetype start = conninfo.indexOf(u"://") + 3;
    qsizetype end = start;
    while (end < conninfo.size() && conninfo.at(end) != u'/' && conninfo.at(end) != u'?'
        && conninfo.at(end) != u'#')
        ++end;
    const qsizetype at = conninfo.lastIndexOf(u'@', end - 1);
    const qsizetype colon = conninfo.indexOf(u':', start);
    if (at < start || colon < 0 || colon > at)
        return {};
    QString other = conninfo;
    bool changed = false;
    for (qsizetype i = colon + 1; i < at; ++i) {
        const char16_t c = other.at(i).unicode();
        if (c == u'%') {
            i += 2;
            continue;
        }
        char16_t next = c;
        if ((c >= u'a' && c < u'z') || (c >= u'A' && c < u'Z') || (c >= u'0' && c < u'9'))
            next = c + 1;
        else if (c == u'z' || c == u'Z' || c == u'9')
            next = c == u'9' ? u'0' : c - 25;
        changed = changed || next != c;
        other[i] = QChar(next);
    }
    return changed ? other : QString();
}

// What a person sees of a parsed connection string: describe(), or the error message.
QString shown(const Result<ConnectionProfile>& parsed)
{
    return parsed ? parsed->describe() : parsed.error().message;
}

// describe() and error messages never show the password: they stay the same when only it changes.
QString brokenPasswordSecrecy(const QString& conninfo, const Result<ConnectionProfile>& parsed)
{
    const QString other = withOtherPassword(conninfo);
    if (other.isEmpty())
        return {};
    const auto again = ConnectionProfile::fromConninfo(other);
    if (again.ok() != parsed.ok() || shown(again) == shown(parsed))
        return {};
    return QStringLiteral("what is shown depends on the password: \"%1\" against \"%2\"")
        .arg(shown(parsed), shown(again));
}

QString brokenProfile(const ConnectionProfile& profile)
{
    if (profile.engine != Engine::PostgreSQL)
        return QStringLiteral("a connection string gave a SQLite profile");
    if (profile.port <= 0 || profile.port > 65535)
        return QStringLiteral("port %1 accepted").arg(profile.port);
    return {};
}

} // namespace

FuzzOutcome feedLevelFile(const QByteArray& data)
{
    const auto parsed = LevelCatalogue::parseLevelFile(data);
    if (!parsed) {
        FuzzOutcome outcome = refusedWith(parsed.error());
        if (outcome.broken.isEmpty() && parsed.error().code != ErrorCode::Refused)
            outcome.broken = QStringLiteral("a level file refused with exit %1, not 4").arg(outcome.exitCode);
        return outcome;
    }
    FuzzOutcome outcome;
    outcome.accepted = true;
    outcome.value
        = parsed->size() == 1 ? QStringLiteral("1 level") : QStringLiteral("%1 levels").arg(parsed->size());
    outcome.broken = brokenLevels(*parsed);
    if (outcome.broken.isEmpty() && data.size() > 1024 * 1024)
        outcome.broken = QStringLiteral("a level file larger than 1 MB accepted");
    return outcome;
}

FuzzOutcome feedConninfo(const QByteArray& data)
{
    const QString conninfo = QString::fromUtf8(data);
    const auto parsed = ConnectionProfile::fromConninfo(conninfo);
    if (!parsed) {
        FuzzOutcome outcome = refusedWith(parsed.error());
        if (outcome.broken.isEmpty() && parsed.error().code != ErrorCode::Usage)
            outcome.broken
                = QStringLiteral("a connection string refused with exit %1, not 64").arg(outcome.exitCode);
        if (outcome.broken.isEmpty())
            outcome.broken = brokenPasswordSecrecy(conninfo, parsed);
        return outcome;
    }
    FuzzOutcome outcome;
    outcome.accepted = true;
    outcome.value = parsed->describe();
    outcome.broken = brokenProfile(*parsed);
    if (outcome.broken.isEmpty())
        outcome.broken = brokenPasswordSecrecy(conninfo, parsed);
    if (outcome.broken.isEmpty() && conninfo.contains(QChar(0)))
        outcome.broken = QStringLiteral("a connection string with a NUL character accepted");
    return outcome;
}

FuzzOutcome feedCommandLine(const QByteArray& data)
{
    // As main() builds them: the program name, then each argument from the local 8-bit encoding.
    QStringList arguments { QStringLiteral("coupling-console") };
    if (!data.isEmpty()) {
        for (const QByteArray& argument : data.split('\0'))
            arguments << QString::fromLocal8Bit(argument);
    }
    const bool headless = cli::isHeadless(arguments);
    const QString name = cli::commandName(arguments);
    QCommandLineParser parser;
    const auto parsed = cli::parseCommandLine(arguments, parser);
    if (!parsed) {
        FuzzOutcome outcome = refusedWith(parsed.error());
        if (outcome.broken.isEmpty() && outcome.exitCode != cli::exitUsage)
            outcome.broken
                = QStringLiteral("a command line refused with exit %1, not 64").arg(outcome.exitCode);
        return outcome;
    }

    using Request = cli::ParsedCommandLine::Request;
    FuzzOutcome outcome;
    outcome.accepted = true;
    switch (parsed->request) {
    case Request::GeneralHelp:
        outcome.value = QStringLiteral("general help");
        return outcome;
    case Request::Version:
        outcome.value = QStringLiteral("version");
        return outcome;
    case Request::CommandHelp:
    case Request::Command:
        break;
    }
    const bool help = parsed->request == Request::CommandHelp;
    outcome.value = (help ? QStringLiteral("help for ") : QStringLiteral("command ")) + parsed->command;
    // main() runs a command only when isHeadless() says so, and picks the application by commandName().
    if (!headless || name != parsed->command) {
        outcome.broken
            = QStringLiteral("parsed as %1 but isHeadless() = %2 and commandName() = \"%3\"")
                  .arg(outcome.value, headless ? QStringLiteral("true") : QStringLiteral("false"), name);
        return outcome;
    }
    if (help)
        return outcome;

    // The connection the options name (--db, --pg or the embedded database), parsed but not opened.
    CancelToken cancel;
    const cli::CliContext context(parsed->command, parser, cancel);
    const auto profile = context.profile();
    if (!profile) {
        outcome.value += QStringLiteral("; connection refused (exit %1): %2")
                             .arg(exitCodeFor(profile.error().code))
                             .arg(profile.error().message);
        if (profile.error().message.trimmed().isEmpty())
            outcome.broken = QStringLiteral("a connection refused without a message");
    } else {
        outcome.value += QStringLiteral("; connection ")
            + (profile->embedded ? QStringLiteral("embedded") : profile->describe());
    }
    return outcome;
}

void prepareEnvironment()
{
    for (const char* name : { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD" })
        qunsetenv(name);
    QCoreApplication::setOrganizationName(QStringLiteral("CouplingConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("coupling-console"));
}

void abortIfBroken(const FuzzOutcome& outcome, const QByteArray& data)
{
    if (outcome.broken.isEmpty())
        return;
    // The input is not NUL-terminated (and toPercentEncoding may hand it back unchanged): print by length.
    const QByteArray shown = data.left(200).toPercentEncoding(" =:/@'\"\\");
    std::fprintf(stderr, "contract broken: %s\ninput (%lld bytes): %.*s\n", qPrintable(outcome.broken),
        static_cast<long long>(data.size()), int(shown.size()), shown.constData());
    std::abort();
}

} // namespace cc::fuzz
