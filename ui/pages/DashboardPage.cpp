#include "DashboardPage.h"

#include "ConsoleContext.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "charts/CountBarChart.h"
#include "charts/RateHistoryChart.h"
#include "widgets/Banner.h"
#include "widgets/ConsistencyGauge.h"
#include "widgets/JobProgress.h"
#include "widgets/MetricCard.h"
#include "widgets/RefreshControl.h"
#include "widgets/StatusBadge.h"
#include "widgets/TableColumns.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>

namespace cc::ui {

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

    QPushButton* refreshButton = buildHeader(layout);
    buildStatusLines(layout);
    buildCards(layout);
    buildCharts(layout);
    relayout();
    connectControls(refreshButton);
}

// Title, badge, refresh control, run check, export.
QPushButton* DashboardPage::buildHeader(QVBoxLayout* layout)
{
    auto* header = new QBoxLayout(QBoxLayout::LeftToRight);
    m_header = header;
    auto* titleRow = new QHBoxLayout;
    auto* controlsRow = new QBoxLayout(QBoxLayout::LeftToRight);
    m_controls = controlsRow;
    auto* buttonsRow = new QHBoxLayout;
    auto* title = new QLabel(tr("Health"), m_content);
    title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_badge = new StatusBadge(m_content);
    m_badge->setObjectName(QStringLiteral("statusBadge"));
    m_refresh = new RefreshControl(m_content);
    m_refresh->setObjectName(QStringLiteral("refreshControl"));
    m_checkButton = new QPushButton(tr("Run check now"), m_content);
    m_checkButton->setObjectName(QStringLiteral("runCheckButton"));
    m_checkButton->setDefault(true);
    auto* refreshButton = new QPushButton(tr("Refresh"), m_content);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    titleRow->addWidget(title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_badge);
    titleRow->addStretch();
    controlsRow->addStretch();
    controlsRow->addWidget(m_refresh);
    buttonsRow->addWidget(refreshButton);
    buttonsRow->addWidget(m_checkButton);
    m_exportButton = new QToolButton(m_content);
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
    return refreshButton;
}

// Check progress, banners, what is monitored and when the page was refreshed.
void DashboardPage::buildStatusLines(QVBoxLayout* layout)
{
    m_progress = new JobProgress(&m_context->jobs(), m_content);
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    layout->addWidget(m_progress);
    m_errorBanner = new Banner(QStringLiteral("errorBanner"), Banner::Tone::Error, m_content);
    m_errorBanner->setActionText(tr("Retry"));
    layout->addWidget(m_errorBanner);
    m_noticeBanner = new Banner(QStringLiteral("noticeBanner"), Banner::Tone::Neutral, m_content);
    layout->addWidget(m_noticeBanner);

    auto* infoLine = new QHBoxLayout;
    m_lastRefresh = new QLabel(tr("Not refreshed yet"), m_content);
    m_lastRefresh->setObjectName(QStringLiteral("lastRefreshLabel"));
    m_monitoring = new QLabel(m_content);
    m_monitoring->setObjectName(QStringLiteral("monitoringInfo"));
    m_monitoring->setWordWrap(true);
    const auto muted = [] { return QStringLiteral("color: %1;").arg(ThemeColors::mutedText().name()); };
    ThemeColors::setStyleSheet(m_lastRefresh, muted);
    ThemeColors::setStyleSheet(m_monitoring, muted);
    infoLine->addWidget(m_monitoring, 1);
    infoLine->addWidget(m_lastRefresh);
    layout->addLayout(infoLine);
}

// The gauge and the metric cards.
void DashboardPage::buildCards(QVBoxLayout* layout)
{
    auto* top = new QBoxLayout(QBoxLayout::LeftToRight);
    m_top = top;
    m_gauge = new ConsistencyGauge(m_content);
    m_gauge->setObjectName(QStringLiteral("consistencyGauge"));
    m_gauge->setMinimumWidth(300);
    top->addWidget(m_gauge);
    m_cardGrid = new QGridLayout;
    m_cardGrid->setSpacing(8);
    m_pairs = new MetricCard(QStringLiteral("metricPairs"), tr("Pairs checked"), m_content);
    m_violations = new MetricCard(QStringLiteral("metricViolations"), tr("Violations"), m_content);
    m_rate = new MetricCard(QStringLiteral("metricRate"), tr("Consistency rate"), m_content);
    m_warnings = new MetricCard(QStringLiteral("metricWarnings"), tr("Warnings"), m_content);
    m_new = new MetricCard(QStringLiteral("metricNew"), tr("New since previous run"), m_content);
    m_resolved
        = new MetricCard(QStringLiteral("metricResolved"), tr("Resolved since previous run"), m_content);
    m_changes = new MetricCard(QStringLiteral("metricChanges"), tr("Changes since this check"), m_content);
    // Staff credentials (docs/BEHAVIOUR.md C2): license-only keys of staff users; not pairs, not in the rate.
    m_staff = new MetricCard(QStringLiteral("metricStaffCredentials"), tr("Staff credentials"), m_content);
    m_staff->setToolTip(tr(
        "Licenses that instructors, admins and other staff hold as teaching credentials, with no progress by "
        "design. "
        "They are not pairs: not among the pairs checked, not violations, no part of the consistency rate, "
        "and never repaired."));
    m_cards = { m_pairs, m_violations, m_rate, m_warnings, m_new, m_resolved, m_changes, m_staff };
    top->addLayout(m_cardGrid, 1);
    layout->addLayout(top);
}

// The rate history, the counts by kind and by track, the top violations.
void DashboardPage::buildCharts(QVBoxLayout* layout)
{
    m_chartGrid = new QGridLayout;
    m_chartGrid->setSpacing(8);
    m_rateBox = new QWidget(m_content);
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
    m_byKind = new CountBarChart(QStringLiteral("byKindChart"), tr("Violations by kind"), m_content);
    m_byTrack = new CountBarChart(QStringLiteral("byTrackChart"), tr("Violations by track"), m_content);

    m_violationsBox = new QWidget(m_content);
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
    m_topViolations->setTabKeyNavigation(false); // Tab moves on to the next control; arrows move inside
    m_topViolations->setMinimumHeight(180);
    showFullTextOfCutCells(m_topViolations);
    m_topViolations->setToolTip(tr("Double-click a row or press Enter to open the user"));
    boxLayout->addWidget(m_topViolations, 1);
    boxLayout->addStretch();
    layout->addLayout(m_chartGrid, 1);
}

void DashboardPage::connectControls(QPushButton* refreshButton)
{
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
    connect(m_rateChart, &RateHistoryChart::changesActivated, this, [this](const AuditChangeBucket& bucket) {
        emit m_context->openAuditRequested(AuditLog::entriesOf(bucket));
    });
    // A double-click or Enter (activation) opens the row's user.
    connect(m_topViolations, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (auto* item = m_topViolations->item(index.row(), 0))
            emit m_context->openUserRequested(item->data(Qt::UserRole).toLongLong());
    });
    connect(m_context, &ConsoleContext::databaseChanged, this, &DashboardPage::refresh);
    connect(m_context, &ConsoleContext::wrote, this, &DashboardPage::checkAfterWrite);
    connect(m_context, &ConsoleContext::infoChanged, this, [this] { refresh(); });

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
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
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
            if (std::exchange(m_refreshAgain, false))
                refresh(); // at once, so the jobs are never idle in between; this outcome still shows
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

QString DashboardPage::lastRefreshText() const
{
    return m_lastRefresh->text();
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
