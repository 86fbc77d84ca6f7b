#include "Commands.h"

#include "ReportPdfHook.h"
#include "administration/Administration.h"
#include "administration/Exporter.h"
#include "audit/AuditVocabulary.h"

#include <QFile>
#include <QJsonArray>

namespace cc::cli {

namespace {

int init(CliContext& context)
{
    if (context.isSet("indexes") && context.isSet("drop-indexes"))
        return context.usage(QStringLiteral("use either --indexes or --drop-indexes"));
    InitOptions options;
    if (context.isSet("environment")) {
        auto environment = environmentFromName(context.value("environment"));
        if (!environment)
            return context.fail(environment.error());
        options.environment = *environment;
    }
    options.createIndexes = context.isSet("indexes");
    options.dropIndexes = context.isSet("drop-indexes");
    auto opened = context.open(true);
    if (!opened)
        return context.fail(opened.error());
    auto result = Administration::init(**opened, options);
    if (!result)
        return context.fail(result.error());
    const QJsonObject json { { QStringLiteral("created_platform_tables"), result->createdPlatformTables },
        { QStringLiteral("installed_tool_tables"), result->installedTools },
        { QStringLiteral("environment"), environmentName(result->environment) },
        { QStringLiteral("indexes"), result->indexes } };
    return reportWrite(context, json, result->auditIds,
        { QStringLiteral("initialised %1 (%2%3environment %4, cc_ indexes %5)")
                .arg((*opened)->db().profile().describe(),
                    result->createdPlatformTables ? QStringLiteral("platform tables created, ") : QString(),
                    result->installedTools ? QStringLiteral("tool tables created, ") : QString(),
                    environmentName(result->environment),
                    result->indexes ? QStringLiteral("present") : QStringLiteral("absent")) });
}

int demo(CliContext& context)
{
    auto users = context.requiredInteger("users");
    if (!users)
        return context.fail(users.error());
    auto seed = context.integer("seed");
    if (!seed)
        return context.fail(seed.error());
    DemoOptions options;
    options.cancel = &context.cancel();
    options.users = *users;
    options.seed = seed->value_or(1);
    if (context.isSet("desync-rate")) {
        bool ok = false;
        options.desyncRate = context.value("desync-rate").toDouble(&ok);
        if (!ok)
            return context.usage(QStringLiteral("--desync-rate needs a number from 0 to 1, not \"%1\"")
                                     .arg(context.value("desync-rate")));
    }
    auto profile = context.profile();
    if (!profile)
        return context.fail(profile.error());
    if (!context.value("operator").isEmpty()) {
        // The operator must exist; on a new database only the system can run demo.
        auto opened = context.open();
        if (!opened)
            return context.fail(opened.error());
        if (auto allowed = (*opened)->authorize(Action::Demo); !allowed)
            return context.fail(allowed.error());
    }
    auto manifest = Administration::demo(*profile, options, auditSourceName(AuditSource::Cli));
    if (!manifest)
        return context.fail(manifest.error());
    QJsonObject planted;
    QStringList lines;
    for (int i = 0; i < DemoManifest::plantedKinds; ++i) {
        const QString name = DemoManifest::kindAt(i);
        planted.insert(name, manifest->planted[i]);
        lines << QStringLiteral("  %1: %2").arg(name).arg(manifest->planted[i]);
    }
    if (context.json()) {
        context.printJson(QJsonObject { { QStringLiteral("users"), manifest->users },
            { QStringLiteral("keys"), manifest->keys }, { QStringLiteral("desynced"), manifest->desynced },
            { QStringLiteral("seed"), options.seed }, { QStringLiteral("planted"), planted },
            { QStringLiteral("staff_credentials"), manifest->staffCredentials } });
    } else {
        context.out(QStringLiteral("demo: %1 users, %2 keys, %3 desynced; planted:")
                        .arg(manifest->users)
                        .arg(manifest->keys)
                        .arg(manifest->desynced));
        context.out(lines);
        context.out(QStringLiteral("staff credentials (instructors' LFA_COACH licenses, not pairs): %1")
                        .arg(manifest->staffCredentials));
        context.out(QStringLiteral("the demo admin is admin@demo.local (password: demo)"));
    }
    return 0;
}

int env(CliContext& context)
{
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    if (context.isSet("set")) {
        auto environment = environmentFromName(context.value("set"));
        if (!environment)
            return context.fail(environment.error());
        auto id = Administration::setEnvironment(**opened, *environment);
        if (!id)
            return context.fail(id.error());
        return reportWrite(context, { { QStringLiteral("environment"), environmentName(*environment) } },
            { *id }, { QStringLiteral("environment: %1").arg(environmentName(*environment)) });
    }
    if (context.json())
        context.printJson(
            QJsonObject { { QStringLiteral("environment"), environmentName((*opened)->environment()) } });
    else
        context.out(environmentName((*opened)->environment()));
    return 0;
}

int settings(CliContext& context)
{
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    QList<qint64> ids;
    if (context.isSet("healthy") || context.isSet("degraded")) {
        auto id = Administration::setThresholds(session,
            context.isSet("healthy") ? std::optional<QString>(context.value("healthy")) : std::nullopt,
            context.isSet("degraded") ? std::optional<QString>(context.value("degraded")) : std::nullopt);
        if (!id)
            return context.fail(id.error());
        ids << *id;
    }
    const QJsonObject json { { QStringLiteral("healthy"), session.thresholds().healthy / 100.0 },
        { QStringLiteral("degraded"), session.thresholds().degraded / 100.0 },
        { QStringLiteral("environment"), environmentName(session.environment()) } };
    const QString text = QStringLiteral("healthy ≥ %1, degraded ≥ %2")
                             .arg(session.thresholds().healthy / 100.0, 0, 'f', 2)
                             .arg(session.thresholds().degraded / 100.0, 0, 'f', 2);
    if (ids.isEmpty()) {
        if (context.json())
            context.printJson(json);
        else
            context.out(text);
        return 0;
    }
    return reportWrite(context, json, ids, { text });
}

// levels --import FILE --spec TRACK [--apply]: what the file changes, stored with --apply.
int importLevels(CliContext& context, Session& session)
{
    auto track = context.required("spec");
    if (!track)
        return context.fail(track.error());
    auto content
        = readRegularFile(context.value("import"), qint64(2) * 1024 * 1024, QStringLiteral("the level file"));
    if (!content)
        return context.fail(content.error());
    auto imported = Administration::importLevels(session, *track, *content, context.isSet("apply"));
    if (!imported)
        return context.fail(imported.error());
    QJsonArray changes;
    QStringList lines;
    for (const LevelChange& change : std::as_const(imported->changes)) {
        changes.append(QJsonObject {
            { QStringLiteral("level"), change.level }, { QStringLiteral("change"), change.what } });
        lines << QStringLiteral("  level %1 %2").arg(change.level).arg(change.what);
    }
    const QJsonObject json { { QStringLiteral("specialization"), imported->track },
        { QStringLiteral("dry_run"), !imported->applied }, { QStringLiteral("changes"), changes } };
    if (!imported->applied) {
        if (context.json())
            context.printJson(json);
        else
            context.out(QStringList { QStringLiteral("dry run for %1 (add --apply):").arg(imported->track) }
                + (lines.isEmpty() ? QStringList { QStringLiteral("  no changes") } : lines));
        return 0;
    }
    return reportWrite(context, json, imported->auditIds,
        QStringList { QStringLiteral("imported %1:").arg(imported->track) } + lines);
}

int levels(CliContext& context)
{
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    if (context.isSet("import"))
        return importLevels(context, session);
    QJsonObject tracks;
    for (const QString& track : session.catalogue().tracks()) {
        QJsonArray array;
        for (const LevelRequirement& level : session.catalogue().levels(track)) {
            array.append(levelJson(level));
            if (!context.json())
                context.out(QStringLiteral("%1 %2  %3  %4 XP  %5 sessions  %6/%7 h")
                                .arg(track)
                                .arg(level.level)
                                .arg(level.name)
                                .arg(level.xp)
                                .arg(level.sessions)
                                .arg(level.theoryHours)
                                .arg(level.practiceHours));
        }
        tracks.insert(track, array);
    }
    QJsonObject aliases;
    for (auto it = session.catalogue().aliases().cbegin(); it != session.catalogue().aliases().cend(); ++it)
        aliases.insert(it.key(), it.value());
    if (context.json())
        context.printJson(
            QJsonObject { { QStringLiteral("tracks"), tracks }, { QStringLiteral("aliases"), aliases } });
    return 0;
}

int prune(CliContext& context)
{
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto removed = Administration::prune(**opened);
    if (!removed)
        return context.fail(removed.error());
    return reportWrite(context, { { QStringLiteral("violations_removed"), removed->first } },
        { removed->second },
        { QStringLiteral("removed %1 stored violations past retention").arg(removed->first) });
}

ReportPdfWriter& reportPdfWriter()
{
    static ReportPdfWriter writer;
    return writer;
}

int report(CliContext& context)
{
    auto path = context.required("pdf");
    if (!path)
        return context.fail(path.error());
    if (path->isEmpty())
        return context.usage(QStringLiteral("--pdf needs a file name"));
    // A FIFO, a device or a directory is refused before anything is read (the writer checks again).
    if (auto target = Exporter::checkTarget(*path, QStringLiteral("the report")); !target)
        return context.fail(target.error());
    if (!reportPdfWriter())
        return context.fail(refused(QStringLiteral(
            "report --pdf needs the graphical build of coupling-console (this build has no GUI "
            "libraries to draw the PDF with)")));
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto content = ReportContent::load(**opened);
    if (!content)
        return context.fail(content.error());
    if (auto written = reportPdfWriter()(*content, *path); !written)
        return context.fail(written.error());
    context.out(QStringLiteral("wrote the health report of run %1 to %2")
                    .arg(content->run.runId.value_or(0))
                    .arg(*path));
    return 0;
}

bool always(const CliContext&)
{
    return true;
}
bool never(const CliContext&)
{
    return false;
}
bool whenSet(const CliContext& context)
{
    return context.isSet("set");
}
bool whenThresholds(const CliContext& context)
{
    return context.isSet("healthy") || context.isSet("degraded");
}
bool whenApplied(const CliContext& context)
{
    return context.isSet("apply");
}

} // namespace

void setReportPdfWriter(ReportPdfWriter writer)
{
    reportPdfWriter() = std::move(writer);
}

QList<CommandSpec> adminCommands()
{
    return {
        { QStringLiteral("init"),
            QStringLiteral("init [--environment E] [--indexes | --drop-indexes] [--json]"),
            { { QStringLiteral("environment"), QStringLiteral("development, staging or production."),
                  QStringLiteral("E") },
                { QStringLiteral("indexes"),
                    QStringLiteral("Create the cc_ indexes on the platform's key columns.") },
                { QStringLiteral("drop-indexes"), QStringLiteral("Drop the cc_ indexes.") } },
            {}, always, init },
        { QStringLiteral("demo"), QStringLiteral("demo --users N [--seed S] [--desync-rate R] [--json]"),
            { { QStringLiteral("users"), QStringLiteral("How many users."), QStringLiteral("N") },
                { QStringLiteral("seed"), QStringLiteral("Seed (default 1)."), QStringLiteral("S") },
                { QStringLiteral("desync-rate"), QStringLiteral("Share of desynced keys (default 0.02)."),
                    QStringLiteral("R") } },
            {}, always, demo },
        { QStringLiteral("env"), QStringLiteral("env [--set development|staging|production] [--json]"),
            { { QStringLiteral("set"), QStringLiteral("Set the environment."), QStringLiteral("E") } }, {},
            whenSet, env },
        { QStringLiteral("settings"), QStringLiteral("settings [--healthy X] [--degraded Y] [--json]"),
            { { QStringLiteral("healthy"), QStringLiteral("Healthy threshold (%)."), QStringLiteral("X") },
                { QStringLiteral("degraded"), QStringLiteral("Degraded threshold (%)."),
                    QStringLiteral("Y") } },
            {}, whenThresholds, settings },
        { QStringLiteral("levels"), QStringLiteral("levels [--import FILE --spec TRACK [--apply]] [--json]"),
            { { QStringLiteral("import"), QStringLiteral("A platform JSON level file."),
                  QStringLiteral("FILE") },
                { QStringLiteral("spec"), QStringLiteral("The track it describes."),
                    QStringLiteral("TRACK") },
                { QStringLiteral("apply"), QStringLiteral("Store it (otherwise a dry run).") } },
            {}, whenApplied, levels },
        { QStringLiteral("report"), QStringLiteral("report --pdf FILE"),
            { { QStringLiteral("pdf"), QStringLiteral("Write the health report as PDF."),
                QStringLiteral("FILE") } },
            {}, never, report },
        { QStringLiteral("prune"), QStringLiteral("prune [--json]"), {}, {}, always, prune },
    };
}

} // namespace cc::cli
