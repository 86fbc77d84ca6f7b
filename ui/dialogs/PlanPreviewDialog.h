#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace cc::ui {

// Shows a write's plan (every row before → after and the statements) and asks to apply it. On
// production the person must type the user id before Apply becomes available.
class PlanPreviewDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanPreviewDialog)

public:
    PlanPreviewDialog(const QString& title, const QString& summary, const QString& planText,
        const QString& typeToConfirm, QWidget* parent = nullptr);

private:
    QLineEdit* m_confirmation = nullptr;
    QPushButton* m_apply = nullptr;
};

} // namespace cc::ui
