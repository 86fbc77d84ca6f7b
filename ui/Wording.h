#pragma once

#include "base/Result.h"
#include "check/HealthReport.h"
#include "session/PermissionDenial.h"

#include <QCoreApplication>
#include <QString>

namespace cc {
struct AuditEntry;
}

namespace cc::ui {

// Core speaks in codes and names (error codes, violation kinds, statuses); this turns them into
// the words a person reads. Every visible domain word passes through here, so translations only
// need the .ts files.
class Wording final {
    Q_DECLARE_TR_FUNCTIONS(Wording)

public:
    Wording() = delete;

    static QString status(RunStatus status); // "HEALTHY", "NO DATA", …
    static QString kind(const QString& kindOrWarning); // "Missing license", …
    // A recommended action, or one as stored (core/rules/FindingReason.h), in the user's language; a name
    // no version writes as stored (ui/ReasonWording.cpp).
    static QString recommendedAction(RecommendedAction action);
    static QString recommendedAction(const QString& stored);
    // A finding's reason in the user's language, from its parts (core/rules/FindingReason.h) or from a
    // stored run's sentence of that kind or warning name read back; a sentence this version does not
    // write as stored (ui/ReasonWording.cpp).
    static QString reason(ViolationKind kind, const FindingReason& reason);
    static QString reason(WarningKind kind, const FindingReason& reason);
    static QString reason(const Finding& finding);
    static QString reason(const QString& kind, const QString& stored);
    // An audit entry's action and source as stored (core/audit/AuditVocabulary.h) in the user's language
    // (ui/AuditWording.cpp): "Sync: progress → license", "Command line", …; a word no version writes
    // as stored.
    static QString auditAction(const QString& stored);
    static QString auditSource(const QString& stored);
    // Who wrote an entry: the operator's email, or "System" in the user's language when none did.
    static QString auditOperator(const AuditEntry& entry);
    // A reason the tool wrote by itself (an action's word, an injection's kind, a revert's "revert of
    // audit entry N (action)"), in an audit entry or a license progression, in the user's language;
    // a reason someone typed as stored.
    static QString auditReason(const QString& stored);
    static QString environment(Environment environment); // "PRODUCTION", …
    static QString role(Role role);
    // A role as the platform stores it (any case): a known role in the user's language, another as stored.
    static QString storedRole(const QString& stored);
    static QString errorTitle(ErrorCode code);
    // A sentence for a person: what went wrong in words, then core's detail.
    static QString error(ErrorCode code, const QString& detail);
    static QString error(const Error& error) { return Wording::error(error.code, error.message); }
    static QString percent(qint64 hundredths); // "99 %", "98.50 %" (decimal mark of the locale)
    static QString rate(qint64 hundredths); // always two decimals: "100.00 %", "98,50 %" in Hungarian
    // A percentage for an input field, without the sign: "99.00", "99,00" in Hungarian.
    static QString hundredthsField(qint64 hundredths);
    // What a person typed in such a field, in core's form: the locale's decimal mark becomes ".",
    // so "99,5" and "99.5" both reach core as "99.5"; anything else is left for core to refuse.
    static QString coreDecimal(const QString& typed);
    static QString age(qint64 seconds); // "12 s ago", "5 min ago", …
    static QString refusal(const Error& error); // tooltip for a disabled button
    static QString action(Action action); // "synchronise a track", "repair", …
    // Why the permission table refuses, in the window's own terms (no command-line option).
    static QString denial(const PermissionDenial& denial);
    // Core's detail with the command line's options (--operator, --create-licenses) put as the
    // window's own controls.
    static QString guiDetail(const QString& coreDetail);
};

} // namespace cc::ui
