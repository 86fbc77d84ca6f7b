#include "ExportFlow.h"

#include "Prompt.h"
#include "Wording.h"
#include "widgets/JobProgress.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace cc::ui {

QString ExportFlow::fileFilter()
{
    return tr("CSV files (*.csv);;JSON files (*.json)");
}

void ExportFlow::run(
    ConsoleContext* context, QWidget* parent, JobProgress* progress, const ExportRequest& request)
{
    if (progress->isRunning()) {
        Prompt::information(parent, request.title,
            tr("Another operation is running on this page; export when it has finished."));
        return;
    }
    QString path
        = Prompt::saveFile(parent, request.title, QDir::home().filePath(request.suggestedName), fileFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    const auto format = Exporter::formatForPath(path);
    if (!format) {
        Prompt::error(parent, request.title,
            tr("Choose a file name ending in .csv or .json; the extension decides the format."));
        return;
    }
    const auto write = request.write;
    const quint64 id = context->jobs().submit<qint64>(
        JobRunner::Lane::Action,
        [path, format, write](
            Session& session, CancelToken& cancel, const ProgressFn& report) -> Result<qint64> {
            // QSaveFile writes beside the target and renames on commit; without a commit (cancel,
            // error) the partial file is removed.
            // A FIFO, a device or a directory is refused (core's rule, shared with the command line).
            QSaveFile file(path);
            CC_TRY(Exporter::openTarget(file, QStringLiteral("the export")));
            ExportOptions options;
            options.format = *format;
            options.cancel = &cancel;
            options.progress = report;
            auto rows = write(session, file, options);
            if (!rows) {
                file.cancelWriting();
                return rows.error();
            }
            if (!file.commit())
                return refused(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
            return *rows;
        },
        parent,
        [parent, progress, path, title = request.title](const Result<qint64>& written) {
            progress->finish();
            if (written)
                Prompt::information(parent, title,
                    tr("%n row(s) written to %1.", nullptr, int(std::min<qint64>(*written, INT_MAX)))
                        .arg(QDir::toNativeSeparators(path)));
            else if (written.error().code == ErrorCode::Cancelled)
                Prompt::information(parent, title, tr("Export cancelled; no file was written."));
            else
                Prompt::error(parent, title, Wording::error(written.error()));
        },
        [progress](qint64 done, qint64 total) { progress->setProgress(done, total); });
    progress->start(id, tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
}

} // namespace cc::ui
