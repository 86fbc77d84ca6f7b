#include "schema/PlatformSchema.h"

#include "database/WriteTransaction.h"

#include <QSqlRecord>

namespace cc {

namespace {

struct Expected {
    const char* name;
    TypeFamily family;
};

const QHash<QString, QList<Expected>>& expectedColumns()
{
    using F = TypeFamily;
    static const QHash<QString, QList<Expected>> expected {
        { QStringLiteral("users"),
            { { "id", F::Integer }, { "name", F::Text }, { "email", F::Text }, { "password_hash", F::Text },
                { "role", F::Text }, { "is_active", F::Boolean } } },
        { QStringLiteral("specializations"),
            { { "id", F::Text }, { "is_active", F::Boolean }, { "created_at", F::Timestamp } } },
        { QStringLiteral("specialization_progress"),
            { { "id", F::Integer }, { "student_id", F::Integer }, { "specialization_id", F::Text },
                { "current_level", F::Integer }, { "total_xp", F::Integer },
                { "completed_sessions", F::Integer }, { "completed_projects", F::Integer },
                { "theory_hours_completed", F::Integer }, { "practice_hours_completed", F::Integer },
                { "last_activity", F::Timestamp }, { "created_at", F::Timestamp },
                { "updated_at", F::Timestamp } } },
        { QStringLiteral("user_licenses"),
            { { "id", F::Integer }, { "user_id", F::Integer }, { "specialization_type", F::Text },
                { "current_level", F::Integer }, { "max_achieved_level", F::Integer },
                { "started_at", F::Timestamp }, { "last_advanced_at", F::Timestamp },
                { "instructor_notes", F::Text }, { "payment_verified", F::Boolean },
                { "onboarding_completed", F::Boolean }, { "is_active", F::Boolean },
                { "renewal_cost", F::Integer }, { "credit_balance", F::Integer },
                { "credit_purchased", F::Integer }, { "created_at", F::Timestamp },
                { "updated_at", F::Timestamp } } },
        { QStringLiteral("license_progressions"),
            { { "id", F::Integer }, { "user_license_id", F::Integer }, { "from_level", F::Integer },
                { "to_level", F::Integer }, { "advanced_by", F::Integer }, { "advancement_reason", F::Text },
                { "requirements_met", F::Text }, { "advanced_at", F::Timestamp } } },
        { QStringLiteral("user_achievements"),
            { { "id", F::Integer }, { "user_id", F::Integer }, { "badge_type", F::Text },
                { "title", F::Text }, { "description", F::Text }, { "icon", F::Text },
                { "earned_at", F::Timestamp }, { "specialization_id", F::Text } } },
    };
    return expected;
}

// `schema` empty: where the connection's search_path finds the table, as an unqualified name in
// the tool's statements resolves (issue 15: not only the first schema of the path).
Result<QList<ColumnInfo>> readColumns(Database& db, const QString& table, const QString& schema = {})
{
    return db.dialect().columns(db, table, schema);
}

} // namespace

QString typeFamilyName(TypeFamily family)
{
    switch (family) {
    case TypeFamily::Integer:
        return QStringLiteral("integer");
    case TypeFamily::Text:
        return QStringLiteral("text");
    case TypeFamily::Boolean:
        return QStringLiteral("boolean");
    case TypeFamily::Timestamp:
        return QStringLiteral("timestamp");
    case TypeFamily::Float:
        return QStringLiteral("floating point");
    case TypeFamily::Json:
        return QStringLiteral("json");
    case TypeFamily::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

const QStringList& PlatformSchema::tableNames()
{
    static const QStringList names { QStringLiteral("users"), QStringLiteral("specializations"),
        QStringLiteral("specialization_progress"), QStringLiteral("user_licenses"),
        QStringLiteral("license_progressions"), QStringLiteral("user_achievements") };
    return names;
}

Result<PlatformSchema> PlatformSchema::inspect(Database& db)
{
    PlatformSchema schema;
    schema.m_dialect = &db.dialect();
    for (const QString& table : tableNames()) {
        auto columns = readColumns(db, table);
        if (!columns)
            return columns.error();
        if (columns->isEmpty())
            return Error { ErrorCode::SchemaMismatch,
                QStringLiteral("the platform table %1 is missing").arg(table) };
        QSet<QString> known;
        for (const Expected& expected : expectedColumns().value(table)) {
            const QString name = QString::fromLatin1(expected.name);
            known.insert(name);
            auto found = std::find_if(
                columns->cbegin(), columns->cend(), [&](const ColumnInfo& c) { return c.name == name; });
            if (found == columns->cend())
                return Error { ErrorCode::SchemaMismatch,
                    QStringLiteral("the platform table %1 has no column %2").arg(table, name) };
            if (found->family != expected.family)
                return Error { ErrorCode::SchemaMismatch,
                    QStringLiteral("column %1.%2 is of type %3, expected the %4 family")
                        .arg(table, name, found->declaredType, typeFamilyName(expected.family)) };
        }
        for (const ColumnInfo& column : std::as_const(*columns)) {
            if (!known.contains(column.name) && column.notNull && !column.hasDefault && !column.primaryKey) {
                schema.m_insertBlocker.insert(table, column.name);
                break;
            }
        }
        schema.m_columns.insert(table, *columns);
    }
    return schema;
}

Result<bool> PlatformSchema::isEmpty(Database& db)
{
    for (const QString& table : tableNames()) {
        auto columns = readColumns(db, table);
        if (!columns)
            return columns.error();
        if (!columns->isEmpty())
            return false;
    }
    return true;
}

const QList<ColumnInfo>& PlatformSchema::columns(const QString& table) const
{
    static const QList<ColumnInfo> none;
    auto it = m_columns.constFind(table);
    return it == m_columns.cend() ? none : *it;
}

TypeFamily PlatformSchema::familyOf(const QString& table, const QString& column) const
{
    for (const ColumnInfo& info : columns(table)) {
        if (info.name == column)
            return info.family;
    }
    return TypeFamily::Other;
}

QString PlatformSchema::selectList(const QString& table, const QString& alias, const QStringList& only) const
{
    QStringList parts;
    const QString prefix = alias.isEmpty() ? QString() : alias + u'.';
    for (const ColumnInfo& column : columns(table)) {
        if (!only.isEmpty() && !only.contains(column.name))
            continue;
        const QString quoted = u'"' + QString(column.name).replace(u'"', QStringLiteral("\"\"")) + u'"';
        parts.append(m_dialect->readable(prefix + quoted, quoted, column.family));
    }
    return parts.join(QStringLiteral(", "));
}

namespace {

// "name", "\"name\"" or "\"schema\".\"name\"" → (schema or empty, name).
std::pair<QString, QString> splitSqlName(const QString& sqlName)
{
    if (!sqlName.startsWith(u'"'))
        return { QString(), sqlName };
    QStringList parts;
    QString current;
    bool inQuotes = false;
    for (qsizetype i = 0; i < sqlName.size(); ++i) {
        const QChar c = sqlName.at(i);
        if (c == u'"') {
            if (inQuotes && i + 1 < sqlName.size() && sqlName.at(i + 1) == u'"') {
                current += c;
                ++i;
            } else {
                inQuotes = !inQuotes;
            }
        } else if (c == u'.' && !inQuotes) {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current);
    return parts.size() == 2 ? std::pair { parts.at(0), parts.at(1) }
                             : std::pair { QString(), parts.first() };
}

} // namespace

Result<void> PlatformSchema::addReferencingTables(Database& db, const QStringList& tables)
{
    for (const QString& table : tables) {
        if (m_columns.contains(table))
            continue;
        const auto [schema, name] = splitSqlName(table);
        auto columns = readColumns(db, name, schema);
        if (!columns)
            return columns.error();
        const bool hasId = std::any_of(columns->cbegin(), columns->cend(), [](const ColumnInfo& column) {
            return column.name == u"id" && column.primaryKey && column.family == TypeFamily::Integer;
        });
        m_columns.insert(table, *columns);
        if (!hasId)
            m_withoutRowIds.insert(table);
    }
    return {};
}

bool PlatformSchema::hasRowIds(const QString& table) const
{
    return m_columns.contains(table) && !m_withoutRowIds.contains(table);
}

QString PlatformSchema::insertBlocker(const QString& table) const
{
    return m_insertBlocker.value(table);
}

} // namespace cc
