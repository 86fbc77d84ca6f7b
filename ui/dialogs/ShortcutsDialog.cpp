#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cc::ui {

namespace {
QString withoutAmpersands(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QMenuBar* menuBar, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Every command of the menus. Tab and Shift+Tab move between fields; Alt and an underlined "
           "letter opens a menu or reaches a field."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcutsTree"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({ tr("Command"), tr("Shortcut"), tr("Through the menu") });
    m_tree->setRootIsDecorated(false);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    m_tree->setUniformRowHeights(true);
    for (QAction* menuAction : menuBar->actions()) {
        QMenu* menu = menuAction->menu();
        if (!menu || !menuAction->isVisible())
            continue;
        const QString menuKey = mnemonic(menu->title());
        const QString menuKeys = menuKey.isEmpty()
            ? QString()
            : QKeySequence(QStringLiteral("Alt+") + menuKey).toString(QKeySequence::NativeText);
        auto* group = new QTreeWidgetItem(m_tree, { withoutAmpersands(menu->title()), QString(), menuKeys });
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(CommandColumn, bold);
        for (QAction* action : menu->actions()) {
            if (action->isSeparator() || action->menu() || !action->isVisible())
                continue;
            const QString letter = mnemonic(action->text());
            auto* item = new QTreeWidgetItem(group,
                { withoutAmpersands(action->text()), shortcutText(action),
                    letter.isEmpty() || menuKeys.isEmpty() ? QString()
                                                           : tr("%1, %2").arg(menuKeys, letter) });
            item->setData(CommandColumn, Qt::UserRole, action->objectName());
            if (!action->toolTip().isEmpty() && action->toolTip() != withoutAmpersands(action->text()))
                item->setToolTip(CommandColumn, action->toolTip());
        }
    }
    m_tree->expandAll();
    m_tree->setItemsExpandable(false);
    m_tree->header()->setSectionResizeMode(CommandColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(ShortcutColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(MenuKeysColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setMinimumSectionSize(110);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 520);
}

QString ShortcutsDialog::shortcutText(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& sequence : action->shortcuts())
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

QString ShortcutsDialog::mnemonic(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        return text.at(i + 1).toUpper();
    }
    return QString();
}

} // namespace cc::ui
