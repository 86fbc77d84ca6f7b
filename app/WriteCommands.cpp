#include "Commands.h"

#include "write/Injector.h"
#include "write/Operations.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QJsonArray>

namespace cc::cli {

namespace {

Result<KeyRef> resolveKey(CliContext& context, Session& session)
{
    warnWithoutKeyIndexes(context, session);
    auto userText = context.required("user");
    if (!userText)
        return userText.error();
    auto specText = context.required("spec");
    if (!specText)
        return specText.error();
    auto user = Operations::resolveUser(session, *userText);
    if (!user)
        return user.error();
    auto track = Operations::resolveTrack(session, *specText);
    if (!track)
        return track.error();
    return KeyRef { *user, *track };
}

Result<ProgressDelta> deltas(CliContext& context)
{
    ProgressDelta delta;
    struct Field {
        const char* option;
        qint64* target;
    };
    const Field fields[]
        = { { "xp", &delta.xp }, { "sessions", &delta.sessions }, { "projects", &delta.projects },
              { "theory-hours", &delta.theoryHours }, { "practice-hours", &delta.practiceHours } };
    for (const Field& field : fields) {
        auto value = context.integer(field.option);
        if (!value)
            return value.error();
        *field.target = value->value_or(0);
    }
    return delta;
}

Result<std::optional<SyncDirection>> direction(CliContext& context, bool required)
{
    if (!context.isSet("direction")) {
        if (required)
            return Error { ErrorCode::Usage,
                QStringLiteral("%1 needs --direction progress-to-license|license-to-progress|toward-higher")
                    .arg(context.command()) };
        return std::optional<SyncDirection>();
    }
    auto parsed = syncDirectionFromName(context.value("direction"));
    if (!parsed)
        return refused(QStringLiteral(
            "unknown direction \"%1\" (use progress-to-license, license-to-progress or toward-higher)")
                           .arg(context.value("direction")));
    return std::optional<SyncDirection>(*parsed);
}

int updateProgress(CliContext& context)
{
    auto delta = deltas(context);
    if (!delta)
        return context.fail(delta.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto key = resolveKey(context, **opened);
    if (!key)
        return context.fail(key.error());
    auto update = Operations::updateProgress(**opened, *key, *delta);
    if (!update)
        return context.fail(update.error());
    QJsonArray achievements;
    for (const QString& badge : std::as_const(update->achievementsEarned))
        achievements.append(badge);
    const QJsonObject json { { QStringLiteral("old_level"), update->oldLevel },
        { QStringLiteral("new_level"), update->newLevel },
        { QStringLiteral("levels_gained"), update->newLevel - update->oldLevel },
        { QStringLiteral("total_xp"), update->totalXp },
        { QStringLiteral("completed_sessions"), update->completedSessions },
        { QStringLiteral("license_level"), optionalJson(update->licenseLevel) },
        { QStringLiteral("achievements_earned"), achievements } };
    return reportWrite(context, json, update->outcome.auditIds,
        { QStringLiteral("level %1 → %2, %3 XP, %4 sessions, license level %5%6")
                .arg(update->oldLevel)
                .arg(update->newLevel)
                .arg(update->totalXp)
                .arg(update->completedSessions)
                .arg(update->licenseLevel.value_or(0))
                .arg(update->achievementsEarned.isEmpty() ? QString()
                                                          : QStringLiteral(", earned: ")
                            + update->achievementsEarned.join(QStringLiteral(", "))) });
}

int advance(CliContext& context)
{
    auto to = context.requiredInteger("to");
    if (!to)
        return context.fail(to.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto key = resolveKey(context, **opened);
    if (!key)
        return context.fail(key.error());
    if (*to < 1 || *to > 1000000)
        return context.fail(refused(QStringLiteral("level %1 is out of range").arg(*to)));
    auto outcome = Operations::advance(**opened, *key, int(*to), context.value("reason"));
    if (!outcome)
        return context.fail(outcome.error());
    return reportOutcome(context, *outcome, { { QStringLiteral("license_level"), int(*to) } });
}

int sync(CliContext& context)
{
    auto chosen = direction(context, true);
    if (!chosen)
        return context.fail(chosen.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto key = resolveKey(context, **opened);
    if (!key)
        return context.fail(key.error());
    if (!context.isSet("apply")) {
        auto plan = Operations::previewSync(**opened, *key, **chosen);
        return plan ? printPlan(context, *plan) : context.fail(plan.error());
    }
    auto outcome = Operations::sync(**opened, *key, **chosen);
    return outcome ? reportOutcome(context, *outcome) : context.fail(outcome.error());
}

int setLevel(CliContext& context)
{
    auto level = context.requiredInteger("level");
    if (!level)
        return context.fail(level.error());
    auto reason = context.required("reason");
    if (!reason)
        return context.fail(reason.error());
    auto delta = deltas(context);
    if (!delta)
        return context.fail(delta.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto key = resolveKey(context, **opened);
    if (!key)
        return context.fail(key.error());
    if (*level < -1000000 || *level > 1000000)
        return context.fail(refused(QStringLiteral("level %1 is out of range").arg(*level)));
    auto outcome = Operations::setLevel(**opened, *key, int(*level), *reason, *delta);
    return outcome ? reportOutcome(context, *outcome, { { QStringLiteral("level"), int(*level) } })
                   : context.fail(outcome.error());
}

Result<RepairOptions> repairOptions(CliContext& context)
{
    auto chosen = direction(context, false);
    if (!chosen)
        return chosen.error();
    RepairOptions options;
    options.direction = *chosen;
    options.createLicenses = context.isSet("create-licenses");
    options.cancel = &context.cancel();
    return options;
}

int repair(CliContext& context)
{
    auto options = repairOptions(context);
    if (!options)
        return context.fail(options.error());
    auto userText = context.required("user");
    if (!userText)
        return context.fail(userText.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    auto user = Operations::resolveUser(session, *userText);
    if (!user)
        return context.fail(user.error());
    QString track;
    if (context.isSet("spec")) {
        auto resolved = Operations::resolveTrack(session, context.value("spec"));
        if (!resolved)
            return context.fail(resolved.error());
        track = *resolved;
    }
    if (!context.isSet("apply")) {
        auto plan = Repair::previewUser(session, *user, track, *options);
        return plan ? printPlan(context, *plan) : context.fail(plan.error());
    }
    auto outcome = Repair::repairUser(session, *user, track, *options);
    return outcome ? reportOutcome(context, *outcome) : context.fail(outcome.error());
}

int repairAll(CliContext& context)
{
    auto options = repairOptions(context);
    if (!options)
        return context.fail(options.error());
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    if (!context.isSet("apply")) {
        auto plan = Repair::previewAll(**opened, *options);
        if (plan && (*opened)->db().dialect().groupsBulkWrites())
            context.err(QStringLiteral(
                "note: on PostgreSQL --apply writes these row changes 500 keys at a time, each key checked "
                "again "
                "under its locks, and normally groups them into one statement per table and kind of change "
                "(UPDATE … FROM (VALUES …), multi-row INSERT) rather than the per-key statements listed"));
        return plan ? printPlan(context, *plan) : context.fail(plan.error());
    }
    options->progress = [&context](qint64 done, qint64 total) {
        if (!context.json())
            context.err(QStringLiteral("repaired %1 of %2 keys").arg(done).arg(total));
    };
    auto outcome = Repair::repairAll(**opened, *options);
    return outcome ? reportOutcome(context, *outcome) : context.fail(outcome.error());
}

int inject(CliContext& context)
{
    auto kind = context.required("kind");
    if (!kind)
        return context.fail(kind.error());
    auto random = context.integer("random");
    if (!random)
        return context.fail(random.error());
    auto seed = context.integer("seed");
    if (!seed)
        return context.fail(seed.error());
    if (*random && (context.isSet("user") || context.isSet("spec")))
        return context.usage(QStringLiteral("inject takes either --user and --spec or --random N"));
    if (!*random && !(context.isSet("user") && context.isSet("spec")))
        return context.usage(QStringLiteral("inject needs --user ID --spec TRACK or --random N"));
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Result<WriteOutcome> outcome = Error {};
    if (*random) {
        if (**random < 1 || **random > 1000000)
            return context.fail(refused(QStringLiteral("--random takes a count from 1 to 1000000")));
        outcome = Injector::injectRandom(
            **opened, *kind, int(**random), quint64(seed->value_or(1)), &context.cancel());
    } else {
        auto key = resolveKey(context, **opened);
        if (!key)
            return context.fail(key.error());
        outcome = Injector::injectOne(**opened, *kind, *key);
    }
    return outcome ? reportOutcome(context, *outcome, { { QStringLiteral("kind"), *kind } })
                   : context.fail(outcome.error());
}

int revert(CliContext& context)
{
    auto batch = context.integer("batch");
    if (!batch)
        return context.fail(batch.error());
    std::optional<qint64> auditId;
    if (!context.positional().isEmpty()) {
        bool ok = false;
        auditId = context.positional().first().toLongLong(&ok);
        if (!ok)
            return context.usage(QStringLiteral("revert needs an audit id (an integer), not \"%1\"")
                                     .arg(context.positional().first()));
    }
    if (auditId.has_value() == batch->has_value())
        return context.usage(QStringLiteral("revert takes either AUDIT_ID or --batch ID"));
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    auto outcome = auditId ? Reverter::revert(**opened, *auditId)
                           : Reverter::revertBatch(**opened, **batch, &context.cancel());
    return outcome ? reportOutcome(context, *outcome) : context.fail(outcome.error());
}

bool always(const CliContext&)
{
    return true;
}
bool whenApplied(const CliContext& context)
{
    return context.isSet("apply");
}

QList<QCommandLineOption> keyOptions()
{
    return { { QStringLiteral("user"), QStringLiteral("User id or email."), QStringLiteral("ID") },
        { QStringLiteral("spec"), QStringLiteral("Track (legacy or canonical id)."),
            QStringLiteral("TRACK") } };
}

QList<QCommandLineOption> deltaOptions()
{
    return { { QStringLiteral("xp"), QStringLiteral("XP change."), QStringLiteral("N") },
        { QStringLiteral("sessions"), QStringLiteral("Sessions change."), QStringLiteral("N") },
        { QStringLiteral("projects"), QStringLiteral("Projects change."), QStringLiteral("N") },
        { QStringLiteral("theory-hours"), QStringLiteral("Theory hours change."), QStringLiteral("N") },
        { QStringLiteral("practice-hours"), QStringLiteral("Practice hours change."), QStringLiteral("N") } };
}

QCommandLineOption directionOption()
{
    return { QStringLiteral("direction"),
        QStringLiteral("progress-to-license, license-to-progress or toward-higher."), QStringLiteral("D") };
}

} // namespace

QList<CommandSpec> writeCommands()
{
    const QCommandLineOption apply(
        QStringLiteral("apply"), QStringLiteral("Run the plan (otherwise a dry run)."));
    const QCommandLineOption createLicenses(
        QStringLiteral("create-licenses"), QStringLiteral("Create missing licenses (a paid product)."));
    return {
        { QStringLiteral("update-progress"),
            QStringLiteral("update-progress --user ID --spec TRACK [--xp N] [--sessions N] [--projects N] "
                           "[--theory-hours N] [--practice-hours N] [--json]"),
            keyOptions() + deltaOptions(), {}, always, updateProgress },
        { QStringLiteral("advance"),
            QStringLiteral("advance --user ID --spec TRACK --to LEVEL [--reason TEXT] [--json]"),
            keyOptions()
                + QList<QCommandLineOption> { { QStringLiteral("to"), QStringLiteral("The next level."),
                                                  QStringLiteral("LEVEL") },
                    { QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT") } },
            {}, always, advance },
        { QStringLiteral("sync"),
            QStringLiteral("sync --user ID --spec TRACK --direction D [--apply] [--json]"),
            keyOptions() + QList<QCommandLineOption> { directionOption(), apply }, {}, whenApplied, sync },
        { QStringLiteral("set-level"),
            QStringLiteral(
                "set-level --user ID --spec TRACK --level L --reason TEXT [counter deltas] [--json]"),
            keyOptions() + deltaOptions()
                + QList<QCommandLineOption> { { QStringLiteral("level"), QStringLiteral("The level."),
                                                  QStringLiteral("L") },
                    { QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT") } },
            {}, always, setLevel },
        { QStringLiteral("repair"),
            QStringLiteral(
                "repair --user ID [--spec TRACK] [--direction D] [--create-licenses] [--apply] [--json]"),
            keyOptions() + QList<QCommandLineOption> { directionOption(), createLicenses, apply }, {},
            whenApplied, repair },
        { QStringLiteral("repair-all"),
            QStringLiteral("repair-all [--direction D] [--create-licenses] [--apply] [--json]"),
            { directionOption(), createLicenses, apply }, {}, whenApplied, repairAll },
        { QStringLiteral("inject"),
            QStringLiteral("inject --kind KIND (--user ID --spec TRACK | --random N [--seed S]) [--json]"),
            keyOptions()
                + QList<QCommandLineOption> { { QStringLiteral("kind"), QStringLiteral("Kind or warning."),
                                                  QStringLiteral("KIND") },
                    { QStringLiteral("random"), QStringLiteral("N random consistent keys."),
                        QStringLiteral("N") },
                    { QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                        QStringLiteral("S") } },
            {}, always, inject },
        { QStringLiteral("revert"), QStringLiteral("revert AUDIT_ID | --batch ID [--json]"),
            { { QStringLiteral("batch"), QStringLiteral("Undo a whole batch."), QStringLiteral("ID") } },
            QStringLiteral("audit_id"), always, revert },
    };
}

} // namespace cc::cli
