#include "PasswordKeyring.h"

#include "Operator.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace cc {

namespace {

const QString service = QStringLiteral("coupling-console");
constexpr int keyringTimeoutMs = 10000;

// Starts the job and waits for it; the job stays owned by the caller.
Result<void> finish(QKeychain::Job& job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&]() {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(keyringTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished)
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("the keyring did not answer within %1 s").arg(keyringTimeoutMs / 1000) };
    switch (job.error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error { ErrorCode::Refused,
            QStringLiteral("the keyring refused access: %1").arg(job.errorString()) };
    default:
        return Error { ErrorCode::CannotOpen,
            QStringLiteral("no keyring is available: %1").arg(job.errorString()) };
    }
}

} // namespace

QString PasswordKeyring::account(const QString& email, const ConnectionProfile& profile)
{
    const QString database = profile.isPostgres()
        ? profile.describe()
        : QStringLiteral("sqlite:") + QFileInfo(profile.sqlitePath).absoluteFilePath();
    return QStringLiteral("%1 on %2").arg(normalisedEmail(email), database);
}

Result<std::optional<QString>> PasswordKeyring::read(const QString& account)
{
    QKeychain::ReadPasswordJob job(service);
    job.setKey(account);
    CC_TRY(finish(job));
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString>();
    return std::optional<QString>(job.textData());
}

Result<void> PasswordKeyring::store(const QString& account, const QString& password)
{
    QKeychain::WritePasswordJob job(service);
    job.setKey(account);
    job.setTextData(password);
    return finish(job);
}

Result<void> PasswordKeyring::forget(const QString& account)
{
    QKeychain::DeletePasswordJob job(service);
    job.setKey(account);
    return finish(job);
}

} // namespace cc
