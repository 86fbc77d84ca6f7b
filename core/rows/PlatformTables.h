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

// Their columns the tool reads and writes by name (docs/PLATFORM.md §1): progress rows name their
// user and track student_id and specialization_id, licenses and achievements user_id and
// specialization_type.
namespace column {
inline const QString id = QStringLiteral("id");
inline const QString studentId = QStringLiteral("student_id");
inline const QString userId = QStringLiteral("user_id");
inline const QString specializationId = QStringLiteral("specialization_id");
inline const QString specializationType = QStringLiteral("specialization_type");
inline const QString currentLevel = QStringLiteral("current_level");
inline const QString maxAchievedLevel = QStringLiteral("max_achieved_level");
inline const QString totalXp = QStringLiteral("total_xp");
inline const QString completedSessions = QStringLiteral("completed_sessions");
inline const QString isActive = QStringLiteral("is_active");
inline const QString createdAt = QStringLiteral("created_at");
inline const QString updatedAt = QStringLiteral("updated_at");
inline const QString lastActivity = QStringLiteral("last_activity");
inline const QString completedProjects = QStringLiteral("completed_projects");
inline const QString theoryHoursCompleted = QStringLiteral("theory_hours_completed");
inline const QString practiceHoursCompleted = QStringLiteral("practice_hours_completed");
inline const QString startedAt = QStringLiteral("started_at");
inline const QString lastAdvancedAt = QStringLiteral("last_advanced_at");
} // namespace column

} // namespace cc
