#include "session/PasswordKeyring.h"

#include "session/Operator.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

namespace cc {

namespace {

const QString service = QStringLiteral("coupling-console");
constexpr int keyringTimeoutMs = 10000;

Result<void> outcome(const QKeychain::Job& job)
{
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

Result<std::optional<QString>> readOutcome(const QKeychain::Job& job)
{
    CC_TRY(outcome(job));
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString>();
    return std::optional<QString>(static_cast<const QKeychain::ReadPasswordJob&>(job).textData());
}

// Starts `job` and hands `done` what `makeResult` makes of it, or the timeout's error: once, later,
// in `context`'s thread, and never once `context` is gone. The job deletes itself when it ends, and
// only then: the keyring's own callbacks still use it after a timeout or after `context` is gone.
template <typename T>
void run(QKeychain::Job* job, QObject* context, T (*makeResult)(const QKeychain::Job&),
    std::function<void(T)> done)
{
    struct State {
        bool answered = false;
        std::function<void(T)> done;
    };
    auto state = std::make_shared<State>(State { false, std::move(done) });
    auto answer = [state](T result) {
        if (!std::exchange(state->answered, true))
            state->done(std::move(result));
    };
    job->setAutoDelete(true);
    QObject::connect(
        job, &QKeychain::Job::finished, context, [answer, makeResult, job] { answer(makeResult(*job)); });
    QTimer::singleShot(keyringTimeoutMs, context, [answer] {
        answer(T(Error { ErrorCode::CannotOpen,
            QStringLiteral("the keyring did not answer within %1 s").arg(keyringTimeoutMs / 1000) }));
    });
    job->start();
}

// The waiting form of a call that answers later: a local event loop until it does.
template <typename T> T wait(const std::function<void(QObject*, std::function<void(T)>)>& start)
{
    QEventLoop loop;
    std::optional<T> result;
    start(&loop, [&](T answer) {
        result = std::move(answer);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

} // namespace

QString PasswordKeyring::account(const QString& email, const ConnectionProfile& profile)
{
    return QStringLiteral("%1 on %2").arg(normalisedEmail(email), profile.stableName());
}

void PasswordKeyring::read(
    const QString& account, QObject* context, std::function<void(Result<std::optional<QString>>)> done)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setKey(account);
    run(job, context, &readOutcome, std::move(done));
}

void PasswordKeyring::store(
    const QString& account, const QString& password, QObject* context, std::function<void(Result<void>)> done)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setKey(account);
    job->setTextData(password);
    run(job, context, &outcome, std::move(done));
}

void PasswordKeyring::forget(const QString& account, QObject* context, std::function<void(Result<void>)> done)
{
    auto* job = new QKeychain::DeletePasswordJob(service);
    job->setKey(account);
    run(job, context, &outcome, std::move(done));
}

Result<std::optional<QString>> PasswordKeyring::read(const QString& account)
{
    return wait<Result<std::optional<QString>>>(
        [&](QObject* context, auto done) { read(account, context, std::move(done)); });
}

Result<void> PasswordKeyring::store(const QString& account, const QString& password)
{
    return wait<Result<void>>(
        [&](QObject* context, auto done) { store(account, password, context, std::move(done)); });
}

Result<void> PasswordKeyring::forget(const QString& account)
{
    return wait<Result<void>>(
        [&](QObject* context, auto done) { forget(account, context, std::move(done)); });
}

} // namespace cc
