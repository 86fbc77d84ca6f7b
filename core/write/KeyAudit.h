#pragma once

#include "audit/AuditLog.h"
#include "write/Plan.h"

namespace cc {

// The audit entry of one key's change while it is executed (docs/BEHAVIOUR.md C5): `before` holds the
// key's rows and every other row the change touches; `after` starts as those rows and takes each
// row a write returns, so it ends as the database holds them.
class KeyAudit final {
public:
    explicit KeyAudit(const KeyChange& change);

    void written(const QString& tableName, qint64 id, const Row& row);
    void removed(const QString& tableName, qint64 id);
    AuditEntry entry(Session& session, const KeyChange& change, std::optional<qint64> batchId) const;

private:
    QMap<QString, QList<Row>> m_before;
    QMap<QString, QMap<qint64, Row>> m_after; // table → id → row; a removed row has no entry
};

} // namespace cc
