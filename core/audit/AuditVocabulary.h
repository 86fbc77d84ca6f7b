#pragma once

#include <QString>

#include <optional>

namespace cc {

// What an audit entry did and which front end wrote it (docs/BEHAVIOUR.md C5, C7). Their names
// (auditActionName, auditSourceName) are what the audit table, the command line's text, JSON and
// CSV hold, byte for byte; core and the UI switch on the enums instead of comparing text, and the
// UI words them in the user's language (ui/AuditWording.cpp).
enum class AuditAction {
    SyncProgressToLicense, // "sync_progress_to_license"
    SyncLicenseToProgress, // "sync_license_to_progress"
    UpdateProgress, // "update_progress"
    Advance, // "advance"
    SetLevel, // "set_level"
    Repair, // "repair"
    Inject, // "inject"
    AddSpecialization, // "add_specialization" (an injection's unknown specialization)
    Revert, // "revert"
    LevelsImport, // "levels_import"
    IndexCreate, // "index_create"
    IndexDrop, // "index_drop"
    Init, // "init"
    Demo, // "demo"
    Prune, // "prune"
    Settings, // "settings"
    EnvironmentSet, // "env_set"
    Other, // a name no version of the tool writes (a newer or older one): shown as stored
};

enum class AuditSource {
    Cli, // "cli"
    Gui, // "gui"
    Qa, // "qa": an injection and the revert of one
    System, // "system": init, demo, migrations
    Other, // a name no version of the tool writes: shown as stored
};

// The stored name; empty for Other (which has none of its own: keep the entry's stored word).
QString auditActionName(AuditAction action);
AuditAction auditActionFromName(const QString& name); // Other for a name no version writes
QString auditSourceName(AuditSource source);
AuditSource auditSourceFromName(const QString& name);

// An entry that changed no student rows (a setting, the environment, levels, indexes, init, the
// specialization an injection added): nothing to revert. `storedAction` is the entry's action as
// stored; a word no version writes keeps the rule by prefix that held before the enum.
bool changesNoStudentRows(const QString& storedAction);

// QA's write (source qa, action inject or add_specialization, or a word no version writes that
// starts with "inject"): the chart's pink markers and an undo that leaves the history as before it.
// `storedAction` is the entry's action as stored, for the Other case.
bool isInjection(AuditSource source, const QString& storedAction);

// The reason a revert writes (docs/BEHAVIOUR.md C7): which entry it undid and that entry's action as
// stored. revertReasonText is the English the audit table holds; revertReasonParts reads it back
// for a front end to word, std::nullopt for any other reason.
struct RevertReason {
    qint64 entryId = 0;
    QString action; // as stored (auditActionFromName gives the enum)
};
QString revertReasonText(const RevertReason& reason);
std::optional<RevertReason> revertReasonParts(const QString& text);

} // namespace cc
