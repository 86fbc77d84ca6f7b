#include "ViolationTableModel.h"

#include "JobRunner.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "write/Operations.h"

namespace cc::ui {

namespace {
struct ViolationPage {
    QList<StoredViolation> rows;
};

// The filter narrowed to `user` (an id or an email; empty for every user).
Result<ViolationFilter> narrowedToUser(Session& session, ViolationFilter filter, const QString& user)
{
    if (user.trimmed().isEmpty())
        return filter;
    auto id = Operations::resolveUser(session, user.trimmed());
    if (!id)
        return id.error();
    filter.userId = *id;
    return filter;
}
} // namespace

} // namespace cc::ui

namespace cc::ui {

ViolationTableModel::ViolationTableModel(JobRunner* jobs, QObject* parent)
    : QAbstractTableModel(parent)
    , m_jobs(jobs)
{
}

void ViolationTableModel::setFilter(const ViolationFilter& filter, const QString& user)
{
    beginResetModel();
    const ViolationOrder order = m_filter.order;
    const bool descending = m_filter.descending;
    m_filter = filter;
    m_filter.order = order;
    m_filter.descending = descending;
    m_filter.after.reset();
    m_filter.limit = pageSize;
    m_user = user;
    m_pages.clear();
    m_dropped.clear();
    m_atEnd = false;
    m_total = -1;
    m_firstRowNumber = 0;
    m_error.clear();
    ++m_generation;
    if (m_countJob != 0) {
        // The previous filter's count would keep the read lane, and this filter's first page,
        // waiting (half a second over 500,000 rows).
        m_jobs->cancel(m_countJob);
        m_countJob = 0;
    }
    m_loading = true; // before endResetModel(): a view may ask canFetchMore() at once
    endResetModel();
    emit totalChanged(m_total);
    load(std::nullopt, false);
}

int ViolationTableModel::rowsHeld() const
{
    int rows = 0;
    for (const Page& page : m_pages)
        rows += int(page.rows.size());
    return rows;
}

int ViolationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rowsHeld();
}
int ViolationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const StoredViolation& ViolationTableModel::violation(int row) const
{
    for (const Page& page : m_pages) {
        if (row < page.rows.size())
            return page.rows.at(row);
        row -= int(page.rows.size());
    }
    static const StoredViolation none;
    return none;
}

QVariant ViolationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ViolationRecord& record = violation(index.row()).record;
    const auto level = [](const std::optional<qint64>& value) {
        return value ? QString::number(*value) : QStringLiteral("—");
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case UserColumn:
            return record.userId;
        case TrackColumn:
            return record.track;
        case KindColumn:
            return Wording::kind(record.kind);
        case ProgressColumn:
            return level(record.progressLevel);
        case LicenseColumn:
            return level(record.licenseLevel);
        case ActionColumn:
            return Wording::recommendedAction(record.action);
        case ReasonColumn:
            return Wording::reason(record.kind, record.reason);
        }
    } else if (role == Qt::UserRole) {
        return record.userId;
    } else if (role == Qt::UserRole + 1) {
        return record.track;
    } else if (role == Qt::ForegroundRole && index.column() == KindColumn) {
        return record.warning ? ThemeColors::degraded().darker(120) : ThemeColors::critical();
    } else if (role == Qt::TextAlignmentRole
        && (index.column() == ProgressColumn || index.column() == LicenseColumn)) {
        return int(Qt::AlignCenter);
    }
    return {};
}

QVariant ViolationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        // The two level columns have short titles, so that every column fits a 1024 px window.
        if (section == ProgressColumn)
            return tr("Progress level: the level the progress row holds");
        if (section == LicenseColumn)
            return tr("License level: the level the license holds");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return QString::number(m_firstRowNumber + section + 1);
    switch (section) {
    case UserColumn:
        return tr("User");
    case TrackColumn:
        return tr("Track");
    case KindColumn:
        return tr("Kind");
    case ProgressColumn:
        return tr("Progress", "column: the progress row's level");
    case LicenseColumn:
        return tr("License", "column: the license's level");
    case ActionColumn:
        return tr("Recommended action");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

bool ViolationTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && m_error.isEmpty();
}

void ViolationTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    load(endCursor(), false);
}

void ViolationTableModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<ViolationOrder> sqlOrder = column == UserColumn ? std::optional(ViolationOrder::Key)
        : column == TrackColumn                                         ? std::optional(ViolationOrder::Track)
        : column == KindColumn                                          ? std::optional(ViolationOrder::Kind)
                                                                        : std::nullopt;
    const bool descending = order == Qt::DescendingOrder;
    if (!sqlOrder || (*sqlOrder == m_filter.order && descending == m_filter.descending))
        return;
    ViolationFilter filter = m_filter;
    m_filter.order = *sqlOrder;
    m_filter.descending = descending;
    setFilter(filter, m_user);
}

ViolationCursor ViolationTableModel::cursorAt(const StoredViolation& row) const
{
    switch (m_filter.order) {
    case ViolationOrder::Track:
        return { row.record.track, row.sequence };
    case ViolationOrder::Kind:
        return { row.record.kind, row.sequence };
    case ViolationOrder::Key:
        break;
    }
    return { QString(), row.sequence };
}

std::optional<ViolationCursor> ViolationTableModel::endCursor() const
{
    if (m_pages.isEmpty() || m_pages.last().rows.isEmpty())
        return std::nullopt;
    return cursorAt(m_pages.last().rows.last());
}

void ViolationTableModel::fetchPrevious()
{
    if (!canFetchPrevious())
        return;
    load(m_dropped.last(), true);
}

void ViolationTableModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        emit loadingChanged(loading);
    }
}

void ViolationTableModel::load(const std::optional<ViolationCursor>& after, bool atTop)
{
    setLoading(true);
    ViolationFilter filter = m_filter;
    filter.after = after;
    filter.limit = pageSize;
    const QString user = m_user;
    const bool count = m_total < 0;
    const quint64 generation = m_generation;
    m_jobs->submit<ViolationPage>(
        JobRunner::Lane::Read,
        [filter, user](Session& session, CancelToken&, const ProgressFn&) -> Result<ViolationPage> {
            auto query = narrowedToUser(session, filter, user);
            if (!query)
                return query.error();
            ViolationPage page;
            auto rows = RunStore::violations(session.db(), *query);
            if (!rows)
                return rows.error();
            page.rows = *rows;
            return page;
        },
        this,
        [this, generation, after, atTop, count](const Result<ViolationPage>& read) {
            if (generation != m_generation)
                return; // a newer filter replaced this request
            setLoading(false);
            if (!read) {
                m_error = Wording::error(read.error());
                m_atEnd = true;
                emit failed(m_error);
                return;
            }
            received(after, atTop, read->rows);
            if (count)
                countTotal();
        });
}

void ViolationTableModel::countTotal()
{
    // After the first rows are shown, not with them: counting 500,000 rows takes longer than
    // reading the first page.
    ViolationFilter filter = m_filter;
    filter.after.reset();
    const QString user = m_user;
    const quint64 generation = m_generation;
    auto job = std::make_shared<quint64>(0); // this count's id, known once it is submitted
    m_countJob = *job = m_jobs->submit<qint64>(
        JobRunner::Lane::Read,
        [filter, user](Session& session, CancelToken& cancel, const ProgressFn&) -> Result<qint64> {
            auto query = narrowedToUser(session, filter, user);
            if (!query)
                return query.error();
            const CancelToken::InterruptScope interruptible(&cancel, session.db().interrupter());
            return RunStore::countViolations(session.db(), *query);
        },
        this,
        [this, generation, job](const Result<qint64>& counted) {
            if (*job == m_countJob)
                m_countJob = 0;
            if (generation != m_generation || !counted)
                return; // a newer filter replaced it; a failure shows on the next page load
            m_total = *counted;
            emit totalChanged(m_total);
        });
}

void ViolationTableModel::received(
    const std::optional<ViolationCursor>& after, bool atTop, const QList<StoredViolation>& rows)
{
    if (atTop) {
        if (rows.isEmpty() || m_dropped.isEmpty() || m_dropped.last() != after)
            return;
        m_dropped.removeLast();
        // Make room first, so the model never holds more than maxRows, not even for a moment.
        while (!m_pages.isEmpty() && rowsHeld() + rows.size() > maxRows) {
            const int count = int(m_pages.last().rows.size());
            const int first = rowsHeld() - count;
            beginRemoveRows({}, first, first + count - 1);
            m_pages.removeLast();
            endRemoveRows();
            m_atEnd = false;
        }
        beginInsertRows({}, 0, int(rows.size()) - 1);
        m_pages.prepend(Page { after, rows });
        m_firstRowNumber -= rows.size();
        endInsertRows();
        emit headerDataChanged(Qt::Vertical, 0, std::max(0, rowsHeld() - 1));
        return;
    }
    if (after != endCursor())
        return; // a stale or repeated request: these rows are already held or no longer adjacent
    if (rows.size() < pageSize)
        m_atEnd = true;
    if (rows.isEmpty())
        return;
    while (!m_pages.isEmpty() && rowsHeld() + rows.size() > maxRows) {
        const int count = int(m_pages.first().rows.size());
        beginRemoveRows({}, 0, count - 1);
        m_dropped.append(m_pages.first().after);
        m_firstRowNumber += count;
        m_pages.removeFirst();
        endRemoveRows();
    }
    const int first = rowsHeld();
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_pages.append(Page { after, rows });
    endInsertRows();
    if (m_firstRowNumber > 0)
        emit headerDataChanged(Qt::Vertical, 0, std::max(0, rowsHeld() - 1));
}

} // namespace cc::ui
