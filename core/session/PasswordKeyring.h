#pragma once

#include "base/Result.h"
#include "database/ConnectionProfile.h"

#include <functional>
#include <optional>

class QObject;

namespace cc {

// The operator's platform password in the desktop's keyring (the Secret Service, through QtKeychain),
// so that no file of ours ever holds it. One entry per operator and database, under the service
// "coupling-console". A call answers within 10 s; the GUI uses the forms that answer later (no
// nested event loop on its thread), the command line the waiting forms (a local event loop). Both
// need a QCoreApplication and run in the thread that owns `context` (the waiting forms: the caller's).
class PasswordKeyring final {
public:
    // The entry's name: "EMAIL on DATABASE", DATABASE as ConnectionProfile::stableName() gives it.
    static QString account(const QString& email, const ConnectionProfile& profile);
    // The stored password, or nothing when no entry exists. An error when no keyring can be reached.
    static Result<std::optional<QString>> read(const QString& account);
    static Result<void> store(const QString& account, const QString& password);
    // Removes the entry; removing one that does not exist is not an error.
    static Result<void> forget(const QString& account);

    // The same, answering later: `done` runs once in `context`'s thread with what the waiting form
    // returns, and never once `context` is gone.
    static void read(
        const QString& account, QObject* context, std::function<void(Result<std::optional<QString>>)> done);
    static void store(const QString& account, const QString& password, QObject* context,
        std::function<void(Result<void>)> done);
    static void forget(const QString& account, QObject* context, std::function<void(Result<void>)> done);
};

} // namespace cc
