#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "pages/DashboardPage.h"
#include "pages/UserPage.h"

#include <QPixmap>

namespace cc::ui {

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& directory, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_dir(directory)
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotTour::waitThenShoot);
    const QStringList sizes = qEnvironmentVariable("CC_SCREENSHOT_SIZES").split(u',', Qt::SkipEmptyParts);
    for (const QString& size : sizes) {
        const QStringList parts = size.trimmed().split(u'x');
        if (parts.size() == 2 && parts.at(0).toInt() > 0 && parts.at(1).toInt() > 0)
            m_sizes.append(QSize(parts.at(0).toInt(), parts.at(1).toInt()));
    }
}

void ScreenshotTour::start()
{
    if (!m_dir.mkpath(QStringLiteral("."))) {
        qWarning("cannot create the screenshot directory %s", qPrintable(m_dir.path()));
        emit done(false);
        return;
    }
    m_window->resize(m_sizes.isEmpty() ? QSize(1280, 800) : m_sizes.first());
    next();
}

void ScreenshotTour::next()
{
    ++m_step;
    if (m_step >= MainWindow::PageCount && m_size + 1 < m_sizes.size()) {
        m_step = 0;
        m_window->resize(m_sizes.at(++m_size));
    }
    if (m_step >= MainWindow::PageCount) {
        emit done(m_ok);
        return;
    }
    m_window->setCurrentPage(m_step);
    if (m_step == MainWindow::User) {
        // A desynced user, from the latest run's first violations.
        const auto& top = m_window->dashboard()->snapshot().topViolations;
        if (!top.isEmpty())
            m_window->userPage()->openUser(top.first().userId);
    }
    m_waiting.start();
    m_quiet.start();
    m_poll.start();
}

void ScreenshotTour::waitThenShoot()
{
    auto& jobs = m_window->context()->jobs();
    if (m_step == MainWindow::Dashboard && !m_window->dashboard()->snapshot().latest
        && m_waiting.elapsed() > 1500 && !m_firstCheckAsked) {
        m_firstCheckAsked = true; // a brand-new database: show a real check rather than an empty dashboard
        m_window->dashboard()->runCheckNow();
    }
    if (jobs.pending() > 0 || m_window->dashboard()->isCheckRunning())
        m_quiet.restart();
    if (m_quiet.elapsed() < 600 && m_waiting.elapsed() < 60000)
        return;
    m_poll.stop();
    shoot();
    next();
}

void ScreenshotTour::shoot()
{
    const QString suffix = m_sizes.isEmpty()
        ? QString()
        : QStringLiteral("-%1x%2").arg(m_sizes.at(m_size).width()).arg(m_sizes.at(m_size).height());
    const QString path = m_dir.filePath(MainWindow::pageKey(m_step) + suffix + QStringLiteral(".png"));
    const QPixmap pixmap = m_window->grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        qWarning("cannot save %s", qPrintable(path));
        m_ok = false;
        return;
    }
    m_saved << path;
}

} // namespace cc::ui
