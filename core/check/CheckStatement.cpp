#include "check/HealthCheck.h"

#include "check/GroupedKeyScan.h"
#include "rows/PlatformTables.h"

#include <QSqlError>

// The check's single grouped statement (check --print-sql, the scan without the cc_ indexes, and
// HealthCheck::scan for the injector's candidates).
namespace cc {

namespace {

QString trackExpression(const QString& column, const LevelCatalogue& catalogue, QVariantList* binds)
{
    QString trimmed = QStringLiteral("rtrim(%1, ' ')").arg(column);
    if (catalogue.aliases().isEmpty())
        return trimmed;
    QString expression = QStringLiteral("CASE ") + trimmed;
    for (auto it = catalogue.aliases().cbegin(); it != catalogue.aliases().cend(); ++it) {
        expression += QStringLiteral(" WHEN ? THEN ?");
        binds->append(it.key());
        binds->append(it.value());
    }
    return expression + QStringLiteral(" ELSE ") + trimmed + QStringLiteral(" END");
}

QString literal(const QVariant& value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QString)
        return u'\'' + value.toString().replace(u'\'', QStringLiteral("''")) + u'\'';
    return value.toString();
}

} // namespace

QString HealthCheck::statement(const Database& db, const LevelCatalogue& catalogue, QVariantList* binds,
    std::optional<std::pair<qint64, qint64>> userRange)
{
    // One grouped pass over UNION ALL of both tables (a FULL OUTER JOIN of two grouped sides is
    // planned as a nested loop by SQLite 3.40). side 0 = progress, 1 = license. With userRange the
    // statement takes [from, to) bounds on the user id for each side (check --parallel).
    QVariantList progressBinds;
    QVariantList licenseBinds;
    const QString progressTrack = trackExpression(column::specializationId, catalogue, &progressBinds);
    const QString licenseTrack = trackExpression(column::specializationType, catalogue, &licenseBinds);
    *binds += progressBinds;
    if (userRange)
        *binds << userRange->first << userRange->second;
    *binds += licenseBinds;
    if (userRange)
        *binds << userRange->first << userRange->second;
    const QString progressRange
        = userRange ? QStringLiteral(" WHERE p.student_id >= ? AND p.student_id < ?") : QString();
    const QString licenseRange
        = userRange ? QStringLiteral(" WHERE l.user_id >= ? AND l.user_id < ?") : QString();
    const SqlDialect& dialect = db.dialect();
    const QString order = dialect.byteOrdered(QStringLiteral("k.track"));
    // Each side's stored id as it is (pad spaces are removed in C++): MIN of the raw column costs
    // less than of an expression. By bytes on both dialects (SQLite's BINARY, PostgreSQL's "C").
    auto spelling = [&dialect](const char* column) {
        return dialect.byteOrdered(dialect.asText(QLatin1String(column)));
    };
    return QStringLiteral(
        "SELECT k.user_id, k.track, "
        "SUM(1 - k.side) AS progress_rows, "
        "SUM(k.side) AS license_rows, "
        "SUM(CASE WHEN k.side = 0 AND k.lvl IS NULL THEN 1 ELSE 0 END) AS progress_null, "
        "MIN(CASE WHEN k.side = 0 THEN k.lvl END) AS progress_min, "
        "MAX(CASE WHEN k.side = 0 THEN k.lvl END) AS progress_max, "
        "SUM(CASE WHEN k.side = 1 AND k.lvl IS NULL THEN 1 ELSE 0 END) AS license_null, "
        "MIN(CASE WHEN k.side = 1 THEN k.lvl END) AS license_min, "
        "MAX(CASE WHEN k.side = 1 THEN k.lvl END) AS license_max, "
        "SUM(COALESCE(k.xp, 0)) AS xp, SUM(COALESCE(k.sessions, 0)) AS sessions, "
        "SUM(COALESCE(k.theory, 0)) AS theory, SUM(COALESCE(k.practice, 0)) AS practice, "
        "SUM(k.max_achieved) AS max_achieved, "
        // Each side's stored id (C3 spelling_mismatch, judged on keys with one row a side).
        "MIN(CASE WHEN k.side = 0 THEN k.spelling END) AS progress_spelling, "
        "MIN(CASE WHEN k.side = 1 THEN k.spelling END) AS license_spelling, "
        // C2 staff credentials: the user is looked up for license-only keys alone.
        "CASE WHEN SUM(1 - k.side) = 0 THEN (SELECT CASE WHEN upper(CAST(u.role AS TEXT)) <> 'STUDENT' THEN "
        "1 ELSE 0 END "
        "FROM users u WHERE u.id = k.user_id) ELSE 0 END AS staff_user "
        "FROM ("
        "SELECT p.student_id AS user_id, %1 AS track, 0 AS side, p.current_level AS lvl, p.total_xp AS xp, "
        "p.completed_sessions AS sessions, p.theory_hours_completed AS theory, "
        "p.practice_hours_completed AS practice, NULL AS max_achieved, "
        "%6 AS spelling FROM specialization_progress p%4 "
        "UNION ALL "
        "SELECT l.user_id, %2, 1, l.current_level, NULL, NULL, NULL, NULL, l.max_achieved_level, "
        "%7 FROM user_licenses l%5"
        ") k GROUP BY k.user_id, k.track ORDER BY k.user_id, %3")
        .arg(progressTrack, licenseTrack, order, progressRange, licenseRange, spelling("p.specialization_id"),
            spelling("l.specialization_type"));
}

QString HealthCheck::printableStatement(const Database& db, const LevelCatalogue& catalogue)
{
    QVariantList binds;
    QString sql = statement(db, catalogue, &binds);
    QString out;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (c == u'?' && next < binds.size())
            out += literal(binds.at(next++));
        else
            out += c;
    }
    return out;
}

Result<void> HealthCheck::scan(Session& session, const std::function<void(const KeyAggregate&)>& visit)
{
    Database& db = session.db();
    CC_TRY(session.platform());
    QVariantList binds;
    const QString sql = statement(db, session.catalogue(), &binds);
    CC_TRY(db.runDirect(db.dialect().beginSnapshotRead()));
    auto query = db.exec(sql, binds);
    if (!query) {
        (void)db.runDirect(QStringLiteral("ROLLBACK"));
        return query.error();
    }
    KeyAggregate key;
    while (query->next()) {
        GroupedKeyScan::read(*query, key);
        visit(key);
    }
    const QSqlError error = query->lastError();
    query->finish();
    (void)db.runDirect(QStringLiteral("COMMIT"));
    if (error.isValid())
        return db.sqlError(error, QStringLiteral("the key scan"));
    return {};
}

} // namespace cc
