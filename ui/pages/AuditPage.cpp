#include "AuditPage.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "Wording.h"
#include "WriteFlow.h"
#include "export/ExportFlow.h"
#include "models/AuditTableModel.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"
#include "write/Reverter.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>

namespace cc::ui {

AuditPage::AuditPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new AuditTableModel(&context->jobs(), this))
{
    setObjectName(QStringLiteral("auditPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* title = new QLabel(tr("Audit log"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    QPushButton* apply = nullptr;
    layout->addLayout(buildTimeFilters());
    layout->addLayout(buildFilters(apply));
    layout->addWidget(buildEntriesAndDetails(), 1);

    layout->addLayout(buildActions());
    m_progress = new JobProgress(&context->jobs(), this);
    m_progress->setObjectName(QStringLiteral("auditProgress"));
    layout->addWidget(m_progress);

    connectControls(apply);
}

// Since and until, on a row of their own (with the other filters they left the operator field one
// letter wide at 1024 px).
QHBoxLayout* AuditPage::buildTimeFilters()
{
    auto* filters = new QHBoxLayout;
    m_useSince = new QCheckBox(tr("Since"), this);
    m_useSince->setObjectName(QStringLiteral("auditUseSince"));
    m_since = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_since->setObjectName(QStringLiteral("auditSince"));
    m_since->setCalendarPopup(true);
    m_since->setEnabled(false);
    m_useUntil = new QCheckBox(tr("Until"), this);
    m_useUntil->setObjectName(QStringLiteral("auditUseUntil"));
    m_until = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_until->setObjectName(QStringLiteral("auditUntil"));
    m_until->setCalendarPopup(true);
    m_until->setEnabled(false);
    filters->addWidget(m_useSince);
    filters->addWidget(m_since);
    filters->addSpacing(12);
    filters->addWidget(m_useUntil);
    filters->addWidget(m_until);
    filters->addStretch();
    return filters;
}

// Operator, source, action and user; `apply` is the Filter button.
QHBoxLayout* AuditPage::buildFilters(QPushButton*& apply)
{
    auto* filters = new QHBoxLayout;
    m_operator = new QLineEdit(this);
    m_operator->setObjectName(QStringLiteral("auditOperator"));
    m_operator->setPlaceholderText(tr("Operator email"));
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("auditSource"));
    m_source->addItem(tr("Any source"), QString());
    // Worded in the user's language; the item's data is the stored word the filter matches.
    for (const AuditSource source :
        { AuditSource::Gui, AuditSource::Cli, AuditSource::Qa, AuditSource::System })
        m_source->addItem(Wording::auditSource(auditSourceName(source)), auditSourceName(source));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->addItem(tr("Any action"), QString());
    // Every action the tool writes, worded; the item's data is the stored word the filter matches.
    for (int value = 0; value < int(AuditAction::Other); ++value) {
        const QString name = auditActionName(AuditAction(value));
        m_action->addItem(Wording::auditAction(name), name);
    }
    // Narrow in the row, so the operator field keeps its room at 1024 px; the open list is as wide as
    // its longest word.
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_action->setMinimumContentsLength(14);
    m_action->view()->setMinimumWidth(m_action->view()->sizeHintForColumn(0) + 24);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("auditUser"));
    m_user->setPlaceholderText(tr("User id"));
    m_user->setMaximumWidth(110);
    apply = new QPushButton(tr("Filter"), this);
    apply->setObjectName(QStringLiteral("auditApplyFilter"));
    filters->addWidget(m_operator, 1);
    filters->addWidget(m_source);
    filters->addWidget(m_action);
    filters->addWidget(m_user);
    filters->addWidget(apply);
    return filters;
}

// The entries above, the selected entry's rows before and after below.
QSplitter* AuditPage::buildEntriesAndDetails()
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false); // Tab moves on to the next control; arrows move inside
    m_table->setAlternatingRowColors(false); // the model shades batches as groups instead
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Ids and batch numbers are short: the default 100 px each pushed the last columns off-screen at 1024 px.
    m_table->setColumnWidth(AuditTableModel::IdColumn, 64);
    m_table->setColumnWidth(AuditTableModel::BatchColumn, 72);
    m_table->setColumnWidth(AuditTableModel::TimeColumn, 150);
    m_table->setColumnWidth(AuditTableModel::OperatorColumn, 180);
    m_table->setColumnWidth(AuditTableModel::TrackColumn, 160);
    widenColumnsToTitles(m_table);
    keepColumnsInView(m_table);
    showFullTextOfCutCells(m_table);
    m_diff = new QTextBrowser(splitter);
    m_diff->setObjectName(QStringLiteral("auditDiff"));
    m_diff->setPlaceholderText(tr("Select an entry to see its rows before and after."));
    splitter->addWidget(m_table);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    return splitter;
}

QHBoxLayout* AuditPage::buildActions()
{
    auto* actions = new QHBoxLayout;
    m_revert = new QPushButton(tr("Revert this entry…"), this);
    m_revert->setObjectName(QStringLiteral("auditRevertButton"));
    m_revert->setEnabled(false);
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportAuditButton"));
    m_export->setToolTip(tr("Write every entry these filters select to a CSV or JSON file"));
    m_revertBatch = new QPushButton(tr("Revert batch…"), this);
    m_revertBatch->setObjectName(QStringLiteral("auditRevertBatchButton"));
    m_revertBatch->setEnabled(false);
    actions->addWidget(m_export);
    actions->addStretch();
    actions->addWidget(m_revertBatch);
    actions->addWidget(m_revert);
    return actions;
}

void AuditPage::connectControls(QPushButton* apply)
{
    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(apply, &QPushButton::clicked, this, &AuditPage::applyFilter);
    for (QLineEdit* edit : { m_operator, m_user })
        connect(edit, &QLineEdit::returnPressed, this, &AuditPage::applyFilter);
    connect(m_source, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditPage::showSelected);
    connect(m_revert, &QPushButton::clicked, this, &AuditPage::revertSelected);
    connect(m_revertBatch, &QPushButton::clicked, this, &AuditPage::revertSelectedBatch);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::exportEntries);
    connect(m_model, &AuditTableModel::failed, this,
        [this](const QString& message) { m_diff->setPlainText(message); });
    connect(m_context, &ConsoleContext::databaseChanged, this, [this] {
        if (isVisible())
            applyFilter();
        else
            m_loadedOnce = false;
    });
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce)
        applyFilter();
}

void AuditPage::applyFilter()
{
    bool ok = true;
    const QString userText = m_user->text().trimmed();
    const qint64 user = userText.isEmpty() ? 0 : userText.toLongLong(&ok);
    if (!ok || user < 0) {
        // Never fall back to "every user": say so and keep the list as it is.
        m_diff->setPlainText(
            tr("The user filter takes a user id (a whole number); “%1” is not one.").arg(userText));
        return;
    }
    m_loadedOnce = true;
    AuditFilter filter;
    if (m_useSince->isChecked())
        filter.since = m_since->dateTime().toUTC();
    if (m_useUntil->isChecked())
        filter.until = m_until->dateTime().toUTC();
    filter.operatorEmail = m_operator->text().trimmed();
    filter.source = m_source->currentData().toString();
    filter.action = m_action->currentData().toString();
    if (!userText.isEmpty())
        filter.userId = user;
    m_diff->clear();
    m_revert->setEnabled(false);
    m_revertBatch->setEnabled(false);
    m_model->setFilter(filter);
}

void AuditPage::showFiltered(const AuditFilter& filter)
{
    // The combo boxes filter as they change: set them quietly, then filter once.
    const QSignalBlocker quietSource(m_source);
    const QSignalBlocker quietAction(m_action);
    m_useSince->setChecked(filter.since.isValid());
    if (filter.since.isValid())
        m_since->setDateTime(filter.since.toLocalTime());
    m_useUntil->setChecked(filter.until.isValid());
    if (filter.until.isValid())
        m_until->setDateTime(filter.until.toLocalTime());
    m_operator->setText(filter.operatorEmail);
    m_source->setCurrentIndex(std::max(0, m_source->findData(filter.source)));
    m_action->setCurrentIndex(std::max(0, m_action->findData(filter.action)));
    m_user->setText(filter.userId ? QString::number(*filter.userId) : QString());
    applyFilter();
}

void AuditPage::exportEntries()
{
    // The page's filter, in the command line's order (oldest first) and without paging.
    AuditFilter filter = m_model->filter();
    filter.afterId = 0;
    filter.limit = -1;
    filter.newestFirst = false;
    ExportRequest request;
    request.title = tr("Export the audit log");
    request.suggestedName = QStringLiteral("audit.csv");
    request.write = [filter](Session& session, QIODevice& out, const ExportOptions& options) {
        return Exporter::audit(session, filter, out, options);
    };
    ExportFlow::run(m_context, this, m_progress, request);
}

void AuditPage::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_revert->setEnabled(false);
        m_revertBatch->setEnabled(false);
        return;
    }
    const AuditEntry& entry = m_model->entry(rows.first().row());
    m_diff->setHtml(diffHtml(entry));
    const auto allowed = m_context->info().allows(Reverter::permissionFor(entry));
    const bool revertible = entry.userId.has_value() && (!entry.before.isEmpty() || !entry.after.isEmpty());
    m_revert->setEnabled(allowed.ok() && revertible);
    m_revert->setToolTip(!allowed.ok() ? Wording::refusal(allowed.error())
            : revertible               ? tr("Restore the rows as they were before entry #%1").arg(entry.id)
                                       : tr("This entry changed no platform rows"));
    m_revertBatch->setEnabled(allowed.ok() && entry.batchId.has_value());
    m_revertBatch->setToolTip(!allowed.ok() ? Wording::refusal(allowed.error())
            : entry.batchId ? tr("Restore the rows of every entry of batch #%1 in one step, all or nothing")
                                  .arg(*entry.batchId)
                            : tr("This entry is not part of a batch"));
}

void AuditPage::revertSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const AuditEntry entry = m_model->entry(rows.first().row());
    const qint64 id = entry.id;
    const QString title = tr("Revert audit entry #%1").arg(id);
    // Asked only when the revert can be done: an entry reverted already (its rows no longer as it
    // left them) is refused here, before any question, with core's reason.
    m_context->jobs().submit<Plan>(
        JobRunner::Lane::Action,
        [id](Session& session, CancelToken&, const ProgressFn&) { return Reverter::preview(session, id); },
        this,
        [this, entry, title](const Result<Plan>& outcome) {
            if (!outcome) {
                Prompt::error(this, title, Wording::error(outcome.error()));
                return;
            }
            m_context->beforeWrite(
                Reverter::permissionFor(entry), this, [this, entry, title] { confirmRevert(entry, title); });
        });
}

void AuditPage::confirmRevert(const AuditEntry& entry, const QString& title)
{
    const qint64 id = entry.id;
    JobRunner::Work<WriteOutcome> job(
        [id](Session& session, CancelToken&, const ProgressFn&) { return Reverter::revert(session, id); });
    const QString confirmText = entry.userId ? m_context->confirmationFor(*entry.userId) : QString();
    if (!confirmText.isEmpty()) {
        QTextBrowser plain;
        plain.setHtml(diffHtml(entry));
        if (!Prompt::confirmPlan(this, title, tr("Restores the rows exactly as they were before this entry."),
                plain.toPlainText(), confirmText))
            return;
        WriteFlow::runDirect(m_context, this, m_progress, title, QString(), job, {});
        return;
    }
    WriteFlow::runDirect(m_context, this, m_progress, title,
        tr("Restore the rows of entry #%1 (%2, user %3, %4) exactly as they were before it?")
            .arg(id)
            .arg(Wording::auditAction(entry.action),
                entry.userId ? QString::number(*entry.userId) : QStringLiteral("—"), entry.track),
        job, {});
}

void AuditPage::revertSelectedBatch()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_model->entry(rows.first().row()).batchId)
        return;
    const AuditEntry entry = m_model->entry(rows.first().row());
    const qint64 batch = *entry.batchId;
    // The worker reads the batch's entries and reverts them newest first in one transaction.
    JobRunner::Work<WriteOutcome> job([batch](Session& session, CancelToken&, const ProgressFn&) {
        return Reverter::revertBatch(session, batch);
    });
    const QString title = tr("Revert batch #%1").arg(batch);
    const QString question
        = tr("Restore every row that batch #%1 (%2 by %3) changed exactly as it was before? "
             "All of its entries are reverted together, or none is.")
              .arg(batch)
              .arg(Wording::auditAction(entry.action), Wording::auditOperator(entry));
    m_context->beforeWrite(Reverter::permissionFor(entry), this, [this, title, question, job] {
        if (m_context->info().environment == Environment::Production) {
            if (!Prompt::confirmPlan(this, title, question, QString(), QStringLiteral("REVERT BATCH")))
                return;
            WriteFlow::runDirect(m_context, this, m_progress, title, QString(), job, {});
            return;
        }
        WriteFlow::runDirect(m_context, this, m_progress, title, question, job, {});
    });
}

} // namespace cc::ui
