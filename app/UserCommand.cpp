#include "Commands.h"
#include "rows/PlatformTables.h"
#include "session/Session.h"

#include "check/UserView.h"
#include "rules/Severity.h"
#include "schema/RowJson.h"
#include "write/Operations.h"

#include <QJsonArray>

namespace cc::cli {

namespace {

QJsonValue rowJson(const PlatformSchema& schema, const QString& tableName, const Row* kept)
{
    return kept ? QJsonValue(rowForDisplay(schema, tableName, rowToJson(*kept)))
                : QJsonValue(QJsonValue::Null);
}

QJsonArray findingsJson(const KeyClassification& classification)
{
    QJsonArray findings;
    if (classification.violation)
        findings.append(QJsonObject { { QStringLiteral("kind"), classification.violation->name() },
            { QStringLiteral("severity"), severityText(false) },
            { QStringLiteral("reason"), classification.violation->reasonText() },
            { QStringLiteral("recommended_action"), classification.violation->actionName() } });
    for (const Finding& warning : classification.warnings)
        findings.append(QJsonObject { { QStringLiteral("kind"), warning.name() },
            { QStringLiteral("severity"), severityText(true) },
            { QStringLiteral("reason"), warning.reasonText() },
            { QStringLiteral("recommended_action"), warning.actionName() } });
    return findings;
}

QJsonObject trackJson(const PlatformSchema& schema, const TrackView& track)
{
    return QJsonObject { { QStringLiteral("specialization"), track.rows.key.track },
        { QStringLiteral("progress"), rowJson(schema, table::progress, track.rows.keptProgress()) },
        { QStringLiteral("license"), rowJson(schema, table::licenses, track.rows.keptLicense()) },
        { QStringLiteral("progress_rows"), track.rows.progress.size() },
        { QStringLiteral("license_rows"), track.rows.licenses.size() },
        { QStringLiteral("justified_level"),
            track.justifiedLevel ? QJsonValue(track.justifiedLevel) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("next_level"),
            track.nextLevel ? QJsonValue(levelJson(*track.nextLevel)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("staff_credential"), track.classification.staffCredential },
        { QStringLiteral("violations"), findingsJson(track.classification) } };
}

void printUserJson(CliContext& context, const UserView& view, const PlatformSchema& schema)
{
    QJsonArray tracks;
    for (const TrackView& track : view.tracks)
        tracks.append(trackJson(schema, track));
    context.printJson(QJsonObject {
        { QStringLiteral("user"),
            QJsonObject { { QStringLiteral("id"), view.user.id }, { QStringLiteral("name"), view.user.name },
                { QStringLiteral("email"), view.user.email }, { QStringLiteral("role"), view.user.role },
                { QStringLiteral("is_active"), view.user.active } } },
        { QStringLiteral("tracks"), tracks } });
}

void printTrack(CliContext& context, const UserView& view, const TrackView& track)
{
    const Row* progress = track.rows.keptProgress();
    const Row* license = track.rows.keptLicense();
    context.out(
        QStringLiteral("  %1: progress level %2 (%3 XP, %4 sessions), license level %5, justified %6")
            .arg(track.rows.key.track,
                progress ? progress->value(QStringLiteral("current_level")).toString() : QStringLiteral("-"),
                progress ? progress->value(QStringLiteral("total_xp")).toString() : QStringLiteral("-"),
                progress ? progress->value(QStringLiteral("completed_sessions")).toString()
                         : QStringLiteral("-"),
                license ? license->value(QStringLiteral("current_level")).toString() : QStringLiteral("-"))
            .arg(track.justifiedLevel));
    if (track.classification.staffCredential)
        context.out(
            QStringLiteral("    staff credential (role %1): a teaching license, not a pair; never repaired")
                .arg(view.user.role));
    if (track.classification.violation)
        context.out(
            QStringLiteral("    %1: %2")
                .arg(track.classification.violation->name(), track.classification.violation->reasonText()));
    for (const Finding& warning : track.classification.warnings)
        context.out(QStringLiteral("    warning %1: %2").arg(warning.name(), warning.reasonText()));
}

int user(CliContext& context)
{
    if (context.positional().isEmpty())
        return context.usage(QStringLiteral("user needs an id or an email"));
    auto opened = openInitialised(context);
    if (!opened)
        return context.fail(opened.error());
    Session& session = **opened;
    warnWithoutKeyIndexes(context, session);
    auto id = Operations::resolveUser(session, context.positional().first());
    if (!id)
        return context.fail(id.error());
    auto view = UserView::load(session, *id);
    if (!view)
        return context.fail(view.error());
    if (context.json()) {
        printUserJson(context, *view, **session.platform());
        return 0;
    }
    context.out(QStringLiteral("user %1: %2 <%3>, %4%5")
                    .arg(view->user.id)
                    .arg(view->user.name, view->user.email, view->user.role,
                        view->user.active ? QString() : QStringLiteral(", inactive")));
    for (const TrackView& track : std::as_const(view->tracks))
        printTrack(context, *view, track);
    return 0;
}

} // namespace

// user ID|EMAIL: one user's tracks read live, with what the check would find in each (C8).
CommandSpec userCommand()
{
    return { QStringLiteral("user"), QStringLiteral("user ID|EMAIL [--json]"), {}, QStringLiteral("user"),
        [](const CliContext&) { return false; }, user };
}

} // namespace cc::cli
