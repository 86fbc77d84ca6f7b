#pragma once

#include "ConnectionProfile.h"
#include "Result.h"

#include <optional>

namespace cc {

// The operator's platform password in the desktop's keyring (the Secret Service, through QtKeychain),
// so that no file of ours ever holds it. One entry per operator and database, under the service
// "coupling-console". Each call waits for the keyring in a local event loop (at most a few seconds):
// it needs a QCoreApplication and runs in the thread that owns it.
class PasswordKeyring final {
public:
    // The entry's name: "EMAIL on DATABASE", DATABASE as ConnectionProfile::describe() gives it.
    static QString account(const QString& email, const ConnectionProfile& profile);
    // The stored password, or nothing when no entry exists. An error when no keyring can be reached.
    static Result<std::optional<QString>> read(const QString& account);
    static Result<void> store(const QString& account, const QString& password);
    // Removes the entry; removing one that does not exist is not an error.
    static Result<void> forget(const QString& account);
};

} // namespace cc
