#include "ChangeWatcher.h"

#include "ConsoleContext.h"
#include "database/ChangeFeed.h"

#include <QPointer>
#include <QSettings>

namespace cc::ui {

ChangeWatcher::ChangeWatcher(ConsoleContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
    m_poll.setInterval(pollMs());
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(300);
    connect(&m_poll, &QTimer::timeout, this, &ChangeWatcher::poll);
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        emit changedElsewhere();
        emit m_context->databaseChanged();
    });
    connect(context, &ConsoleContext::infoChanged, this, &ChangeWatcher::start);
    connect(context, &ConsoleContext::connectionReplaced, this, [this] {
        m_poll.stop();
        m_version.reset();
    });
}

int ChangeWatcher::pollMs()
{
    return std::max(100, QSettings().value(QStringLiteral("live/pollMs"), 2000).toInt());
}

void ChangeWatcher::start()
{
    if (!m_context->info().loaded)
        return;
    if (!ChangeFeed::isPushed(m_context->options().profile)) {
        if (!m_poll.isActive())
            m_poll.start();
        return;
    }
    // LISTEN on the Read lane's connection; the driver's notification reaches this object queued.
    QPointer<ChangeWatcher> self(this);
    m_context->jobs().submit<void>(
        JobRunner::Lane::Read,
        [self](Session& session, CancelToken&, const ProgressFn&) -> Result<void> {
            if (!self)
                return Ok {};
            return ChangeFeed::listen(session.db(), self, [self] {
                if (self)
                    self->heard();
            });
        },
        this, [](const Result<void>&) {});
}

void ChangeWatcher::poll()
{
    if (m_polling)
        return; // the Read lane is busy with the previous one: never queue polls behind a long read
    m_polling = true;
    m_context->jobs().submit<qint64>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) {
            return ChangeFeed::dataVersion(session.db());
        },
        this,
        [this](const Result<qint64>& read) {
            m_polling = false;
            if (!read)
                return;
            const qint64 version = *read;
            if (m_version && *m_version != version)
                heard();
            m_version = version;
        });
}

void ChangeWatcher::heard()
{
    ++m_heard;
    m_coalesce.start();
}

} // namespace cc::ui
