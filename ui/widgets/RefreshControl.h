#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace cc::ui {

// Auto-refresh: Off / 5 s / 10 s / 30 s / 1 min / 5 min with a visible countdown and pause. It is
// suspended while its page is not visible (hidden, minimised) and after a failure; resume()
// asks for a refresh at once. refreshDue() fires when the countdown reaches zero.
class RefreshControl final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshControl)

public:
    explicit RefreshControl(QWidget* parent = nullptr);

    int intervalSeconds() const;
    void setIntervalSeconds(int seconds); // must be one of the choices; 0 = Off
    bool isPaused() const;
    bool isSuspended() const { return m_suspended; }
    int remainingSeconds() const { return m_remaining; }

    // Restart the countdown (after any refresh, manual or automatic).
    void restart();
    void setSuspended(bool suspended, const QString& why = {});

signals:
    void refreshDue();
    void intervalChanged(int seconds);

private:
    void tick();
    void updateLabel();

    QComboBox* m_interval = nullptr;
    QLabel* m_countdown = nullptr;
    QToolButton* m_pause = nullptr;
    QTimer m_timer;
    int m_remaining = 0;
    bool m_suspended = false;
    QString m_why;
};

} // namespace cc::ui
