// The dashboard as a picture, the latest check as a PDF report.
#include "DashboardPage.h"

#include "ConsoleContext.h"
#include "Prompt.h"
#include "Wording.h"
#include "report/HealthReportWriter.h"

#include <QDir>
#include <QSaveFile>
#include <QToolButton>

namespace cc::ui {

void DashboardPage::exportPng()
{
    const QString title = tr("Export the dashboard as PNG");
    const QString path = Prompt::saveFile(
        this, title, QDir::home().filePath(QStringLiteral("dashboard.png")), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    // The whole dashboard, also the part scrolled out of view.
    const QPixmap picture = m_content->grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !picture.save(&file, "PNG") || !file.commit()) {
        Prompt::error(this, title,
            tr("The picture cannot be written to %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    Prompt::information(this, title,
        tr("Dashboard saved to %1 (%2 × %3 pixels).")
            .arg(QDir::toNativeSeparators(path))
            .arg(picture.width())
            .arg(picture.height()));
}

void DashboardPage::exportPdf()
{
    const QString title = tr("Export PDF report");
    const QString path = Prompt::saveFile(
        this, title, QDir::home().filePath(QStringLiteral("health-report.pdf")), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    m_exportButton->setEnabled(false);
    m_context->jobs().submit<ReportContent>(
        JobRunner::Lane::Read,
        [](Session& session, CancelToken&, const ProgressFn&) { return ReportContent::load(session); }, this,
        [this, path, title](const Result<ReportContent>& outcome) {
            m_exportButton->setEnabled(true);
            if (!outcome) {
                Prompt::error(this, title, Wording::error(outcome.error()));
                return;
            }
            const auto written = HealthReportWriter::writePdf(*outcome, path);
            if (!written) {
                Prompt::error(this, title, Wording::error(written.error()));
                return;
            }
            Prompt::information(this, title, tr("Report saved to %1.").arg(QDir::toNativeSeparators(path)));
        });
}

} // namespace cc::ui
