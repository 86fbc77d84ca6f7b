// The dashboard's checks: "Run check now", the schedule, the live auto-refresh and the check after
// a write from this window.
#include "DashboardPage.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "Wording.h"
#include "check/ScheduledCheck.h"
#include "widgets/Banner.h"
#include "widgets/JobProgress.h"
#include "widgets/RefreshControl.h"

#include <QPushButton>
#include <QSettings>

namespace cc::ui {

void DashboardPage::runCheckNow()
{
    startCheck(false);
}

void DashboardPage::setScheduleMinutes(int minutes)
{
    m_scheduleMinutes = std::max(0, minutes);
    if (m_scheduleMinutes > 0)
        m_scheduleTimer.start(m_scheduleMinutes * 60 * 1000);
    else
        m_scheduleTimer.stop();
}

void DashboardPage::scheduledCheck()
{
    if (m_checkJob == 0 && !m_context->info().readOnly)
        startCheck(true);
}

qint64 DashboardPage::recheckBudgetMs()
{
    return QSettings().value(QStringLiteral("dashboard/recheckAfterWriteMs"), 10000).toLongLong();
}

int DashboardPage::liveCheckDivisor()
{
    return std::max(1, QSettings().value(QStringLiteral("dashboard/liveCheckDivisor"), 10).toInt());
}

void DashboardPage::autoRefresh()
{
    const std::optional<HealthReport>& latest = m_snapshot.latest;
    const ConsoleInfo& info = m_context->info();
    const qint64 budgetMs = qint64(m_refresh->intervalSeconds()) * 1000 / liveCheckDivisor();
    m_autoReread = !(!info.readOnly && info.toolsInstalled && latest && latest->durationMs < budgetMs);
    if (!m_autoReread && m_checkJob == 0) {
        startCheck(false); // refreshes when it is stored
        return;
    }
    refresh();
}

void DashboardPage::checkAfterWrite()
{
    const std::optional<HealthReport>& latest = m_snapshot.latest;
    const ConsoleInfo& info = m_context->info();
    if (info.readOnly || !info.toolsInstalled || !latest || latest->durationMs > recheckBudgetMs())
        return; // databaseChanged already re-reads; the changes card says the check is out of date
    if (m_checkJob != 0) {
        m_recheckPending = true; // that check may have read the rows before this write
        return;
    }
    startCheck(false);
}

void DashboardPage::startCheck(bool scheduled)
{
    if (m_checkJob != 0)
        return; // one at a time
    const qint64 interval = scheduled ? qint64(m_scheduleMinutes) * 60 : 0;
    JobRunner::Work<std::optional<HealthReport>> job
        = [interval](Session& session, CancelToken& cancel, const ProgressFn& progress) {
              CheckOptions options;
              options.violationLimit = 0;
              options.cancel = &cancel;
              options.progress = progress;
              return ScheduledCheck::run(session, options, interval);
          };
    m_checkButton->setEnabled(false);
    m_checkButton->setText(tr("Checking…"));
    m_checkJob = m_context->jobs().submit<std::optional<HealthReport>>(
        JobRunner::Lane::Action, std::move(job), this,
        [this](const Result<std::optional<HealthReport>>& outcome) {
            m_checkJob = 0;
            m_progress->finish();
            m_checkButton->setEnabled(true);
            m_checkButton->setText(tr("Run check now"));
            if (std::exchange(m_recheckPending, false))
                QTimer::singleShot(0, this, &DashboardPage::checkAfterWrite);
            if (!outcome) {
                if (outcome.error().code == ErrorCode::Cancelled)
                    m_noticeBanner->showMessage(tr("The check was cancelled; it is stored as cancelled."));
                else
                    Prompt::error(this, tr("Health check"), Wording::error(outcome.error()));
                refresh();
                return;
            }
            if (!*outcome)
                return; // scheduled check skipped: a younger run exists
            const HealthReport& report = **outcome;
            if (!report.runId) {
                // Not stored (read-only or no tool tables): show this result directly.
                m_noticeBanner->showMessage(tr("This check was not stored: %1").arg(report.message));
                DashboardSnapshot snapshot = m_snapshot;
                snapshot.latest = report;
                render(snapshot);
            } else {
                m_noticeBanner->hide();
                refresh();
            }
            emit m_context->checkFinished();
        },
        [this](qint64 done, qint64 total) { m_progress->setProgress(done, total); });
    m_progress->start(m_checkJob, scheduled ? tr("Scheduled health check…") : tr("Health check…"));
}

} // namespace cc::ui
