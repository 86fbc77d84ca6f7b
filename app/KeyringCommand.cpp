#include "Commands.h"

#include "session/PasswordKeyring.h"

namespace cc::cli {

namespace {

// keyring --operator EMAIL [--forget]: checks the operator's password (CC_PASSWORD_FILE or typed)
// and keeps it in the desktop's keyring for this database, so that later commands sign in without
// asking; --forget removes it. Nothing is written to the database but the sign-in's own bookkeeping.
int keyring(CliContext& context)
{
    auto email = context.required("operator");
    if (!email)
        return context.fail(email.error());
    auto connection = context.profile();
    if (!connection)
        return context.fail(connection.error());
    const QString account = PasswordKeyring::account(*email, *connection);
    const auto report = [&context, &account](bool stored) {
        if (context.json())
            context.printJson(
                QJsonObject { { QStringLiteral("account"), account }, { QStringLiteral("stored"), stored } });
        else if (stored)
            context.out(QStringLiteral("the keyring now holds the password for %1").arg(account));
        else
            context.out(QStringLiteral("the keyring holds no password for %1").arg(account));
        return 0;
    };
    if (context.isSet("forget")) {
        if (auto forgotten = PasswordKeyring::forget(account); !forgotten)
            return context.fail(forgotten.error());
        return report(false);
    }
    auto password = context.typedPassword();
    if (!password)
        return context.fail(password.error());
    if (auto signedIn = context.openSignedIn(*password); !signedIn)
        return context.fail(signedIn.error());
    if (auto stored = PasswordKeyring::store(account, *password); !stored)
        return context.fail(stored.error());
    return report(true);
}

} // namespace

CommandSpec keyringCommand()
{
    return { QStringLiteral("keyring"), QStringLiteral("keyring --operator EMAIL [--forget] [--json]"),
        { { QStringLiteral("forget"), QStringLiteral("Remove the stored password instead of storing it.") } },
        {}, [](const CliContext&) { return false; }, keyring };
}

} // namespace cc::cli
