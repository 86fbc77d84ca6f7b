#include "JobRunner.h"

#include "session/SharedSignIn.h"

namespace cc::ui {

namespace {

// Both workers sign in with the same password: one check answers both.
SessionOptions signingInOnce(SessionOptions options)
{
    options.sharedSignIn = std::make_shared<SharedSignIn>();
    return options;
}

} // namespace

JobRunner::JobRunner(const SessionOptions& options, QObject* parent)
    : QObject(parent)
{
    const SessionOptions shared = signingInOnce(options);
    m_read = std::make_unique<CoreWorker>(shared);
    m_action = std::make_unique<CoreWorker>(shared);
    connectWorkers();
}

void JobRunner::connectWorkers()
{
    connect(m_read.get(), &CoreWorker::finished, this,
        [this](const JobOutcome& outcome) { onFinished(Lane::Read, outcome); });
    connect(m_action.get(), &CoreWorker::finished, this,
        [this](const JobOutcome& outcome) { onFinished(Lane::Action, outcome); });
    connect(m_read.get(), &CoreWorker::progress, this,
        [this](quint64 id, qint64 done, qint64 total) { onProgress(Lane::Read, id, done, total); });
    connect(m_action.get(), &CoreWorker::progress, this,
        [this](quint64 id, qint64 done, qint64 total) { onProgress(Lane::Action, id, done, total); });
}

void JobRunner::restart(const SessionOptions& options)
{
    // The old workers' late signals must not reach the new bookkeeping.
    m_read->disconnect(this);
    m_action->disconnect(this);
    m_read->cancelAll();
    m_action->cancelAll();
    const SessionOptions shared = signingInOnce(options);
    m_read = std::make_unique<CoreWorker>(shared); // joins the old thread once its job has stopped
    m_action = std::make_unique<CoreWorker>(shared);
    connectWorkers();
    m_probes.clear();
    const QHash<quint64, Waiting> waiting = std::exchange(m_pending, {});
    const bool wasConnected = std::exchange(m_connected, true);
    for (const Waiting& job : waiting) {
        if (!job.context || !job.done)
            continue;
        job.done(Error {
            ErrorCode::Cancelled, QStringLiteral("cancelled: the console switched to another database") });
    }
    if (!wasConnected)
        emit connectionChanged(true, QString());
    emit pendingChanged(pending());
}

JobRunner::~JobRunner()
{
    m_pending.clear();
    m_probes.clear();
    m_read->cancelAll();
    m_action->cancelAll();
}

quint64 JobRunner::submitJob(Lane lane, Job job, QObject* context, Done done, Progress progress)
{
    CoreWorker* worker = lane == Lane::Read ? m_read.get() : m_action.get();
    // The id is known only after submit(); the job cannot start before we return to the event loop
    // of this thread for its signals, so registering right after is safe.
    const quint64 id = globalId(lane, worker->submit(std::move(job)));
    m_pending.insert(id, Waiting { context, std::move(done), std::move(progress) });
    emit pendingChanged(pending());
    return id;
}

void JobRunner::cancel(quint64 id)
{
    const auto lane = Lane(id >> 62);
    const quint64 local = id & ((quint64(1) << 62) - 1);
    (lane == Lane::Read ? m_read : m_action)->cancel(local);
}

void JobRunner::onFinished(Lane lane, const JobOutcome& outcome)
{
    const quint64 id = globalId(lane, outcome.id);
    if (m_probes.remove(id))
        return; // its only purpose was to make that worker notice a dead connection
    const Waiting waiting = m_pending.take(id);
    const bool lost = !outcome.result && outcome.result.error().code == ErrorCode::CannotOpen;
    if (lost)
        probe(lane == Lane::Read ? Lane::Action : Lane::Read);
    if (lost && m_connected) {
        m_connected = false;
        emit connectionChanged(false, outcome.result.error().message);
    } else if (outcome.result && !m_connected) {
        m_connected = true;
        emit connectionChanged(true, QString());
    }
    if (waiting.context && waiting.done)
        waiting.done(outcome.result);
    emit pendingChanged(pending());
}

void JobRunner::probe(Lane lane)
{
    for (const quint64 id : std::as_const(m_probes)) {
        if (Lane(id >> 62) == lane)
            return; // one is on its way
    }
    CoreWorker* worker = lane == Lane::Read ? m_read.get() : m_action.get();
    const quint64 id = globalId(
        lane, worker->submit([](Session& session, CancelToken&, const ProgressFn&) -> Result<void> {
            return session.reload();
        }));
    m_probes.insert(id);
}

void JobRunner::onProgress(Lane lane, quint64 id, qint64 done, qint64 total)
{
    const auto it = m_pending.constFind(globalId(lane, id));
    if (it != m_pending.cend() && it->context && it->progress)
        it->progress(done, total);
}

} // namespace cc::ui
