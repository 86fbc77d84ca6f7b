#pragma once

#include "ConsoleContext.h"
#include "CoreMetaTypes.h"

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
    Job preview; // value: cc::Plan
    std::function<Job(const Plan& plan)> apply; // value: cc::WriteOutcome
    QString typeToConfirm;
    std::function<void(const WriteOutcome&)> applied; // after success, optional
};

class WriteFlow final {
    Q_DECLARE_TR_FUNCTIONS(WriteFlow)

public:
    WriteFlow() = delete;

    static void run(ConsoleContext* context, QWidget* parent, JobProgress* progress, WriteRequest request);
    // A write with no plan to preview (inject, revert): confirm, run, report.
    static void runDirect(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
                          const QString& question, Job job, std::function<void(const WriteOutcome&)> applied);
    static QString summarize(const Plan& plan);
    static QString outcomeText(const WriteOutcome& outcome);

private:
    static void apply(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title, Job job,
                      std::function<void(const WriteOutcome&)> applied);
};

} // namespace cc::ui
