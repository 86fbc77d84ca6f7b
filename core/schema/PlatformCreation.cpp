#include "schema/PlatformSchema.h"

// A database without the platform's tables: refusing one that holds other tables, and creating the
// platform's tables (init and demo, docs/BEHAVIOUR.md C1).
namespace cc {

namespace {

// At most `limit` names, each at most 40 characters, and how many there were.
QString boundedList(const QStringList& names, qint64 total, int limit)
{
    QStringList shown;
    for (const QString& name : names.mid(0, limit))
        shown << (name.size() > 40 ? name.left(40) + QStringLiteral("…") : name);
    QString text = shown.join(QStringLiteral(", "));
    if (total > shown.size())
        text += QStringLiteral(" and %1 more").arg(total - shown.size());
    return text;
}

} // namespace

Result<void> PlatformSchema::refuseForeign(Database& db)
{
    const int limit = 10;
    // Platform tables in a schema the search_path does not reach: init would create others.
    auto elsewhere = db.dialect().platformSchemasOffPath(db);
    if (!elsewhere)
        return elsewhere.error();
    if (!elsewhere->isEmpty())
        return refused(QStringLiteral(
            "the platform tables are in schema %1, which this connection's search_path does not reach; "
            "add it to the search_path of this login or database (ALTER ROLE … SET search_path); nothing "
            "was changed")
                           .arg(boundedList(*elsewhere, elsewhere->size(), limit)));
    auto found = db.dialect().otherTables(db);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return {};
    return refused(QStringLiteral(
        "this database is not the platform's: it holds %1 other table%2 (%3) and none of the platform's "
        "(users, specialization_progress, user_licenses …); init and demo create the platform's tables only "
        "in an empty database (nothing was changed)")
                       .arg(found->size())
                       .arg(found->size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(boundedList(*found, found->size(), limit)));
}

Result<void> PlatformSchema::create(Database& db)
{
    const SqlDialect& dialect = db.dialect();
    const QString id = dialect.serialPrimaryKey(false);
    const QString yes = dialect.trueLiteral();
    const QStringList statements {
        QStringLiteral(
            "CREATE TABLE users (id %1, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, "
            "password_hash TEXT NOT NULL, role VARCHAR(20) NOT NULL, is_active BOOLEAN DEFAULT %2)")
            .arg(id, yes),
        QStringLiteral("CREATE TABLE specializations (id VARCHAR(50) PRIMARY KEY, is_active BOOLEAN NOT NULL "
                       "DEFAULT %1, "
                       "created_at TIMESTAMP)")
            .arg(yes),
        QStringLiteral(
            "CREATE TABLE specialization_progress (id %1, student_id INTEGER NOT NULL REFERENCES users(id), "
            "specialization_id VARCHAR(50) NOT NULL REFERENCES specializations(id), current_level INTEGER "
            "DEFAULT 1, "
            "total_xp INTEGER DEFAULT 0, completed_sessions INTEGER DEFAULT 0, completed_projects INTEGER "
            "DEFAULT 0, "
            "theory_hours_completed INTEGER NOT NULL DEFAULT 0, practice_hours_completed INTEGER NOT NULL "
            "DEFAULT 0, "
            "last_activity TIMESTAMP, created_at TIMESTAMP, updated_at TIMESTAMP)")
            .arg(id),
        QStringLiteral(
            "CREATE TABLE user_licenses (id %1, user_id INTEGER NOT NULL REFERENCES users(id), "
            "specialization_type VARCHAR(20) NOT NULL, current_level INTEGER NOT NULL DEFAULT 1, "
            "max_achieved_level INTEGER NOT NULL DEFAULT 1, started_at TIMESTAMP NOT NULL, last_advanced_at "
            "TIMESTAMP, "
            "instructor_notes TEXT, payment_verified BOOLEAN NOT NULL, onboarding_completed BOOLEAN NOT "
            "NULL, "
            "is_active BOOLEAN NOT NULL, renewal_cost INTEGER NOT NULL, credit_balance INTEGER NOT NULL, "
            "credit_purchased INTEGER NOT NULL, created_at TIMESTAMP, updated_at TIMESTAMP)")
            .arg(id),
        QStringLiteral("CREATE TABLE license_progressions (id %1, user_license_id INTEGER NOT NULL "
                       "REFERENCES user_licenses(id), "
                       "from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, advanced_by INTEGER "
                       "REFERENCES users(id), "
                       "advancement_reason TEXT, requirements_met TEXT, advanced_at TIMESTAMP)")
            .arg(id),
        QStringLiteral("CREATE TABLE user_achievements (id %1, user_id INTEGER REFERENCES users(id), "
                       "badge_type TEXT NOT NULL, "
                       "title TEXT NOT NULL, description TEXT, icon TEXT, earned_at TIMESTAMP, "
                       "specialization_id VARCHAR(50))")
            .arg(id),
    };
    for (const QString& statement : statements)
        CC_TRY(db.runDirect(statement));
    const QString now = dialect.currentTimestamp();
    for (const char* spec :
        { "PLAYER", "COACH", "INTERNSHIP", "GANCUJU_PLAYER", "LFA_COACH", "LFA_FOOTBALL_PLAYER" })
        CC_TRY(db.run(QStringLiteral("INSERT INTO specializations (id, is_active, created_at) VALUES (?, ?, ")
                + now + u')',
            { QString::fromLatin1(spec), true }));
    return {};
}

} // namespace cc
