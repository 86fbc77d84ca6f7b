#pragma once

#include "CoreWorker.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace cc::ui {

// The GUI's only way to the database: two core workers, each on its own thread with its own
// connection, so a long check or repair (Action lane) never delays a dashboard refresh (Read lane).
// Callbacks run in the GUI thread, and only while their context object is alive.
class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    enum class Lane { Read, Action };
    using Done = std::function<void(const JobOutcome& outcome)>;
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit JobRunner(const SessionOptions& options, QObject* parent = nullptr);
    ~JobRunner() override;

    quint64 submit(Lane lane, Job job, QObject* context, Done done, Progress progress = {});
    void cancel(quint64 id);
    int pending() const { return int(m_pending.size()); }
    bool connected() const { return m_connected; }
    // Switches to another database: the running jobs are cancelled (their callbacks get
    // ErrorCode::Cancelled), both workers are replaced and open the new connection on their next job.
    void restart(const SessionOptions& options);

    // Wraps a function returning Result<T> into a job whose value is a QVariant holding T.
    template <typename T, typename F> static Job job(F function)
    {
        return [function](
                   Session& session, CancelToken& cancel, const ProgressFn& progress) -> Result<QVariant> {
            Result<T> result = function(session, cancel, progress);
            if (!result)
                return result.error();
            return QVariant::fromValue(std::move(result).value());
        };
    }

signals:
    void pendingChanged(int pending);
    // Emitted when a job fails because the database cannot be reached, and when one succeeds again.
    void connectionChanged(bool connected, const QString& message);

private:
    struct Waiting {
        QPointer<QObject> context;
        Done done;
        Progress progress;
    };
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
