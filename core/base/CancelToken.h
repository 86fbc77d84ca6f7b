#pragma once

#include <QMutex>

#include <atomic>
#include <functional>

namespace cc {

// Shared between the thread running an operation and the thread asking it to stop.
// cancel() is safe from any thread (also from a signal-watching thread); it sets the flag and
// interrupts the statement running right now, if the operation registered an interrupter.
class CancelToken final {
public:
    CancelToken() = default;
    Q_DISABLE_COPY_MOVE(CancelToken)

    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }
    void reset() { m_cancelled.store(false); }

    // Registered by the operation around a long statement; cleared by the scope's destructor.
    class InterruptScope final {
    public:
        InterruptScope(CancelToken* token, std::function<void()> interrupter);
        ~InterruptScope();
        Q_DISABLE_COPY_MOVE(InterruptScope)

    private:
        CancelToken* m_token;
    };

private:
    std::atomic_bool m_cancelled { false };
    QMutex m_mutex;
    std::function<void()> m_interrupter;
};

} // namespace cc
