#include "session/Operator.h"

#include "database/StoredBoolean.h"

namespace cc {

QString normalisedEmail(const QString& email)
{
    return email;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Instructor:
        return QStringLiteral("instructor");
    case Role::Student:
        return QStringLiteral("student");
    case Role::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

Role roleFromText(const QString& text)
{
    const QString role = text.trimmed().toLower();
    if (role == u"admin")
        return Role::Admin;
    if (role == u"instructor")
        return Role::Instructor;
    if (role == u"student")
        return Role::Student;
    return Role::Other;
}

Result<Operator> Operator::lookup(Database& db, const QString& email)
{
    auto query = db.exec(
        QStringLiteral("SELECT id, role, is_active FROM users WHERE email = ?"), { normalisedEmail(email) });
    if (!query)
        return query.error();
    if (!query->next())
        return refused(QStringLiteral("the operator %1 is not a user of the platform").arg(email));
    Operator op;
    op.id = query->value(0).toLongLong();
    op.role = roleFromText(query->value(1).toString());
    op.active = isStoredTrue(query->value(2)); // C7: NULL is inactive
    op.email = email;
    if (!op.active)
        return refused(QStringLiteral("the operator %1 is not an active user").arg(email));
    return op;
}

} // namespace cc
