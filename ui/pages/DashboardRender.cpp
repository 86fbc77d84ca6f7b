// The dashboard drawn from one snapshot of stored runs: badge, gauge, cards, charts, top violations
// and what is monitored.
#include "DashboardPage.h"

#include "ConsoleContext.h"
#include "Wording.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "widgets/Banner.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/MetricCard.h"
#include "widgets/StatusBadge.h"

#include <QLabel>
#include <QLocale>
#include <QTableWidget>

namespace cc::ui {

namespace {
QString count(qint64 value)
{
    return QLocale().toString(value);
}
QString optionalCount(std::optional<qint64> value)
{
    return value ? count(*value) : QStringLiteral("—");
}
} // namespace

void DashboardPage::render(const DashboardSnapshot& snapshot)
{
    m_snapshot = snapshot;
    const std::optional<HealthReport>& latest = snapshot.latest;
    const Thresholds thresholds = latest ? latest->thresholds : m_context->info().thresholds;
    RunStatus status = latest ? latest->status : RunStatus::NoData;
    if (snapshot.newest && snapshot.newest->status == RunStatus::Error
        && (!latest || snapshot.newest->startedAt > latest->startedAt))
        status = RunStatus::Error;
    m_badge->setStatus(status);
    m_gauge->setReading(latest ? latest->rateHundredths : std::nullopt, thresholds);
    renderCards(snapshot, thresholds);
    renderCharts(snapshot, thresholds);
    renderTopViolations(snapshot);
    renderMonitoring(latest);
    emit lastCheckChanged(latest ? latest->startedAt : QDateTime());
    emit refreshed();
}

void DashboardPage::renderCards(const DashboardSnapshot& snapshot, const Thresholds& thresholds)
{
    const std::optional<HealthReport>& latest = snapshot.latest;
    if (latest) {
        qint64 warnings = 0;
        for (qint64 value : latest->warnings)
            warnings += value;
        m_pairs->setValue(count(latest->totalPairs), tr("%1 consistent").arg(count(latest->consistent)));
        m_violations->setValue(count(latest->inconsistent), tr("inconsistent pairs"));
        m_rate->setValue(
            latest->rateHundredths ? Wording::rate(*latest->rateHundredths) : QStringLiteral("—"),
            tr("healthy ≥ %1").arg(Wording::rate(thresholds.healthy)));
        m_warnings->setValue(count(warnings), tr("do not affect the rate"));
        m_new->setValue(optionalCount(latest->newSincePrevious), tr("new violations"));
        m_resolved->setValue(optionalCount(latest->resolvedSincePrevious), tr("resolved violations"));
        m_changes->setValue(count(snapshot.changesSinceCheck),
            snapshot.changesSinceCheck > 0 ? tr("writes after this check: run it again")
                                           : tr("audit entries"));
        m_staff->setValue(count(latest->staffCredentials), tr("teaching licenses, not pairs"));
    } else {
        for (MetricCard* card : std::as_const(m_cards))
            card->setValue(QStringLiteral("—"), tr("no completed check yet"));
    }
}

void DashboardPage::renderCharts(const DashboardSnapshot& snapshot, const Thresholds& thresholds)
{
    const std::optional<HealthReport>& latest = snapshot.latest;
    m_rateChart->setHistory(snapshot.history, snapshot.changes, thresholds, snapshot.from, snapshot.to);
    QStringList kinds;
    QStringList kindLabels;
    QList<qreal> kindCounts;
    for (int i = 0; i < violationKindCount; ++i) {
        kinds << kindName(ViolationKind(i));
        kindLabels << Wording::kind(kinds.last());
        kindCounts << (latest ? qreal(latest->byKind.at(size_t(i))) : 0.0);
    }
    m_byKind->setCounts(kinds, kindLabels, kindCounts);
    QStringList tracks;
    QList<qreal> trackCounts;
    if (latest) {
        for (auto it = latest->byTrack.cbegin(); it != latest->byTrack.cend(); ++it) {
            tracks << it.key();
            trackCounts << qreal(it->inconsistent);
        }
    }
    m_byTrack->setCounts(tracks, tracks, trackCounts);
}

void DashboardPage::renderTopViolations(const DashboardSnapshot& snapshot)
{
    const std::optional<HealthReport>& latest = snapshot.latest;
    const bool clean = latest && latest->inconsistent == 0;
    m_healthyBanner->setVisible(clean);
    if (clean)
        m_healthyBanner->showMessage(latest->totalPairs > 0
                ? tr("All %1 pairs are consistent.").arg(count(latest->totalPairs))
                : tr("There are no pairs to check yet."));
    m_topViolations->setVisible(!clean);
    m_topViolations->setRowCount(0);
    for (const ViolationRecord& record : snapshot.topViolations) {
        const int row = m_topViolations->rowCount();
        m_topViolations->insertRow(row);
        auto* user = new QTableWidgetItem(QString::number(record.userId));
        user->setData(Qt::UserRole, record.userId);
        m_topViolations->setItem(row, 0, user);
        m_topViolations->setItem(row, 1, new QTableWidgetItem(record.track));
        m_topViolations->setItem(row, 2, new QTableWidgetItem(Wording::kind(record.kind)));
        m_topViolations->setItem(row, 3, new QTableWidgetItem(Wording::reason(record.kind, record.reason)));
    }
    m_topViolations->resizeColumnsToContents();
}

void DashboardPage::renderMonitoring(const std::optional<HealthReport>& latest)
{
    const ConsoleInfo& info = m_context->info();
    const QDateTime now = QDateTime::currentDateTime();
    if (m_autoReread && latest)
        m_lastRefresh->setText(
            tr("Last refresh %1 (re-read; the data was last checked %2)")
                .arg(QLocale().toString(now.time(), QLocale::LongFormat),
                    Wording::age(latest->startedAt.secsTo(QDateTime::currentDateTimeUtc()))));
    else
        m_lastRefresh->setText(
            tr("Last refresh %1").arg(QLocale().toString(now.time(), QLocale::LongFormat)));
    QString monitoring;
    if (latest) {
        monitoring = tr("Last check %1 by %2, %3 ms, on %4.")
                         .arg(QLocale().toString(latest->startedAt.toLocalTime(), QLocale::ShortFormat),
                             latest->operatorName, count(latest->durationMs), latest->database);
    } else if (!info.toolsInstalled && info.loaded) {
        monitoring = tr("This database has no Coupling Console tables: checks are not stored.");
    } else {
        monitoring = tr("No completed check yet: press “Run check now”.");
    }
    monitoring += u' '
        + (m_scheduleMinutes > 0 ? tr("Scheduled checks every %n min (skipped when a newer check exists).",
               nullptr, m_scheduleMinutes)
                                 : tr("Scheduled checks are off."));
    m_monitoring->setText(monitoring);
}

} // namespace cc::ui
