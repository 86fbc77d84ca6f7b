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
    m_jobs.submit(JobRunner::Lane::Read,
        JobRunner::job<ConsoleInfo>([](Session& session, CancelToken&, const ProgressFn&) {
            if (auto reloaded = session.reload(); !reloaded)
                return Result<ConsoleInfo>(reloaded.error());
            return ConsoleInfo::read(session);
        }),
        this, [this](const JobOutcome& outcome) {
            // A refusal after a password was given is a failed sign-in (wrong password, too many tries).
            const bool signInFailed = outcome.code == ErrorCode::SignInRequired
                || (outcome.code == ErrorCode::Refused && !m_options.password.isEmpty() && !m_info.loaded);
            if (!outcome.ok && signInFailed) {
                // The first ask needs no reason; a failed attempt says why it failed.
                emit signInRequired(outcome.code == ErrorCode::SignInRequired ? QString() : outcome.message);
                return;
            }
            if (!outcome.ok) {
                emit infoFailed(Wording::error(outcome.code, outcome.message));
                return;
            }
            m_info = outcome.value.value<ConsoleInfo>();
            emit infoChanged();
        });
}

void ConsoleContext::beforeWrite(Action action, QWidget* parent, std::function<void()> proceed)
{
    QPointer<QWidget> guard(parent);
    m_jobs.submit(JobRunner::Lane::Action,
        JobRunner::job<ConsoleInfo>([](Session& session, CancelToken&, const ProgressFn&) {
            if (auto refreshed = session.refresh(); !refreshed)
                return Result<ConsoleInfo>(refreshed.error());
            return ConsoleInfo::read(session);
        }),
        this, [this, action, guard, proceed = std::move(proceed)](const JobOutcome& outcome) {
            if (!outcome.ok) {
                if (outcome.code == ErrorCode::SignInRequired
                    || (outcome.code == ErrorCode::Refused && !m_options.password.isEmpty()))
                    emit signInRequired(
                        outcome.code == ErrorCode::SignInRequired ? QString() : outcome.message);
                else
                    Prompt::error(guard, Wording::errorTitle(outcome.code),
                        Wording::error(outcome.code, outcome.message));
                return;
            }
            const ConsoleInfo fresh = outcome.value.value<ConsoleInfo>();
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
