#include "database/WriteTransaction.h"

#include "database/ChangeFeed.h"

namespace cc {

WriteTransaction::~WriteTransaction()
{
    rollback();
}

Result<void> WriteTransaction::begin()
{
    if (m_db.isReadOnly())
        return Error { ErrorCode::ReadOnly,
            QStringLiteral("the database is open read-only; nothing was changed") };
    CC_TRY(m_db.prepareForWrites());
    CC_TRY(m_db.runDirect(m_db.dialect().beginWrite()));
    m_open = true;
    return {};
}

Result<void> WriteTransaction::commit()
{
    if (!m_open)
        return Error { ErrorCode::Sql, QStringLiteral("commit without a transaction") };
    m_open = false;
    // Other instances hear of this write only if it commits (PostgreSQL NOTIFY is transactional).
    Result<void> done = ChangeFeed::announce(m_db);
    if (done)
        done = m_db.runDirect(QStringLiteral("COMMIT"));
    if (!done) {
        m_db.runDirect(QStringLiteral("ROLLBACK")).ok();
        return done.error();
    }
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    (void)m_db.runDirect(QStringLiteral("ROLLBACK"));
}

Result<void> WriteTransaction::savepoint(const QString& name)
{
    return m_db.runDirect(QStringLiteral("SAVEPOINT ") + name);
}

Result<void> WriteTransaction::release(const QString& name)
{
    return m_db.runDirect(QStringLiteral("RELEASE SAVEPOINT ") + name);
}

Result<void> WriteTransaction::rollbackTo(const QString& name)
{
    return m_db.runDirect(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
}

} // namespace cc
