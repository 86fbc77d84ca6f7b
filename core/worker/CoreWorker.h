#pragma once

#include "base/CancelToken.h"
#include "base/Progress.h"
#include "session/Session.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace cc {

// How a job ended: done, or core's error. A job hands its value over itself (ui/JobRunner.h's typed
// submit() keeps it in a slot the job and its callback share), so no value crosses as a QVariant.
struct JobOutcome {
    quint64 id = 0;
    Result<void> result;
};

// A job runs in the worker thread with the worker's own session; it must not touch widgets.
using Job = std::function<Result<void>(Session& session, CancelToken& cancel, const ProgressFn& progress)>;

class WorkerContext;

// Runs long operations for a front end on its own QThread, which owns its own named connection
// (opened in that thread, reopened after the connection is lost). submit() and cancel() are safe
// from any thread; signals arrive in the thread that created the worker.
class CoreWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoreWorker)

public:
    explicit CoreWorker(SessionOptions options, QObject* parent = nullptr);
    ~CoreWorker() override;

    quint64 submit(Job job);
    // Cancels one job without waiting: interrupting a running statement (on PostgreSQL a new
    // connection sending pg_cancel_backend) happens on a pool thread, never in the caller's.
    void cancel(quint64 id);
    // Cancels every job and interrupts their statements before it returns.
    void cancelAll();
    const SessionOptions& options() const { return m_options; }

signals:
    void progress(quint64 id, qint64 done, qint64 total);
    void finished(const cc::JobOutcome& outcome);

private:
    friend class WorkerContext;
    std::shared_ptr<CancelToken> tokenFor(quint64 id);
    void forget(quint64 id);

    SessionOptions m_options;
    QThread m_thread;
    WorkerContext* m_context = nullptr;
    QMutex m_mutex;
    QHash<quint64, std::shared_ptr<CancelToken>> m_tokens;
    quint64 m_nextId = 0;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::JobOutcome)
