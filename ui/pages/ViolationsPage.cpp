#include "ViolationsPage.h"

#include "ConsoleContext.h"
#include "Wording.h"
#include "models/ViolationTableModel.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>

namespace cc::ui {

ViolationsPage::ViolationsPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ViolationTableModel(&context->jobs(), this))
{
    setObjectName(QStringLiteral("violationsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* title = new QLabel(tr("Violations"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    buildFilters(layout);
    buildTable(layout);
    buildActions(layout);
    connectControls();
    updateActions();
}

// Run, kind, track and user filters, and the line that says what is shown.
void ViolationsPage::buildFilters(QVBoxLayout* layout)
{
    auto* filters = new QHBoxLayout;
    m_run = new QComboBox(this);
    m_run->setObjectName(QStringLiteral("violationsRun"));
    m_run->addItem(tr("Latest completed run"), QVariant());
    // Wide enough for its first item in every language ("Legutóbbi befejezett futás" was cut at 1024 px).
    m_run->setMinimumContentsLength(std::max(16, int(m_run->itemText(0).size()) + 1));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("violationsKind"));
    m_kind->addItem(tr("All violations"), QString());
    for (int i = 0; i < violationKindCount; ++i)
        m_kind->addItem(Wording::kind(kindName(ViolationKind(i))), kindName(ViolationKind(i)));
    m_kind->addItem(tr("All warnings"), QStringLiteral("*warnings"));
    for (int i = 0; i < warningKindCount; ++i)
        m_kind->addItem(Wording::kind(warningName(WarningKind(i))), warningName(WarningKind(i)));
    // Sized for the usual choices, not the longest warning name, so the row fits at 1024 px; the list
    // itself shows every name whole.
    m_kind->setMinimumContentsLength(22);
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_track = new QComboBox(this);
    m_track->setObjectName(QStringLiteral("violationsTrack"));
    m_track->addItem(tr("All tracks"), QString());
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("violationsUser"));
    m_user->setPlaceholderText(tr("User id or email"));
    m_user->setClearButtonEnabled(true);
    m_user->setMinimumWidth(
        m_user->fontMetrics().horizontalAdvance(m_user->placeholderText()) + 40); // usable at 1024 px
    filters->addWidget(new QLabel(tr("Run:"), this));
    filters->addWidget(m_run);
    filters->addWidget(new QLabel(tr("Kind:"), this));
    filters->addWidget(m_kind);
    filters->addWidget(new QLabel(tr("Track:"), this));
    filters->addWidget(m_track);
    filters->addStretch();
    layout->addLayout(filters);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("violationsSummary"));
    m_previous = new QPushButton(tr("Show earlier rows"), this);
    m_previous->setObjectName(QStringLiteral("violationsPrevious"));
    m_previous->hide();
    auto* summaryLine = new QHBoxLayout;
    summaryLine->addWidget(m_summary, 1);
    summaryLine->addWidget(m_previous);
    summaryLine->addWidget(m_user); // on this line, so the filters fit at 1024 px
    layout->addLayout(summaryLine);
}

void ViolationsPage::buildTable(QVBoxLayout* layout)
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("violationsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setTabKeyNavigation(false); // Tab moves on to the next control; arrows move inside
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ViolationTableModel::UserColumn, 80);
    m_table->setColumnWidth(ViolationTableModel::TrackColumn, 170);
    m_table->setColumnWidth(ViolationTableModel::KindColumn, 190);
    m_table->setColumnWidth(ViolationTableModel::ProgressColumn, 100);
    m_table->setColumnWidth(ViolationTableModel::LicenseColumn, 100);
    m_table->setColumnWidth(ViolationTableModel::ActionColumn, 200);
    m_table->setToolTip(tr(
        "Double-click a row or press Enter to open the user; click the User, Track or Kind header to sort"));
    m_table->horizontalHeader()->setSortIndicator(ViolationTableModel::UserColumn, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    widenColumnsToTitles(m_table); // after the sort arrow, which needs room too
    showFullTextOfCutCells(m_table);
    const QByteArray header = QSettings().value(QStringLiteral("violations/header")).toByteArray();
    if (!header.isEmpty())
        m_table->horizontalHeader()->restoreState(header);
    keepColumnsInView(m_table);
    layout->addWidget(m_table, 1);
}

// Create missing licenses, Export, Repair selected, Repair all shown, and the repair's progress.
void ViolationsPage::buildActions(QVBoxLayout* layout)
{
    auto* actions = new QHBoxLayout;
    m_createLicenses = new QCheckBox(tr("Create missing licenses (a license is a paid product)"), this);
    m_createLicenses->setObjectName(QStringLiteral("createLicensesOption"));
    m_createLicenses->setChecked(false);
    m_repairSelected = new QPushButton(tr("Repair selected…"), this);
    m_repairSelected->setObjectName(QStringLiteral("repairSelectedButton"));
    m_repairAll = new QPushButton(tr("Repair all shown…"), this);
    m_repairAll->setObjectName(QStringLiteral("repairAllButton"));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportViolationsButton"));
    m_export->setToolTip(tr("Write every row these filters select to a CSV or JSON file"));
    actions->addWidget(m_createLicenses);
    actions->addStretch();
    actions->addWidget(m_export);
    actions->addWidget(m_repairSelected);
    actions->addWidget(m_repairAll);
    layout->addLayout(actions);
    m_progress = new JobProgress(&m_context->jobs(), this);
    m_progress->setObjectName(QStringLiteral("repairProgress"));
    layout->addWidget(m_progress);
}

void ViolationsPage::connectControls()
{
    connect(m_run, &QComboBox::currentIndexChanged, this, &ViolationsPage::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ViolationsPage::applyFilter);
    connect(m_track, &QComboBox::currentIndexChanged, this, &ViolationsPage::applyFilter);
    connect(m_user, &QLineEdit::returnPressed, this, &ViolationsPage::applyFilter);
    connect(m_user, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            applyFilter();
    });
    // activated covers Enter and, on every desktop style, double-click.
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit m_context->openUserRequested(m_model->violation(index.row()).record.userId);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ViolationsPage::updateActions);
    connect(m_model, &ViolationTableModel::totalChanged, this, &ViolationsPage::updateSummary);
    connect(m_model, &ViolationTableModel::rowsInserted, this, &ViolationsPage::updateSummary);
    connect(m_model, &ViolationTableModel::rowsRemoved, this, &ViolationsPage::updateSummary);
    connect(m_model, &ViolationTableModel::modelReset, this, &ViolationsPage::updateSummary);
    connect(m_model, &ViolationTableModel::failed, this,
        [this](const QString& message) { m_summary->setText(message); });
    connect(m_previous, &QPushButton::clicked, m_model, &ViolationTableModel::fetchPrevious);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_table->verticalScrollBar()->minimum() && m_model->canFetchPrevious())
            m_model->fetchPrevious();
    });
    connect(m_repairSelected, &QPushButton::clicked, this, &ViolationsPage::repairSelection);
    connect(m_repairAll, &QPushButton::clicked, this, &ViolationsPage::repairAll);
    connect(m_export, &QPushButton::clicked, this, &ViolationsPage::exportRows);
    connect(m_context, &ConsoleContext::infoChanged, this, [this] {
        const QString current = m_track->currentData().toString();
        const QSignalBlocker block(m_track);
        while (m_track->count() > 1)
            m_track->removeItem(1);
        for (const QString& track : m_context->info().maxLevels.keys())
            m_track->addItem(track, track);
        m_track->setCurrentIndex(std::max(0, m_track->findData(current)));
        updateActions();
    });
    connect(m_context, &ConsoleContext::connectionReplaced, this, [this] {
        const QSignalBlocker block(m_run);
        while (m_run->count() > 1)
            m_run->removeItem(1);
        m_run->setCurrentIndex(0);
    });
    connect(m_context, &ConsoleContext::databaseChanged, this, [this] {
        if (isVisible())
            reload();
        else
            m_loadedOnce = false;
    });
    connect(m_context, &ConsoleContext::checkFinished, this, [this] {
        m_loadedOnce = false;
        if (isVisible())
            reload();
    });
}

void ViolationsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        reload();
}

void ViolationsPage::reload()
{
    m_loadedOnce = true;
    loadRuns();
    applyFilter();
}

void ViolationsPage::showFiltered(const QString& kind, const QString& track)
{
    const QSignalBlocker blockRun(m_run);
    const QSignalBlocker blockKind(m_kind);
    const QSignalBlocker blockTrack(m_track);
    m_run->setCurrentIndex(0);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    int trackIndex = m_track->findData(track);
    if (trackIndex < 0 && !track.isEmpty()) {
        m_track->addItem(track, track);
        trackIndex = m_track->count() - 1;
    }
    m_track->setCurrentIndex(std::max(0, trackIndex));
    m_user->clear();
    m_loadedOnce = true;
    loadRuns();
    applyFilter();
}

void ViolationsPage::showRun(qint64 runId)
{
    const QSignalBlocker blockRun(m_run);
    const QSignalBlocker blockKind(m_kind);
    const QSignalBlocker blockTrack(m_track);
    int runIndex = m_run->findData(runId);
    if (runIndex < 0) {
        // Until loadRuns() brings the full label (or when the run is older than the chooser's list).
        m_run->addItem(tr("#%1").arg(runId), runId);
        runIndex = m_run->count() - 1;
    }
    m_run->setCurrentIndex(runIndex);
    m_kind->setCurrentIndex(0);
    m_track->setCurrentIndex(0);
    m_user->clear();
    m_loadedOnce = true;
    loadRuns();
    applyFilter();
}

std::optional<qint64> ViolationsPage::shownRun() const
{
    const QVariant run = m_run->currentData();
    return run.isValid() ? std::optional<qint64>(run.toLongLong()) : std::nullopt;
}

void ViolationsPage::applyFilter()
{
    ViolationFilter filter;
    if (m_run->currentData().isValid())
        filter.runId = m_run->currentData().toLongLong();
    const QString kind = m_kind->currentData().toString();
    filter.warnings = kind == u"*warnings" || warningFromName(kind).has_value();
    if (kind != u"*warnings")
        filter.kind = kind;
    filter.track = m_track->currentData().toString();
    m_summary->setText(tr("Loading…"));
    m_model->setFilter(filter, m_user->text());
}

void ViolationsPage::loadRuns()
{
    m_context->jobs().submit<QList<HealthReport>>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) { return RunStore::runs(session.db(), 200); },
        this,
        [this](const Result<QList<HealthReport>>& outcome) {
            if (!outcome)
                return;
            const QVariant current = m_run->currentData();
            const QSignalBlocker block(m_run);
            while (m_run->count() > 1)
                m_run->removeItem(1);
            for (const HealthReport& run : *outcome) {
                if (!run.runId || run.status == RunStatus::Running)
                    continue;
                const QString rate
                    = run.rateHundredths ? Wording::rate(*run.rateHundredths) : QStringLiteral("—");
                m_run->addItem(tr("#%1 · %2 · %3 · %4 · %n violation(s)", nullptr, int(run.inconsistent))
                                   .arg(*run.runId)
                                   .arg(QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat),
                                       Wording::status(run.status), rate),
                    *run.runId);
            }
            int index = current.isValid() ? m_run->findData(current) : 0;
            if (index < 0) {
                // A run chosen elsewhere (the run history) that this list does not hold.
                m_run->addItem(tr("#%1").arg(current.toLongLong()), current);
                index = m_run->count() - 1;
            }
            m_run->setCurrentIndex(index);
        });
}

void ViolationsPage::updateSummary()
{
    const qint64 total = m_model->totalCount();
    if (!m_model->lastError().isEmpty()) {
        m_summary->setText(m_model->lastError());
        return;
    }
    if (total < 0 && m_model->rowCount() > 0) {
        m_summary->setText(tr("Rows %1–%2 loaded; counting the rest…")
                               .arg(QLocale().toString(m_model->firstRowNumber() + 1),
                                   QLocale().toString(m_model->firstRowNumber() + m_model->rowCount())));
    } else if (total < 0) {
        m_summary->setText(tr("Loading…"));
    } else if (total == 0) {
        m_summary->setText(tr("Nothing matches: no violations of this kind in this run."));
    } else {
        const qint64 first = m_model->firstRowNumber() + 1;
        const qint64 last = m_model->firstRowNumber() + m_model->rowCount();
        // "(scroll for more)" only when rows past the loaded ones exist.
        m_summary->setText(last < total
                ? tr("%1 in total; rows %2–%3 loaded (scroll for more).")
                      .arg(QLocale().toString(total), QLocale().toString(first), QLocale().toString(last))
                : first > 1
                ? tr("%1 in total; rows %2–%3 loaded.")
                      .arg(QLocale().toString(total), QLocale().toString(first), QLocale().toString(last))
                : tr("%n row(s), all shown.", nullptr, int(total)));
    }
    m_previous->setVisible(m_model->firstRowNumber() > 0);
    updateActions();
}

void ViolationsPage::updateActions()
{
    const ConsoleInfo& info = m_context->info();
    const auto one = info.allows(Action::RepairOne);
    const auto all = info.allows(Action::RepairAll);
    const bool selection = m_table->selectionModel()->hasSelection();
    m_repairSelected->setEnabled(one.ok() && selection);
    m_repairSelected->setToolTip(one.ok()
            ? (selection ? tr("Preview and repair the selected keys") : tr("Select rows to repair"))
            : Wording::refusal(one.error()));
    const bool warnings = m_model->filter().warnings;
    m_repairAll->setEnabled(all.ok() && !warnings);
    m_repairAll->setToolTip(!all.ok() ? Wording::refusal(all.error())
            : warnings                ? tr("Warnings are not repaired: choose a violation kind")
                                      : tr("Preview and repair %1").arg(shownScope()));
}

void ViolationsPage::saveLayout() const
{
    QSettings().setValue(QStringLiteral("violations/header"), m_table->horizontalHeader()->saveState());
}

} // namespace cc::ui
