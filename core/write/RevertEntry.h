#pragma once

#include "audit/AuditLog.h"
#include "schema/RowJson.h"
#include "session/Session.h"

#include <QJsonObject>
#include <QMap>

// What revert reads from an audit entry, and the check that the entry is one this tool could have
// written (docs/BEHAVIOUR.md C6 revert). Reverter's plan (RevertPlan.cpp) builds on it.
namespace cc::revert {

// The rows of one table in an entry's `before` or `after` state, by id.
QMap<qint64, Row> rowsById(const QJsonObject& state, const QString& tableName);
// The coupled table's track column and user column.
QString keyColumn(const QString& tableName);
QString userColumn(const QString& tableName);
// Whether the table is one of the two coupled tables.
bool coupled(const QString& tableName);

// Refused, naming what is wrong, when the entry names anything but the coupled rows of its user
// and track, their level history and achievements, and the reference columns a merge re-pointed.
Result<void> checkAllowed(Session& session, const AuditEntry& entry);

} // namespace cc::revert
