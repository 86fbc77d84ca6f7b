#pragma once

#include "base/CancelToken.h"

namespace cc::cli {

// Turns SIGINT and SIGTERM into a cancel of the running command (exit 130): a signal handler
// writes to a pipe; a watcher thread reads it and cancels the token (which may interrupt SQL).
class SignalCancel final {
public:
    static void install();
    static CancelToken& token();
};

} // namespace cc::cli
