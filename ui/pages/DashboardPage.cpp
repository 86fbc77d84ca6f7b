#include "DashboardPage.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "ScheduledCheck.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "report/HealthReportWriter.h"
#include "widgets/Banner.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/JobProgress.h"
#include "widgets/MetricCard.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"
#include "widgets/TableColumns.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QDir>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSettings>
#include <QTableWidget>
#include <QToolButton>

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

DashboardPage::DashboardPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    m_content = content;
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);

    // Header: title, badge, refresh control, run check.
    auto* header = new QBoxLayout(QBoxLayout::LeftToRight);
    m_header = header;
    auto* titleRow = new QHBoxLayout;
    auto* controlsRow = new QBoxLayout(QBoxLayout::LeftToRight);
    m_controls = controlsRow;
    auto* buttonsRow = new QHBoxLayout;
    auto* title = new QLabel(tr("Health"), content);
    title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_badge = new StatusBadge(content);
    m_badge->setObjectName(QStringLiteral("statusBadge"));
    m_refresh = new RefreshControl(content);
    m_refresh->setObjectName(QStringLiteral("refreshControl"));
    m_checkButton = new QPushButton(tr("Run check now"), content);
    m_checkButton->setObjectName(QStringLiteral("runCheckButton"));
    m_checkButton->setDefault(true);
    auto* refreshButton = new QPushButton(tr("Refresh"), content);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    titleRow->addWidget(title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_badge);
    titleRow->addStretch();
    controlsRow->addStretch();
    controlsRow->addWidget(m_refresh);
    buttonsRow->addWidget(refreshButton);
    buttonsRow->addWidget(m_checkButton);
    m_exportButton = new QToolButton(content);
    m_exportButton->setObjectName(QStringLiteral("dashboardExportButton"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Save the dashboard as a picture or the latest check as a PDF report"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* exportMenu = new QMenu(m_exportButton);
    QAction* exportPngAction = exportMenu->addAction(tr("Export PNG…"));
    exportPngAction->setObjectName(QStringLiteral("exportDashboardPngAction"));
    QAction* exportPdfAction = exportMenu->addAction(tr("Export PDF report…"));
    exportPdfAction->setObjectName(QStringLiteral("exportReportPdfAction"));
    m_exportButton->setMenu(exportMenu);
    // The actions also live on the page, so tests and shortcuts find them without opening the menu.
    addAction(exportPngAction);
    addAction(exportPdfAction);
    connect(exportPngAction, &QAction::triggered, this, &DashboardPage::exportPng);
    connect(exportPdfAction, &QAction::triggered, this, &DashboardPage::exportPdf);
    buttonsRow->addWidget(m_exportButton);
    buttonsRow->addStretch();
    controlsRow->addLayout(buttonsRow);
    header->addLayout(titleRow, 1);
    header->addLayout(controlsRow);
    layout->addLayout(header);

    m_progress = new JobProgress(&context->jobs(), content);
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    layout->addWidget(m_progress);
    m_errorBanner = new Banner(QStringLiteral("errorBanner"), Banner::Tone::Error, content);
    m_errorBanner->setActionText(tr("Retry"));
    layout->addWidget(m_errorBanner);
    m_noticeBanner = new Banner(QStringLiteral("noticeBanner"), Banner::Tone::Neutral, content);
    layout->addWidget(m_noticeBanner);

    auto* infoLine = new QHBoxLayout;
    m_lastRefresh = new QLabel(tr("Not refreshed yet"), content);
    m_lastRefresh->setObjectName(QStringLiteral("lastRefreshLabel"));
    m_monitoring = new QLabel(content);
    m_monitoring->setObjectName(QStringLiteral("monitoringInfo"));
    m_monitoring->setWordWrap(true);
    const auto muted = [] { return QStringLiteral("color: %1;").arg(ThemeColors::mutedText().name()); };
    ThemeColors::setStyleSheet(m_lastRefresh, muted);
    ThemeColors::setStyleSheet(m_monitoring, muted);
    infoLine->addWidget(m_monitoring, 1);
    infoLine->addWidget(m_lastRefresh);
    layout->addLayout(infoLine);

    // Gauge and metric cards.
    auto* top = new QBoxLayout(QBoxLayout::LeftToRight);
    m_top = top;
    m_gauge = new ConsistencyGauge(content);
    m_gauge->setObjectName(QStringLiteral("consistencyGauge"));
    m_gauge->setMinimumWidth(300);
    top->addWidget(m_gauge);
    m_cardGrid = new QGridLayout;
    m_cardGrid->setSpacing(8);
    m_pairs = new MetricCard(QStringLiteral("metricPairs"), tr("Pairs checked"), content);
    m_violations = new MetricCard(QStringLiteral("metricViolations"), tr("Violations"), content);
    m_rate = new MetricCard(QStringLiteral("metricRate"), tr("Consistency rate"), content);
    m_warnings = new MetricCard(QStringLiteral("metricWarnings"), tr("Warnings"), content);
    m_new = new MetricCard(QStringLiteral("metricNew"), tr("New since previous run"), content);
    m_resolved = new MetricCard(QStringLiteral("metricResolved"), tr("Resolved since previous run"), content);
    m_changes = new MetricCard(QStringLiteral("metricChanges"), tr("Changes since this check"), content);
    // Staff credentials (docs/BEHAVIOUR.md C2): license-only keys of staff users; not pairs, not in the rate.
    m_staff = new MetricCard(QStringLiteral("metricStaffCredentials"), tr("Staff credentials"), content);
    m_staff->setToolTip(tr(
        "Licenses that instructors, admins and other staff hold as teaching credentials, with no progress by "
        "design. "
        "They are not pairs: not among the pairs checked, not violations, no part of the consistency rate, "
        "and never repaired."));
    m_cards = { m_pairs, m_violations, m_rate, m_warnings, m_new, m_resolved, m_changes, m_staff };
    top->addLayout(m_cardGrid, 1);
    layout->addLayout(top);

    // Charts.
    m_chartGrid = new QGridLayout;
    m_chartGrid->setSpacing(8);
    m_rateBox = new QWidget(content);
    auto* rateLayout = new QVBoxLayout(m_rateBox);
    rateLayout->setContentsMargins(0, 0, 0, 0);
    auto* rangeLine = new QHBoxLayout;
    rangeLine->addStretch();
    rangeLine->addWidget(new QLabel(tr("Range:"), m_rateBox));
    m_range = new QComboBox(m_rateBox);
    m_range->setObjectName(QStringLiteral("historyRange"));
    m_range->addItem(tr("1 hour"), 3600);
    m_range->addItem(tr("24 hours"), 86400);
    m_range->addItem(tr("7 days"), 7 * 86400);
    m_range->addItem(tr("30 days"), 30 * 86400);
    m_range->addItem(tr("All"), 0);
    m_range->setCurrentIndex(1);
    rangeLine->addWidget(m_range);
    rateLayout->addLayout(rangeLine);
    m_rateChart = new RateHistoryChart(m_rateBox);
    rateLayout->addWidget(m_rateChart, 1);
    m_byKind = new CountBarChart(QStringLiteral("byKindChart"), tr("Violations by kind"), content);
    m_byTrack = new CountBarChart(QStringLiteral("byTrackChart"), tr("Violations by track"), content);

    m_violationsBox = new QWidget(content);
    auto* boxLayout = new QVBoxLayout(m_violationsBox);
    boxLayout->setContentsMargins(0, 0, 0, 0);
    m_healthyBanner = new Banner(QStringLiteral("healthyBanner"), Banner::Tone::Good, m_violationsBox);
    boxLayout->addWidget(m_healthyBanner);
    m_topViolations = new QTableWidget(0, 4, m_violationsBox);
    m_topViolations->setObjectName(QStringLiteral("topViolationsTable"));
    m_topViolations->setHorizontalHeaderLabels({ tr("User"), tr("Track"), tr("Kind"), tr("Reason") });
    m_topViolations->horizontalHeader()->setStretchLastSection(true);
    m_topViolations->verticalHeader()->hide();
    m_topViolations->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_topViolations->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_topViolations->setMinimumHeight(180);
    showFullTextOfCutCells(m_topViolations);
    m_topViolations->setToolTip(tr("Double-click a row to open the user"));
    boxLayout->addWidget(m_topViolations, 1);
    boxLayout->addStretch();
    layout->addLayout(m_chartGrid, 1);
    relayout();

    connect(refreshButton, &QPushButton::clicked, this, [this] {
        m_autoReread = false;
        refresh();
    });
    connect(m_checkButton, &QPushButton::clicked, this, &DashboardPage::runCheckNow);
    connect(m_refresh, &RefreshControl::refreshDue, this, &DashboardPage::autoRefresh);
    // From the status to its cause in one click: the badge and the cards open what they count.
    auto openViolations = [this](const QString& kind) {
        return [this, kind] { emit m_context->openViolationsRequested(kind, QString()); };
    };
    connect(m_badge, &StatusBadge::activated, this, openViolations(QString()));
    connect(m_violations, &MetricCard::activated, this, openViolations(QString()));
    connect(m_rate, &MetricCard::activated, this, openViolations(QString()));
    connect(m_new, &MetricCard::activated, this, openViolations(QString()));
    connect(m_warnings, &MetricCard::activated, this, openViolations(QStringLiteral("*warnings")));
    m_badge->setToolTip(tr("Open the violations of the latest check"));
    connect(m_errorBanner, &Banner::actionClicked, this, &DashboardPage::refresh);
    connect(m_range, &QComboBox::currentIndexChanged, this, &DashboardPage::refresh);
    connect(m_byKind, &CountBarChart::categoryActivated, this,
        [this](const QString& kind) { emit m_context->openViolationsRequested(kind, QString()); });
    connect(m_byTrack, &CountBarChart::categoryActivated, this,
        [this](const QString& track) { emit m_context->openViolationsRequested(QString(), track); });
    connect(m_topViolations, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (auto* item = m_topViolations->item(row, 0))
            emit m_context->openUserRequested(item->data(Qt::UserRole).toLongLong());
    });
    connect(context, &ConsoleContext::databaseChanged, this, &DashboardPage::refresh);
    connect(context, &ConsoleContext::wrote, this, &DashboardPage::checkAfterWrite);
    connect(context, &ConsoleContext::infoChanged, this, [this] { refresh(); });

    // Failures stop the countdown; this retries quietly until the database answers again.
    m_retryTimer.setInterval(5000);
    connect(&m_retryTimer, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &DashboardPage::scheduledCheck);
    setScheduleMinutes(m_scheduleMinutes);
}

qint64 DashboardPage::rangeSeconds() const
{
    return m_range->currentData().toLongLong();
}

void DashboardPage::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    const qint64 range = rangeSeconds();
    m_context->jobs().submit<DashboardSnapshot>(
        JobRunner::Lane::Read,
        [range](Session& session, CancelToken&, const ProgressFn&) {
            return DashboardSnapshot::read(session, range);
        },
        this,
        [this](const Result<DashboardSnapshot>& outcome) {
            m_refreshing = false;
            if (!outcome) {
                showFailure(Wording::error(outcome.error()));
                return;
            }
            m_failed = false;
            m_retryTimer.stop();
            m_errorBanner->hide();
            m_refresh->setSuspended(!m_windowActive, tr("paused while hidden"));
            m_refresh->restart();
            render(*outcome);
            // A new database: show a real check at once instead of an empty dashboard.
            const ConsoleInfo& info = m_context->info();
            if (!m_autoChecked && !m_snapshot.latest && !m_snapshot.newest && info.loaded
                && info.toolsInstalled && !info.readOnly) {
                m_autoChecked = true;
                startCheck(false);
            }
        });
}

void DashboardPage::showFailure(const QString& message)
{
    m_failed = true;
    m_badge->setStatus(RunStatus::Error);
    m_errorBanner->showMessage(tr("The dashboard cannot be refreshed. %1").arg(message));
    m_refresh->setSuspended(true, tr("stopped: error"));
    if (!m_retryTimer.isActive())
        m_retryTimer.start();
    emit refreshed();
}

void DashboardPage::setWindowActive(bool active)
{
    if (m_windowActive == active)
        return;
    m_windowActive = active;
    if (m_failed)
        return;
    m_refresh->setSuspended(!active, tr("paused while hidden"));
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    relayout();
}

void DashboardPage::render(const DashboardSnapshot& snapshot)
{
    m_snapshot = snapshot;
    const ConsoleInfo& info = m_context->info();
    const std::optional<HealthReport>& latest = snapshot.latest;
    const Thresholds thresholds = latest ? latest->thresholds : info.thresholds;
    RunStatus status = latest ? latest->status : RunStatus::NoData;
    if (snapshot.newest && snapshot.newest->status == RunStatus::Error
        && (!latest || snapshot.newest->startedAt > latest->startedAt))
        status = RunStatus::Error;
    m_badge->setStatus(status);
    m_gauge->setReading(latest ? latest->rateHundredths : std::nullopt, thresholds);

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

    m_rateChart->setHistory(snapshot.history, snapshot.markers, thresholds, snapshot.from, snapshot.to);
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
    emit lastCheckChanged(latest ? latest->startedAt : QDateTime());
    emit refreshed();
}

void DashboardPage::runCheckNow()
{
    startCheck(false);
}

void DashboardPage::exportPng()
{
    const QString title = tr("Export the dashboard as PNG");
    const QString path = Prompt::saveFile(
        this, title, QDir::home().filePath(QStringLiteral("dashboard.png")), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    // The whole dashboard, also the part scrolled out of view.
    const QPixmap picture = m_content->grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !picture.save(&file, "PNG") || !file.commit()) {
        Prompt::error(this, title,
            tr("The picture cannot be written to %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    Prompt::information(this, title,
        tr("Dashboard saved to %1 (%2 × %3 pixels).")
            .arg(QDir::toNativeSeparators(path))
            .arg(picture.width())
            .arg(picture.height()));
}

void DashboardPage::exportPdf()
{
    const QString title = tr("Export PDF report");
    const QString path = Prompt::saveFile(
        this, title, QDir::home().filePath(QStringLiteral("health-report.pdf")), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    m_exportButton->setEnabled(false);
    m_context->jobs().submit<ReportContent>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) { return ReportContent::load(session); }, this,
        [this, path, title](const Result<ReportContent>& outcome) {
            m_exportButton->setEnabled(true);
            if (!outcome) {
                Prompt::error(this, title, Wording::error(outcome.error()));
                return;
            }
            const auto written = HealthReportWriter::writePdf(*outcome, path);
            if (!written) {
                Prompt::error(this, title, Wording::error(written.error()));
                return;
            }
            Prompt::information(this, title, tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
        });
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

QString DashboardPage::lastRefreshText() const
{
    return m_lastRefresh->text();
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

void DashboardPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void DashboardPage::relayout()
{
    const bool narrow = width() < 900;
    // Wide: the gauge beside the cards; narrow: the gauge above them, cards across the width.
    m_top->setDirection(narrow ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_header->setDirection(narrow ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_controls->setDirection(narrow ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    const int available = narrow ? width() - 40 : width() - 340;
    const int columns = std::clamp(available / 175, 1, 4);
    if (columns != m_cardColumns || m_cardGrid->count() == 0) {
        m_cardColumns = columns;
        for (MetricCard* card : std::as_const(m_cards))
            m_cardGrid->removeWidget(card);
        for (int i = 0; i < m_cards.size(); ++i)
            m_cardGrid->addWidget(m_cards.at(i), i / columns, i % columns);
    }
    const bool wasNarrow = property("narrowLayout").toBool();
    // The scroll area sizes the content by its cached minimum size: recompute it now.
    const auto refit = qScopeGuard([this] {
        m_content->layout()->invalidate();
        m_content->updateGeometry();
    });
    if (m_chartGrid->count() > 0 && wasNarrow == narrow)
        return;
    setProperty("narrowLayout", narrow);
    for (QWidget* widget :
        { m_rateBox, static_cast<QWidget*>(m_byKind), static_cast<QWidget*>(m_byTrack), m_violationsBox })
        m_chartGrid->removeWidget(widget);
    if (narrow) {
        m_chartGrid->addWidget(m_rateBox, 0, 0);
        m_chartGrid->addWidget(m_byKind, 1, 0);
        m_chartGrid->addWidget(m_byTrack, 2, 0);
        m_chartGrid->addWidget(m_violationsBox, 3, 0);
        m_chartGrid->setColumnStretch(1, 0);
    } else {
        m_chartGrid->addWidget(m_rateBox, 0, 0);
        m_chartGrid->addWidget(m_byKind, 0, 1);
        m_chartGrid->addWidget(m_violationsBox, 1, 0);
        m_chartGrid->addWidget(m_byTrack, 1, 1);
        m_chartGrid->setColumnStretch(0, 3);
        m_chartGrid->setColumnStretch(1, 2);
    }
}

} // namespace cc::ui
