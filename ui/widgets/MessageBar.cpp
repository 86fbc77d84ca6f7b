#include "MessageBar.h"

#include "Prompt.h"
#include "ThemeColors.h"
#include "WriteFlow.h"
#include "widgets/JobProgress.h"
#include "write/Reverter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace cc::ui {

MessageBar::MessageBar(ConsoleContext* context, QWidget* parent)
    : QFrame(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("writeMessage"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_DialogApplyButton).pixmap(16, 16));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("writeMessageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_undo = new QToolButton(this);
    m_undo->setObjectName(QStringLiteral("writeMessageUndo"));
    m_undo->setText(tr("&Undo"));
    m_undo->setToolTip(tr("Revert the change just made (its audit entries), exactly as before it"));
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("writeMessageClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    m_close->setAccessibleName(tr("Close this message"));
    m_progress = new JobProgress(&context->jobs(), this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_undo, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_undo, &QToolButton::clicked, this, &MessageBar::undo);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    connect(context, &ConsoleContext::writeReported, this, &MessageBar::report);
    connect(context, &ConsoleContext::connectionReplaced, this, &QWidget::hide);
    ThemeColors::setStyleSheet(this, [] {
        return QStringLiteral(
            "cc--ui--MessageBar { background: %1; border: 1px solid %2; border-radius: 6px; }")
            .arg(ThemeColors::infoBanner().name(), ThemeColors::healthy().name());
    });
    hide();
}

void MessageBar::report(const WriteReport& report)
{
    m_report = report;
    // A few lines in the page; the whole report (every skipped key) in the tooltip.
    const QString whole = report.title + QStringLiteral(": ") + report.text;
    const QStringList lines = whole.split(u'\n');
    constexpr int shownLines = 3;
    m_text->setText(lines.size() <= shownLines ? whole
                                               : QStringList(lines.mid(0, shownLines)).join(u'\n') + u'\n'
                + tr("… %n more line(s): hover here for the whole report", nullptr,
                    int(lines.size() - shownLines)));
    m_text->setToolTip(whole);
    m_undo->setVisible(canUndo());
    m_undo->setEnabled(true);
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

bool MessageBar::canUndo() const
{
    return !m_report.undo && (m_report.batchId || !m_report.auditIds.isEmpty());
}

void MessageBar::undo()
{
    if (!canUndo())
        return;
    m_undo->setEnabled(false);
    const std::optional<qint64> batch = m_report.batchId;
    QList<qint64> ids = m_report.auditIds;
    std::sort(ids.begin(), ids.end(), std::greater<>());
    JobRunner::Work<WriteOutcome> job(
        [batch, ids](Session& session, CancelToken&, const ProgressFn&) -> Result<WriteOutcome> {
            if (batch)
                return Reverter::revertBatch(session, *batch);
            WriteOutcome all; // entries without a batch: newest first, each in its own transaction
            for (qint64 id : ids) {
                auto one = Reverter::revert(session, id);
                if (!one)
                    return one.error();
                all.auditIds += one->auditIds;
                all.applied += one->applied;
            }
            return all;
        });
    const QString title = tr("Undo: %1").arg(m_report.title);
    // An undo is a write like any other: on production it is asked first, as the Audit log's revert is.
    if (m_context->info().environment == Environment::Production
        && !Prompt::confirm(this, title,
            tr("This is the production database. Revert the change just made, exactly as it was before?"))) {
        m_undo->setEnabled(true);
        return;
    }
    WriteFlow::runUndo(m_context, this, m_progress, title, std::move(job));
}

} // namespace cc::ui
