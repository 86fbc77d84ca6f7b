#include "WriteFlow.h"

#include "Prompt.h"
#include "Wording.h"
#include "widgets/JobProgress.h"

#include <QPointer>
#include <QWidget>

namespace cc::ui {

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
            text += u"\n  " + tr("user %1, %2: %3").arg(key.key.userId).arg(key.key.track, key.reason);
    }
    if (outcome.cancelled)
        text += u"\n" + tr("Cancelled: the remaining keys were not changed.");
    return text;
}

void WriteFlow::run(ConsoleContext* context, QWidget* parent, JobProgress* progress, WriteRequest request)
{
    QPointer<QWidget> guard(parent);
    const quint64 id = context->jobs().submit(
        JobRunner::Lane::Action, request.preview, parent,
        [context, guard, progress, request](const JobOutcome& outcome) {
            progress->finish();
            if (!guard)
                return;
            if (!outcome.ok) {
                Prompt::error(guard, request.title, Wording::error(outcome.code, outcome.message));
                return;
            }
            const Plan plan = outcome.value.value<Plan>();
            bool changes = false;
            for (const KeyChange& key : plan.keys)
                changes = changes || !key.changes.isEmpty();
            if (!changes) {
                Prompt::information(guard, request.title, tr("Nothing to change.") + u'\n' + plan.describe());
                return;
            }
            if (!Prompt::confirmPlan(guard, request.title, summarize(plan), plan.describe(), request.typeToConfirm))
                return;
            apply(context, guard, progress, request.title, request.apply(plan), request.applied);
        });
    progress->start(id, tr("Preparing the preview…"));
}

void WriteFlow::runDirect(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title,
                          const QString& question, Job job, std::function<void(const WriteOutcome&)> applied)
{
    if (!question.isEmpty() && !Prompt::confirm(parent, title, question))
        return;
    apply(context, parent, progress, title, std::move(job), std::move(applied));
}

void WriteFlow::apply(ConsoleContext* context, QWidget* parent, JobProgress* progress, const QString& title, Job job,
                      std::function<void(const WriteOutcome&)> applied)
{
    QPointer<QWidget> guard(parent);
    const quint64 id = context->jobs().submit(
        JobRunner::Lane::Action, std::move(job), parent,
        [context, guard, progress, title, applied](const JobOutcome& outcome) {
            progress->finish();
            if (!outcome.ok) {
                Prompt::error(guard, title, Wording::error(outcome.code, outcome.message));
                emit context->databaseChanged(); // a cancelled batch may have committed earlier keys
                return;
            }
            const WriteOutcome result = outcome.value.value<WriteOutcome>();
            Prompt::information(guard, title, outcomeText(result));
            if (applied)
                applied(result);
            emit context->databaseChanged();
        },
        [progress](qint64 done, qint64 total) { progress->setProgress(done, total); });
    progress->start(id, tr("Applying…"));
}

} // namespace cc::ui
