#include "WriteFlow.h"

#include "Prompt.h"
#include "Wording.h"
#include "dialogs/RepairPreviewDialog.h"
#include "models/PlanKeyModel.h"
#include "widgets/JobProgress.h"

#include <QPointer>
#include <QWidget>

namespace cc::ui {

namespace {

// The preview dialog lists this many keys row by row; a bigger plan is still applied whole, and
// its summary counts every key.
constexpr qsizetype listedKeys = 2000;

// A plan with what the preview shows, made in the worker: describing a repair-all of 10,000 keys
// took 450 ms, which the GUI thread must not spend.
struct PreparedPlan {
    Plan plan;
    bool changes = false;
    QString summary;
    QString text;
};

PreparedPlan prepare(Plan plan)
{
    PreparedPlan prepared;
    for (const KeyChange& key : plan.keys)
        prepared.changes = prepared.changes || !key.changes.isEmpty();
    prepared.summary = WriteFlow::summarize(plan);
    if (plan.keys.size() <= listedKeys) {
        prepared.text = plan.describe();
    } else {
        Plan head = plan;
        head.keys = plan.keys.mid(0, listedKeys);
        prepared.text = head.describe() + u'\n'
            + WriteFlow::tr("… and %n more key(s), not listed here; the summary above counts them all.",
                nullptr, int(plan.keys.size() - listedKeys));
    }
    prepared.plan = std::move(plan);
    return prepared;
}

// The repair's dry run of the request's keys, for the preview.
JobRunner::Work<RepairPreview> repairPreviewWork(const RepairRequest& request)
{
    return [request](
               Session& session, CancelToken& cancel, const ProgressFn& progress) -> Result<RepairPreview> {
        auto keys = request.keys(session);
        if (!keys)
            return keys.error();
        RepairOptions options = request.options;
        options.cancel = &cancel;
        WriteOptions write;
        write.batch = true;
        write.batchAction = request.batchAction;
        write.cancel = &cancel;
        write.progress = progress;
        auto plan = CouplingWriter::dryRun(session, *keys, Repair::planner(options), write);
        if (!plan)
            return plan.error();
        RepairPreview prepared;
        prepared.forecast = PlanForecast::of(*plan, session.catalogue());
        prepared.plan = std::move(*plan);
        prepared.scope = request.scope;
        return prepared;
    };
}

// Applies the previewed keys that change rows; those the dry run skipped are reported with its reason.
JobRunner::Work<WriteOutcome> repairApplyWork(const RepairPreview& prepared, const RepairRequest& request)
{
    // Keys the dry run could not change carry no rows to check again: they are reported as
    // skipped with the previewed reason instead of being re-read as "changed since the preview".
    Plan changing;
    QList<SkippedKey> unchanged;
    for (const KeyChange& key : prepared.plan.keys) {
        if (key.changes.isEmpty() && !key.skipReason.isEmpty())
            unchanged.append({ key.key, key.skipReason });
        else if (!key.changes.isEmpty())
            changing.keys.append(key);
    }
    return JobRunner::Work<WriteOutcome>([changing, unchanged, request](Session& session, CancelToken& cancel,
                                             const ProgressFn& progress) -> Result<WriteOutcome> {
        WriteOptions options;
        options.batch = true;
        options.batchAction = request.batchAction;
        options.cancel = &cancel;
        options.progress = progress;
        auto outcome = CouplingWriter::apply(session, changing, options);
        if (outcome)
            outcome->skipped += unchanged;
        return outcome;
    });
}

} // namespace

QString WriteFlow::summarize(const Plan& plan)
{
    qsizetype rows = 0;
    qsizetype skipped = 0;
    for (const KeyChange& key : plan.keys) {
        rows += key.changes.size();
        if (!key.skipReason.isEmpty())
            ++skipped;
    }
    QString text = tr("%n key(s) in this plan", nullptr, int(plan.keys.size())) + u", "
        + tr("%n row change(s)", nullptr, int(rows));
    if (skipped > 0)
        text += u", " + tr("%n key(s) skipped (see the reasons below)", nullptr, int(skipped));
    return text + u'.';
}

QString WriteFlow::outcomeText(const WriteOutcome& outcome)
{
    QString text = tr("%n key(s) changed", nullptr, int(outcome.applied.size()));
    if (!outcome.auditIds.isEmpty()) {
        QStringList ids;
        for (qint64 id : outcome.auditIds.mid(0, 20))
            ids << QString::number(id);
        text += u"; " + tr("audit entries %1").arg(ids.join(QStringLiteral(", ")))
            + (outcome.auditIds.size() > 20 ? QStringLiteral(" …") : QString());
    }
    if (!outcome.skipped.isEmpty()) {
        text += u"\n" + tr("%n key(s) skipped:", nullptr, int(outcome.skipped.size()));
        for (const SkippedKey& key : outcome.skipped.mid(0, 20))
            text += u"\n  "
                + tr("user %1, %2: %3")
                      .arg(key.key.userId)
                      .arg(key.key.track, PlanKeyModel::skipReason(key.reason));
    }
    if (outcome.cancelled)
        text += u"\n" + tr("Cancelled: the remaining keys were not changed.");
    return text;
}

void WriteFlow::run(
    ConsoleContext* context, QWidget* parent, JobProgress* progress, const WriteRequest& request)
{
    QPointer<QWidget> guard(parent);
    JobRunner::Work<PreparedPlan> preview = [inner = request.preview](Session& session, CancelToken& cancel,
                                                const ProgressFn& report) -> Result<PreparedPlan> {
        Result<Plan> planned = inner(session, cancel, report);
        if (!planned)
            return planned.error();
        return prepare(*planned);
    };
    const quint64 id = context->jobs().submit<PreparedPlan>(JobRunner::Lane::Action, std::move(preview),
        parent, [context, guard, progress, request](const Result<PreparedPlan>& outcome) {
            progress->finish();
            if (!guard)
                return;
            if (!outcome) {
                Prompt::error(guard, request.title, Wording::error(outcome.error()));
                return;
            }
            const PreparedPlan& prepared = *outcome;
            if (!prepared.changes) {
                Prompt::noteShown(request.title, tr("Nothing to change."));
                emit context->writeReported({ request.title, tr("Nothing to change."), {}, {}, false });
                return;
            }
            if (!Prompt::confirmPlan(
                    guard, request.title, prepared.summary, prepared.text, request.typeToConfirm))
                return;
            apply(context, guard, progress, request.title, request.apply(prepared.plan), request.applied);
        });
    progress->start(id, tr("Preparing the preview…"));
}

void WriteFlow::runRepair(
    ConsoleContext* context, QWidget* parent, JobProgress* progress, const RepairRequest& request)
{
    QPointer<QWidget> guard(parent);
    JobRunner::Work<RepairPreview> preview = repairPreviewWork(request);
    const quint64 id = context->jobs().submit<RepairPreview>(
        JobRunner::Lane::Action, std::move(preview), parent,
        [context, guard, progress, request](const Result<RepairPreview>& outcome) {
            progress->finish();
            if (!guard)
                return;
            if (!outcome) {
                Prompt::error(guard, request.title, Wording::error(outcome.error()));
                return;
            }
            const RepairPreview& prepared = *outcome;
            const bool changes = std::any_of(prepared.plan.keys.cbegin(), prepared.plan.keys.cend(),
                [](const KeyChange& key) { return !key.changes.isEmpty(); });
            if (!changes) {
                const QString text = prepared.plan.keys.isEmpty()
                    ? tr("Nothing to change: no key to repair.")
                    : tr("Nothing to change.") + u' ' + RepairPreviewDialog::summaryText(prepared);
                Prompt::noteShown(request.title, text);
                emit context->writeReported({ request.title, text, {}, {}, false });
                return;
            }
            if (!Prompt::confirmRepair(guard, request.title, prepared, request.typeToConfirm))
                return;
            JobRunner::Work<WriteOutcome> apply = repairApplyWork(prepared, request);
            WriteFlow::apply(context, guard, progress, request.title, std::move(apply), {});
        },
        [progress](qint64 done, qint64 total) { progress->setProgress(done, total); });
    progress->start(id, tr("Preparing the preview…"));
}

void WriteFlow::runUndo(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
    JobRunner::Work<WriteOutcome> job)
{
    apply(context, parent, progress, title, std::move(job), {}, true);
}

void WriteFlow::runDirect(ConsoleContext* context, QWidget* parent, JobProgress* progress,
    const QString& title, const QString& question, JobRunner::Work<WriteOutcome> job,
    const std::function<void(const WriteOutcome&)>& applied)
{
    if (!question.isEmpty() && !Prompt::confirm(parent, title, question))
        return;
    apply(context, parent, progress, title, std::move(job), applied);
}

void WriteFlow::apply(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
    JobRunner::Work<WriteOutcome> job, const std::function<void(const WriteOutcome&)>& applied, bool undo)
{
    QPointer<QWidget> guard(parent);
    // The plan a write executed and the rows it changed are freed in the worker: the pages need only
    // which keys changed, and freeing 10,000 keys' rows took the GUI thread 0.6 s. The job itself (and
    // the plan it captured) may be destroyed by whichever thread drops the queued call last, so it is
    // released here, right after it ran.
    auto inner = std::make_shared<JobRunner::Work<WriteOutcome>>(std::move(job));
    JobRunner::Work<WriteOutcome> slimmed
        = [inner](Session& session, CancelToken& cancel, const ProgressFn& report) -> Result<WriteOutcome> {
        Result<WriteOutcome> done = (*inner)(session, cancel, report);
        *inner = {};
        if (!done)
            return done;
        for (KeyChange& key : done->applied) {
            KeyChange which;
            which.key = key.key;
            which.action = key.action;
            key = std::move(which);
        }
        return done;
    };
    const quint64 id = context->jobs().submit<WriteOutcome>(
        JobRunner::Lane::Action, std::move(slimmed), parent,
        [context, guard, progress, title, applied, undo](const Result<WriteOutcome>& outcome) {
            progress->finish();
            if (!outcome) {
                Prompt::error(guard, title, Wording::error(outcome.error()));
                emit context->databaseChanged(); // a cancelled batch may have committed earlier keys
                emit context->wrote();
                return;
            }
            const WriteOutcome& result = *outcome;
            // Said in the page's message bar, with Undo, not in a box to dismiss.
            Prompt::noteShown(title, outcomeText(result));
            emit context->writeReported(
                { title, outcomeText(result), result.batchId, result.auditIds, undo });
            if (applied)
                applied(result);
            emit context->databaseChanged();
            emit context->wrote();
        },
        [progress](qint64 done, qint64 total) { progress->setProgress(done, total); });
    progress->start(id, tr("Applying…"));
}

} // namespace cc::ui
