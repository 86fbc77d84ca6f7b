#pragma once

#include "check/RunStore.h"

#include <QAbstractTableModel>
#include <QList>

namespace cc::ui {

class JobRunner;

// A stored run's violations (or warnings), paged from SQL with keyset paging in pages of
// `pageSize`. It holds at most `maxRows` rows, however large the run: fetchMore() appends a page
// at the end and drops the oldest page; fetchPrevious() brings it back at the top. Filtering and
// ordering (by key, track or kind, either way, from sort()) happen in SQL. Loads run in the
// worker; rows arrive asynchronously.
class ViolationTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViolationTableModel)

public:
    enum Column {
        UserColumn,
        TrackColumn,
        KindColumn,
        ProgressColumn,
        LicenseColumn,
        ActionColumn,
        ReasonColumn,
        ColumnCount
    };
    static constexpr int pageSize = 500;
    static constexpr int maxRows = 2000;

    explicit ViolationTableModel(JobRunner* jobs, QObject* parent = nullptr);

    // Starts over with a new filter (paging and order are managed here). `user` is an id or an
    // email; empty for every user.
    void setFilter(const ViolationFilter& filter, const QString& user);
    void reload() { setFilter(m_filter, m_user); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    // The user, track and kind columns sort in SQL; the others keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    ViolationOrder order() const { return m_filter.order; }
    // The filter shown (with this model's paging fields) and the user it was narrowed to.
    const ViolationFilter& filter() const { return m_filter; }
    const QString& userFilter() const { return m_user; }
    bool isDescending() const { return m_filter.descending; }

    bool canFetchPrevious() const { return !m_dropped.isEmpty() && !m_loading; }
    void fetchPrevious();
    bool isLoading() const { return m_loading; }
    qint64 totalCount() const { return m_total; } // -1 until counted
    qint64 firstRowNumber() const { return m_firstRowNumber; } // 0-based position of row 0 in the run
    const StoredViolation& violation(int row) const;
    QString lastError() const { return m_error; }

signals:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void failed(const QString& message);

private:
    void countTotal();
    struct Page {
        std::optional<ViolationCursor> after; // the position it was fetched after
        QList<StoredViolation> rows;
    };
    void load(const std::optional<ViolationCursor>& after, bool atTop);
    void received(
        const std::optional<ViolationCursor>& after, bool atTop, const QList<StoredViolation>& rows);
    ViolationCursor cursorAt(const StoredViolation& row) const;
    std::optional<ViolationCursor> endCursor() const;
    void setLoading(bool loading);
    int rowsHeld() const;

    JobRunner* m_jobs;
    ViolationFilter m_filter;
    QString m_user;
    QList<Page> m_pages; // held, in order
    QList<std::optional<ViolationCursor>> m_dropped; // `after` of pages dropped at the top, oldest first
    bool m_atEnd = false;
    bool m_loading = false;
    quint64 m_generation = 0;
    quint64 m_countJob = 0; // the count still running or queued, if any
    qint64 m_total = -1;
    qint64 m_firstRowNumber = 0;
    QString m_error;
};

} // namespace cc::ui
