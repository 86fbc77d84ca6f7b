#pragma once

#include "audit/AuditVocabulary.h"
#include "session/Operator.h"
#include "session/Session.h"

#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace cc {

struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    std::optional<qint64> operatorId;
    QString operatorEmail; // "system" when there is no operator
    QString source; // as stored: cli, gui, qa, system (AuditVocabulary.h)
    QString action; // as stored: sync_progress_to_license, repair, … (AuditVocabulary.h)
    std::optional<qint64> userId;
    QString track;
    QJsonObject before; // table name → array of whole rows
    QJsonObject after;
    // For writing: the same states as compact JSON text; when set, written instead of before/after.
    QString beforeText;
    QString afterText;
    QString reason;
    std::optional<qint64> batchId;
    std::optional<qint64> revertsId;

    AuditAction actionKind() const { return auditActionFromName(action); }
    AuditSource sourceKind() const { return auditSourceFromName(source); }
    bool isInjection() const { return cc::isInjection(sourceKind(), action); }
    // Written with no operator (the command line without --operator, init, demo): Operator::system().
    bool bySystem() const { return !operatorId && operatorEmail == Operator::system().displayName(); }
};

struct AuditFilter {
    std::optional<qint64> userId;
    QDateTime since;
    QDateTime until; // exclusive
    QString operatorEmail;
    QString source;
    QString action;
    std::optional<qint64> batchId;
    qint64 afterId = 0; // keyset paging, newest first when 0 … see newestFirst
    qint64 limit = -1;
    bool newestFirst = false;
};

// One action's entries in a bucket of AuditLog::changeBuckets.
struct AuditActionCount {
    QString action; // as stored
    qint64 entries = 0;
    qint64 batches = 0; // distinct batch ids among them (an entry outside a batch counts none)
};

// The changes of one time bucket, either the injections (source qa, or action inject) or every other
// change (repairs, syncs, set-level, reverts, …): what the rate chart marks.
struct AuditChangeBucket {
    QDateTime start; // inclusive, on a whole minute
    QDateTime end; // exclusive
    bool injections = false;
    qint64 entries = 0;
    qint64 batches = 0; // the sum of its actions' batches
    QList<AuditActionCount> actions; // most entries first
    QDateTime first; // its earliest and its latest entry
    QDateTime last;
};

// The audit log: written inside the caller's transaction, read by every front end.
class AuditLog final {
public:
    // Inserts one entry within the caller's open transaction; returns its id.
    static Result<qint64> record(Session& session, const AuditEntry& entry);
    // Inserts entries within the caller's open transaction with one statement (one round trip on
    // PostgreSQL); returns their ids in the order of `entries`. An entry's time is its `at` when
    // valid, else now.
    static Result<QList<qint64>> recordMany(Session& session, const QList<AuditEntry>& entries);
    static Result<qint64> newBatch(Session& session, const QString& action);
    static Result<std::optional<AuditEntry>> entry(Database& db, qint64 id);
    static Result<QList<AuditEntry>> entries(Database& db, const AuditFilter& filter);
    // Visits the entries `filter` selects, read forward-only one row at a time (nothing is held);
    // an error returned by `visit` stops the walk and is returned. `visit` must not use `db`.
    static Result<void> forEachEntry(
        Database& db, const AuditFilter& filter, const std::function<Result<void>(const AuditEntry&)>& visit);
    // How many entries `filter` selects (its paging position and limit included).
    static Result<qint64> count(Database& db, const AuditFilter& filter);
    static Result<QDateTime> newestEntryTime(Database& db);
    // How many entries were written at or after `since` (changes made since a check).
    static Result<qint64> countSince(Database& db, const QDateTime& since);
    // The changes from `from` to `to` counted in equal buckets of whole minutes (about `buckets` of
    // them, aligned on multiples of their width since the epoch, the first and last whole, so the
    // first may start before `from`), oldest first, only those with entries, injections and other
    // changes apart. What the system wrote, init and demo are not changes. One grouped statement
    // counts every entry of the range.
    static Result<QList<AuditChangeBucket>> changeBuckets(
        Database& db, const QDateTime& from, const QDateTime& to, int buckets);
    // The filter that lists a bucket's entries: its time, QA's source for injections, and its action
    // when it holds only one.
    static AuditFilter entriesOf(const AuditChangeBucket& bucket);
};

} // namespace cc
