#pragma once

#include "worker/CoreWorker.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace cc::ui {

// The GUI's only way to the database: two core workers, each on its own thread with its own
// connection, so a long check or repair (Action lane) never delays a dashboard refresh (Read lane).
// Callbacks run in the GUI thread, and only while their context object is alive.
class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    enum class Lane { Read, Action };
    // What runs in the worker, and what runs in the GUI thread with its result.
    template <typename T>
    using Work = std::function<Result<T>(Session& session, CancelToken& cancel, const ProgressFn& progress)>;
    template <typename T> using Then = std::function<void(const Result<T>& result)>;
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit JobRunner(const SessionOptions& options, QObject* parent = nullptr);
    ~JobRunner() override;

    // Runs `work` on the lane's worker; `then` gets its Result<T> in the GUI thread, only while
    // `context` is alive. Returns the job's id for cancel().
    template <typename T>
    quint64 submit(Lane lane, Work<T> work, QObject* context, Then<T> then, Progress progress = {})
    {
        if constexpr (std::is_void_v<T>)
            return submitJob(lane, std::move(work), context, std::move(then), std::move(progress));
        else
            return submitValue<T>(lane, std::move(work), context, std::move(then), std::move(progress));
    }
    void cancel(quint64 id);
    int pending() const { return int(m_pending.size()); }
    bool connected() const { return m_connected; }
    // Switches to another database: the running jobs are cancelled (their callbacks get
    // ErrorCode::Cancelled), both workers are replaced and open the new connection on their next job.
    void restart(const SessionOptions& options);

signals:
    void pendingChanged(int pending);
    // Emitted when a job fails because the database cannot be reached, and when one succeeds again.
    void connectionChanged(bool connected, const QString& message);

private:
    using Done = std::function<void(const Result<void>& outcome)>;
    struct Waiting {
        QPointer<QObject> context;
        Done done;
        Progress progress;
    };
    quint64 submitJob(Lane lane, Job job, QObject* context, Done done, Progress progress);
    // clang-tidy 14 reports `progress` as copied though it is moved into submitJob below.
    template <typename T>
    quint64 submitValue(Lane lane, Work<T> work, QObject* context, Then<T> then,
        Progress progress) // NOLINT(performance-unnecessary-value-param)
    {
        // The value is written by the worker before it reports the job finished through a queued
        // signal, so `then` reads it after; it never passes through a QVariant.
        auto slot = std::make_shared<std::optional<T>>();
        Job job = [work = std::move(work), slot](
                      Session& session, CancelToken& cancel, const ProgressFn& report) -> Result<void> {
            Result<T> result = work(session, cancel, report);
            if (!result)
                return result.error();
            slot->emplace(std::move(result).value());
            return Ok {};
        };
        auto done = [slot, then = std::move(then)](const Result<void>& outcome) {
            if (outcome)
                then(Result<T>(std::move(**slot)));
            else
                then(Result<T>(outcome.error()));
        };
        return submitJob(lane, std::move(job), context, std::move(done), std::move(progress));
    }
    void connectWorkers();
    void onFinished(Lane lane, const JobOutcome& outcome);
    void onProgress(Lane lane, quint64 id, qint64 done, qint64 total);
    // After one lane lost its connection, the other lane's connection is usually dead too (a
    // server restart, pg_terminate_backend, a network cut) but its worker only finds out on its
    // next job, which would then fail: the user's first "Run check now" after an outage. A
    // harmless read on the other lane lets its worker notice now and reconnect on the next job.
    void probe(Lane lane);
    static quint64 globalId(Lane lane, quint64 id) { return (quint64(lane) << 62) | id; }

    std::unique_ptr<CoreWorker> m_read;
    std::unique_ptr<CoreWorker> m_action;
    QHash<quint64, Waiting> m_pending;
    QSet<quint64> m_probes;
    bool m_connected = true;
};

} // namespace cc::ui
