#include "write/Operations.h"

#include "audit/AuditVocabulary.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"
#include "write/Achievements.h"
#include "write/ChangeBuilder.h"

#include <QRegularExpression>

namespace cc {

namespace {

Result<void> guardSingleRows(const KeyRows& rows)
{
    if (rows.progress.size() > 1)
        return refused(QStringLiteral("user %1, %2 has %3 progress rows: repair first")
                           .arg(rows.key.userId)
                           .arg(rows.key.track)
                           .arg(rows.progress.size()));
    if (rows.licenses.size() > 1)
        return refused(QStringLiteral("user %1, %2 has %3 license rows: repair first")
                           .arg(rows.key.userId)
                           .arg(rows.key.track)
                           .arg(rows.licenses.size()));
    return {};
}

Result<void> guardLevels(Session& session, const KeyRows& rows)
{
    const int max = session.catalogue().maxLevel(rows.key.track);
    auto check = [&](const QList<Row>& list, const char* side) -> Result<void> {
        for (const Row& row : list) {
            const auto level = rowInt(row, column::currentLevel);
            if (!level || *level < 1 || *level > max)
                return refused(
                    QStringLiteral("the %1 level of user %2, %3 is %4, outside 1..%5: repair first")
                        .arg(QLatin1String(side))
                        .arg(rows.key.userId)
                        .arg(rows.key.track)
                        .arg(level ? QString::number(*level) : QStringLiteral("NULL"))
                        .arg(max));
        }
        return {};
    };
    CC_TRY(check(rows.progress, "progress"));
    return check(rows.licenses, "license");
}

Result<qint64> addWithin(qint64 total, qint64 delta, const char* name)
{
    constexpr qint64 platformMax = 2147483647;
    qint64 result = 0;
    // Checked before the arithmetic: a stored total near 2^63 is out of range, never wrapped.
    if (total > platformMax)
        return refused(
            QStringLiteral("%1 is out of range: the stored value %2 is above %3; nothing was changed")
                .arg(QLatin1String(name))
                .arg(total)
                .arg(platformMax));
    if (__builtin_add_overflow(total, delta, &result) || result > platformMax)
        return refused(QStringLiteral("%1 would exceed %2 (out of range: %3 %4)")
                           .arg(QLatin1String(name))
                           .arg(platformMax)
                           .arg(total)
                           .arg(delta < 0 ? QStringLiteral("- %1").arg(QString::number(delta).mid(1))
                                          : QStringLiteral("+ %1").arg(delta)));
    if (result < 0)
        return refused(QStringLiteral("%1 would become negative (%2 %3)")
                           .arg(QLatin1String(name))
                           .arg(total)
                           .arg(delta < 0 ? QStringLiteral("- %1").arg(QString::number(delta).mid(1))
                                          : QStringLiteral("+ %1").arg(delta)));
    return result;
}

// Applies counter deltas to a progress row; returns the counters after.
Result<Counters> applyDelta(ChangeBuilder& builder, Row& progress, const ProgressDelta& delta)
{
    struct Field {
        const char* column;
        qint64 delta;
    };
    const Field fields[] = { { "total_xp", delta.xp }, { "completed_sessions", delta.sessions },
        { "completed_projects", delta.projects }, { "theory_hours_completed", delta.theoryHours },
        { "practice_hours_completed", delta.practiceHours } };
    for (const Field& field : fields) {
        const QString column = QString::fromLatin1(field.column);
        auto value = addWithin(rowInt(progress, column).value_or(0), field.delta, field.column);
        if (!value)
            return value.error();
        if (field.delta != 0 || progress.value(column).isNull())
            progress.insert(column, *value);
    }
    progress.insert(column::lastActivity, builder.now());
    progress.insert(column::updatedAt, builder.now());
    return Counters { rowInt(progress, column::totalXp).value_or(0),
        rowInt(progress, column::completedSessions).value_or(0),
        rowInt(progress, column::theoryHoursCompleted).value_or(0),
        rowInt(progress, column::practiceHoursCompleted).value_or(0) };
}

} // namespace

Result<void> Operations::checkDelta(const ProgressDelta& delta)
{
    // Compared without std::abs, which is undefined for the most negative 64-bit value.
    auto beyond = [](qint64 value, qint64 limit) { return value > limit || value < -limit; };
    if (beyond(delta.xp, 1000000))
        return refused(
            QStringLiteral("an XP change of %1 is above the limit of 1000000 per update").arg(delta.xp));
    if (beyond(delta.sessions, 1000))
        return refused(QStringLiteral("a sessions change of %1 is above the limit of 1000 per update")
                           .arg(delta.sessions));
    if (beyond(delta.projects, 1000))
        return refused(QStringLiteral("a projects change of %1 is above the limit of 1000 per update")
                           .arg(delta.projects));
    if (beyond(delta.theoryHours, 10000) || beyond(delta.practiceHours, 10000))
        return refused(QStringLiteral("an hours change above the limit of 10000 per update"));
    return {};
}

Result<qint64> Operations::resolveUser(Session& session, const QString& idOrEmail)
{
    if (idOrEmail.contains(QChar(0)))
        return refused(QStringLiteral("the user contains a NUL character"));
    bool isNumber = false;
    const qint64 id = idOrEmail.toLongLong(&isNumber);
    if (isNumber) {
        auto exists = RowReader::userExists(session, id);
        if (!exists)
            return exists.error();
        if (!*exists)
            return notFound(QStringLiteral("there is no user with id %1").arg(id));
        return id;
    }
    auto found = session.db().scalar(QStringLiteral("SELECT id FROM users WHERE email = ?"), { idOrEmail });
    if (!found)
        return found.error();
    static const QRegularExpression digits(QStringLiteral("^-?[0-9]+$"));
    if (found->isNull() && digits.match(idOrEmail).hasMatch())
        return notFound(QStringLiteral("there is no user with id %1 (user ids fit 64 bits)").arg(idOrEmail));
    if (found->isNull())
        return notFound(QStringLiteral("there is no user with the email \"%1\"").arg(idOrEmail));
    return found->toLongLong();
}

Result<QString> Operations::resolveTrack(Session& session, const QString& text)
{
    const QString track = session.catalogue().canonical(text);
    if (!session.catalogue().isKnown(track))
        return notFound(QStringLiteral("unknown specialization \"%1\" (known: %2, and the legacy ids %3)")
                            .arg(text, session.catalogue().tracks().join(QStringLiteral(", ")),
                                session.catalogue().aliases().keys().join(QStringLiteral(", "))));
    return track;
}

Result<ProgressUpdate> Operations::updateProgress(
    Session& session, const KeyRef& key, const ProgressDelta& delta)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::UpdateProgress));
    CC_TRY(checkDelta(delta));
    ProgressUpdate update;
    auto planner = [&](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        CC_TRY(guardSingleRows(rows));
        CC_TRY(guardLevels(s, rows));
        if (rows.progress.isEmpty() && !rows.licenses.isEmpty())
            return refused(
                QStringLiteral("user %1 has a %2 license but no progress row: use sync license-to-progress")
                    .arg(key.userId)
                    .arg(key.track));
        ChangeBuilder builder(s, rows, auditActionName(AuditAction::UpdateProgress), QString());
        Row* progress = nullptr;
        if (builder.progress().isEmpty()) {
            auto created = builder.createProgress(1);
            if (!created)
                return created.error();
            progress = *created;
        } else {
            progress = &builder.progress().first();
        }
        auto counters = applyDelta(builder, *progress, delta);
        if (!counters)
            return counters.error();
        update.oldLevel = int(rowInt(*progress, column::currentLevel).value_or(1));
        update.newLevel = s.catalogue().levelAfterUpdate(key.track, update.oldLevel, *counters);
        builder.setProgressLevel(*progress, update.newLevel);
        if (builder.licenses().isEmpty()) {
            auto created = builder.createLicense(update.newLevel, progress);
            if (!created)
                return created.error();
        } else if (rowInt(builder.licenses().first(), column::currentLevel).value_or(0) < update.newLevel) {
            builder.setLicenseLevel(builder.licenses().first(), update.newLevel);
        }
        update.licenseLevel = int(rowInt(builder.licenses().first(), column::currentLevel).value_or(0));
        update.totalXp = counters->xp;
        update.completedSessions = counters->sessions;
        auto earned = Achievements::award(builder, *progress, update.newLevel);
        if (!earned)
            return earned.error();
        update.achievementsEarned = *earned;
        return builder.take();
    };
    auto outcome = CouplingWriter::run(session, { key }, planner);
    if (!outcome)
        return outcome.error();
    update.outcome = *outcome;
    return update;
}

Result<WriteOutcome> Operations::advance(
    Session& session, const KeyRef& key, int toLevel, const QString& reason)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::Advance));
    auto planner = [&](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        CC_TRY(guardSingleRows(rows));
        if (rows.licenses.isEmpty())
            return refused(
                QStringLiteral("user %1 has no %2 license to advance: use sync progress-to-license")
                    .arg(key.userId)
                    .arg(key.track));
        CC_TRY(guardLevels(s, rows));
        const int current = int(rowInt(rows.licenses.first(), column::currentLevel).value_or(1));
        const int max = s.catalogue().maxLevel(key.track);
        if (toLevel <= current)
            return refused(
                QStringLiteral("advance only goes up: the license is at level %1, so --to must be %2")
                    .arg(current)
                    .arg(current + 1));
        if (toLevel != current + 1)
            return refused(QStringLiteral(
                "advance goes one level at a time: the license is at level %1, so --to must be %2")
                               .arg(current)
                               .arg(current + 1));
        if (toLevel > max)
            return refused(QStringLiteral("level %1 is above the maximum level %2 of %3")
                               .arg(toLevel)
                               .arg(max)
                               .arg(key.track));
        ChangeBuilder builder(s, rows, auditActionName(AuditAction::Advance), reason);
        builder.setLicenseLevel(builder.licenses().first(), toLevel);
        if (builder.progress().isEmpty()) {
            auto created = builder.createProgress(toLevel);
            if (!created)
                return created.error();
        } else if (rowInt(builder.progress().first(), column::currentLevel).value_or(0) < toLevel) {
            builder.setProgressLevel(builder.progress().first(), toLevel);
        }
        return builder.take();
    };
    return CouplingWriter::run(session, { key }, planner);
}

KeyPlanner Operations::syncPlanner(SyncDirection direction)
{
    return [direction](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        CC_TRY(guardSingleRows(rows));
        CC_TRY(guardLevels(s, rows));
        const bool hasProgress = !rows.progress.isEmpty();
        const bool hasLicense = !rows.licenses.isEmpty();
        if (!hasProgress && !hasLicense)
            return notFound(
                QStringLiteral("user %1 has no %2 rows to sync").arg(rows.key.userId).arg(rows.key.track));
        SyncDirection effective = direction;
        if (direction == SyncDirection::TowardHigher) {
            const qint64 p
                = hasProgress ? rowInt(rows.progress.first(), column::currentLevel).value_or(0) : 0;
            const qint64 l = hasLicense ? rowInt(rows.licenses.first(), column::currentLevel).value_or(0) : 0;
            effective = p >= l ? SyncDirection::ProgressToLicense : SyncDirection::LicenseToProgress;
        }
        if (effective == SyncDirection::ProgressToLicense && !hasProgress)
            return refused(QStringLiteral("user %1 has no %2 progress row to sync from")
                               .arg(rows.key.userId)
                               .arg(rows.key.track));
        if (effective == SyncDirection::LicenseToProgress && !hasLicense)
            return refused(QStringLiteral("user %1 has no %2 license to sync from")
                               .arg(rows.key.userId)
                               .arg(rows.key.track));
        ChangeBuilder builder(s, rows,
            effective == SyncDirection::ProgressToLicense
                ? auditActionName(AuditAction::SyncProgressToLicense)
                : auditActionName(AuditAction::SyncLicenseToProgress),
            QString());
        if (effective == SyncDirection::ProgressToLicense) {
            const int level = int(rowInt(builder.progress().first(), column::currentLevel).value_or(1));
            if (builder.licenses().isEmpty()) {
                auto created = builder.createLicense(level, &builder.progress().first());
                if (!created)
                    return created.error();
            } else {
                builder.setLicenseLevel(builder.licenses().first(), level);
            }
        } else {
            const int level = int(rowInt(builder.licenses().first(), column::currentLevel).value_or(1));
            if (builder.progress().isEmpty()) {
                auto created = builder.createProgress(level);
                if (!created)
                    return created.error();
            } else {
                builder.setProgressLevel(builder.progress().first(), level);
            }
        }
        // A sync repairs one pair: it leaves both sides with the key's one spelling (C5).
        CC_TRY(builder.unifySpelling());
        return builder.take();
    };
}

Result<Plan> Operations::previewSync(Session& session, const KeyRef& key, SyncDirection direction)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::View));
    return CouplingWriter::preview(session, { key }, syncPlanner(direction));
}

Result<WriteOutcome> Operations::sync(Session& session, const KeyRef& key, SyncDirection direction)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::SyncOne));
    return CouplingWriter::run(session, { key }, syncPlanner(direction));
}

KeyPlanner Operations::setLevelPlanner(int level, const QString& reason, const ProgressDelta& delta)
{
    return [level, reason, delta](Session& s, const KeyRows& rows) -> Result<KeyChange> {
        CC_TRY(guardSingleRows(rows));
        const int max = s.catalogue().maxLevel(rows.key.track);
        if (level < 1 || level > max)
            return refused(
                QStringLiteral("level %1 is outside 1..%2 for %3").arg(level).arg(max).arg(rows.key.track));
        ChangeBuilder builder(s, rows, auditActionName(AuditAction::SetLevel), reason);
        Row* progress = nullptr;
        if (builder.progress().isEmpty()) {
            auto created = builder.createProgress(level);
            if (!created)
                return created.error();
            progress = *created;
        } else {
            progress = &builder.progress().first();
        }
        auto counters = applyDelta(builder, *progress, delta);
        if (!counters)
            return counters.error();
        builder.setProgressLevel(*progress, level);
        if (builder.licenses().isEmpty()) {
            auto created = builder.createLicense(level, progress);
            if (!created)
                return created.error();
        } else {
            builder.setLicenseLevel(builder.licenses().first(), level);
        }
        return builder.take();
    };
}

Result<WriteOutcome> Operations::setLevel(
    Session& session, const KeyRef& key, int level, const QString& reason, const ProgressDelta& delta)
{
    CC_TRY(session.requireTools());
    CC_TRY(session.authorize(Action::SetLevel));
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("set-level needs a reason (--reason TEXT)"));
    CC_TRY(checkDelta(delta));
    return CouplingWriter::run(session, { key }, setLevelPlanner(level, reason, delta));
}

} // namespace cc
