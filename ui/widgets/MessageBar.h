#pragma once

#include "ConsoleContext.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace cc::ui {

class JobProgress;

// The window's answer to a write, in the page instead of a box to dismiss: what changed, Undo for
// that change (its batch or its audit entries, reverted through core's Reverter) and Close.
class MessageBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    explicit MessageBar(ConsoleContext* context, QWidget* parent = nullptr);

    void report(const WriteReport& report);
    QString text() const;
    bool canUndo() const;
    // Reverts the reported change (no question: Undo is the answer to the report).
    void undo();

private:
    ConsoleContext* m_context;
    WriteReport m_report;
    QLabel* m_text = nullptr;
    QToolButton* m_undo = nullptr;
    QToolButton* m_close = nullptr;
    JobProgress* m_progress = nullptr;
};

} // namespace cc::ui
