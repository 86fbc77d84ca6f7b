#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cc::ui {

// What the sign-in dialog asks about: whose sign-in, where, and why it is asked again.
struct SignInRequest {
    QString email;
    QString database;
    QString message; // why the last attempt failed; empty on the first ask
    bool keyringAvailable = false;
    bool keptInKeyring = false; // the keyring holds a password for this operator and database
};

struct SignInAnswer {
    QString email;
    QString password;
    bool remember = false; // keep the password in the desktop's keyring
};

// Signs an operator in to a production database with their platform email and password.
// Rejecting it continues as the system, which may only look (docs/BEHAVIOUR.md C7).
class SignInDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(const SignInRequest& request, QWidget* parent = nullptr);

    SignInAnswer answer() const;
    void setAnswer(const SignInAnswer& answer);

private:
    QLineEdit* m_email = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QPushButton* m_signIn = nullptr;
};

} // namespace cc::ui
