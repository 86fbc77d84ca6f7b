#include "SetLevelDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace cc::ui {

SetLevelDialog::SetLevelDialog(const QString& title, int current, int max, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("setLevelDialog"));
    setWindowTitle(title);
    auto* layout = new QFormLayout(this);
    m_level = new QSpinBox(this);
    m_level->setObjectName(QStringLiteral("setLevelValue"));
    m_level->setRange(1, max);
    m_level->setValue(std::clamp(current, 1, max));
    layout->addRow(tr("Level (1–%1):").arg(max), m_level);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("setLevelReason"));
    m_reason->setPlaceholderText(tr("Why this level is right (required, kept in the audit log)"));
    layout->addRow(tr("Reason:"), m_reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("Preview"), QDialogButtonBox::AcceptRole);
    m_ok->setEnabled(false);
    layout->addRow(buttons);
    connect(m_reason, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

int SetLevelDialog::level() const
{
    return m_level->value();
}
QString SetLevelDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace cc::ui
