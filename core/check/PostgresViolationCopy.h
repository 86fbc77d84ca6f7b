#pragma once

#include "check/HealthReport.h"
#include "database/Database.h"

namespace cc {

// Stores a check's violations on PostgreSQL with one COPY ... FROM STDIN through the driver's own
// handle (issue 17), inside the caller's transaction: no statement text or bound value per row.
// Values travel in COPY's text format, every backslash, tab, line break and carriage return
// escaped, so a stored id or reason is data whatever it holds. Thread affinity: the thread owning
// `db`; `sequence` is advanced by the rows stored.
Result<void> copyViolations(
    Database& db, qint64 runId, const QList<ViolationRecord>& records, qint64& sequence);

} // namespace cc
