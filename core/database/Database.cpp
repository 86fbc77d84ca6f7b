#include "database/Database.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

namespace cc {

QString uniqueConnectionName(const QString& prefix)
{
    static QAtomicInteger<quint64> counter;
    return prefix + u'-' + QString::number(++counter);
}

Database::Database(ConnectionProfile profile, QString name)
    : m_profile(std::move(profile))
    , m_dialect(&SqlDialect::of(m_profile))
    , m_name(std::move(name))
{
}

Database::~Database()
{
    m_reused.clear(); // prepared statements go before their connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<Database>> Database::open(
    const ConnectionProfile& profile, OpenMode mode, const QString& connectionName)
{
    const QString name
        = connectionName.isEmpty() ? uniqueConnectionName(QStringLiteral("cc")) : connectionName;
    const SqlDialect& dialect = SqlDialect::of(profile);
    CC_TRY(dialect.checkTarget(profile, mode == OpenMode::MustExist));
    std::unique_ptr<Database> database(new Database(profile, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), name);
    if (!db.isValid())
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("the Qt SQL driver for %1 is not installed").arg(dialect.engineName()) };
    dialect.setConnectOptions(db, profile);
    if (!db.open())
        return dialect.cannotOpen(profile, db.lastError().text().trimmed());
    CC_TRY(dialect.configure(*database, database->m_state));
    return database;
}

Result<void> Database::prepareForWrites()
{
    return m_dialect->prepareForWrites(*this, m_state);
}

QString Database::tool(const char* name) const
{
    return m_dialect->toolTable(QString::fromLatin1(name));
}

Error Database::sqlError(const QSqlError& error, const QString& context) const
{
    return m_dialect->classify(*this, m_state, error, context);
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& binds, bool forwardOnly)
{
    QSqlQuery query(connection());
    query.setForwardOnly(forwardOnly);
    if (!query.prepare(sql))
        return sqlError(query.lastError(), QString());
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (m_observer && !sql.startsWith(u"SELECT") && !sql.startsWith(u"WITH"))
        m_observer(sql, binds);
    if (!query.exec())
        return sqlError(query.lastError(), QString());
    return query;
}

Result<QSqlQuery*> Database::execReused(const QString& sql, const QVariantList& binds)
{
    constexpr size_t reusedLimit = 64;
    auto found = m_reused.find(sql);
    if (found == m_reused.end()) {
        if (m_reused.size() >= reusedLimit)
            m_reused.clear();
        auto query = std::make_unique<QSqlQuery>(connection());
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return sqlError(query->lastError(), QString());
        found = m_reused.emplace(sql, std::move(query)).first;
    }
    QSqlQuery& query = *found->second;
    query.finish();
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds.at(i));
    if (m_observer && !sql.startsWith(u"SELECT") && !sql.startsWith(u"WITH"))
        m_observer(sql, binds);
    if (!query.exec())
        return sqlError(query.lastError(), QString());
    return &query;
}

Result<QStringList> Database::column(const QString& sql, const QVariantList& binds)
{
    auto query = execReused(sql, binds);
    if (!query)
        return query.error();
    QStringList values;
    while ((*query)->next())
        values.append((*query)->value(0).toString());
    (*query)->finish();
    return values;
}

Result<QStringList> Database::lookupColumn(const QString& sql)
{
    if (m_keepLookups) {
        if (auto found = m_lookups.find(sql); found != m_lookups.end())
            return found->second;
    }
    auto values = column(sql);
    if (values && m_keepLookups)
        m_lookups.emplace(sql, *values);
    return values;
}

void Database::keepLookups(bool keep)
{
    m_keepLookups = keep;
    if (!keep)
        m_lookups.clear();
}

Result<void> Database::run(const QString& sql, const QVariantList& binds)
{
    auto query = exec(sql, binds);
    if (!query)
        return query.error();
    return {};
}

Result<QVariant> Database::scalar(const QString& sql, const QVariantList& binds)
{
    auto query = exec(sql, binds);
    if (!query)
        return query.error();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

Result<void> Database::runDirect(const QString& sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql))
        return sqlError(query.lastError(), QString());
    return {};
}

std::function<void()> Database::interrupter() const
{
    return m_dialect->interrupter(*this, m_state);
}

} // namespace cc
