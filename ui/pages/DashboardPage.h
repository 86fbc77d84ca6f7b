#pragma once

#include "check/DashboardSnapshot.h"

#include <QTimer>
#include <QWidget>

class QBoxLayout;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QTableWidget;
class QVBoxLayout;
class QToolButton;

namespace cc::ui {

class Banner;
class ConsistencyGauge;
class ConsoleContext;
class CountBarChart;
class JobProgress;
class MetricCard;
class RateHistoryChart;
class RefreshControl;
class StatusBadge;

// The health dashboard. A refresh reads stored runs (so it sees checks made by cron or another
// admin); "Run check now" runs a new check in the worker with progress and Cancel. Scheduled
// checks run only when no completed run is younger than their interval.
class DashboardPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)
    Q_PROPERTY(int cardColumns READ cardColumns)

public:
    explicit DashboardPage(ConsoleContext* context, QWidget* parent = nullptr);

    // Re-reads the snapshot; asked for while a read runs, reads once more after it.
    void refresh();
    void runCheckNow();
    // The dashboard as it looks now, as a PNG file; the latest completed run as a PDF report.
    void exportPng();
    void exportPdf();
    // Suspends auto-refresh while the window is hidden or minimised; refreshes on return.
    void setWindowActive(bool active);
    void setScheduleMinutes(int minutes); // 0: off
    int scheduleMinutes() const { return m_scheduleMinutes; }
    // What the schedule timer does: a full check unless one is running or any completed run, by
    // anyone, is younger than the interval.
    void scheduledCheck();
    // After a write from this window: a new check when the last one took at most
    // recheckBudgetMs() (QSettings "dashboard/recheckAfterWriteMs", 10 s by default), else a
    // re-read whose "Changes since this check" card tells that the check is out of date.
    void checkAfterWrite();
    static qint64 recheckBudgetMs();
    // What the auto-refresh timer does (live dashboard): a real check when the last one took under
    // 1/liveCheckDivisor() of the interval (QSettings "dashboard/liveCheckDivisor", 10 by default),
    // else a re-read that says when the data was last checked.
    void autoRefresh();
    static int liveCheckDivisor();
    // True when the last auto-refresh only re-read the stored run.
    bool lastAutoRefreshReread() const { return m_autoReread; }
    int cardColumns() const { return m_cardColumns; }
    bool isCheckRunning() const { return m_checkJob != 0; }
    const DashboardSnapshot& snapshot() const { return m_snapshot; }
    QString lastRefreshText() const;
    RefreshControl* refreshControl() const { return m_refresh; }

signals:
    void refreshed();
    void lastCheckChanged(const QDateTime& startedAt);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    bool m_autoReread = false;
    QPushButton* buildHeader(QVBoxLayout* layout);
    void buildStatusLines(QVBoxLayout* layout);
    void buildCards(QVBoxLayout* layout);
    void buildCharts(QVBoxLayout* layout);
    void connectControls(QPushButton* refreshButton);
    void render(const DashboardSnapshot& snapshot);
    void renderCards(const DashboardSnapshot& snapshot, const Thresholds& thresholds);
    void renderCharts(const DashboardSnapshot& snapshot, const Thresholds& thresholds);
    void renderTopViolations(const DashboardSnapshot& snapshot);
    void renderMonitoring(const std::optional<HealthReport>& latest);
    void showFailure(const QString& message);
    void startCheck(bool scheduled);
    void relayout();
    qint64 rangeSeconds() const;

    ConsoleContext* m_context;
    DashboardSnapshot m_snapshot;
    StatusBadge* m_badge = nullptr;
    ConsistencyGauge* m_gauge = nullptr;
    MetricCard* m_pairs = nullptr;
    MetricCard* m_violations = nullptr;
    MetricCard* m_rate = nullptr;
    MetricCard* m_warnings = nullptr;
    MetricCard* m_new = nullptr;
    MetricCard* m_resolved = nullptr;
    MetricCard* m_changes = nullptr;
    MetricCard* m_staff = nullptr;
    QList<MetricCard*> m_cards;
    QGridLayout* m_cardGrid = nullptr;
    QBoxLayout* m_top = nullptr;
    QWidget* m_content = nullptr;
    QBoxLayout* m_header = nullptr;
    QBoxLayout* m_controls = nullptr;
    QGridLayout* m_chartGrid = nullptr;
    RateHistoryChart* m_rateChart = nullptr;
    QComboBox* m_range = nullptr;
    QWidget* m_rateBox = nullptr;
    CountBarChart* m_byKind = nullptr;
    CountBarChart* m_byTrack = nullptr;
    QWidget* m_violationsBox = nullptr;
    QTableWidget* m_topViolations = nullptr;
    Banner* m_healthyBanner = nullptr;
    Banner* m_errorBanner = nullptr;
    Banner* m_noticeBanner = nullptr;
    RefreshControl* m_refresh = nullptr;
    QPushButton* m_checkButton = nullptr;
    QToolButton* m_exportButton = nullptr;
    JobProgress* m_progress = nullptr;
    QLabel* m_lastRefresh = nullptr;
    QLabel* m_monitoring = nullptr;
    QTimer m_retryTimer;
    QTimer m_scheduleTimer;
    int m_scheduleMinutes = 5;
    int m_cardColumns = 4;
    bool m_refreshing = false;
    bool m_refreshAgain = false; // asked for while a read ran, which may predate what changed
    bool m_failed = false;
    bool m_windowActive = true;
    bool m_autoChecked = false;
    bool m_recheckPending = false; // a write came while a check ran: check again when it ends
    quint64 m_checkJob = 0;
};

} // namespace cc::ui
