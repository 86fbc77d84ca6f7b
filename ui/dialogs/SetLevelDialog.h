#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;
class QSpinBox;

namespace cc::ui {

// Asks for a level (1..max) and a mandatory reason for the atomic set-level override.
class SetLevelDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetLevelDialog)

public:
    SetLevelDialog(const QString& title, int current, int max, QWidget* parent = nullptr);

    int level() const;
    QString reason() const;

private:
    QSpinBox* m_level = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace cc::ui
