#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;

namespace cc::ui {

// Help → Keyboard shortcuts: every action of the menu bar, menu by menu, with its shortcuts and
// the mnemonic keys that reach it through the menu (Alt+V, R). Built from the QActions themselves
// when it opens, so it cannot drift from what the keys really do. Non-modal; each item keeps the
// action's objectName in Qt::UserRole.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    enum Column { CommandColumn, ShortcutColumn, MenuKeysColumn };

    explicit ShortcutsDialog(QMenuBar* menuBar, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    // "Ctrl+1", "F5, Ctrl+R": an action's shortcuts as shown here (native text).
    static QString shortcutText(const QAction* action);
    // The mnemonic letter of a menu or action text ("&Connect…" → "C"), or empty.
    static QString mnemonic(const QString& text);

private:
    QTreeWidget* m_tree = nullptr;
};

} // namespace cc::ui
