#include "SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

SignInDialog::SignInDialog(const SignInRequest& request, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to a production database"));
    setMinimumWidth(460);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("%1 is a production database. Sign in with your platform email and password to change "
           "anything; without signing in you can only look.")
            .arg(request.database.toHtmlEscaped()),
        this);
    intro->setObjectName(QStringLiteral("signInIntro"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* failure = new QLabel(request.message.toHtmlEscaped(), this);
    failure->setObjectName(QStringLiteral("signInMessage"));
    failure->setWordWrap(true);
    failure->setStyleSheet(QStringLiteral("font-weight: bold"));
    failure->setVisible(!request.message.isEmpty());
    layout->addWidget(failure);

    auto* form = new QFormLayout;
    m_email = new QLineEdit(request.email, this);
    m_email->setObjectName(QStringLiteral("signInEmail"));
    m_email->setMaxLength(320);
    form->addRow(tr("&Email:"), m_email);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(4096);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_remember = new QCheckBox(tr("&Keep the password in the system keyring"), this);
    m_remember->setObjectName(QStringLiteral("signInRemember"));
    m_remember->setEnabled(request.keyringAvailable);
    m_remember->setChecked(request.keptInKeyring);
    m_remember->setToolTip(request.keyringAvailable
            ? tr("The desktop's keyring keeps it encrypted; Coupling Console never writes it to a file")
            : tr("No keyring is available on this desktop, so the password is asked each time"));
    layout->addWidget(m_remember);

    auto* buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    QPushButton* lookOnly = buttons->addButton(tr("Only look"), QDialogButtonBox::RejectRole);
    lookOnly->setObjectName(QStringLiteral("signInLookOnly"));
    layout->addWidget(buttons);
    const auto update = [this] {
        m_signIn->setEnabled(!m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty());
    };
    connect(m_email, &QLineEdit::textChanged, this, update);
    connect(m_password, &QLineEdit::textChanged, this, update);
    update();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    (request.email.isEmpty() ? m_email : m_password)->setFocus();
}

SignInAnswer SignInDialog::answer() const
{
    return { m_email->text().trimmed(), m_password->text(),
        m_remember->isEnabled() && m_remember->isChecked() };
}

void SignInDialog::setAnswer(const SignInAnswer& answer)
{
    if (!answer.email.isEmpty())
        m_email->setText(answer.email);
    m_password->setText(answer.password);
    m_remember->setChecked(answer.remember);
}

} // namespace cc::ui
