#include "ConsoleContext.h"

#include "Prompt.h"
#include "Wording.h"

#include <QPointer>
#include <QWidget>

namespace cc::ui {

ConsoleContext::ConsoleContext(const SessionOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_jobs(options)
{
    m_info.connection = ConsoleInfo::connectionLabel(options.profile);
    m_info.embedded = options.profile.embedded;
    m_info.readOnly = options.profile.readOnly;
}

void ConsoleContext::reconnect(const ConnectionProfile& profile)
{
    m_options.profile = profile;
    restart();
}

void ConsoleContext::signIn(const QString& email, const QString& password)
{
    m_options.operatorEmail = email;
    m_options.password = password;
    restart();
}

void ConsoleContext::restart()
{
    m_jobs.restart(m_options);
    m_info = ConsoleInfo();
    m_info.connection = ConsoleInfo::connectionLabel(m_options.profile);
    m_info.embedded = m_options.profile.embedded;
    m_info.readOnly = m_options.profile.readOnly;
    emit connectionReplaced();
    emit infoChanged();
    emit databaseChanged();
    reloadInfo();
}

void ConsoleContext::reloadInfo()
{
    m_jobs.submit<ConsoleInfo>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) {
            if (auto reloaded = session.reload(); !reloaded)
                return Result<ConsoleInfo>(reloaded.error());
            return ConsoleInfo::read(session);
        },
        this,
        [this](const Result<ConsoleInfo>& read) {
            if (!read) {
                const Error& error = read.error();
                // A refusal after a password was given is a failed sign-in (wrong password, too many tries).
                const bool signInFailed = error.code == ErrorCode::SignInRequired
                    || (error.code == ErrorCode::Refused && !m_options.password.isEmpty() && !m_info.loaded);
                if (signInFailed) // the first ask needs no reason; a failed attempt says why it failed
                    emit signInRequired(error.code == ErrorCode::SignInRequired ? QString() : error.message);
                else
                    emit infoFailed(Wording::error(error));
                return;
            }
            m_info = *read;
            emit infoChanged();
        });
}

void ConsoleContext::beforeWrite(Action action, QWidget* parent, std::function<void()> proceed)
{
    QPointer<QWidget> guard(parent);
    m_jobs.submit<ConsoleInfo>(
        JobRunner::Lane::Action,
        [](Session& session, CancelToken&, const ProgressFn&) {
            if (auto refreshed = session.refresh(); !refreshed)
                return Result<ConsoleInfo>(refreshed.error());
            return ConsoleInfo::read(session);
        },
        this,
        [this, action, guard, proceed = std::move(proceed)](const Result<ConsoleInfo>& read) {
            if (!read) {
                const Error& error = read.error();
                if (error.code == ErrorCode::SignInRequired
                    || (error.code == ErrorCode::Refused && !m_options.password.isEmpty()))
                    emit signInRequired(error.code == ErrorCode::SignInRequired ? QString() : error.message);
                else
                    Prompt::error(guard, Wording::errorTitle(error.code), Wording::error(error));
                return;
            }
            const ConsoleInfo& fresh = *read;
            const bool changed = !m_info.loaded || fresh.environment != m_info.environment
                || fresh.readOnly != m_info.readOnly || fresh.op.email != m_info.op.email
                || fresh.op.role != m_info.op.role || fresh.op.active != m_info.op.active;
            m_info = fresh;
            if (changed)
                emit infoChanged();
            const auto allowed = m_info.allows(action);
            if (allowed) {
                if (guard)
                    proceed();
                return;
            }
            const auto denied = m_info.denial(action);
            if (denied && denied->reason == DenialReason::NeedsNamedOperator) {
                emit signInRequired(Wording::denial(*denied));
                return;
            }
            Prompt::error(guard, Wording::errorTitle(allowed.error().code), allowed.error().message);
        });
}

QString ConsoleContext::confirmationFor(qint64 userId) const
{
    return m_info.environment == Environment::Production ? QString::number(userId) : QString();
}

} // namespace cc::ui
