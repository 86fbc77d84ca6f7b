#include "check/GroupedKeyScan.h"

#include <QSqlError>

namespace cc {

namespace {

std::optional<qint64> optionalInt(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

std::optional<QString> optionalText(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toString();
}

} // namespace

void GroupedKeyScan::read(const QSqlQuery& query, KeyAggregate& key)
{
    key.userId = query.value(0).toLongLong();
    key.track = query.value(1).toString();
    key.progressRows = query.value(2).toInt();
    key.licenseRows = query.value(3).toInt();
    key.progressNullLevels = query.value(4).toInt();
    key.progressMin = optionalInt(query.value(5));
    key.progressMax = optionalInt(query.value(6));
    key.licenseNullLevels = query.value(7).toInt();
    key.licenseMin = optionalInt(query.value(8));
    key.licenseMax = optionalInt(query.value(9));
    key.counters = { query.value(10).toLongLong(), query.value(11).toLongLong(), query.value(12).toLongLong(),
        query.value(13).toLongLong() };
    key.maxAchieved = optionalInt(query.value(14));
    key.progressSpelling = optionalText(query.value(15));
    key.licenseSpelling = optionalText(query.value(16));
    key.staffUser = query.value(17).toInt() == 1;
}

Result<void> GroupedKeyScan::run(Database& db, const QString& sql, const QVariantList& binds, KeyTally& tally,
    const std::function<Result<void>()>& checkpoint)
{
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return db.sqlError(query.lastError(), QStringLiteral("the check's statement"));
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec())
        return db.sqlError(query.lastError(), QStringLiteral("the check's statement"));
    KeyAggregate key;
    while (query.next()) {
        read(query, key);
        tally.add(key, key.hasDuplicateRows() ? KeptLevels::oneLevelPerSide(key) : std::nullopt);
        if ((tally.keys() & 4095) == 0)
            CC_TRY(checkpoint());
    }
    if (query.lastError().isValid())
        return db.sqlError(query.lastError(), QStringLiteral("the check's statement"));
    return checkpoint();
}

} // namespace cc
