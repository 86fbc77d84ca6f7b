#pragma once

#include "GuiTestSupport.h"

#include "administration/Administration.h"
#include "dialogs/SignInDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <crypt.h>

#include <functional>

namespace cc::test {

// A bcrypt ($2b$) hash of `password`, made by the system's libxcrypt as the platform's would be.
inline QString bcryptHash(const QByteArray& password)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE] = {};
    if (!crypt_gensalt_rn("$2b$", 4, nullptr, 0, salt, sizeof salt))
        return {};
    crypt_data data {};
    const char* hash = crypt_r(password.constData(), salt, &data);
    return hash && hash[0] != '*' ? QString::fromLatin1(hash) : QString();
}

// A demo database of `users` students whose environment is production.
inline bool makeProduction(TestDatabase& db, qint64 users = 20)
{
    if (!db.initialise(users))
        return false;
    auto admin = db.open(QStringLiteral("admin@demo.local"));
    return admin && Administration::setEnvironment(*admin, Environment::Production).ok();
}

// The real main window as `operatorEmail` with no password: what `coupling-console --operator EMAIL` opens.
inline std::unique_ptr<ui::MainWindow> openWithoutPassword(TestDatabase& db, const QString& operatorEmail)
{
    SessionOptions options;
    options.profile = db.profile();
    options.operatorEmail = operatorEmail;
    options.source = QStringLiteral("gui");
    auto window = std::make_unique<ui::MainWindow>(options);
    window->resize(1280, 800);
    window->show();
    return window;
}

// Waits for the real sign-in dialog and acts on it as a person would (actOnModal).
inline bool actOnSignInDialog(const std::function<void(ui::SignInDialog&)>& act, int timeoutMs = 15000)
{
    return actOnModal<ui::SignInDialog>(act, {}, timeoutMs);
}

// Fills the dialog in and presses Sign in.
inline void signInWith(ui::SignInDialog& dialog, const QString& password, bool remember = false)
{
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("signInPassword"));
    QTest::keyClicks(field, password);
    auto* keep = dialog.findChild<QCheckBox*>(QStringLiteral("signInRemember"));
    if (keep->isEnabled())
        keep->setChecked(remember);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("signInButton")), Qt::LeftButton);
}

inline QString signInMessage(ui::SignInDialog& dialog)
{
    auto* label = dialog.findChild<QLabel*>(QStringLiteral("signInMessage"));
    return label->isVisibleTo(&dialog) ? label->text() : QString();
}

} // namespace cc::test
