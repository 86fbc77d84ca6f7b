#include "Commands.h"

#include "administration/Exporter.h"
#include "audit/AuditLog.h"
#include "base/Time.h"
#include "check/HealthCheck.h"
#include "check/RunStore.h"
#include "schema/AuditChain.h"
#include "schema/ToolSchema.h"

#include <QFile>
#include <QJsonArray>

#include <cstdio>

namespace cc::cli {

namespace {

// Streams an export to stdout (Exporter writes the same bytes the GUI writes to a file).
int exportToStdout(
    CliContext& context, const std::function<Result<qint64>(QIODevice&, const ExportOptions&)>& write)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return context.fail(
            refused(QStringLiteral("cannot write to standard output: %1").arg(out.errorString())));
    ExportOptions options;
    options.format = context.json() ? ExportFormat::Json : ExportFormat::Csv;
    options.cancel = &context.cancel();
    auto written = write(out, options);
    std::fflush(stdout);
    if (!written)
        return context.fail(written.error());
    return 0;
}

void printCheckJson(CliContext& context, const HealthReport& report)
{
    QJsonObject json = Exporter::runJson(report);
    QJsonArray violations;
    for (const ViolationRecord& record : report.violations) {
        QJsonObject entry = Exporter::violationJson(record);
        entry.remove(QStringLiteral("severity"));
        violations.append(entry);
    }
    json.insert(QStringLiteral("violations"), violations);
    context.printJson(json);
}

void printCheck(CliContext& context, const HealthReport& report)
{
    context.out(QStringLiteral("status: %1").arg(runStatusName(report.status)));
    context.out(
        QStringLiteral("consistency rate: %1 (%2 of %3 pairs consistent)")
            .arg(report.rateHundredths ? formatHundredths(*report.rateHundredths) + QStringLiteral(" %")
                                       : QStringLiteral("no data"))
            .arg(report.consistent)
            .arg(report.totalPairs));
    QStringList kinds;
    for (int i = 0; i < violationKindCount; ++i)
        kinds << QStringLiteral("%1 %2").arg(kindName(ViolationKind(i))).arg(report.byKind[i]);
    context.out(
        QStringLiteral("violations: %1 (%2)").arg(report.inconsistent).arg(kinds.join(QStringLiteral(", "))));
    QStringList warnings;
    for (int i = 0; i < warningKindCount; ++i)
        warnings << QStringLiteral("%1 %2").arg(warningName(WarningKind(i))).arg(report.warnings[i]);
    context.out(QStringLiteral("warnings: %1").arg(warnings.join(QStringLiteral(", "))));
    context.out(QStringLiteral("staff credentials (not pairs): %1").arg(report.staffCredentials));
    if (report.runId)
        context.out(QStringLiteral("run id: %1").arg(*report.runId));
    for (const ViolationRecord& record : report.violations)
        context.out(QStringLiteral("  user %1 %2: %3 (%4) → %5")
                        .arg(record.userId)
                        .arg(record.track, record.kind, record.reason, record.action));
}

int check(CliContext& context)
{
    auto limit = context.integer("limit");
    if (!limit)
        return context.fail(limit.error());
    if (*limit && **limit < 0)
        return context.fail(refused(QStringLiteral("--limit must not be negative")));
    auto parallel = context.integer("parallel");
    if (!parallel)
        return context.fail(parallel.error());
    auto opened = context.open();
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    if (*parallel) {
        if (!session.db().dialect().sharesSnapshots())
            return context.fail(refused(QStringLiteral("--parallel works on PostgreSQL only")));
        if (**parallel < 1 || **parallel > 64)
            return context.fail(refused(QStringLiteral("--parallel takes 1 to 64 connections")));
    }
    if (auto schema = session.platform(); !schema)
        return context.fail(schema.error());
    if (context.isSet("print-sql")) {
        context.out(
            QString(HealthCheck::printableStatement(session.db(), session.catalogue()) + u';').split(u'\n'));
        return 0;
    }
    CheckOptions options;
    options.violationLimit = limit->value_or(-1);
    options.cancel = &context.cancel();
    options.parallel = int(parallel->value_or(1));
    auto report = HealthCheck::run(session, options);
    if (!report)
        return context.fail(report.error());
    if (!report->message.isEmpty())
        context.err(QStringLiteral("note: %1").arg(report->message));
    if (context.json())
        printCheckJson(context, *report);
    else
        printCheck(context, *report);
    return checkExitCode(report->status);
}

int runs(CliContext& context)
{
    auto limit = context.integer("limit");
    if (!limit)
        return context.fail(limit.error());
    if (*limit && **limit < 0)
        return context.fail(refused(QStringLiteral("--limit must not be negative")));
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    if (context.json() || context.csv())
        return exportToStdout(context, [&](QIODevice& out, const ExportOptions& options) {
            return Exporter::runs(session, limit->value_or(20), out, options);
        });
    auto listed = RunStore::forEachRun(
        session.db(), limit->value_or(20), {}, [&](const HealthReport& report) -> Result<void> {
            context.out(QStringLiteral("run %1  %2  %3  %4  %5 pairs")
                            .arg(*report.runId)
                            .arg(isoUtc(report.startedAt), runStatusName(report.status),
                                report.rateHundredths ? formatHundredths(*report.rateHundredths) + u'%'
                                                      : QStringLiteral("-"))
                            .arg(report.totalPairs));
            return {};
        });
    if (!listed)
        return context.fail(listed.error());
    return 0;
}

int violations(CliContext& context)
{
    auto run = context.integer("run");
    if (!run)
        return context.fail(run.error());
    ViolationFilter filter;
    filter.runId = *run;
    filter.warnings = context.isSet("warnings");
    if (context.isSet("kind")) {
        filter.kind = context.value("kind");
        if (warningFromName(filter.kind))
            filter.warnings = true;
        else if (!kindFromName(filter.kind))
            return context.fail(refused(QStringLiteral("unknown kind \"%1\"").arg(filter.kind)));
    }
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    if (context.json() || context.csv())
        return exportToStdout(context, [&](QIODevice& out, const ExportOptions& options) {
            return Exporter::violations(session, filter, out, options);
        });
    qint64 count = 0;
    auto listed
        = RunStore::forEachViolation(session.db(), filter, [&](const StoredViolation& row) -> Result<void> {
              if (context.cancel().isCancelled())
                  return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
              context.out(QStringLiteral("user %1 %2: %3 (%4) → %5")
                              .arg(row.record.userId)
                              .arg(row.record.track, row.record.kind, row.record.reason, row.record.action));
              ++count;
              return {};
          });
    if (!listed)
        return context.fail(listed.error());
    context.out(QStringLiteral("%1 %2").arg(count).arg(
        filter.warnings ? QStringLiteral("warnings") : QStringLiteral("violations")));
    return 0;
}

// audit --verify: exit 0 when the chain is whole, 2 at the first entry that does not fit.
int verifyAudit(CliContext& context, Session& session)
{
    auto report = AuditChain::verify(session.db());
    if (!report)
        return context.fail(report.error());
    const ChainReport& chain = *report;
    if (context.json()) {
        QJsonObject json { { QStringLiteral("json_version"), 2 },
            { QStringLiteral("whole"), !chain.firstBreak.has_value() },
            { QStringLiteral("entries"), chain.entries },
            { QStringLiteral("tail"),
                QJsonObject { { QStringLiteral("id"), chain.tail.id },
                    { QStringLiteral("hash"), chain.tail.hash } } } };
        if (chain.firstBreak)
            json.insert(QStringLiteral("first_break"),
                QJsonObject { { QStringLiteral("id"), chain.firstBreak->id },
                    { QStringLiteral("problem"), chain.firstBreak->kindName() },
                    { QStringLiteral("detail"), chain.firstBreak->detail } });
        context.printJson(json);
    } else if (chain.firstBreak) {
        context.out(QStringLiteral("the audit chain is broken at entry %1: %2 (%3)")
                        .arg(chain.firstBreak->id)
                        .arg(chain.firstBreak->words(), chain.firstBreak->detail));
    } else {
        context.out(QStringLiteral("the audit chain is whole: %1 entries").arg(chain.entries));
    }
    if (!context.json())
        context.out(chain.tail.id > 0 ? QStringLiteral(
                        "newest entry %1, hash %2 (keep it elsewhere: a later --verify that does not "
                        "reach this hash shows the tail was cut or rewritten)")
                                            .arg(chain.tail.id)
                                            .arg(chain.tail.hash)
                                      : QStringLiteral("the audit log is empty"));
    return chain.firstBreak ? 2 : 0;
}

int audit(CliContext& context)
{
    if (context.isSet("verify") && (context.csv() || context.isSet("user") || context.isSet("since")))
        return context.usage(
            QStringLiteral("audit --verify checks the whole log: it takes no --user, --since or --csv"));
    auto userId = context.integer("user");
    if (!userId)
        return context.fail(userId.error());
    AuditFilter filter;
    filter.userId = *userId;
    if (context.isSet("since")) {
        filter.since = parseIsoUtc(context.value("since"));
        if (!filter.since.isValid())
            return context.fail(refused(
                QStringLiteral("--since needs an ISO-8601 time such as 2026-01-31T12:00:00Z, not \"%1\"")
                    .arg(context.value("since"))));
    }
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    if (context.isSet("verify"))
        return verifyAudit(context, session);
    if (context.json() || context.csv())
        return exportToStdout(context, [&](QIODevice& out, const ExportOptions& options) {
            return Exporter::audit(session, filter, out, options);
        });
    auto listed = AuditLog::forEachEntry(session.db(), filter, [&](const AuditEntry& entry) -> Result<void> {
        context.out(QStringLiteral("%1  %2  %3  %4  %5  %6 %7  %8")
                        .arg(entry.id)
                        .arg(isoUtc(entry.at), entry.operatorEmail, entry.source, entry.action,
                            entry.userId ? QString::number(*entry.userId) : QStringLiteral("-"), entry.track,
                            entry.reason));
        return {};
    });
    if (!listed)
        return context.fail(listed.error());
    return 0;
}

bool never(const CliContext&)
{
    return false;
}

} // namespace

QList<CommandSpec> viewCommands()
{
    const QCommandLineOption csv(QStringLiteral("csv"),
        QStringLiteral("Print CSV. A cell beginning with =, +, -, @, a tab or a carriage return gets a "
                       "leading ' and quotes, so a spreadsheet shows it as text and never runs it "
                       "as a formula (OWASP CSV injection)."));
    return {
        { QStringLiteral("check"), QStringLiteral("check [--json] [--limit N] [--print-sql] [--parallel N]"),
            { { QStringLiteral("limit"), QStringLiteral("List at most N violations."), QStringLiteral("N") },
                { QStringLiteral("print-sql"), QStringLiteral("Print the classification statement.") },
                { QStringLiteral("parallel"), QStringLiteral("Connections (PostgreSQL only)."),
                    QStringLiteral("N") } },
            {}, never, check },
        { QStringLiteral("runs"), QStringLiteral("runs [--json|--csv] [--limit N]"),
            { csv, { QStringLiteral("limit"), QStringLiteral("At most N runs."), QStringLiteral("N") } }, {},
            never, runs },
        { QStringLiteral("violations"),
            QStringLiteral("violations [--run ID] [--kind K] [--warnings] [--json|--csv]"),
            { csv, { QStringLiteral("run"), QStringLiteral("A stored run."), QStringLiteral("ID") },
                { QStringLiteral("kind"), QStringLiteral("Only this kind or warning."), QStringLiteral("K") },
                { QStringLiteral("warnings"), QStringLiteral("List warnings instead of violations.") } },
            {}, never, violations },
        userCommand(),
        { QStringLiteral("audit"),
            QStringLiteral("audit [--user ID] [--since ISO] [--json|--csv] | audit --verify [--json]"),
            { csv, { QStringLiteral("user"), QStringLiteral("Only this user."), QStringLiteral("ID") },
                { QStringLiteral("verify"),
                    QStringLiteral(
                        "Check the audit hash chain: exit 0 when whole, 2 naming the first entry that "
                        "does not fit (content changed, link broken, entry deleted); prints the newest "
                        "entry's hash to keep elsewhere, since a writer who recomputes the whole chain "
                        "or cuts its tail is not detected otherwise.") },
                { QStringLiteral("since"), QStringLiteral("Only entries at or after this time."),
                    QStringLiteral("ISO") } },
            {}, never, audit },
    };
}

Result<Session*> openInitialised(CliContext& context)
{
    auto opened = context.open();
    if (!opened)
        return opened.error();
    CC_TRY((*opened)->requireTools());
    CC_TRY((*opened)->authorize(Action::View));
    auto schema = (*opened)->platform();
    if (!schema)
        return schema.error();
    return *opened;
}

void warnWithoutKeyIndexes(CliContext& context, Session& session)
{
    if (const auto rows = ToolSchema::unindexedScanRows(session.db()))
        context.err(QStringLiteral(
            "warning: the cc_ indexes are missing, so single-user operations scan %1 progress rows; "
            "coupling-console init --indexes creates them")
                        .arg(*rows));
}

} // namespace cc::cli
