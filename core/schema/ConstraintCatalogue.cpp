#include "schema/ConstraintCatalogue.h"

#include <QRegularExpression>

namespace cc {

namespace {

QString quotedIdentifier(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

} // namespace

QString sqlTableName(const QString& schema, const QString& name, bool visible)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (visible && plain.match(name).hasMatch())
        return name;
    return visible ? quotedIdentifier(name) : quotedIdentifier(schema) + u'.' + quotedIdentifier(name);
}

QString deleteActionName(DeleteAction action)
{
    switch (action) {
    case DeleteAction::NoAction:
        return QStringLiteral("NO ACTION");
    case DeleteAction::Restrict:
        return QStringLiteral("RESTRICT");
    case DeleteAction::Cascade:
        return QStringLiteral("CASCADE");
    case DeleteAction::SetNull:
        return QStringLiteral("SET NULL");
    case DeleteAction::SetDefault:
        return QStringLiteral("SET DEFAULT");
    }
    return QStringLiteral("NO ACTION");
}

Result<ConstraintCatalogue> ConstraintCatalogue::read(Database& db)
{
    ConstraintCatalogue catalogue;
    CC_TRY(db.dialect().readConstraints(db, catalogue.m_referencing, catalogue.m_unique));
    return catalogue;
}

QStringList ConstraintCatalogue::referencingTables() const
{
    QStringList tables;
    for (const QString& coupled :
        { QStringLiteral("specialization_progress"), QStringLiteral("user_licenses") }) {
        for (const ForeignKey& key : m_referencing.value(coupled)) {
            if (!tables.contains(key.table))
                tables.append(key.table);
        }
    }
    return tables;
}

} // namespace cc
