#pragma once

#include "check/HealthReport.h"

#include <QLabel>

namespace cc::ui {

// HEALTHY / DEGRADED / CRITICAL / NO DATA / ERROR in the platform's colours. The status name is
// also kept in the "status" property (the badge's class, for tests and style sheets). Accessible
// name "Health status", description the status as shown.
class StatusBadge final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadge)
    Q_PROPERTY(QString status READ status)

public:
    explicit StatusBadge(QWidget* parent = nullptr);

    void setStatus(RunStatus status);
    QString status() const { return runStatusName(m_status); }

signals:
    // Clicked, or Enter/Space with the focus: the dashboard opens what the number counts.
    void activated();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void restyle();
    RunStatus m_status = RunStatus::NoData;
};

} // namespace cc::ui
