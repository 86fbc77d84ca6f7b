#include "RunHistoryPage.h"

#include "ConsoleContext.h"
#include "Wording.h"
#include "export/ExportFlow.h"
#include "models/RunHistoryModel.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace cc::ui {

RunHistoryPage::RunHistoryPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new RunHistoryModel(this))
{
    setObjectName(QStringLiteral("runHistoryPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* title = new QLabel(tr("Run history"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* summaryLine = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("runHistorySummary"));
    auto* refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(QStringLiteral("runHistoryRefresh"));
    summaryLine->addWidget(m_summary, 1);
    summaryLine->addWidget(refresh);
    layout->addLayout(summaryLine);

    layout->addWidget(buildTable(), 1);

    auto* actions = new QHBoxLayout;
    m_open = new QPushButton(tr("Show violations of this run"), this);
    m_open->setObjectName(QStringLiteral("runHistoryOpen"));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportRunsButton"));
    m_export->setToolTip(tr("Write every stored check to a CSV or JSON file"));
    actions->addWidget(m_export);
    actions->addStretch();
    actions->addWidget(m_open);
    layout->addLayout(actions);
    m_progress = new JobProgress(&context->jobs(), this);
    m_progress->setObjectName(QStringLiteral("runHistoryProgress"));
    layout->addWidget(m_progress);

    // activated covers Enter and, on every desktop style, double-click.
    connect(
        m_table, &QTableView::activated, this, [this](const QModelIndex& index) { openRow(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &RunHistoryPage::updateActions);
    connect(m_model, &RunHistoryModel::modelReset, this, &RunHistoryPage::updateActions);
    connect(m_open, &QPushButton::clicked, this, &RunHistoryPage::openSelected);
    connect(refresh, &QPushButton::clicked, this, &RunHistoryPage::reload);
    connect(m_export, &QPushButton::clicked, this, &RunHistoryPage::exportRuns);
    for (auto signal : { &ConsoleContext::checkFinished, &ConsoleContext::databaseChanged }) {
        connect(context, signal, this, [this] {
            if (isVisible())
                reload();
            else
                m_loadedOnce = false;
        });
    }
    updateActions();
}

// The stored runs, newest first; Enter or a double-click opens a run's violations.
QTableView* RunHistoryPage::buildTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runHistoryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab moves on to the next control; arrows move inside
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RunHistoryModel::IdColumn, 60);
    m_table->setColumnWidth(RunHistoryModel::StartedColumn, 150);
    m_table->setColumnWidth(RunHistoryModel::StatusColumn, 110);
    m_table->setColumnWidth(RunHistoryModel::RateColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::PairsColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::ViolationsColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::WarningsColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::DurationColumn, 100);
    widenColumnsToTitles(m_table);
    keepColumnsInView(m_table);
    showFullTextOfCutCells(m_table);
    m_table->setToolTip(tr("Press Enter or double-click a run to see its violations"));
    return m_table;
}

void RunHistoryPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        reload();
}

void RunHistoryPage::reload()
{
    m_loadedOnce = true;
    m_loading = true;
    if (m_model->rowCount() == 0)
        m_summary->setText(tr("Loading…"));
    m_context->jobs().submit<QList<HealthReport>>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) {
            return RunStore::runs(session.db(), runLimit);
        },
        this,
        [this](const Result<QList<HealthReport>>& outcome) {
            m_loading = false;
            if (!outcome) {
                m_loadedOnce = false; // try again when shown next
                m_summary->setText(
                    tr("The run history cannot be read. %1").arg(Wording::error(outcome.error())));
                return;
            }
            const QModelIndexList selected = m_table->selectionModel()->selectedRows();
            const QVariant selectedId
                = selected.isEmpty() ? QVariant() : selected.first().data(RunHistoryModel::RunIdRole);
            m_model->setRuns(*outcome);
            const int count = m_model->rowCount();
            if (count == 0)
                m_summary->setText(tr("No check has been stored yet. Run one from the dashboard (F5)."));
            else if (count >= runLimit)
                m_summary->setText(tr("The latest %1 checks, newest first.").arg(count));
            else
                m_summary->setText(tr("%n stored check(s), newest first.", nullptr, count));
            const int row = selectedId.isValid() ? m_model->rowOf(selectedId.toLongLong()) : -1;
            if (row >= 0)
                m_table->selectRow(row);
        });
}

void RunHistoryPage::openSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        openRow(rows.first().row());
}

void RunHistoryPage::exportRuns()
{
    ExportRequest request;
    request.title = tr("Export the run history");
    request.suggestedName = QStringLiteral("runs.csv");
    request.write = [](Session& session, QIODevice& out, const ExportOptions& options) {
        return Exporter::runs(session, -1, out, options);
    };
    ExportFlow::run(m_context, this, m_progress, request);
}

void RunHistoryPage::openRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const HealthReport& run = m_model->run(row);
    if (run.runId)
        emit m_context->openRunRequested(*run.runId);
}

void RunHistoryPage::updateActions()
{
    const bool selection = m_table->selectionModel()->hasSelection();
    m_open->setEnabled(selection);
    m_open->setToolTip(
        selection ? tr("Open the violations page on the selected run") : tr("Select a run first"));
}

} // namespace cc::ui
