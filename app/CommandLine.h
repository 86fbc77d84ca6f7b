#pragma once

#include "base/Result.h"

#include <QStringList>

class QCommandLineParser;

namespace cc::cli {

// What one headless command line asks for (docs/BEHAVIOUR.md C8), parsed without opening a database.
struct ParsedCommandLine {
    enum class Request { GeneralHelp, Version, CommandHelp, Command };
    Request request = Request::GeneralHelp;
    QString command; // the command named (CommandHelp, Command); empty otherwise
};

// Parses a command line (common options may precede the command) into `parser`, which then holds
// the command's options and positional argument. An unknown command, a bad option or an extra
// argument is an Error with ErrorCode::Usage (exit 64) carrying the message run() prints.
Result<ParsedCommandLine> parseCommandLine(const QStringList& commandLine, QCommandLineParser& parser);
// Runs one headless command; returns the exit code of docs/BEHAVIOUR.md C8.
int run(const QStringList& arguments);
// True when these arguments name a headless command (or --help / --version) rather than the GUI.
bool isHeadless(const QStringList& commandLine);
// The command these arguments run (common options may precede it); empty when there is none.
QString commandName(const QStringList& commandLine);

} // namespace cc::cli
