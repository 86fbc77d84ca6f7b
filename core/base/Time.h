#pragma once

#include <QDateTime>
#include <QString>

namespace cc {

// The tool's own tables store ISO-8601 UTC text ending in Z; platform timestamps are written as
// UTC "yyyy-MM-dd HH:mm:ss.zzz", which both PostgreSQL and SQLite read back unchanged.
inline QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

inline QString platformTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

inline QDateTime parseIsoUtc(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time;
}

} // namespace cc
