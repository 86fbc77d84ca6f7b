#pragma once

#include "check/ReportContent.h"

#include <functional>

namespace cc::cli {

// Draws the health report as a PDF file. The command line library links no Qt Gui, so a GUI build
// installs the writer from main() (under a QGuiApplication); without one, `report` is refused.
using ReportPdfWriter = std::function<Result<void>(const ReportContent& content, const QString& path)>;
void setReportPdfWriter(ReportPdfWriter writer);

} // namespace cc::cli
