#include "ConsoleContext.h"

#include "Wording.h"

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

QString ConsoleContext::confirmationFor(qint64 userId) const
{
    return m_info.environment == Environment::Production ? QString::number(userId) : QString();
}

} // namespace cc::ui
