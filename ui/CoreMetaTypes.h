#pragma once

// Core value objects that travel from the worker thread to the GUI inside a QVariant.
#include "AuditLog.h"
#include "CouplingWriter.h"
#include "HealthReport.h"
#include "RunStore.h"
#include "UserView.h"

Q_DECLARE_METATYPE(cc::HealthReport)
Q_DECLARE_METATYPE(cc::Plan)
Q_DECLARE_METATYPE(cc::WriteOutcome)
Q_DECLARE_METATYPE(cc::UserView)
Q_DECLARE_METATYPE(QList<cc::UserSummary>)
Q_DECLARE_METATYPE(QList<cc::StoredViolation>)
Q_DECLARE_METATYPE(QList<cc::AuditEntry>)
Q_DECLARE_METATYPE(QList<cc::HealthReport>)
