#pragma once

#include "base/Result.h"
#include "session/Operator.h"

#include <functional>
#include <mutex>
#include <optional>

namespace cc {

// One password check shared by the sessions a front end opens with the same options: the GUI's
// read and action workers sign in at once, and each must hear the same answer from one check,
// not a second attempt that the throttle then counts or holds back (docs/BEHAVIOUR.md, sign-in).
// Thread-safe; the second caller waits for the first one's check.
class SharedSignIn final {
public:
    using Check = std::function<Result<Operator>()>;

    // Runs `check` once and hands every caller its answer. An answer about the connection (the
    // server is gone, a lock timed out) is not kept: the next caller checks again.
    Result<Operator> authenticate(const Check& check);

private:
    std::mutex m_mutex;
    std::optional<Result<Operator>> m_answer;
};

} // namespace cc
