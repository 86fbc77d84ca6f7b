#include "PlanKeyModel.h"

#include "Wording.h"

#include <QLocale>

namespace cc::ui {

PlanKeyModel::PlanKeyModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PlanKeyModel::setPlan(const Plan* plan, const PlanForecast* forecast)
{
    beginResetModel();
    m_plan = plan;
    m_forecast = forecast;
    endResetModel();
}

int PlanKeyModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_plan ? 0 : int(m_plan->keys.size());
}

int PlanKeyModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PlanKeyModel::levels(std::optional<qint64> before, std::optional<qint64> after)
{
    auto level = [](std::optional<qint64> value) {
        return value ? QLocale().toString(*value) : QStringLiteral("—");
    };
    if (before == after)
        return level(before);
    return level(before) + QStringLiteral(" → ") + level(after);
}

QString PlanKeyModel::steps(const QList<ForecastStep>& steps)
{
    QStringList words;
    for (const ForecastStep& step : steps)
        words << (step.action ? Wording::recommendedAction(*step.action) : tr("Other column updates"));
    return words.join(QStringLiteral(", "));
}

QString PlanKeyModel::skipReason(const QString& reason)
{
    const SkipClass kind = skipClassOf(reason);
    return skipReason(SkipCount { kind, kind == SkipClass::Other ? reason : QString() });
}

QString PlanKeyModel::skipReason(const SkipCount& skipped)
{
    switch (skipped.kind) {
    case SkipClass::MissingLicense:
        return tr(
            "Missing license not created: tick “Create missing licenses” (a license is a paid product)");
    case SkipClass::ManualReview:
        return tr("Needs manual review");
    case SkipClass::Locked:
        return tr("Locked by another session past the lock timeout");
    case SkipClass::Other:
        break;
    }
    return Wording::guiDetail(skipped.reason);
}

QString PlanKeyModel::text(int row, int column) const
{
    const KeyChange& change = m_plan->keys.at(row);
    const KeyForecast& forecast = m_forecast->keys.at(row);
    switch (column) {
    case UserColumn:
        return QString::number(change.key.userId);
    case TrackColumn:
        return change.key.track;
    case ActionColumn:
        return change.changes.isEmpty() ? tr("Nothing to change") : steps(forecast.steps);
    case ProgressColumn:
        return levels(forecast.progressBefore, forecast.progressAfter);
    case LicenseColumn:
        return levels(forecast.licenseBefore, forecast.licenseAfter);
    case RowsColumn:
        return QLocale().toString(change.changes.size());
    case OutcomeColumn: {
        if (!change.skipReason.isEmpty())
            return tr("Skipped: %1").arg(skipReason(change.skipReason));
        QStringList warnings;
        for (const WarningKind warning : forecast.warningsAfter)
            warnings << Wording::kind(warningName(warning));
        if (forecast.violationAfter)
            return tr("Still inconsistent");
        return warnings.isEmpty() ? tr("Consistent")
                                  : tr("Consistent; warns: %1").arg(warnings.join(QStringLiteral(", ")));
    }
    default:
        return {};
    }
}

QVariant PlanKeyModel::sortValue(int row, int column) const
{
    const KeyChange& change = m_plan->keys.at(row);
    switch (column) {
    case UserColumn:
        return change.key.userId;
    case RowsColumn:
        return qint64(change.changes.size());
    default:
        return text(row, column);
    }
}

QVariant PlanKeyModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_plan)
        return {};
    if (role == Qt::DisplayRole)
        return text(index.row(), index.column());
    if (role == SortRole)
        return sortValue(index.row(), index.column());
    if (role == Qt::ToolTipRole) { // the whole text, for a cell too narrow to show it
        const KeyChange& change = m_plan->keys.at(index.row());
        if (index.column() == OutcomeColumn && !change.skipReason.isEmpty())
            return QString(text(index.row(), index.column()) + u'\n' + Wording::guiDetail(change.skipReason));
        if (index.column() == ActionColumn && !change.notes.isEmpty())
            return QString(text(index.row(), index.column()) + u'\n' + change.notes.join(u'\n'));
        return text(index.row(), index.column());
    }
    if (role == Qt::TextAlignmentRole && (index.column() == UserColumn || index.column() == RowsColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PlanKeyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UserColumn:
        return tr("User");
    case TrackColumn:
        return tr("Track");
    case ActionColumn:
        return tr("Action");
    case ProgressColumn:
        return tr("Progress level");
    case LicenseColumn:
        return tr("License level");
    case RowsColumn:
        return tr("Rows");
    case OutcomeColumn:
        return tr("After the repair");
    default:
        return {};
    }
}

} // namespace cc::ui
