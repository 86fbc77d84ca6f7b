#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSize>
#include <QTimer>

namespace cc::ui {

class MainWindow;

// --screenshots DIR: shows every page of the window at 1280×800 in turn, waits until its data
// has arrived (no job pending), saves DIR/<page>.png with QWidget::grab() and quits. With
// CC_SCREENSHOT_SIZES="1280x720,1024x640" it shoots every page at each of those sizes instead, as
// DIR/<page>-<width>x<height>.png (language and theme are the saved ones, ui/language and ui/theme).
class ScreenshotTour final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(MainWindow* window, const QString& directory, QObject* parent = nullptr);

    void start();
    QStringList saved() const { return m_saved; }

signals:
    void done(bool ok);

private:
    void next();
    void waitThenShoot();
    void shoot();

    MainWindow* m_window;
    QDir m_dir;
    QList<QSize> m_sizes; // empty: 1280×800, named <page>.png
    int m_size = 0;
    int m_step = -1;
    QTimer m_poll;
    QElapsedTimer m_waiting;
    QElapsedTimer m_quiet;
    QStringList m_saved;
    bool m_ok = true;
    bool m_firstCheckAsked = false;
};

} // namespace cc::ui
