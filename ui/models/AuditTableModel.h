#pragma once

#include "AuditLog.h"

#include <QAbstractTableModel>

namespace cc::ui {

class JobRunner;

// Audit entries, newest first, fetched in pages with keyset paging (id below the last one held).
// Filtering happens in SQL; loads run in the worker.
class AuditTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column { IdColumn, TimeColumn, OperatorColumn, SourceColumn, ActionColumn, UserColumn, TrackColumn, ReasonColumn, ColumnCount };
    static constexpr int pageSize = 300;

    explicit AuditTableModel(JobRunner* jobs, QObject* parent = nullptr);

    void setFilter(const AuditFilter& filter);
    void reload() { setFilter(m_filter); }
    const AuditFilter& filter() const { return m_filter; }
    const AuditEntry& entry(int row) const { return m_entries.at(row); }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void failed(const QString& message);
    void loaded();

private:
    void load(qint64 afterId);

    JobRunner* m_jobs;
    AuditFilter m_filter;
    QList<AuditEntry> m_entries;
    bool m_atEnd = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace cc::ui
