#include "worker/CoreWorker.h"

#include <QThreadPool>

namespace cc {

// Lives in the worker thread; owns the session there.
class WorkerContext final : public QObject {
public:
    explicit WorkerContext(CoreWorker* owner)
        : m_owner(owner)
    {
    }

    void run(quint64 id, const Job& job)
    {
        JobOutcome outcome;
        outcome.id = id;
        std::shared_ptr<CancelToken> token = m_owner->tokenFor(id);
        if (token->isCancelled()) {
            outcome.result = Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
        } else if (auto session = ensureSession(); !session) {
            outcome.result = session.error();
        } else {
            CoreWorker* owner = m_owner;
            const ProgressFn progress
                = [owner, id](qint64 done, qint64 total) { emit owner->progress(id, done, total); };
            outcome.result = job(*m_session, *token, progress);
            if (!outcome.result && outcome.result.error().code == ErrorCode::CannotOpen)
                m_session.reset(); // reconnect on the next job
        }
        m_owner->forget(id);
        emit m_owner->finished(outcome);
    }

    void close() { m_session.reset(); }

private:
    Result<Session*> ensureSession()
    {
        if (!m_session) {
            SessionOptions options = m_owner->options();
            options.connectionName = uniqueConnectionName(QStringLiteral("cc-worker"));
            auto opened = Session::open(options);
            if (!opened)
                return opened.error();
            m_session = std::move(*opened);
        }
        return m_session.get();
    }

    CoreWorker* m_owner;
    std::unique_ptr<Session> m_session;
};

CoreWorker::CoreWorker(SessionOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    qRegisterMetaType<cc::JobOutcome>();
    m_thread.setObjectName(QStringLiteral("coupling-console-worker"));
    m_context = new WorkerContext(this);
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

CoreWorker::~CoreWorker()
{
    cancelAll();
    QMetaObject::invokeMethod(
        m_context, [context = m_context] { context->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint64 CoreWorker::submit(Job job)
{
    quint64 id = 0;
    {
        QMutexLocker lock(&m_mutex);
        id = ++m_nextId;
        m_tokens.insert(id, std::make_shared<CancelToken>());
    }
    QMetaObject::invokeMethod(
        m_context, [context = m_context, id, job = std::move(job)] { context->run(id, job); },
        Qt::QueuedConnection);
    return id;
}

void CoreWorker::cancel(quint64 id)
{
    std::shared_ptr<CancelToken> token;
    {
        QMutexLocker lock(&m_mutex);
        token = m_tokens.value(id);
    }
    if (token)
        QThreadPool::globalInstance()->start([token] { token->cancel(); });
}

void CoreWorker::cancelAll()
{
    QList<std::shared_ptr<CancelToken>> tokens;
    {
        QMutexLocker lock(&m_mutex);
        tokens = m_tokens.values();
    }
    for (const auto& token : tokens)
        token->cancel();
}

std::shared_ptr<CancelToken> CoreWorker::tokenFor(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    auto token = m_tokens.value(id);
    return token ? token : std::make_shared<CancelToken>();
}

void CoreWorker::forget(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    m_tokens.remove(id);
}

} // namespace cc
