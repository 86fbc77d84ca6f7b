// The User page's writes: one track's sync or level, every track's repair, the last change's revert.
#include "UserPage.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "Wording.h"
#include "WriteFlow.h"
#include "widgets/JobProgress.h"
#include "write/Operations.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>

namespace cc::ui {

void UserPage::onTrackRequest(const TrackView& track, TrackPanel::Request request)
{
    const Action action = request == TrackPanel::Request::SetLevel ? Action::SetLevel : Action::SyncOne;
    m_context->beforeWrite(action, this, [this, track, request] { writeTrack(track, request); });
}

void UserPage::writeTrack(const TrackView& track, TrackPanel::Request request)
{
    const KeyRef key = track.rows.key;
    WriteRequest write;
    write.typeToConfirm = m_context->confirmationFor(key.userId);
    write.apply = [](const Plan& plan) {
        return JobRunner::Work<WriteOutcome>([plan](Session& session, CancelToken&, const ProgressFn&) {
            return CouplingWriter::apply(session, plan);
        });
    };
    if (request == TrackPanel::Request::SetLevel) {
        const int max = m_context->info().maxLevels.value(key.track, 1);
        // A stored level beyond the catalogue (even beyond 32 bits) starts the prompt at the nearest valid
        // one.
        const int current = int(std::clamp<qint64>(
            track.classification.progressLevel.value_or(track.classification.licenseLevel.value_or(1)), 1,
            max));
        const auto choice = Prompt::askLevel(
            this, tr("Set level of user %1, %2").arg(key.userId).arg(key.track), current, max);
        if (!choice)
            return;
        write.title = tr("Set level %1 for user %2, %3").arg(choice->level).arg(key.userId).arg(key.track);
        write.preview = JobRunner::Work<Plan>(
            [key, choice = *choice](Session& session, CancelToken&, const ProgressFn&) {
                return CouplingWriter::preview(session, { key },
                    Operations::setLevelPlanner(choice.level, choice.reason, ProgressDelta {}));
            });
    } else {
        const SyncDirection direction = request == TrackPanel::Request::SyncProgressToLicense
            ? SyncDirection::ProgressToLicense
            : request == TrackPanel::Request::SyncLicenseToProgress ? SyncDirection::LicenseToProgress
                                                                    : SyncDirection::TowardHigher;
        write.title = request == TrackPanel::Request::SyncProgressToLicense ? tr("Sync progress → license")
            : request == TrackPanel::Request::SyncLicenseToProgress         ? tr("Sync license → progress")
                                                                    : tr("Sync toward the higher level");
        write.title += tr(" for user %1, %2").arg(key.userId).arg(key.track);
        write.preview
            = JobRunner::Work<Plan>([key, direction](Session& session, CancelToken&, const ProgressFn&) {
                  return Operations::previewSync(session, key, direction);
              });
    }
    WriteFlow::run(m_context, this, m_progress, write);
}

void UserPage::repairUser()
{
    if (m_loaded)
        m_context->beforeWrite(Action::RepairOne, this, [this] { previewRepair(); });
}

void UserPage::previewRepair()
{
    if (!m_loaded)
        return;
    const qint64 userId = m_view.user.id;
    RepairOptions options;
    options.createLicenses = m_createLicenses->isChecked();
    WriteRequest write;
    write.title = tr("Repair all tracks of user %1").arg(userId);
    write.typeToConfirm = m_context->confirmationFor(userId);
    write.preview
        = JobRunner::Work<Plan>([userId, options](Session& session, CancelToken&, const ProgressFn&) {
              return Repair::previewUser(session, userId, QString(), options);
          });
    write.apply = [](const Plan& plan) {
        return JobRunner::Work<WriteOutcome>([plan](Session& session, CancelToken&, const ProgressFn&) {
            return CouplingWriter::apply(session, plan);
        });
    };
    WriteFlow::run(m_context, this, m_progress, write);
}

void UserPage::revertLastChange()
{
    if (!m_loaded || m_view.history.isEmpty())
        return;
    m_context->beforeWrite(
        Reverter::permissionFor(m_view.history.first()), this, [this] { confirmRevert(); });
}

void UserPage::confirmRevert()
{
    if (!m_loaded || m_view.history.isEmpty())
        return;
    const AuditEntry entry = m_view.history.first();
    const QString question
        = tr("Revert audit entry #%1 (%2 on %3, %4)?\n\nBefore: %5\nAfter: %6")
              .arg(entry.id)
              .arg(Wording::auditAction(entry.action), entry.track,
                  QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat),
                  QString::fromUtf8(QJsonDocument(entry.before).toJson(QJsonDocument::Compact)),
                  QString::fromUtf8(QJsonDocument(entry.after).toJson(QJsonDocument::Compact)));
    const QString confirmText = m_context->confirmationFor(m_view.user.id);
    const qint64 id = entry.id;
    JobRunner::Work<WriteOutcome> job(
        [id](Session& session, CancelToken&, const ProgressFn&) { return Reverter::revert(session, id); });
    if (!confirmText.isEmpty()) {
        if (!Prompt::confirmPlan(this, tr("Revert last change"),
                tr("Restores the rows exactly as they were before this entry."), question, confirmText))
            return;
        WriteFlow::runDirect(m_context, this, m_progress, tr("Revert last change"), QString(), job, {});
        return;
    }
    WriteFlow::runDirect(m_context, this, m_progress, tr("Revert last change"), question, job, {});
}

} // namespace cc::ui
