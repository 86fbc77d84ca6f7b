#include "write/KeyAudit.h"

#include "rows/PlatformTables.h"
#include "rows/RowValues.h"
#include "session/Session.h"

namespace cc {

KeyAudit::KeyAudit(const KeyChange& change)
{
    m_before[table::progress] = change.before.progress;
    m_before[table::licenses] = change.before.licenses;
    for (const Row& row : change.before.progress)
        m_after[table::progress].insert(rowId(row), row);
    for (const Row& row : change.before.licenses)
        m_after[table::licenses].insert(rowId(row), row);
    for (const RowChange& row : change.changes) {
        QMap<qint64, Row>& rows = m_after[row.table];
        if (row.op != RowOp::Insert && !rows.contains(row.id)) {
            m_before[row.table].append(row.before);
            rows.insert(row.id, row.before);
        }
    }
}

void KeyAudit::written(const QString& tableName, qint64 id, const Row& row)
{
    m_after[tableName].insert(id, row);
}

void KeyAudit::removed(const QString& tableName, qint64 id)
{
    m_after[tableName].remove(id);
}

AuditEntry KeyAudit::entry(Session& session, const KeyChange& change, std::optional<qint64> batchId) const
{
    QMap<QString, QList<Row>> after;
    for (auto it = m_after.cbegin(); it != m_after.cend(); ++it)
        after[it.key()] = it.value().values();
    AuditEntry entry;
    entry.at = session.now();
    entry.source = change.source;
    entry.action = change.action;
    entry.userId = change.key.userId;
    entry.track = change.key.track;
    entry.beforeText = rowsJsonText(m_before);
    entry.afterText = rowsJsonText(after);
    entry.reason = change.reason;
    entry.batchId = batchId;
    entry.revertsId = change.revertsId;
    return entry;
}

} // namespace cc
