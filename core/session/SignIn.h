#pragma once

#include "session/Session.h"

namespace cc {

// Signs a platform user in with email and password (issue 5): the password is checked against
// users.password_hash with the system's libxcrypt (bcrypt $2b$), never by hand-written crypto.
// Failed attempts are slowed per email (1, 2, 4 … up to 30 s), kept in the tool's tables and
// timed through the session's clock.
class SignIn final {
public:
    // Verifies the password; on success returns the operator (who must be active and may use the tool).
    static Result<Operator> authenticate(Session& session, const QString& email, const QString& password);
    // Seconds this email must still wait before the next attempt (0: none).
    static Result<qint64> waitSeconds(Session& session, const QString& email);
    // True when `hash` is the crypt(3) hash of `password`.
    static bool verifyHash(const QByteArray& password, const QByteArray& hash);
};

} // namespace cc
