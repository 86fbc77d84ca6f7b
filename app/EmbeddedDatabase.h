#pragma once

#include "base/Result.h"

namespace cc::cli {

// The embedded default database: a SQLite file in the application data location, created on first
// use with demo data (docs/BEHAVIOUR.md C1).
class EmbeddedDatabase final {
public:
    static QString path();
    static Result<void> ensure();
};

} // namespace cc::cli
