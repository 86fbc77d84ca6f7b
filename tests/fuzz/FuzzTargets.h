#pragma once

#include <QByteArray>
#include <QString>

namespace cc::fuzz {

// What one input did to one entry point: the documented outcome, and whether its contract held.
struct FuzzOutcome {
    bool accepted = false; // a value came back
    QString value; // that value in words: "8 levels", "postgresql:host:5432/db", "command check"
    QString message; // the error's message when refused
    int exitCode = 0; // the exit code of docs/BEHAVIOUR.md C8 for that error
    QString broken; // which promise of the contract the outcome broke; empty when it held
};

// The fuzz targets. The libFuzzer harnesses and tst_fuzz_corpus feed inputs through these same
// functions, so a stored input replays exactly what the fuzzer ran.
// A JSON level file: LevelCatalogue::parseLevelFile.
FuzzOutcome feedLevelFile(const QByteArray& data);
// A --pg connection string (UTF-8): ConnectionProfile::fromConninfo.
FuzzOutcome feedConninfo(const QByteArray& data);
// A command line after the program name, arguments separated by NUL bytes (argv cannot hold one):
// isHeadless, commandName, parseCommandLine and, for a parsed command, the connection its options name.
FuzzOutcome feedCommandLine(const QByteArray& data);

// Removes what makes an outcome depend on the caller's environment (PGHOST, PGUSER, …).
void prepareEnvironment();
// For the harnesses: prints the broken promise and aborts, so libFuzzer stores the input.
void abortIfBroken(const FuzzOutcome& outcome, const QByteArray& data);

} // namespace cc::fuzz
