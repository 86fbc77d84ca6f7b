#pragma once

#include "base/CancelToken.h"
#include "rows/KeyRows.h"
#include "session/Session.h"
#include "write/Plan.h"

#include <functional>

namespace cc {

struct SkippedKey {
    KeyRef key;
    QString reason;
};

struct WriteOutcome {
    QList<qint64> auditIds;
    QList<KeyChange> applied; // changes executed, in order
    QList<SkippedKey> skipped;
    std::optional<qint64> batchId;
    bool cancelled = false;
};

// Plans one key's change from its current rows (read under the key's locks when applying).
using KeyPlanner = std::function<Result<KeyChange>(Session& session, const KeyRows& rows)>;

// Plans one step of a sequence inside the transaction, after the earlier steps ran.
using StepPlanner = std::function<Result<KeyChange>(Session& session)>;

struct WriteOptions {
    // One batch id, one savepoint per key: a key that fails (refused, a constraint the database
    // enforces, a row locked past the lock timeout) is rolled back to its savepoint and skipped.
    bool batch = false;
    // A dry run that executes: every transaction is rolled back instead of committed, so the outcome
    // lists exactly what the same call would change and skip (docs/BEHAVIOUR.md C6: dry run = apply).
    bool trial = false;
    QString batchAction;
    int keysPerTransaction = 500;
    CancelToken* cancel = nullptr;
    std::function<void(qint64 done, qint64 total)> progress;
};

// The only writer of platform rows (docs/BEHAVIOUR.md C5): one transaction per operation (per batch of
// keys for bulk work), advisory locks in key order, then progress rows, then license rows, the
// planned statements executed verbatim, one audit entry per changed key in the same transaction.
class CouplingWriter final {
public:
    // A dry run: the plan from the current rows, without locks.
    static Result<Plan> preview(Session& session, const QList<KeyRef>& keys, const KeyPlanner& planner);
    // A dry run of a batch that lists exactly what run() would change and skip: run() with
    // `trial`, each transaction rolled back. On a connection that cannot write, preview() instead.
    static Result<Plan> dryRun(
        Session& session, const QList<KeyRef>& keys, const KeyPlanner& planner, WriteOptions options);
    // Executes a previewed plan after checking under the locks that the rows still match; all or
    // nothing (a cancel rolls everything back). Progress counts keys.
    static Result<WriteOutcome> apply(Session& session, const Plan& plan, const WriteOptions& options = {});
    // Plans each key under its locks and executes at once.
    static Result<WriteOutcome> run(
        Session& session, QList<KeyRef> keys, const KeyPlanner& planner, const WriteOptions& options = {});
    // Runs steps in order in one transaction, all or nothing, after locking `keys`; a non-empty
    // batchAction groups their audit entries under one batch id.
    // A cancel between steps rolls all of them back (Cancelled).
    static Result<WriteOutcome> runSteps(Session& session, const QList<KeyRef>& keys,
        const QList<StepPlanner>& steps, const QString& batchAction = {}, CancelToken* cancel = nullptr);
};

} // namespace cc
