#include "database/ChangeFeed.h"

#include <QSqlDriver>
#include <QSqlError>

namespace cc {

Result<void> ChangeFeed::announce(Database& db)
{
    return db.dialect().announceChange(db, channel);
}

Result<void> ChangeFeed::listen(Database& db, QObject* receiver, std::function<void()> heard)
{
    if (!db.dialect().notifiesChanges())
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
        [heard = std::move(heard)](const QString& name, QSqlDriver::NotificationSource, const QVariant&) {
            if (name == channel)
                heard();
        },
        Qt::QueuedConnection);
    return {};
}

bool ChangeFeed::isPushed(const ConnectionProfile& profile)
{
    return SqlDialect::of(profile).notifiesChanges();
}

Result<qint64> ChangeFeed::dataVersion(Database& db)
{
    return db.dialect().dataVersion(db);
}

} // namespace cc
