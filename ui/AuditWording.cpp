// Wording::auditAction, auditSource, auditOperator and auditReason: what an audit entry did, which
// front end wrote it, who, and the reasons the tool writes by itself, in the user's language. Core
// stores its own English words (core/audit/AuditVocabulary.h, unchanged for the database and the command
// line); a word no version of the tool writes is shown as stored.
#include "Wording.h"

#include "audit/AuditLog.h"

namespace cc::ui {

QString Wording::auditAction(const QString& stored)
{
    switch (auditActionFromName(stored)) {
    case AuditAction::SyncProgressToLicense:
        return tr("Sync: progress → license");
    case AuditAction::SyncLicenseToProgress:
        return tr("Sync: license → progress");
    case AuditAction::UpdateProgress:
        return tr("Update progress");
    case AuditAction::Advance:
        return tr("Level-up");
    case AuditAction::SetLevel:
        return tr("Set level");
    case AuditAction::Repair:
        return tr("Repair");
    case AuditAction::Inject:
        return tr("QA injection");
    case AuditAction::AddSpecialization:
        return tr("QA: specialization added");
    case AuditAction::Revert:
        return tr("Revert");
    case AuditAction::LevelsImport:
        return tr("Levels imported");
    case AuditAction::IndexCreate:
        return tr("Indexes created");
    case AuditAction::IndexDrop:
        return tr("Indexes dropped");
    case AuditAction::Init:
        return tr("Database initialised");
    case AuditAction::Demo:
        return tr("Demo database created");
    case AuditAction::Prune:
        return tr("Old data pruned");
    case AuditAction::Settings:
        return tr("Settings changed");
    case AuditAction::EnvironmentSet:
        return tr("Environment changed");
    case AuditAction::Other:
        break;
    }
    return stored;
}

QString Wording::auditSource(const QString& stored)
{
    switch (auditSourceFromName(stored)) {
    case AuditSource::Cli:
        return tr("Command line");
    case AuditSource::Gui:
        return tr("GUI");
    case AuditSource::Qa:
        return tr("QA lab");
    case AuditSource::System:
        return tr("System");
    case AuditSource::Other:
        break;
    }
    return stored;
}

QString Wording::auditOperator(const AuditEntry& entry)
{
    if (entry.bySystem())
        return tr("System");
    return entry.operatorEmail;
}

QString Wording::auditReason(const QString& stored)
{
    // What the tool writes by itself: an action's word (a license progression without a reason), an
    // injection's kind, a revert's "revert of audit entry N (action)" (core/write/RevertPlan.cpp).
    if (QString action = auditAction(stored); action != stored)
        return action;
    if (QString injected = kind(stored); injected != stored)
        return injected;
    if (const auto revert = revertReasonParts(stored))
        return tr("revert of audit entry #%1 (%2)")
            .arg(QString::number(revert->entryId), auditAction(revert->action));
    return stored;
}

} // namespace cc::ui
