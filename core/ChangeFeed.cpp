#include "ChangeFeed.h"

#include <QSqlDriver>
#include <QSqlError>

namespace cc {

Result<void> ChangeFeed::announce(Database& db)
{
    if (!db.isPostgres())
        return {};
    auto sent = db.exec(QStringLiteral("SELECT pg_notify(?, '')"), { channel });
    if (!sent)
        return sent.error();
    return {};
}

Result<void> ChangeFeed::listen(Database& db, QObject* receiver, std::function<void()> heard)
{
    if (!db.isPostgres())
        return {};
    QSqlDriver* driver = db.connection().driver();
    if (!driver)
        return Error { ErrorCode::Sql, QStringLiteral("no database driver to listen on") };
    if (!driver->subscribedToNotifications().contains(channel) && !driver->subscribeToNotification(channel))
        return Error { ErrorCode::Sql,
            QStringLiteral("cannot listen on %1: %2").arg(channel, driver->lastError().text()) };
    QObject::disconnect(driver, &QSqlDriver::notification, receiver, nullptr);
    QObject::connect(
        driver, &QSqlDriver::notification, receiver,
        [heard](const QString& name, QSqlDriver::NotificationSource, const QVariant&) {
            if (name == channel)
                heard();
        },
        Qt::QueuedConnection);
    return {};
}

Result<qint64> ChangeFeed::dataVersion(Database& db)
{
    if (db.isPostgres())
        return qint64(0);
    auto query = db.exec(QStringLiteral("PRAGMA data_version"));
    if (!query)
        return query.error();
    if (!query->next())
        return Error { ErrorCode::Sql, QStringLiteral("PRAGMA data_version returned no row") };
    return query->value(0).toLongLong();
}

} // namespace cc
