#include "PlanPreviewDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

PlanPreviewDialog::PlanPreviewDialog(const QString& title, const QString& summary, const QString& planText,
    const QString& typeToConfirm, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("planPreviewDialog"));
    setWindowTitle(title);
    resize(820, 560);
    auto* layout = new QVBoxLayout(this);
    auto* summaryLabel = new QLabel(summary, this);
    summaryLabel->setWordWrap(true);
    layout->addWidget(summaryLabel);
    auto* plan = new QPlainTextEdit(this);
    plan->setObjectName(QStringLiteral("planText"));
    plan->setReadOnly(true);
    plan->setLineWrapMode(QPlainTextEdit::NoWrap);
    plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    plan->setPlainText(planText.isEmpty() ? tr("Nothing to change.") : planText);
    layout->addWidget(plan, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyPlanButton"));
    if (!typeToConfirm.isEmpty()) {
        auto* label
            = new QLabel(tr("This is a production database. Type %1 to confirm:").arg(typeToConfirm), this);
        layout->addWidget(label);
        m_confirmation = new QLineEdit(this);
        m_confirmation->setObjectName(QStringLiteral("typeToConfirm"));
        layout->addWidget(m_confirmation);
        m_apply->setEnabled(false);
        connect(m_confirmation, &QLineEdit::textChanged, this, [this, typeToConfirm](const QString& text) {
            m_apply->setEnabled(text.trimmed() == typeToConfirm);
        });
        m_confirmation->setFocus();
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

} // namespace cc::ui
