#pragma once

#include "session/Permissions.h"

#include <optional>

namespace cc {

// Why the permission table (docs/BEHAVIOUR.md C7) refuses an action, as data: the command line words
// it with its options (denialText), a window in its own terms and language (ui/Wording).
enum class DenialReason {
    InactiveOperator, // the operator's account is not active
    RoleMayNotUse, // students and other roles may not use the tool at all
    NeedsNamedOperator, // the system (no operator) may only look on production: sign in
    InstructorMayNot, // an instructor may do support actions only
    NeverOnProduction, // QA injection is never allowed on production
};

struct PermissionDenial {
    DenialReason reason = DenialReason::NeedsNamedOperator;
    Action action = Action::View;
    QString email; // the operator's, empty for the system
    Role role = Role::System;
};

// The permission table itself: nothing when `op` may do `action` on `environment`.
std::optional<PermissionDenial> permissionDenial(Action action, const Operator& op, Environment environment);
// The command line's English sentence, naming its options (--operator EMAIL).
QString denialText(const PermissionDenial& denial);

} // namespace cc
