#pragma once

#include "ConsoleContext.h"
#include "administration/Exporter.h"

#include <QCoreApplication>

#include <functional>

class QWidget;

namespace cc::ui {

class JobProgress;

// One table export, the way every page does it: ask for a file (CSV or JSON by its extension),
// stream the rows into it in the worker (Action lane) with the page's progress line and Cancel,
// then say how many rows were written. The file is written atomically: a cancelled or failed
// export leaves no file (and an existing file untouched).
struct ExportRequest {
    QString title; // "Export violations"
    QString suggestedName; // "violations.csv"
    // Runs in the worker thread; writes the rows to the device.
    std::function<Result<qint64>(Session& session, QIODevice& out, const ExportOptions& options)> write;
};

class ExportFlow final {
    Q_DECLARE_TR_FUNCTIONS(ExportFlow)

public:
    ExportFlow() = delete;

    static void run(
        ConsoleContext* context, QWidget* parent, JobProgress* progress, const ExportRequest& request);
    // "CSV (*.csv);;JSON (*.json)" in words.
    static QString fileFilter();
};

} // namespace cc::ui
