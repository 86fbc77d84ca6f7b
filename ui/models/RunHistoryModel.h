#pragma once

#include "check/HealthReport.h"

#include <QAbstractTableModel>

namespace cc::ui {

// Stored health checks, newest first, as the run history page shows them. The rows are handed in
// whole (one bounded page read by the worker); the status column carries the badge colour.
class RunHistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryModel)

public:
    enum Column {
        IdColumn,
        StartedColumn,
        StatusColumn,
        RateColumn,
        PairsColumn,
        ViolationsColumn,
        WarningsColumn,
        DurationColumn,
        OperatorColumn,
        ColumnCount
    };
    static constexpr int RunIdRole = Qt::UserRole;
    static constexpr int StatusRole = Qt::UserRole + 1;

    explicit RunHistoryModel(QObject* parent = nullptr);

    void setRuns(QList<HealthReport> runs);
    const HealthReport& run(int row) const { return m_runs.at(row); }
    // Row of a stored run, or -1.
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString duration(qint64 milliseconds); // "850 ms", "12.3 s", "4 min 05 s"

private:
    QList<HealthReport> m_runs;
};

} // namespace cc::ui
