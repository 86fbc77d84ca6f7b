#include "HealthReportWriter.h"

#include "ThemeColors.h"
#include "Wording.h"
#include "administration/Exporter.h"

#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <cmath>
#include <numeric>

namespace cc::ui {

namespace {

// The printed page: A4 with 40 pt margins, 72 units per inch so that one unit is one point.
constexpr double margin = 40.0;
const QColor ink(0x1f, 0x29, 0x37);
const QColor muted(0x6b, 0x72, 0x80);
const QColor rule(0xd1, 0xd5, 0xdb);
const QColor track(0xe5, 0xe7, 0xeb);

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString percent(const std::optional<qint64>& hundredths)
{
    return hundredths ? Wording::percent(*hundredths) : HealthReportWriter::tr("no data");
}

// A titled list of horizontal bars: label, bar scaled to the largest value, value text.
double drawBars(QPainter& painter, double x, double y, double width, const QString& title,
    const QList<std::tuple<QString, qint64, QString, QColor>>& rows)
{
    painter.setFont(font(12, true));
    painter.setPen(ink);
    painter.drawText(QRectF(x, y, width, 18), Qt::AlignLeft | Qt::AlignVCenter, title);
    y += 22;
    qint64 largest = 1;
    for (const auto& row : rows)
        largest = std::max(largest, std::get<1>(row));
    const double labelWidth = 150;
    const double valueWidth = 110;
    const double barWidth = width - labelWidth - valueWidth - 12;
    painter.setFont(font(9));
    for (const auto& [label, value, text, colour] : rows) {
        painter.setPen(ink);
        painter.drawText(QRectF(x, y, labelWidth, 16), Qt::AlignLeft | Qt::AlignVCenter, label);
        const QRectF bar(x + labelWidth + 6, y + 3, barWidth, 10);
        painter.setPen(Qt::NoPen);
        painter.setBrush(track);
        painter.drawRoundedRect(bar, 2, 2);
        if (value > 0) {
            painter.setBrush(colour);
            painter.drawRoundedRect(
                QRectF(bar.topLeft(),
                    QSizeF(std::max(2.0, barWidth * double(value) / double(largest)), bar.height())),
                2, 2);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(ink);
        painter.drawText(QRectF(x + labelWidth + barWidth + 12, y, valueWidth, 16),
            Qt::AlignRight | Qt::AlignVCenter, text);
        y += 17;
    }
    return y + 10;
}

// A semicircle from 0 % (left) to 100 % (right), filled up to the rate in the status colour.
void drawGauge(QPainter& painter, const QPointF& centre, double radius, const ReportContent& content)
{
    const double thickness = radius * 0.22;
    const QRectF arc(centre.x() - radius + thickness / 2, centre.y() - radius + thickness / 2,
        2 * radius - thickness, 2 * radius - thickness);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(track, thickness, Qt::SolidLine, Qt::FlatCap));
    painter.drawArc(arc, 180 * 16, -180 * 16);
    const auto& rate = content.run.rateHundredths;
    const QColor colour = ThemeColors::forStatus(content.run.status);
    if (rate && *rate > 0) {
        painter.setPen(QPen(colour, thickness, Qt::SolidLine, Qt::FlatCap));
        painter.drawArc(arc, 180 * 16, -int(std::clamp<qint64>(*rate, 0, 10000) * 180 * 16 / 10000));
    }
    // The thresholds as ticks across the band.
    for (const int threshold : { content.run.thresholds.degraded, content.run.thresholds.healthy }) {
        const double radians = (180.0 - threshold / 10000.0 * 180.0) * M_PI / 180.0;
        const QPointF inner(centre.x() + std::cos(radians) * (radius - thickness - 2),
            centre.y() - std::sin(radians) * (radius - thickness - 2));
        const QPointF outer(
            centre.x() + std::cos(radians) * (radius + 2), centre.y() - std::sin(radians) * (radius + 2));
        painter.setPen(QPen(ink, 1.2));
        painter.drawLine(inner, outer);
    }
    painter.setPen(ink);
    painter.setFont(font(20, true));
    painter.drawText(QRectF(centre.x() - radius, centre.y() - radius * 0.55, 2 * radius, radius * 0.5),
        Qt::AlignCenter, percent(rate));
    painter.setFont(font(8));
    painter.setPen(muted);
    painter.drawText(QRectF(centre.x() - radius, centre.y() + 2, 30, 12), Qt::AlignLeft | Qt::AlignTop,
        QStringLiteral("0"));
    painter.drawText(QRectF(centre.x() + radius - 30, centre.y() + 2, 30, 12), Qt::AlignRight | Qt::AlignTop,
        QStringLiteral("100"));
    painter.drawText(QRectF(centre.x() - radius, centre.y() + 2, 2 * radius, 12),
        Qt::AlignHCenter | Qt::AlignTop, HealthReportWriter::tr("consistency rate"));
}

void drawHeader(QPainter& painter, const QRectF& area, const ReportContent& content, int page)
{
    painter.setPen(ink);
    painter.setFont(font(page == 0 ? 20 : 14, true));
    painter.drawText(QRectF(area.left(), area.top(), area.width(), 28), Qt::AlignLeft | Qt::AlignVCenter,
        page == 0 ? HealthReportWriter::tr("Coupling Console health report")
                  : HealthReportWriter::tr("Top violations"));
    painter.setFont(font(9));
    painter.setPen(muted);
    const QLocale locale;
    const QString when = HealthReportWriter::tr("Check #%1 of %2 · report made %3")
                             .arg(content.run.runId.value_or(0))
                             .arg(locale.toString(content.run.startedAt.toLocalTime(), QLocale::ShortFormat),
                                 locale.toString(content.generatedAt.toLocalTime(), QLocale::ShortFormat));
    painter.drawText(QRectF(area.left(), area.top() + 30, area.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
        HealthReportWriter::tr("Database: %1").arg(content.database));
    painter.drawText(
        QRectF(area.left(), area.top() + 44, area.width(), 14), Qt::AlignLeft | Qt::AlignVCenter, when);
    painter.setPen(QPen(rule, 1));
    painter.drawLine(QPointF(area.left(), area.top() + 64), QPointF(area.right(), area.top() + 64));
    // Footer.
    painter.setFont(font(8));
    painter.setPen(muted);
    painter.drawText(QRectF(area.left(), area.bottom() - 12, area.width(), 12),
        Qt::AlignRight | Qt::AlignVCenter,
        HealthReportWriter::tr("Page %1 of %2").arg(page + 1).arg(HealthReportWriter::pageCount));
}

// The status badge, the counts and the thresholds down the left; returns where they end.
double drawStatusAndCounts(QPainter& painter, const QRectF& area, double y, const HealthReport& run)
{
    // Status badge.
    const QColor colour = ThemeColors::forStatus(run.status);
    const QRectF badge(area.left(), y, 170, 36);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(badge, 8, 8);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(ThemeColors::textOn(colour));
    painter.setFont(font(15, true));
    painter.drawText(badge, Qt::AlignCenter, Wording::status(run.status));

    // Counts beside the gauge.
    const QList<std::pair<QString, QString>> counts {
        { HealthReportWriter::tr("Consistency rate"), percent(run.rateHundredths) },
        { HealthReportWriter::tr("Pairs checked"), number(run.totalPairs) },
        { HealthReportWriter::tr("Consistent"), number(run.consistent) },
        { HealthReportWriter::tr("Violations"), number(run.inconsistent) },
        { HealthReportWriter::tr("Warnings"),
            number(std::accumulate(run.warnings.cbegin(), run.warnings.cend(), qint64(0))) },
        { HealthReportWriter::tr("New since the previous check"),
            run.newSincePrevious ? number(*run.newSincePrevious) : QStringLiteral("—") },
        { HealthReportWriter::tr("Resolved since the previous check"),
            run.resolvedSincePrevious ? number(*run.resolvedSincePrevious) : QStringLiteral("—") },
    };
    double rowY = y + 50;
    for (const auto& [label, value] : counts) {
        painter.setFont(font(9.5));
        painter.setPen(muted);
        painter.drawText(QRectF(area.left(), rowY, 175, 16), Qt::AlignLeft | Qt::AlignVCenter, label);
        painter.setFont(font(9.5, true));
        painter.setPen(ink);
        painter.drawText(QRectF(area.left() + 178, rowY, 120, 16), Qt::AlignLeft | Qt::AlignVCenter, value);
        rowY += 17;
    }
    // The thresholds, wide enough for any language, under the counts.
    painter.setFont(font(9.5));
    painter.setPen(muted);
    painter.drawText(QRectF(area.left(), rowY, area.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
        HealthReportWriter::tr("Thresholds: healthy ≥ %1, degraded ≥ %2 (copied into the check when it ran)")
            .arg(Wording::percent(run.thresholds.healthy), Wording::percent(run.thresholds.degraded)));
    rowY += 17;
    return rowY;
}

// Violations by kind, warnings by kind and violations by track, as bars from `y` down.
void drawBreakdowns(QPainter& painter, const QRectF& area, double y, const HealthReport& run)
{
    QList<std::tuple<QString, qint64, QString, QColor>> kinds;
    for (int i = 0; i < violationKindCount; ++i)
        kinds.append({ Wording::kind(kindName(ViolationKind(i))), run.byKind[i], number(run.byKind[i]),
            ThemeColors::critical() });
    y = drawBars(painter, area.left(), y, area.width(), HealthReportWriter::tr("Violations by kind"), kinds);
    QList<std::tuple<QString, qint64, QString, QColor>> warnings;
    for (int i = 0; i < warningKindCount; ++i)
        warnings.append({ Wording::kind(warningName(WarningKind(i))), run.warnings[i],
            number(run.warnings[i]), ThemeColors::degraded() });
    y = drawBars(painter, area.left(), y, area.width(), HealthReportWriter::tr("Warnings by kind"), warnings);
    QList<std::tuple<QString, qint64, QString, QColor>> tracks;
    for (auto it = run.byTrack.cbegin(); it != run.byTrack.cend() && tracks.size() < 12; ++it)
        tracks.append({ it.key(), it->inconsistent,
            HealthReportWriter::tr("%1 of %2 pairs").arg(number(it->inconsistent), number(it->totalPairs)),
            ThemeColors::forStatus(run.status) });
    if (tracks.isEmpty())
        tracks.append(
            { HealthReportWriter::tr("(no pairs)"), 0, QStringLiteral("0"), ThemeColors::unknown() });
    drawBars(painter, area.left(), y, area.width(), HealthReportWriter::tr("Violations by track"), tracks);
}

void drawSummaryPage(QPainter& painter, const QRectF& area, const ReportContent& content)
{
    const HealthReport& run = content.run;
    const double y = area.top() + 80;
    const double countsEnd = drawStatusAndCounts(painter, area, y, run);
    drawGauge(painter, QPointF(area.right() - 105, y + 120), 100, content);
    drawBreakdowns(painter, area, std::max(countsEnd, y + 150) + 18, run);
}

// The violations' rows from `y` down, every other one shaded; returns where they end.
double drawViolationRows(QPainter& painter, const QRectF& area, double y, const QList<double>& widths,
    const QList<ViolationRecord>& records)
{
    const double rowHeight = 26;
    painter.setFont(font(8.5));
    int index = 0;
    for (const ViolationRecord& record : records) {
        if (index++ % 2 == 1) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0xf3, 0xf4, 0xf6));
            painter.drawRect(QRectF(area.left(), y, area.width(), rowHeight));
            painter.setBrush(Qt::NoBrush);
        }
        painter.setPen(ink);
        const QStringList cells { QString::number(record.userId), record.track, Wording::kind(record.kind),
            record.progressLevel ? QString::number(*record.progressLevel) : QStringLiteral("—"),
            record.licenseLevel ? QString::number(*record.licenseLevel) : QStringLiteral("—"),
            Wording::reason(record.kind, record.reason) };
        double x = area.left();
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const QRectF cell(x + 3, y + 1, widths.at(i) - 6, rowHeight - 2);
            painter.drawText(cell, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                painter.fontMetrics().elidedText(cells.at(i), Qt::ElideRight, int(cell.width() * 2)));
            x += widths.at(i);
        }
        y += rowHeight;
    }
    return y;
}

void drawViolationsPage(QPainter& painter, const QRectF& area, const ReportContent& content)
{
    double y = area.top() + 80;
    painter.setFont(font(9));
    painter.setPen(muted);
    const QString intro = content.run.inconsistent > content.topViolations.size()
        ? HealthReportWriter::tr("The first %1 of %2 violations, in user order.")
              .arg(content.topViolations.size())
              .arg(number(content.run.inconsistent))
        : HealthReportWriter::tr("All %1 violations of this check, in user order.")
              .arg(content.topViolations.size());
    painter.drawText(QRectF(area.left(), y, area.width(), 14), Qt::AlignLeft | Qt::AlignVCenter, intro);
    y += 22;
    if (content.topViolations.isEmpty()) {
        painter.setPen(ink);
        painter.setFont(font(11));
        painter.drawText(QRectF(area.left(), y, area.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
            HealthReportWriter::tr("No violations: every pair is consistent."));
        return;
    }
    struct Column {
        QString title;
        double width;
    };
    const QList<Column> columns { { HealthReportWriter::tr("User"), 38 },
        { HealthReportWriter::tr("Track"), 118 }, { HealthReportWriter::tr("Kind"), 100 },
        { HealthReportWriter::tr("Progress"), 52 }, { HealthReportWriter::tr("License"), 48 },
        { HealthReportWriter::tr("Reason"), area.width() - 356 } };
    painter.setPen(Qt::NoPen);
    painter.setBrush(track);
    painter.drawRect(QRectF(area.left(), y, area.width(), 18));
    painter.setBrush(Qt::NoBrush);
    painter.setPen(ink);
    painter.setFont(font(8.5, true));
    double x = area.left();
    for (const Column& column : columns) {
        painter.drawText(
            QRectF(x + 3, y, column.width - 6, 18), Qt::AlignLeft | Qt::AlignVCenter, column.title);
        x += column.width;
    }
    y += 18;
    QList<double> widths;
    for (const Column& column : columns)
        widths << column.width;
    y = drawViolationRows(painter, area, y, widths, content.topViolations);
    painter.setPen(QPen(rule, 1));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
}

} // namespace

void HealthReportWriter::paintPage(
    QPainter& painter, const QRectF& area, int page, const ReportContent& content)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    drawHeader(painter, area, content, page);
    if (page == 0)
        drawSummaryPage(painter, area, content);
    else
        drawViolationsPage(painter, area, content);
    painter.restore();
}

Result<void> HealthReportWriter::writePdf(const ReportContent& content, const QString& path)
{
    QSaveFile file(path);
    CC_TRY(Exporter::openTarget(file, QStringLiteral("the report")));
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(72);
        writer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout::Point);
        writer.setTitle(tr("Coupling Console health report"));
        writer.setCreator(QStringLiteral("Coupling Console"));
        QPainter painter;
        if (!painter.begin(&writer))
            return refused(QStringLiteral("cannot draw the report into %1").arg(path));
        const QRectF area(0, 0, writer.width(), writer.height());
        for (int page = 0; page < pageCount; ++page) {
            if (page > 0)
                writer.newPage();
            paintPage(painter, area, page, content);
        }
        painter.end();
    }
    if (!file.commit())
        return refused(QStringLiteral("cannot write the report to %1: %2").arg(path, file.errorString()));
    return {};
}

QImage HealthReportWriter::renderPage(const ReportContent& content, int page, double scale)
{
    const QSizeF a4 = QPageSize(QPageSize::A4).size(QPageSize::Point);
    QImage image(
        QSize(int(a4.width() * scale), int(a4.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    // 72 dots per inch: a point is a unit before the scale, as in the PDF.
    image.setDotsPerMeterX(qRound(72 / 0.0254));
    image.setDotsPerMeterY(qRound(72 / 0.0254));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintPage(
        painter, QRectF(margin, margin, a4.width() - 2 * margin, a4.height() - 2 * margin), page, content);
    return image;
}

} // namespace cc::ui
