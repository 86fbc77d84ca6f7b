#include "RefreshControl.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace cc::ui {

RefreshControl::RefreshControl(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(tr("Auto-refresh:"), this);
    m_interval = new QComboBox(this);
    m_interval->setObjectName(QStringLiteral("refreshInterval"));
    m_interval->addItem(tr("Off"), 0);
    m_interval->addItem(tr("5 s"), 5);
    m_interval->addItem(tr("10 s"), 10);
    m_interval->addItem(tr("30 s"), 30);
    m_interval->addItem(tr("1 min"), 60);
    m_interval->addItem(tr("5 min"), 300);
    m_interval->setCurrentIndex(3);
    caption->setBuddy(m_interval);
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("pauseRefresh"));
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Pause or resume the automatic refresh"));
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("refreshCountdown"));
    m_countdown->setMinimumWidth(110);
    layout->addWidget(caption);
    layout->addWidget(m_interval);
    layout->addWidget(m_pause);
    layout->addWidget(m_countdown);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RefreshControl::tick);
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        restart();
        emit intervalChanged(intervalSeconds());
    });
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        if (!paused)
            emit refreshDue();
        restart();
    });
    restart();
}

int RefreshControl::intervalSeconds() const
{
    return m_interval->currentData().toInt();
}

void RefreshControl::setIntervalSeconds(int seconds)
{
    const int index = m_interval->findData(seconds);
    if (index >= 0)
        m_interval->setCurrentIndex(index);
}

bool RefreshControl::isPaused() const
{
    return m_pause->isChecked();
}

void RefreshControl::restart()
{
    m_remaining = intervalSeconds();
    if (m_remaining > 0 && !isPaused() && !m_suspended)
        m_timer.start();
    else
        m_timer.stop();
    updateLabel();
}

void RefreshControl::setSuspended(bool suspended, const QString& why)
{
    if (m_suspended == suspended && m_why == why)
        return;
    const bool resumed = m_suspended && !suspended;
    m_suspended = suspended;
    m_why = why;
    restart();
    if (resumed && intervalSeconds() > 0 && !isPaused())
        emit refreshDue();
}

void RefreshControl::tick()
{
    if (--m_remaining <= 0) {
        emit refreshDue();
        m_remaining = intervalSeconds();
    }
    updateLabel();
}

void RefreshControl::updateLabel()
{
    if (intervalSeconds() == 0)
        m_countdown->setText(tr("off"));
    else if (m_suspended)
        m_countdown->setText(m_why.isEmpty() ? tr("suspended") : m_why);
    else if (isPaused())
        m_countdown->setText(tr("paused"));
    else
        m_countdown->setText(tr("next in %n s", nullptr, m_remaining));
}

} // namespace cc::ui
