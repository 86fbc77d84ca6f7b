#pragma once

#include "CouplingWriter.h"

namespace cc {

class CancelToken;

// QA injections (docs/BEHAVIOUR.md C6 inject): plant any violation kind or warning on one key or on N
// seeded-random consistent keys. Changes only levels and which rows exist, never counters.
class Injector final {
public:
    static QStringList kinds(); // the seven kinds and three warnings
    static Result<WriteOutcome> injectOne(Session& session, const QString& kind, const KeyRef& key);
    // A cancel stops between keys: the keys before it are committed and audited (outcome.cancelled).
    static Result<WriteOutcome> injectRandom(
        Session& session, const QString& kind, int count, quint64 seed, CancelToken* cancel = nullptr);

private:
    static KeyPlanner planner(const QString& kind, const QString& unknownId);
    static Result<QString> unknownSpecialization(Session& session);
    static Result<void> checkAllowed(Session& session, const QString& kind);
};

} // namespace cc
