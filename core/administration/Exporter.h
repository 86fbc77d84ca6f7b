#pragma once

#include "audit/AuditLog.h"
#include "base/CancelToken.h"
#include "base/Progress.h"
#include "check/RunStore.h"

#include <QJsonObject>

class QIODevice;
class QSaveFile;

namespace cc {

enum class ExportFormat { Csv, Json };

struct ExportOptions {
    ExportFormat format = ExportFormat::Csv;
    CancelToken* cancel = nullptr; // checked between rows; also interrupts the running statement
    ProgressFn progress; // (rows written, rows in total), every few hundred rows and at the end
};

// Writes stored violations, the audit log and the run history to a device as CSV or JSON, the
// formats of docs/BEHAVIOUR.md C8 (`violations/audit/runs --csv|--json`) byte for byte, so the command
// line and the GUI produce the same files. Rows are read forward-only and written one at a time:
// memory stays flat whatever the number of rows. Runs in the thread that owns the session; the
// device is written, never opened or closed here. Returns the number of rows written.
class Exporter final {
public:
    Exporter() = delete;

    static Result<qint64> violations(
        Session& session, const ViolationFilter& requested, QIODevice& out, const ExportOptions& options);
    static Result<qint64> audit(
        Session& session, const AuditFilter& filter, QIODevice& out, const ExportOptions& options);
    // The latest `limit` runs (all when negative), newest first.
    static Result<qint64> runs(Session& session, qint64 limit, QIODevice& out, const ExportOptions& options);

    // Where an export or a report goes (issue 15), for the command line and the GUI alike: a target
    // that exists and is not a regular file (a FIFO, a device such as /dev/null, a directory, a
    // socket) is refused, naming what it is, and nothing is written; replacing it by renaming a file
    // over it would swap the node itself. `what` names the content ("the report").
    static Result<void> checkTarget(const QString& path, const QString& what);
    // checkTarget, then opens `file` for writing: a QSaveFile writes a temporary file beside its
    // target and renames it over the target on commit (without a commit it is removed).
    static Result<void> openTarget(QSaveFile& file, const QString& what);

    // The format a file name asks for by its extension (.csv, .json, any case).
    static std::optional<ExportFormat> formatForPath(const QString& path);

    // The JSON objects of one run and one stored violation (also `check --json`'s shapes).
    static QJsonObject runJson(const HealthReport& report);
    static QJsonObject violationJson(const ViolationRecord& record);
    // A CSV field, quoted when it holds a comma, a quote or a line break; a cell that a spreadsheet
    // would run as a formula (=, +, -, @, tab, CR first) gets a leading ' and quotes (OWASP).
    static QString csvField(const QString& text);
};

} // namespace cc
