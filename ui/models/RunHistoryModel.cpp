#include "RunHistoryModel.h"

#include "ThemeColors.h"
#include "Wording.h"

#include <QLocale>

#include <numeric>

namespace cc::ui {

RunHistoryModel::RunHistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RunHistoryModel::setRuns(QList<HealthReport> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunHistoryModel::rowOf(qint64 runId) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).runId == runId)
            return row;
    }
    return -1;
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}
int RunHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunHistoryModel::duration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    if (milliseconds < 60000)
        return tr("%1 s").arg(QLocale().toString(double(milliseconds) / 1000.0, 'f', 1));
    const qint64 seconds = milliseconds / 1000;
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HealthReport& run = m_runs.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn:
            return run.runId ? QVariant(*run.runId) : QVariant(QStringLiteral("—"));
        case StartedColumn:
            return QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
        case StatusColumn:
            return Wording::status(run.status);
        case RateColumn:
            return run.rateHundredths ? Wording::rate(*run.rateHundredths) : QStringLiteral("—");
        case PairsColumn:
            return QLocale().toString(run.totalPairs);
        case ViolationsColumn:
            return QLocale().toString(run.inconsistent);
        case WarningsColumn:
            return QLocale().toString(std::accumulate(run.warnings.cbegin(), run.warnings.cend(), qint64(0)));
        case DurationColumn:
            return run.status == RunStatus::Running ? tr("running…") : duration(run.durationMs);
        case OperatorColumn:
            return run.operatorName.isEmpty() ? tr("(unknown)") : run.operatorName;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == StatusColumn)
            return int(Qt::AlignCenter);
        if (column != StartedColumn && column != OperatorColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::BackgroundRole:
        if (column == StatusColumn)
            return ThemeColors::forStatus(run.status);
        break;
    case Qt::ForegroundRole:
        if (column == StatusColumn)
            return ThemeColors::textOn(ThemeColors::forStatus(run.status));
        break;
    case Qt::ToolTipRole:
        if (!run.message.isEmpty())
            return run.message;
        if (run.startedAt.isValid())
            return tr("Started %1 UTC").arg(run.startedAt.toUTC().toString(Qt::ISODate));
        break;
    case RunIdRole:
        return run.runId ? QVariant(*run.runId) : QVariant();
    case StatusRole:
        return runStatusName(run.status);
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case StartedColumn:
        return tr("Started");
    case StatusColumn:
        return tr("Status");
    case RateColumn:
        return tr("Rate");
    case PairsColumn:
        return tr("Pairs");
    case ViolationsColumn:
        return tr("Violations");
    case WarningsColumn:
        return tr("Warnings");
    case DurationColumn:
        return tr("Duration");
    case OperatorColumn:
        return tr("Run by");
    }
    return {};
}

} // namespace cc::ui
