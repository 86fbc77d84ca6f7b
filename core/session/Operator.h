#pragma once

#include "database/Database.h"

namespace cc {

enum class Role { System, Admin, Instructor, Student, Other };

// Who runs an action: a platform user (looked up by email) or the system (no operator).
struct Operator {
    Role role = Role::System;
    qint64 id = 0;
    QString email;
    bool active = true;

    static Operator system() { return {}; }
    bool isSystem() const { return role == Role::System; }
    QString displayName() const { return isSystem() ? QStringLiteral("system") : email; }

    // Looks up an active platform user by email; refuses unknown or inactive users.
    static Result<Operator> lookup(Database& db, const QString& email);
};

// The one spelling of an email the tool looks up, throttles and keeps in the keyring (issue 15):
// exactly as given, as the platform stores and compares users.email (a case-sensitive unique
// column): `Bob@x.test` and `bob@x.test` are two accounts, and failures of one never touch the other.
QString normalisedEmail(const QString& email);

QString roleName(Role role);
Role roleFromText(const QString& text); // case-insensitive: ADMIN = admin

} // namespace cc
