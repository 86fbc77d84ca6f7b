#pragma once

#include "KeyClassifier.h"
#include "Session.h"

#include <array>

namespace cc {

struct DemoOptions {
    qint64 users = 2000;
    qint64 seed = 1;
    double desyncRate = 0.02;
};

// What `demo` planted, by kind (the seven kinds, then the three warnings).
struct DemoManifest {
    qint64 users = 0;
    qint64 keys = 0;
    qint64 desynced = 0;
    std::array<qint64, 10> planted {};

    // The name of planted[index]: a violation kind, then a warning.
    static QString kindAt(int index);
};

// Generates demo data inside the database (CONTRACT.md C6 demo): one statement per table from an
// integer hash of the row number, so equal options give identical rows on SQLite and PostgreSQL.
class DemoGenerator final {
public:
    static Result<void> validate(const DemoOptions& options);
    // Fills empty platform tables within the caller's transaction.
    static Result<DemoManifest> generate(Database& db, const LevelCatalogue& catalogue, const DemoOptions& options);
    static QString demoPasswordHash();
};

} // namespace cc
