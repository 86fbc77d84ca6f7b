#pragma once

#include "rows/KeyRef.h"
#include "rules/KeyClassifier.h"
#include "session/Session.h"
#include "write/CouplingWriter.h"

#include <optional>
#include <variant>

namespace cc {

class CancelToken;

// What QA can inject: one primary kind or one warning, named as docs/BEHAVIOUR.md C3 names them.
struct InjectedKind {
    std::variant<ViolationKind, WarningKind> kind;

    template <typename Kind> bool is(Kind which) const
    {
        return std::holds_alternative<Kind>(kind) && std::get<Kind>(kind) == which;
    }
    QString name() const;
    static std::optional<InjectedKind> fromName(const QString& name);
};

// QA injections (docs/BEHAVIOUR.md C6 inject): plant any violation kind or warning on one key or on N
// seeded-random consistent keys. Changes only levels and which rows exist, never counters.
class Injector final {
public:
    static QStringList kinds(); // the seven kinds and three warnings
    // `name`: a name of kinds(); any other is refused with the list.
    static Result<WriteOutcome> injectOne(Session& session, const QString& name, const KeyRef& key);
    // A cancel stops between keys: the keys before it are committed and audited (outcome.cancelled).
    static Result<WriteOutcome> injectRandom(
        Session& session, const QString& name, int count, quint64 seed, CancelToken* cancel = nullptr);

private:
    static KeyPlanner planner(const InjectedKind& kind, const QString& unknownId);
    static Result<QString> unknownSpecialization(Session& session);
    static Result<InjectedKind> checkAllowed(Session& session, const QString& name);
};

} // namespace cc
