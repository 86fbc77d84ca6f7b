#pragma once

#include <QtGlobal>

#include <functional>

namespace cc {

// A long operation's progress, reported as (units done, units in total) from the thread running it.
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

} // namespace cc
