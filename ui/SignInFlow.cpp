#include "SignInFlow.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "session/PasswordKeyring.h"

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
    // One sign-in at a time: a request arriving while the keyring or the dialog is asked is
    // answered by the sign-in under way, not by a second dialog.
    if (m_asking)
        return;
    m_asking = true;
    const SessionOptions& options = m_context->options();
    const QString account = PasswordKeyring::account(options.operatorEmail, options.profile);
    if (!options.password.isEmpty() || options.operatorEmail.isEmpty() || m_keyringTried.contains(account)) {
        askAgain(message);
        return;
    }
    m_keyringTried.insert(account);
    PasswordKeyring::read(account, this,
        [this, email = options.operatorEmail, message](const Result<std::optional<QString>>& kept) {
            if (!kept || !kept->has_value()) {
                askAgain(message);
                return;
            }
            m_pending = Pending { email, **kept, true, true };
            m_context->signIn(email, **kept);
            m_asking = false;
        });
}

void SignInFlow::askAgain(const QString& message)
{
    const bool keptWasRefused = m_pending && m_pending->fromKeyring;
    askNow(keptWasRefused ? tr("The password kept in the keyring was refused: %1").arg(message) : message);
}

void SignInFlow::ask(const QString& message)
{
    if (m_asking)
        return;
    m_asking = true;
    askNow(message);
}

void SignInFlow::askNow(const QString& message)
{
    const SessionOptions& options = m_context->options();
    m_pending.reset();
    // Reading the keyring tells whether there is one, and whether this password was kept before.
    PasswordKeyring::read(PasswordKeyring::account(options.operatorEmail, options.profile), this,
        [this, message](const Result<std::optional<QString>>& kept) {
            SignInRequest request;
            request.email = m_context->options().operatorEmail;
            request.database = m_context->info().connection;
            request.message = message;
            request.keyringAvailable = kept.ok();
            request.keptInKeyring = kept && kept->has_value();
            const auto answer = Prompt::askSignIn(m_window, request);
            if (answer) {
                m_pending = Pending { answer->email, answer->password, answer->remember, false };
                m_context->signIn(answer->email, answer->password);
            } else {
                m_context->signIn(QString(), QString());
            }
            m_asking = false;
        });
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
        // Nothing kept, or no keyring: nothing to remove.
        PasswordKeyring::forget(account, this, [](const Result<void>&) {});
        return;
    }
    PasswordKeyring::store(account, pending.password, this, [this](const Result<void>& stored) {
        if (!stored)
            Prompt::error(m_window, tr("Keyring"),
                tr("Signed in, but the password could not be kept in the keyring: %1")
                    .arg(stored.error().message));
    });
}

} // namespace cc::ui
