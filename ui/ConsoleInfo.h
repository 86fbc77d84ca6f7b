#pragma once

#include "session/Operator.h"
#include "session/PermissionDenial.h"
#include "session/Session.h"

#include <QMap>

namespace cc::ui {

// What the GUI knows about its session, read once in the worker and refreshed after settings
// change: who operates, where, and the catalogue's tracks. A plain value.
struct ConsoleInfo {
    bool loaded = false;
    QString connection; // profile description, never a password
    bool embedded = false;
    bool readOnly = false;
    bool toolsInstalled = false;
    Operator op;
    Environment environment = Environment::Production;
    Thresholds thresholds;
    QMap<QString, int> maxLevels; // canonical track → maximum level

    // Refusals are worded for the window (ui/Wording), never naming a command-line option.
    Result<void> allows(Action action) const;
    // Why the permission table refuses `action` to this operator here; nothing when it is allowed.
    std::optional<PermissionDenial> denial(Action action) const;
    static Result<ConsoleInfo> read(Session& session);
    // "sqlite:/path/file.db", or "Staging · postgresql:host:5432/db" for a saved profile.
    static QString connectionLabel(const ConnectionProfile& profile);
};

} // namespace cc::ui
