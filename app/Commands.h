#pragma once

#include "CliContext.h"
#include "write/CouplingWriter.h"

#include <functional>

namespace cc::cli {

// One command of the headless front end (docs/BEHAVIOUR.md C8).
struct CommandSpec {
    QString name;
    QString synopsis;
    QList<QCommandLineOption> options;
    QString positional; // name of the positional argument, if any
    std::function<bool(const CliContext&)> writes; // true when this invocation would write
    std::function<int(CliContext&)> run;
};

QList<CommandSpec> viewCommands();
QList<CommandSpec> writeCommands();
QList<CommandSpec> adminCommands();
CommandSpec keyringCommand();
CommandSpec userCommand();

// Opens the session for a command that needs the tool's tables and a well-formed platform schema.
Result<Session*> openInitialised(CliContext& context);
// Warns on stderr when single-user work will scan large tables for lack of the cc_ indexes.
void warnWithoutKeyIndexes(CliContext& context, Session& session);
// Prints what a write did: its audit ids (and in --json, the given object with audit_ids added).
// Prints a write's outcome: its JSON, or `lines` (each one printed line) and the audit ids.
int reportWrite(
    CliContext& context, QJsonObject json, const QList<qint64>& auditIds, const QStringList& lines);
QJsonArray idsJson(const QList<qint64>& ids);
// Prints a dry run's plan: its row changes, or in --json its keys and statements.
int printPlan(CliContext& context, const Plan& plan);
// Prints what a write changed and skipped (reportWrite); the exit code (130 when it was cancelled).
int reportOutcome(CliContext& context, const WriteOutcome& outcome, QJsonObject json = {});

} // namespace cc::cli
