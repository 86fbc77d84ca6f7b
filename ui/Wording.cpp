#include "Wording.h"

#include "rules/KeyClassifier.h"

#include <QLocale>

namespace cc::ui {

QString Wording::status(RunStatus status)
{
    switch (status) {
    case RunStatus::Healthy:
        return tr("HEALTHY");
    case RunStatus::Degraded:
        return tr("DEGRADED");
    case RunStatus::Critical:
        return tr("CRITICAL");
    case RunStatus::Error:
        return tr("ERROR");
    case RunStatus::Cancelled:
        return tr("CANCELLED");
    case RunStatus::Running:
        return tr("RUNNING");
    case RunStatus::Abandoned:
        return tr("ABANDONED");
    case RunStatus::NoData:
        return tr("NO DATA");
    }
    return tr("NO DATA");
}

QString Wording::kind(const QString& kind)
{
    if (const auto primary = kindFromName(kind)) {
        switch (*primary) {
        case ViolationKind::DuplicateProgress:
            return tr("Duplicate progress");
        case ViolationKind::DuplicateLicense:
            return tr("Duplicate license");
        case ViolationKind::UnknownSpecialization:
            return tr("Unknown specialization");
        case ViolationKind::MissingLicense:
            return tr("Missing license");
        case ViolationKind::MissingProgress:
            return tr("Missing progress");
        case ViolationKind::LevelOutOfRange:
            return tr("Level out of range");
        case ViolationKind::LevelMismatch:
            return tr("Level mismatch");
        case ViolationKind::SpellingMismatch:
            return tr("Spelling mismatch");
        }
    }
    if (const auto warning = warningFromName(kind)) {
        switch (*warning) {
        case WarningKind::UnjustifiedLevel:
            return tr("Unjustified level (warning)");
        case WarningKind::PendingLevelUp:
            return tr("Pending level-up (warning)");
        case WarningKind::MaxBelowCurrent:
            return tr("Max below current (warning)");
        }
    }
    return kind; // a name no version of the tool writes: shown as stored
}

QString Wording::environment(Environment environment)
{
    switch (environment) {
    case Environment::Production:
        return tr("PRODUCTION");
    case Environment::Staging:
        return tr("STAGING");
    case Environment::Development:
        return tr("DEVELOPMENT");
    }
    return tr("PRODUCTION");
}

QString Wording::role(Role role)
{
    switch (role) {
    case Role::System:
        return tr("system");
    case Role::Admin:
        return tr("admin");
    case Role::Instructor:
        return tr("instructor");
    case Role::Student:
        return tr("student");
    case Role::Other:
        return tr("other role");
    }
    return tr("other role");
}

QString Wording::storedRole(const QString& stored)
{
    const Role known = roleFromText(stored);
    return known == Role::Other ? stored : role(known);
}

QString Wording::errorTitle(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Refused:
        return tr("Not allowed");
    case ErrorCode::NotInitialised:
        return tr("Database not initialised");
    case ErrorCode::ReadOnly:
        return tr("Read-only connection");
    case ErrorCode::SchemaMismatch:
        return tr("Unexpected database schema");
    case ErrorCode::NotFound:
        return tr("Not found");
    case ErrorCode::CannotOpen:
        return tr("Cannot reach the database");
    case ErrorCode::Sql:
        return tr("Database error");
    case ErrorCode::Conflict:
        return tr("Concurrent change");
    case ErrorCode::Busy:
        return tr("Database busy");
    case ErrorCode::Cancelled:
        return tr("Cancelled");
    case ErrorCode::Usage:
        return tr("Invalid input");
    case ErrorCode::SignInRequired:
        return tr("Sign-in required");
    }
    return tr("Error");
}

QString Wording::error(ErrorCode code, const QString& detail)
{
    QString sentence;
    switch (code) {
    case ErrorCode::Refused:
        sentence = tr("This action was refused.");
        break;
    case ErrorCode::NotInitialised:
        sentence = tr("The database has no Coupling Console tables yet; run “coupling-console init” first.");
        break;
    case ErrorCode::ReadOnly:
        sentence = tr("The connection is read-only, so nothing can be changed.");
        break;
    case ErrorCode::SchemaMismatch:
        sentence = tr("The platform tables do not have the expected shape.");
        break;
    case ErrorCode::NotFound:
        sentence = tr("Nothing matches.");
        break;
    case ErrorCode::CannotOpen:
        sentence = tr("The database cannot be reached. Coupling Console keeps retrying.");
        break;
    case ErrorCode::Sql:
        sentence = tr("A database statement failed.");
        break;
    case ErrorCode::Conflict:
        sentence = tr("Another change got in the way; try again.");
        break;
    case ErrorCode::Busy:
        sentence = tr("Another session held the rows too long; try again.");
        break;
    case ErrorCode::Cancelled:
        sentence = tr("The operation was cancelled; nothing more was changed.");
        break;
    case ErrorCode::Usage:
        sentence = tr("The input is not valid.");
        break;
    case ErrorCode::SignInRequired:
        sentence = tr("This is a production database: sign in with your platform password.");
        break;
    }
    if (detail.isEmpty())
        return sentence;
    return tr("%1 Details: %2").arg(sentence, guiDetail(detail));
}

QString Wording::guiDetail(const QString& coreDetail)
{
    // Core's words name the command line's options; a window names its own controls.
    QString detail = coreDetail;
    detail.replace(QStringLiteral("(--operator EMAIL)"), tr("(sign in: File → Sign in…)"));
    detail.replace(
        QStringLiteral("without --create-licenses"), tr("unless “Create missing licenses” is ticked"));
    return detail;
}

QString Wording::percent(qint64 hundredths)
{
    if (hundredths % 100 == 0)
        return tr("%1 %").arg(hundredths / 100);
    return tr("%1 %").arg(QLocale().toString(double(hundredths) / 100.0, 'f', 2));
}

QString Wording::rate(qint64 hundredths)
{
    return tr("%1 %").arg(hundredthsField(hundredths));
}

QString Wording::hundredthsField(qint64 hundredths)
{
    return QLocale().toString(double(hundredths) / 100.0, 'f', 2);
}

QString Wording::coreDecimal(const QString& typed)
{
    QString text = typed.trimmed();
    const QString mark = QLocale().decimalPoint();
    if (mark != u"." && text.count(mark) == 1 && !text.contains(u'.'))
        text.replace(mark, QStringLiteral("."));
    return text;
}

QString Wording::age(qint64 seconds)
{
    if (seconds < 0)
        return tr("just now");
    if (seconds < 60)
        return tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n d ago", nullptr, int(seconds / 86400));
}

QString Wording::refusal(const Error& error)
{
    return tr("Not available: %1").arg(guiDetail(error.message));
}

QString Wording::action(Action action)
{
    switch (action) {
    case Action::View:
        return tr("look");
    case Action::SyncOne:
        return tr("synchronise a track");
    case Action::Advance:
        return tr("apply a level-up");
    case Action::RepairOne:
        return tr("repair a user");
    case Action::UpdateProgress:
        return tr("update progress");
    case Action::SetLevel:
        return tr("set a level");
    case Action::Revert:
        return tr("revert a change");
    case Action::RepairAll:
        return tr("repair many keys at once");
    case Action::Inject:
        return tr("inject a desync");
    case Action::RevertInjection:
        return tr("undo an injection");
    case Action::ImportLevels:
        return tr("import levels");
    case Action::SetEnvironment:
        return tr("change the environment");
    case Action::ChangeSettings:
        return tr("change settings");
    case Action::CreateIndexes:
        return tr("create indexes");
    case Action::Prune:
        return tr("prune old data");
    case Action::Demo:
        return tr("create a demo database");
    case Action::Init:
        return tr("initialise the database");
    }
    return tr("do this");
}

QString Wording::denial(const PermissionDenial& denial)
{
    const QString what = action(denial.action);
    switch (denial.reason) {
    case DenialReason::InactiveOperator:
        return tr("%1 is not an active user and may not %2.").arg(denial.email, what);
    case DenialReason::RoleMayNotUse:
        return tr("%1 has the role “%2”, which may not use Coupling Console.")
            .arg(denial.email, role(denial.role));
    case DenialReason::NeedsNamedOperator:
        return tr("This is a production database: sign in (File → Sign in…) to %1.").arg(what);
    case DenialReason::InstructorMayNot:
        return tr("An instructor may not %1; an admin may.").arg(what);
    case DenialReason::NeverOnProduction:
        if (denial.action == Action::Inject || denial.action == Action::RevertInjection)
            return tr("Injecting desyncs is never allowed on a production database.");
        return tr("Not allowed on a production database.");
    }
    return tr("Not allowed.");
}

} // namespace cc::ui
