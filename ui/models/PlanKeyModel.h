#pragma once

#include "write/Plan.h"
#include "write/RepairForecast.h"

#include <QAbstractTableModel>

namespace cc::ui {

// The keys of a previewed repair, one row each: what the plan does and each side's level before →
// after, from the plan and its forecast (made in the worker). Sortable through SortRole.
class PlanKeyModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanKeyModel)

public:
    enum Column {
        UserColumn,
        TrackColumn,
        ActionColumn,
        ProgressColumn,
        LicenseColumn,
        RowsColumn,
        OutcomeColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit PlanKeyModel(QObject* parent = nullptr);

    void setPlan(const Plan* plan, const PlanForecast* forecast);
    const KeyChange& key(int row) const { return m_plan->keys.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "2 → 3", "— → 1", "4" when unchanged.
    static QString levels(std::optional<qint64> before, std::optional<qint64> after);
    static QString steps(const QList<ForecastStep>& steps);
    // A skip reason in the person's words (core's reason stays in the tooltip).
    static QString skipReason(const QString& reason);
    static QString skipReason(const SkipCount& skipped);

private:
    QString text(int row, int column) const;
    QVariant sortValue(int row, int column) const;

    const Plan* m_plan = nullptr; // owned by the dialog that shows this model
    const PlanForecast* m_forecast = nullptr;
};

} // namespace cc::ui
