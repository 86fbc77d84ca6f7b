#pragma once

#include "KeyClassifier.h"
#include "Thresholds.h"

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

struct TrackCounts {
    qint64 totalPairs = 0;
    qint64 consistent = 0;
    qint64 inconsistent = 0;
};

// One health check's result, as stored in the runs table and shown by every front end.
struct HealthReport {
    std::optional<qint64> runId; // empty when nothing was stored
    QString status; // healthy, degraded, critical, no_data, error, cancelled, running
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
QString statusFor(std::optional<qint64> rateHundredths, const Thresholds& thresholds);
// check's exit code for a status: 0 healthy, 1 degraded, 2 critical, 3 no data.
int checkExitCode(const QString& status);
QString formatHundredths(qint64 hundredths); // "95.00"

} // namespace cc
