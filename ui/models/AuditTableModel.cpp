#include "AuditTableModel.h"

#include "JobRunner.h"
#include "ThemeColors.h"
#include "Wording.h"

namespace cc::ui {

AuditTableModel::AuditTableModel(JobRunner* jobs, QObject* parent)
    : QAbstractTableModel(parent)
    , m_jobs(jobs)
{
}

void AuditTableModel::setFilter(const AuditFilter& filter)
{
    beginResetModel();
    m_filter = filter;
    m_filter.newestFirst = true;
    m_filter.limit = pageSize;
    m_entries.clear();
    m_groups.clear();
    m_atEnd = false;
    m_loading = false;
    ++m_generation;
    endResetModel();
    load(0);
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}
int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry& entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn:
            return entry.id;
        case BatchColumn:
            return entry.batchId ? tr("#%1").arg(*entry.batchId) : QString();
        case TimeColumn:
            return QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat);
        case OperatorColumn:
            return Wording::auditOperator(entry);
        case SourceColumn:
            return Wording::auditSource(entry.source);
        case ActionColumn:
            return Wording::auditAction(entry.action);
        case UserColumn:
            return entry.userId ? QVariant(*entry.userId) : QVariant(QStringLiteral("—"));
        case TrackColumn:
            return entry.track;
        case ReasonColumn:
            return Wording::auditReason(entry.reason);
        }
    } else if (role == Qt::UserRole) {
        return entry.id;
    } else if (role == Qt::BackgroundRole && m_groups.value(index.row()) % 2 == 1) {
        return ThemeColors::mix(ThemeColors::base(), ThemeColors::accent(), 0.10);
    } else if (role == Qt::ToolTipRole && index.column() == BatchColumn && entry.batchId) {
        return tr("Part of batch #%1: select it and use “Revert batch…” to undo the whole batch")
            .arg(*entry.batchId);
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case BatchColumn:
        return tr("Batch");
    case TimeColumn:
        return tr("When");
    case OperatorColumn:
        return tr("Operator");
    case SourceColumn:
        return tr("Source");
    case ActionColumn:
        return tr("Action");
    case UserColumn:
        return tr("User");
    case TrackColumn:
        return tr("Track");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

bool AuditTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void AuditTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        load(m_entries.isEmpty() ? 0 : m_entries.last().id);
}

void AuditTableModel::load(qint64 afterId)
{
    m_loading = true;
    AuditFilter filter = m_filter;
    filter.afterId = afterId;
    const quint64 generation = m_generation;
    m_jobs->submit<QList<AuditEntry>>(
        JobRunner::Lane::Read,
        [filter](Session& session, CancelToken&, const ProgressFn&) {
            return AuditLog::entries(session.db(), filter);
        },
        this,
        [this, generation](const Result<QList<AuditEntry>>& read) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!read) {
                m_atEnd = true;
                emit failed(Wording::error(read.error()));
                return;
            }
            const QList<AuditEntry>& entries = *read;
            if (entries.size() < pageSize)
                m_atEnd = true;
            if (!entries.isEmpty()) {
                beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + entries.size()) - 1);
                for (const AuditEntry& entry : entries) {
                    const bool sameBatch
                        = !m_entries.isEmpty() && entry.batchId && m_entries.last().batchId == entry.batchId;
                    m_groups.append(m_groups.isEmpty() ? 0 : m_groups.last() + (sameBatch ? 0 : 1));
                    m_entries.append(entry);
                }
                endInsertRows();
            }
            emit loaded();
        });
}

} // namespace cc::ui
