#pragma once

#include <QString>

namespace cc {

// One coupled key: a user and a canonical track. Ordered as the check orders keys: user, then
// track by bytes (UTF-8).
struct KeyRef {
    qint64 userId = 0;
    QString track; // canonical

    friend bool operator<(const KeyRef& a, const KeyRef& b)
    {
        if (a.userId != b.userId)
            return a.userId < b.userId;
        return a.track.toUtf8() < b.track.toUtf8();
    }
    friend bool operator==(const KeyRef& a, const KeyRef& b) = default;
};

} // namespace cc
