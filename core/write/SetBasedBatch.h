#pragma once

#include "session/Session.h"
#include "write/Plan.h"

namespace cc {

// PostgreSQL, inside the caller's transaction and under its keys' locks: a batch's planned key
// changes written with one statement per table, operation and column set for all the keys
// (UPDATE … FROM (VALUES …), DELETE … WHERE id IN (VALUES …), multi-row INSERT … RETURNING), in an
// order that keeps each key's own statement order, then one audit entry per changed key, in key
// order, in one insert. Every value is bound. Lives for one bulk write: it keeps the column types
// it read.
class SetBasedBatch final {
public:
    explicit SetBasedBatch(Session& session)
        : m_session(session)
    {
    }

    // The audit ids of the changed keys, in key order. std::nullopt, with nothing executed, when
    // the changes do not fit: a write that does not return the whole row, a row two keys write, a
    // row one statement would write twice, or keys whose statement orders disagree. On an error
    // the caller rolls back what the call wrote.
    Result<std::optional<QList<qint64>>> execute(
        const QList<KeyChange>& changes, std::optional<qint64> batchId);

private:
    Result<QHash<QString, QString>> columnTypes(const QString& tableName);

    Session& m_session;
    QHash<QString, QHash<QString, QString>> m_types; // table → column → type as PostgreSQL spells it
};

} // namespace cc
