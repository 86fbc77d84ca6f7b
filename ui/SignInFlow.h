#pragma once

#include <QObject>
#include <QSet>

#include <optional>

class QWidget;

namespace cc::ui {

class ConsoleContext;

// Signs the operator in when a production database asks (issue 5): first with the password the
// desktop's keyring keeps for this operator and database, else by asking (SignInDialog). Declining
// goes on as the system, which may only look. After a sign-in succeeds, the password is kept in
// the keyring or removed from it, as the person chose.
class SignInFlow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInFlow)

public:
    SignInFlow(ConsoleContext* context, QWidget* window);

    // Asks for an email and password (File → Sign in…, or after a failed attempt with `message`).
    void ask(const QString& message = {});

private:
    void onSignInRequired(const QString& message);
    // Asks with `message`, saying so when the password the keyring kept was refused.
    void askAgain(const QString& message);
    // Reads whether the keyring keeps a password (answering later), then shows the dialog.
    void askNow(const QString& message);
    void onInfoChanged();

    struct Pending {
        QString email;
        QString password;
        bool remember = false;
        bool fromKeyring = false;
    };

    ConsoleContext* m_context;
    QWidget* m_window;
    QSet<QString> m_keyringTried; // accounts whose kept password was tried once this run
    std::optional<Pending> m_pending;
    bool m_asking = false; // a keyring read or the dialog is under way
};

} // namespace cc::ui
