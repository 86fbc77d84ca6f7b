#pragma once

#include <QFrame>

class QLabel;

namespace cc::ui {

// One number on the dashboard: a caption, the value, and a small note underneath. The caption is
// its accessible name; the value and the note are its description.
class MetricCard final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricCard)

public:
    MetricCard(const QString& objectName, const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& note = {});
    QString value() const;

signals:
    // Clicked, or Enter/Space with the focus: the dashboard opens what the number counts.
    void activated();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void restyle();
    QLabel* m_caption = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace cc::ui
