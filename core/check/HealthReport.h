#pragma once

#include "rules/KeyClassifier.h"
#include "session/Thresholds.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <array>
#include <optional>

namespace cc {

struct ViolationRecord {
    qint64 userId = 0;
    QString track;
    QString kind; // a violation kind or a warning name
    bool warning = false;
    std::optional<qint64> progressLevel;
    std::optional<qint64> licenseLevel;
    QString action;
    QString reason;
};

// A run's status (docs/BEHAVIOUR.md C4). Its names (runStatusName) are what the runs table, JSON
// and CSV hold; nothing compares them as text.
enum class RunStatus { Healthy, Degraded, Critical, NoData, Error, Cancelled, Running, Abandoned };

QString runStatusName(RunStatus status); // "healthy", "no_data", …
// A stored name; std::nullopt for a name no version of the tool writes.
std::optional<RunStatus> runStatusFromName(const QString& name);
// A check that finished and classified every key (healthy, degraded, critical, no data).
bool isCompleted(RunStatus status);

struct TrackCounts {
    qint64 totalPairs = 0;
    qint64 consistent = 0;
    qint64 inconsistent = 0;
};

// One health check's result, as stored in the runs table and shown by every front end.
struct HealthReport {
    std::optional<qint64> runId; // empty when nothing was stored
    RunStatus status = RunStatus::NoData;
    std::optional<qint64> rateHundredths;
    qint64 totalPairs = 0;
    qint64 consistent = 0;
    qint64 inconsistent = 0;
    std::array<qint64, violationKindCount> byKind {};
    std::array<qint64, warningKindCount> warnings {};
    // License-only keys of users whose role is not student (docs/BEHAVIOUR.md C2): not pairs, so in
    // none of the counts above.
    qint64 staffCredentials = 0;
    QMap<QString, TrackCounts> byTrack;
    Thresholds thresholds;
    QString database;
    QString operatorName;
    QDateTime startedAt;
    qint64 durationMs = 0;
    std::optional<qint64> newSincePrevious;
    std::optional<qint64> resolvedSincePrevious;
    QList<ViolationRecord> violations; // primary kinds in key order, capped by the check's limit
    QString message; // why a run failed or was not stored
};

// floor((consistent × 20000 + total) / (2 × total)): half-up to two decimals, in hundredths.
std::optional<qint64> consistencyRateHundredths(qint64 consistent, qint64 total);
RunStatus statusFor(std::optional<qint64> rateHundredths, const Thresholds& thresholds);
// check's exit code for a status: 0 healthy, 1 degraded, 2 critical, 3 no data, 130 cancelled, else 5.
int checkExitCode(RunStatus status);
QString formatHundredths(qint64 hundredths); // "95.00"

} // namespace cc
