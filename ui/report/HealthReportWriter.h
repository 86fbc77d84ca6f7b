#pragma once

#include "check/ReportContent.h"

#include <QCoreApplication>
#include <QImage>

class QPainter;

namespace cc::ui {

// The printable health report (A4, two pages): title, database and time, the status badge, a
// consistency gauge, the counts, bars by kind, warning and track, the thresholds (page 1) and the
// top violations (page 2). Drawn with QPainter in points, always in light print colours; needs a
// QGuiApplication (the command line makes one for `report`). Runs in the thread that calls it.
class HealthReportWriter final {
    Q_DECLARE_TR_FUNCTIONS(HealthReportWriter)

public:
    static constexpr int pageCount = 2;

    HealthReportWriter() = delete;

    // Writes the PDF atomically (nothing is left at `path` on failure). Refused with the reason
    // when the file cannot be written.
    static Result<void> writePdf(const ReportContent& content, const QString& path);
    // One page as an image, `scale` pixels per point (for previews and tests).
    static QImage renderPage(const ReportContent& content, int page, double scale = 1.0);
    // Paints one page into `area` (in points) of an open painter.
    static void paintPage(QPainter& painter, const QRectF& area, int page, const ReportContent& content);
};

} // namespace cc::ui
