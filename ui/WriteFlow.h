#pragma once

#include "ConsoleContext.h"
#include "write/Repair.h"

#include <QCoreApplication>

#include <functional>

class QWidget;

namespace cc::ui {

class JobProgress;

// One previewed write, the way every page does it: compute the plan in the worker, show it
// (every row before → after and the statements), ask for confirmation (typing the user id on
// production), then apply in the worker with progress and Cancel, report the outcome and tell the
// pages the database changed.
struct WriteRequest {
    QString title; // "Sync progress → license"
    JobRunner::Work<Plan> preview;
    std::function<JobRunner::Work<WriteOutcome>(const Plan& plan)> apply;
    QString typeToConfirm;
    std::function<void(const WriteOutcome&)> applied; // after success, optional
};

// A repair of many keys with the structured preview (ui/dialogs/RepairPreviewDialog.h): the worker
// finds the keys, dry-runs the plan and forecasts it; the person reads it; the plan is applied as
// one batch (one savepoint per key, Undo reverts the batch).
struct RepairRequest {
    QString title;
    QString scope; // what is repaired, in words
    std::function<Result<QList<KeyRef>>(Session& session)> keys; // runs in the worker
    RepairOptions options;
    QString batchAction = QStringLiteral("repair");
    QString typeToConfirm;
};

class WriteFlow final {
    Q_DECLARE_TR_FUNCTIONS(WriteFlow)

public:
    WriteFlow() = delete;

    static void run(
        ConsoleContext* context, QWidget* parent, JobProgress* progress, const WriteRequest& request);
    // A write with no plan to preview (inject, revert): confirm, run, report.
    static void runDirect(ConsoleContext* context, QWidget* parent, JobProgress* progress,
        const QString& title, const QString& question, JobRunner::Work<WriteOutcome> job,
        const std::function<void(const WriteOutcome&)>& applied);
    static void runRepair(
        ConsoleContext* context, QWidget* parent, JobProgress* progress, const RepairRequest& request);
    // Undo from the message bar: no question, reported without a further Undo.
    static void runUndo(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
        JobRunner::Work<WriteOutcome> job);
    static QString summarize(const Plan& plan);
    static QString outcomeText(const WriteOutcome& outcome);

private:
    static void apply(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
        JobRunner::Work<WriteOutcome> job, const std::function<void(const WriteOutcome&)>& applied,
        bool undo = false);
};

} // namespace cc::ui
