#pragma once

#include "audit/AuditLog.h"

#include <QAbstractTableModel>

namespace cc::ui {

class JobRunner;

// Audit entries, newest first, fetched in pages with keyset paging (id below the last one held).
// Filtering happens in SQL; loads run in the worker. The entries of one batch (a repair-all, an
// inject --random, a batch revert) are shaded as one group and name their batch.
class AuditTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column {
        IdColumn,
        BatchColumn,
        TimeColumn,
        OperatorColumn,
        SourceColumn,
        ActionColumn,
        UserColumn,
        TrackColumn,
        ReasonColumn,
        ColumnCount
    };
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
    // Per entry: the number of its group, where a group is a run of consecutive entries of one batch
    // (an entry without a batch is a group of its own); groups are shaded alternately.
    QList<int> m_groups;
    bool m_atEnd = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace cc::ui
