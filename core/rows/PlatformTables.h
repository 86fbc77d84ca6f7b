#pragma once

#include <QString>

namespace cc {

// The platform's coupled tables and the tables the tool writes beside them.
namespace table {
inline const QString progress = QStringLiteral("specialization_progress");
inline const QString licenses = QStringLiteral("user_licenses");
inline const QString progressions = QStringLiteral("license_progressions");
inline const QString achievements = QStringLiteral("user_achievements");
} // namespace table

} // namespace cc
