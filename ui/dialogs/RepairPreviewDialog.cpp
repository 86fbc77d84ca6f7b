#include "RepairPreviewDialog.h"

#include "Prompt.h"
#include "Wording.h"
#include "administration/Exporter.h"
#include "models/PlanKeyModel.h"
#include "widgets/TableColumns.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

template <typename Key>
QString counted(const QMap<Key, int>& counts, const std::function<QString(const Key&)>& word)
{
    if (counts.isEmpty())
        return RepairPreviewDialog::tr("none");
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << RepairPreviewDialog::tr("%1: %2").arg(word(it.key()), QLocale().toString(it.value()));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QString RepairPreviewDialog::summaryText(const RepairPreview& preview)
{
    const PlanForecast& forecast = preview.forecast;
    qsizetype rows = 0;
    qsizetype skipped = 0;
    for (const KeyChange& key : preview.plan.keys) {
        rows += key.changes.size();
        skipped += key.skipReason.isEmpty() ? 0 : 1;
    }
    QStringList lines;
    if (!preview.scope.isEmpty())
        lines << tr("Repairs %1.").arg(preview.scope);
    QString head = tr("%n key(s) in this plan", nullptr, int(preview.plan.keys.size())) + u", "
        + tr("%n row change(s)", nullptr, int(rows));
    if (skipped > 0)
        head += u", " + tr("%n key(s) skipped", nullptr, int(skipped));
    lines << head + u'.';
    lines << tr("Keys by action: %1")
                 .arg(counted<ForecastStep>(forecast.keysByAction,
                     [](const ForecastStep& step) { return PlanKeyModel::steps({ step }); }));
    lines << tr("Rows: %1 inserted, %2 updated, %3 deleted, %4 re-pointed")
                 .arg(QLocale().toString(forecast.inserted), QLocale().toString(forecast.updated),
                     QLocale().toString(forecast.deleted), QLocale().toString(forecast.repointed));
    lines << tr("Keys skipped: %1")
                 .arg(counted<SkipCount>(forecast.skippedByReason,
                     [](const SkipCount& count) { return PlanKeyModel::skipReason(count); }));
    lines << tr("Warnings this repair creates: %1")
                 .arg(counted<WarningKind>(forecast.warningsCreated,
                     [](const WarningKind& warning) { return Wording::kind(warningName(warning)); }));
    return lines.join(u'\n');
}

RepairPreviewDialog::RepairPreviewDialog(
    const QString& title, const RepairPreview& preview, const QString& typeToConfirm, QWidget* parent)
    : QDialog(parent)
    , m_preview(preview)
    , m_model(new PlanKeyModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("repairPreviewDialog"));
    setWindowTitle(title);
    resize(960, 600);
    auto* layout = new QVBoxLayout(this);
    auto* summary = new QLabel(summaryText(preview), this);
    summary->setObjectName(QStringLiteral("repairSummary"));
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary);

    m_model->setPlan(&m_preview.plan, &m_preview.forecast);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PlanKeyModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("previewFilter"));
    m_filter->setPlaceholderText(tr("Filter keys (user, track, action, outcome)"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    layout->addWidget(buildKeysAndSql(), 1);

    addTools(layout);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyPlanButton"));
    if (!typeToConfirm.isEmpty()) {
        auto* label
            = new QLabel(tr("This is a production database. Type %1 to confirm:").arg(typeToConfirm), this);
        layout->addWidget(label);
        m_confirmation = new QLineEdit(this);
        m_confirmation->setObjectName(QStringLiteral("typeToConfirm"));
        label->setBuddy(m_confirmation);
        layout->addWidget(m_confirmation);
        m_apply->setEnabled(false);
        connect(m_confirmation, &QLineEdit::textChanged, this, [this, typeToConfirm](const QString& text) {
            m_apply->setEnabled(text.trimmed() == typeToConfirm);
        });
        m_confirmation->setFocus();
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

// The SQL of one key or all, and Export.
void RepairPreviewDialog::addTools(QVBoxLayout* layout)
{
    auto* tools = new QHBoxLayout;
    auto* sqlKey = new QPushButton(tr("SQL of the selected key"), this);
    sqlKey->setObjectName(QStringLiteral("previewSqlKey"));
    sqlKey->setEnabled(false);
    auto* sqlAll = new QPushButton(tr("SQL of every key"), this);
    sqlAll->setObjectName(QStringLiteral("previewSqlAll"));
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setObjectName(QStringLiteral("previewExport"));
    exportButton->setToolTip(
        tr("Write the table (.csv) or every row before → after and the statements (.txt) to a file"));
    tools->addWidget(sqlKey);
    tools->addWidget(sqlAll);
    tools->addStretch();
    tools->addWidget(exportButton);
    layout->addLayout(tools);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, sqlKey,
        [this, sqlKey] { sqlKey->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(sqlKey, &QPushButton::clicked, this, [this] { showSql(false); });
    connect(sqlAll, &QPushButton::clicked, this, [this] { showSql(true); });
    connect(exportButton, &QPushButton::clicked, this, &RepairPreviewDialog::exportPreview);
}

// The plan's keys, sortable and filtered, above the SQL shown on demand.
QSplitter* RepairPreviewDialog::buildKeysAndSql()
{
    auto* split = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PlanKeyModel::UserColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(PlanKeyModel::TrackColumn, 150);
    m_table->setColumnWidth(PlanKeyModel::ActionColumn, 220);
    widenColumnsToTitles(m_table);
    showFullTextOfCutCells(m_table);
    m_sql = new QPlainTextEdit(split);
    m_sql->setObjectName(QStringLiteral("previewSql"));
    m_sql->setReadOnly(true);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->hide();
    return split;
}

void RepairPreviewDialog::showSql(bool all)
{
    Plan shown;
    if (all) {
        shown = m_preview.plan;
    } else {
        for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
            shown.keys.append(m_model->key(m_proxy->mapToSource(index).row()));
    }
    m_sql->setPlainText(
        shown.keys.isEmpty() ? tr("Select a key to see its rows and statements.") : shown.describe());
    m_sql->show();
}

void RepairPreviewDialog::exportPreview()
{
    const QString path = Prompt::saveFile(this, tr("Export the preview"),
        QStringLiteral("repair-preview.csv"), tr("CSV table (*.csv);;Rows and statements (*.txt)"));
    if (path.isEmpty())
        return;
    QString text;
    if (QFileInfo(path).suffix().compare(u"txt", Qt::CaseInsensitive) == 0) {
        text = m_preview.plan.describe();
    } else {
        for (int row = -1; row < m_model->rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < PlanKeyModel::ColumnCount; ++column)
                cells << Exporter::csvField(row < 0 ? m_model->headerData(column, Qt::Horizontal).toString()
                                                    : m_model->index(row, column).data().toString());
            text += cells.join(u',') + QStringLiteral("\r\n");
        }
    }
    QSaveFile file(path);
    // A FIFO, a device or a directory is refused (core's rule, shared with the command line).
    if (auto opened = Exporter::openTarget(file, QStringLiteral("the preview")); !opened) {
        Prompt::error(this, tr("Export the preview"), Wording::error(opened.error()));
        return;
    }
    if (file.write(text.toUtf8()) < 0 || !file.commit())
        Prompt::error(
            this, tr("Export the preview"), tr("Could not write %1: %2").arg(path, file.errorString()));
}

} // namespace cc::ui
