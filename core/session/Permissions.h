#pragma once

#include "session/Operator.h"

namespace cc {

enum class Environment { Development, Staging, Production };

enum class Action {
    View, // check, views, dry runs
    SyncOne,
    Advance,
    RepairOne,
    UpdateProgress,
    SetLevel,
    Revert,
    RepairAll,
    Inject,
    RevertInjection,
    ImportLevels,
    SetEnvironment,
    ChangeSettings,
    CreateIndexes,
    Prune,
    Demo,
    Init,
};

// The permission table of docs/BEHAVIOUR.md C7, the only place it is written down.
Result<void> authorize(Action action, const Operator& op, Environment environment);

QString environmentName(Environment environment);
Result<Environment> environmentFromName(const QString& name);
QString actionName(Action action);

} // namespace cc
