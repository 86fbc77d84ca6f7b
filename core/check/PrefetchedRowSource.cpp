#include "check/PrefetchedRowSource.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace cc {

namespace {

constexpr size_t batchRows = 4096;
constexpr size_t readyBatches = 4; // per stream: at most about 8 MB of rows read ahead

template <typename Row> struct Batch {
    std::vector<Row> rows; // reused: their strings keep their capacity
    size_t count = 0;
};

// One stream's batches between the reader thread and the caller; guarded by the source's mutex.
template <typename Row> struct Lane {
    std::deque<Batch<Row>> ready;
    std::vector<Batch<Row>> spare;
    bool ended = false; // the reader has read the stream to its end, or to an error
    std::optional<Error> error;
    Batch<Row> current; // the caller's, outside the mutex
    size_t next = 0;

    bool wantsMore() const { return !ended && ready.size() < readyBatches; }
};

class PrefetchedRowSource final : public PlatformRowSource {
public:
    explicit PrefetchedRowSource(std::unique_ptr<PlatformRowSource> inner)
        : m_inner(std::move(inner))
    {
    }
    ~PrefetchedRowSource() override
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        if (m_reader.joinable())
            m_reader.join();
    }
    Q_DISABLE_COPY_MOVE(PrefetchedRowSource)

    Result<bool> nextProgress(ProgressRow& row) override { return take(m_progress, row); }
    Result<bool> nextLicense(LicenseRow& row) override { return take(m_licenses, row); }
    Result<bool> nextStaffUser(qint64& userId) override
    {
        if (m_reader.joinable())
            return Error { ErrorCode::Sql, QStringLiteral("the check read the staff stream after its rows") };
        return m_inner->nextStaffUser(userId);
    }

private:
    template <typename Row> Result<bool> take(Lane<Row>& lane, Row& row)
    {
        if (!m_reader.joinable())
            m_reader = std::thread([this] { readAhead(); });
        while (lane.next >= lane.current.count) {
            std::unique_lock lock(m_mutex);
            if (!lane.current.rows.empty())
                lane.spare.push_back(std::exchange(lane.current, {}));
            m_changed.notify_all();
            m_changed.wait(lock, [&] { return !lane.ready.empty() || lane.ended; });
            if (lane.ready.empty())
                return lane.error ? Result<bool>(*lane.error) : Result<bool>(false);
            lane.current = std::move(lane.ready.front());
            lane.ready.pop_front();
            lane.next = 0;
        }
        std::swap(row, lane.current.rows[lane.next++]);
        return true;
    }

    // Fills one batch of a stream from the inner source, outside the mutex.
    template <typename Row, typename Read>
    static void fill(Batch<Row>& batch, Read read, bool& ended, std::optional<Error>& error)
    {
        batch.rows.resize(batchRows);
        batch.count = 0;
        while (batch.count < batchRows) {
            auto more = read(batch.rows[batch.count]);
            if (!more) {
                error = more.error();
                ended = true;
                return;
            }
            if (!*more) {
                ended = true;
                return;
            }
            ++batch.count;
        }
    }

    template <typename Row, typename Read>
    void readInto(Lane<Row>& lane, std::unique_lock<std::mutex>& lock, Read read)
    {
        Batch<Row> batch;
        if (!lane.spare.empty()) {
            batch = std::move(lane.spare.back());
            lane.spare.pop_back();
        }
        lock.unlock();
        bool ended = false;
        std::optional<Error> error;
        fill(batch, read, ended, error);
        lock.lock();
        if (batch.count > 0)
            lane.ready.push_back(std::move(batch));
        lane.ended = ended;
        lane.error = std::move(error);
        m_changed.notify_all();
    }

    // The reader thread: keeps each stream a few batches ahead, the emptier one first.
    void readAhead()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [&] { return m_stop || m_progress.wantsMore() || m_licenses.wantsMore(); });
            if (m_stop)
                return;
            const bool progressFirst = m_progress.wantsMore()
                && (!m_licenses.wantsMore() || m_progress.ready.size() <= m_licenses.ready.size());
            if (progressFirst)
                readInto(m_progress, lock, [this](ProgressRow& row) { return m_inner->nextProgress(row); });
            else
                readInto(m_licenses, lock, [this](LicenseRow& row) { return m_inner->nextLicense(row); });
        }
    }

    std::unique_ptr<PlatformRowSource> m_inner;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    Lane<ProgressRow> m_progress;
    Lane<LicenseRow> m_licenses;
    bool m_stop = false;
    std::thread m_reader; // last: stopped and joined before the members it uses go
};

} // namespace

std::unique_ptr<PlatformRowSource> prefetched(std::unique_ptr<PlatformRowSource> inner)
{
    return std::make_unique<PrefetchedRowSource>(std::move(inner));
}

} // namespace cc
