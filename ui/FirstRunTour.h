#pragma once

#include <QFrame>

class QCheckBox;
class QLabel;
class QPushButton;

namespace cc::ui {

class MainWindow;

// A short, non-modal tour of the pages on the first start: a small panel in the main window's
// bottom-right corner, one step per page (the window shows that page), Back / Next / Skip and
// "Don't show again" (checked by default). Closing it with that box checked stores QSettings
// `firstRun/tourDone`, so it is offered once. A child of the window: it never blocks a test or a
// person, and Escape (with the focus in the panel) skips it.
class FirstRunTour final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstRunTour)

public:
    explicit FirstRunTour(MainWindow* window);

    // True once the tour has been finished or skipped with "Don't show again".
    static bool isDone();
    static QString settingsKey();

    int step() const { return m_step; }
    int stepCount() const;
    void showStep(int step);
    void next();
    void back();
    // Closes the tour (finished or skipped) and deletes it; stores the flag when the box is checked.
    void finish();

signals:
    void finished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void place();
    QString keys(const char* actionName) const; // the shortcut of one of the window's actions

    MainWindow* m_window;
    int m_step = 0;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QCheckBox* m_dontShowAgain = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_skip = nullptr;
};

} // namespace cc::ui
