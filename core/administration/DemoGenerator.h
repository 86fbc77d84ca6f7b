#pragma once

#include "rules/KeyClassifier.h"
#include "session/Session.h"

#include <array>

namespace cc {

class CancelToken;

struct DemoOptions {
    qint64 users = 2000;
    qint64 seed = 1;
    double desyncRate = 0.02;
    CancelToken* cancel = nullptr; // a cancel rolls the whole demo back (exit 130)
};

// What `demo` planted, by kind (the eight kinds, then the three warnings).
struct DemoManifest {
    static constexpr int plantedKinds = violationKindCount + warningKindCount;

    qint64 users = 0;
    qint64 keys = 0; // pairs: staff credentials are not counted here
    qint64 desynced = 0;
    std::array<qint64, plantedKinds> planted {};
    qint64 staffCredentials = 0; // instructors' LFA_COACH licenses without progress (C2)

    // The name of planted[index]: a violation kind, then a warning.
    static QString kindAt(int index);
};

// Generates demo data inside the database (docs/BEHAVIOUR.md C6 demo): one statement per table from an
// integer hash of the row number, so equal options give identical rows on SQLite and PostgreSQL.
class DemoGenerator final {
public:
    static Result<void> validate(const DemoOptions& options);
    // Fills empty platform tables within the caller's transaction.
    static Result<DemoManifest> generate(
        Database& db, const LevelCatalogue& catalogue, const DemoOptions& options);
    static QString demoPasswordHash();
};

} // namespace cc
