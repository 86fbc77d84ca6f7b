#include "SignInFlow.h"

#include "ConsoleContext.h"
#include "PasswordKeyring.h"
#include "Prompt.h"

#include <QScopedValueRollback>

namespace cc::ui {

SignInFlow::SignInFlow(ConsoleContext* context, QWidget* window)
    : QObject(window)
    , m_context(context)
    , m_window(window)
{
    connect(m_context, &ConsoleContext::signInRequired, this, &SignInFlow::onSignInRequired);
    connect(m_context, &ConsoleContext::infoChanged, this, &SignInFlow::onInfoChanged);
}

void SignInFlow::onSignInRequired(const QString& message)
{
    // Reading the keyring and the dialog both wait in a nested event loop: a second request
    // arriving meanwhile is answered by the sign-in under way, not by a second dialog.
    if (m_asking)
        return;
    const QScopedValueRollback asking(m_asking, true);
    const SessionOptions& options = m_context->options();
    const QString account = PasswordKeyring::account(options.operatorEmail, options.profile);
    if (options.password.isEmpty() && !options.operatorEmail.isEmpty() && !m_keyringTried.contains(account)) {
        m_keyringTried.insert(account);
        if (auto kept = PasswordKeyring::read(account); kept && kept->has_value()) {
            m_pending = Pending { options.operatorEmail, **kept, true, true };
            m_context->signIn(options.operatorEmail, **kept);
            return;
        }
    }
    const bool keptWasRefused = m_pending && m_pending->fromKeyring;
    askNow(keptWasRefused ? tr("The password kept in the keyring was refused: %1").arg(message) : message);
}

void SignInFlow::ask(const QString& message)
{
    if (m_asking)
        return;
    const QScopedValueRollback asking(m_asking, true);
    askNow(message);
}

void SignInFlow::askNow(const QString& message)
{
    const SessionOptions& options = m_context->options();
    m_pending.reset();
    SignInRequest request;
    request.email = options.operatorEmail;
    request.database = m_context->info().connection;
    request.message = message;
    // Reading the keyring tells whether there is one, and whether this password was kept before.
    const auto kept = PasswordKeyring::read(PasswordKeyring::account(options.operatorEmail, options.profile));
    request.keyringAvailable = kept.ok();
    request.keptInKeyring = kept && kept->has_value();
    const auto answer = Prompt::askSignIn(m_window, request);
    if (!answer) {
        m_context->signIn(QString(), QString());
        return;
    }
    m_pending = Pending { answer->email, answer->password, answer->remember, false };
    m_context->signIn(answer->email, answer->password);
}

void SignInFlow::onInfoChanged()
{
    const ConsoleInfo& info = m_context->info();
    if (!m_pending || !info.loaded)
        return;
    const Pending pending = *m_pending;
    m_pending.reset();
    if (pending.fromKeyring || info.op.email.compare(pending.email, Qt::CaseInsensitive) != 0)
        return;
    const QString account = PasswordKeyring::account(pending.email, m_context->options().profile);
    if (!pending.remember) {
        (void)PasswordKeyring::forget(account); // nothing kept, or no keyring: nothing to remove
        return;
    }
    if (auto stored = PasswordKeyring::store(account, pending.password); !stored)
        Prompt::error(m_window, tr("Keyring"),
            tr("Signed in, but the password could not be kept in the keyring: %1")
                .arg(stored.error().message));
}

} // namespace cc::ui
