#include "check/UserView.h"

#include "database/StoredBoolean.h"
#include "rows/PlatformTables.h"
#include "rows/RowReader.h"
#include "rows/RowValues.h"

#include <QHash>

namespace cc {

namespace {

UserSummary readUser(const QSqlQuery& query)
{
    UserSummary user;
    user.id = query.value(0).toLongLong();
    user.name = query.value(1).toString();
    user.email = query.value(2).toString();
    user.role = query.value(3).toString(); // as stored: SPORT_DIRECTOR is not "other" (C8)
    user.active = isStoredTrue(query.value(4)); // C7: NULL is inactive
    return user;
}

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

// One track of the user: its rows classified live, its justified and next level, its level history.
Result<TrackView> trackView(Session& session, const KeyRows& rows, bool staffUser)
{
    const LevelCatalogue& catalogue = session.catalogue();
    TrackView track;
    track.rows = rows;
    KeyAggregate aggregate = rows.aggregate(catalogue);
    aggregate.staffUser = staffUser;
    track.classification = classifyKey(aggregate, catalogue); // a staff credential has no findings
    if (track.classification.violation
        && (track.classification.violation->kind == ViolationKind::DuplicateProgress
            || track.classification.violation->kind == ViolationKind::DuplicateLicense)) {
        // A side's level is the kept row's (C3), as the check reports it.
        const auto [progress, license] = rows.keptLevels();
        track.classification.progressLevel = progress;
        track.classification.licenseLevel = license;
    }
    if (catalogue.isKnown(rows.key.track)) {
        track.justifiedLevel = catalogue.justifiedLevel(rows.key.track, aggregate.counters);
        // A stored level beyond the catalogue (even beyond 32 bits) has no next level.
        const qint64 level
            = rows.progress.isEmpty() ? 0 : rowInt(rows.progress.first(), column::currentLevel).value_or(0);
        const LevelRequirement* next = level < 100
            ? catalogue.requirement(rows.key.track, int(std::max<qint64>(level, 1)) + 1)
            : nullptr;
        if (next)
            track.nextLevel = *next;
    }
    for (const Row& license : rows.licenses) {
        auto history = RowReader::progressionsOf(session, rowId(license), false);
        if (!history)
            return history.error();
        track.progressions += *history;
    }
    return track;
}

} // namespace

Result<UserView> UserView::load(Session& session, qint64 userId)
{
    CC_TRY(session.authorize(Action::View));
    Database& db = session.db();
    auto query = db.exec(
        QStringLiteral("SELECT id, name, email, role, is_active FROM users WHERE id = ?"), { userId });
    if (!query)
        return query.error();
    if (!query->next())
        return notFound(QStringLiteral("there is no user with id %1").arg(userId));
    UserView view;
    view.user = readUser(*query);
    const bool staffUser = isStaffRole(query->value(3)); // the role as stored (C2)
    query->finish();

    auto keys = RowReader::userKeys(session, userId, false);
    if (!keys)
        return keys.error();
    for (const KeyRows& rows : std::as_const(*keys)) {
        auto track = trackView(session, rows, staffUser);
        if (!track)
            return track.error();
        view.tracks.append(*track);
    }
    if (session.toolsInstalled()) {
        AuditFilter filter;
        filter.userId = userId;
        filter.newestFirst = true;
        filter.limit = 500;
        auto history = AuditLog::entries(db, filter);
        if (!history)
            return history.error();
        view.history = *history;
    }
    return view;
}

Result<QList<TrackView>> UserView::keys(Session& session, const QList<KeyRef>& keys)
{
    CC_TRY(session.authorize(Action::View));
    QList<TrackView> tracks;
    QHash<qint64, bool> staff; // user → staff role, read once per user
    for (const KeyRef& key : keys) {
        auto known = staff.constFind(key.userId);
        if (known == staff.cend()) {
            auto role = RowReader::userRole(session, key.userId);
            if (!role)
                return role.error();
            known = staff.insert(key.userId, isStaffRole(*role));
        }
        auto rows = RowReader::key(session, key, false);
        if (!rows)
            return rows.error();
        auto track = trackView(session, *rows, *known);
        if (!track)
            return track.error();
        tracks.append(*track);
    }
    return tracks;
}

Result<QStringList> UserView::trackNames(Session& session, qint64 userId)
{
    CC_TRY(session.authorize(Action::View));
    auto keys = RowReader::userKeys(session, userId, false);
    if (!keys)
        return keys.error();
    QStringList tracks;
    for (const KeyRows& rows : std::as_const(*keys))
        tracks << rows.key.track;
    return tracks;
}

Result<QList<UserSummary>> UserView::search(Session& session, const QString& text, int limit)
{
    CC_TRY(session.authorize(Action::View));
    const QString needle = text.trimmed();
    if (needle.contains(QChar(0)))
        return refused(QStringLiteral("the search text contains a NUL character"));
    if (needle.isEmpty())
        return QList<UserSummary>();
    bool isNumber = false;
    const qint64 id = needle.toLongLong(&isNumber);
    const QString pattern = u'%' + escapeLike(needle.toLower()) + u'%';
    auto query = session.db().exec(
        QStringLiteral("SELECT id, name, email, role, is_active FROM users WHERE id = ? "
                       "OR lower(email) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' "
                       "ORDER BY id LIMIT ?"),
        { isNumber ? id : qint64(-1), pattern, pattern, limit });
    if (!query)
        return query.error();
    QList<UserSummary> users;
    while (query->next())
        users.append(readUser(*query));
    return users;
}

} // namespace cc
