#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace cc::ui {

// A coloured strip across a page: an error with a Retry button, or a good-news note.
class Banner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Banner)

public:
    enum class Tone { Error, Good, Neutral };
    Banner(const QString& objectName, Tone tone, QWidget* parent = nullptr);

    void showMessage(const QString& message);
    void setActionText(const QString& text); // empty: no button
    QString message() const;

signals:
    void actionClicked();

private:
    Tone m_tone;
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
};

} // namespace cc::ui
