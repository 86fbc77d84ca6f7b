// The User page drawn from a loaded user: the header, one panel per track and the history.
#include "UserPage.h"

#include "ConsoleContext.h"
#include "ThemeColors.h"
#include "Wording.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

namespace cc::ui {

void UserPage::render()
{
    // Where the keyboard was, so that after a write re-reads the user it stays on that track.
    QString focusedName;
    for (TrackPanel* panel : std::as_const(m_panels)) {
        if (QWidget* focus = QApplication::focusWidget(); focus && panel->isAncestorOf(focus))
            focusedName = focus->objectName();
    }
    if (m_view.user.id != m_shownUser)
        m_currentTrack.clear();
    m_shownUser = m_view.user.id;
    const QString currentTrack = m_currentTrack;
    qDeleteAll(std::exchange(m_panels, {})); // emptied first: deleting a focused panel moves the focus
    renderHeader();
    renderPanels(currentTrack, focusedName);
    if (m_view.tracks.isEmpty()) {
        m_message->setText(tr("This user has no progress or license rows."));
        m_message->show();
    }

    renderHistory();
    updateButtons();
}

void UserPage::renderHeader()
{
    const UserSummary& user = m_view.user;
    int inconsistent = 0;
    for (const TrackView& track : std::as_const(m_view.tracks))
        inconsistent += track.classification.violation ? 1 : 0;
    const QColor colour = inconsistent > 0 ? ThemeColors::critical() : ThemeColors::healthy();
    m_header->setText(tr("<b>%1</b> · %2 · id %3 · %4%5 · <span style=\"color:%6\">%7</span>")
                          .arg(user.name.toHtmlEscaped(), user.email.toHtmlEscaped())
                          .arg(user.id)
                          .arg(Wording::storedRole(user.role).toHtmlEscaped(),
                              user.active ? QString() : tr(" (inactive)"), colour.name(),
                              inconsistent > 0 ? tr("%n desynced track(s)", nullptr, inconsistent)
                                               : tr("all tracks consistent")));
}

// One panel per track, desynced tracks first; the current track and the keyboard's place kept.
void UserPage::renderPanels(const QString& currentTrack, const QString& focusedName)
{
    // Desynced tracks first, then the rest, each group in key order.
    QList<TrackView> ordered = m_view.tracks;
    std::stable_sort(ordered.begin(), ordered.end(), [](const TrackView& a, const TrackView& b) {
        return a.classification.violation.has_value() && !b.classification.violation.has_value();
    });
    for (const TrackView& track : std::as_const(ordered)) {
        auto* panel = new TrackPanel(track, m_context->info(), m_tracksHost);
        connect(panel, &TrackPanel::requested, this,
            [this, panel](TrackPanel::Request request) { onTrackRequest(panel->view(), request); });
        m_tracksLayout->insertWidget(m_tracksLayout->count() - 1, panel);
        m_panels.append(panel);
        for (QAction* action : std::as_const(m_trackActions)) {
            const auto request = TrackPanel::Request(action->data().toInt());
            if (QPushButton* button = panel->button(request); button && button->isEnabled())
                button->setToolTip(tr("%1 (%2)").arg(QString(action->text()).remove(u'&'),
                    action->shortcut().toString(QKeySequence::NativeText)));
        }
    }
    TrackPanel* current = m_panels.isEmpty() ? nullptr : m_panels.first();
    for (TrackPanel* panel : std::as_const(m_panels)) {
        if (panel->view().rows.key.track == currentTrack)
            current = panel;
    }
    makeCurrent(current);
    // New widgets join the end of the window's focus chain: put the panels' fields and buttons
    // where they are seen, after the header's buttons and before the history.
    QWidget* previous = m_revert;
    for (TrackPanel* panel : std::as_const(m_panels)) {
        for (QWidget* widget : panel->findChildren<QWidget*>()) {
            if ((widget->focusPolicy() & Qt::TabFocus) && !widget->focusProxy()) {
                QWidget::setTabOrder(previous, widget);
                previous = widget;
            }
        }
    }
    if (current && !focusedName.isEmpty()) {
        QWidget* again = current->findChild<QWidget*>(focusedName);
        (again && again->isEnabled() ? again : current->fields())->setFocus(Qt::OtherFocusReason);
    }
}

void UserPage::renderHistory()
{
    // Audit entries and license progressions, newest first.
    struct Event {
        QDateTime at;
        QString track;
        QString what;
        QString details;
    };
    QList<Event> events;
    for (const AuditEntry& entry : std::as_const(m_view.history)) {
        const QString who = Wording::auditOperator(entry);
        events.append({ entry.at, entry.track,
            tr("%1 (%2, audit #%3)")
                .arg(Wording::auditAction(entry.action), Wording::auditSource(entry.source))
                .arg(entry.id),
            entry.reason.isEmpty() ? who : tr("%1: %2").arg(who, Wording::auditReason(entry.reason)) });
    }
    for (const TrackView& track : std::as_const(m_view.tracks)) {
        for (const Row& row : track.progressions) {
            QDateTime at = row.value(QStringLiteral("advanced_at")).toDateTime();
            at.setTimeSpec(Qt::UTC);
            events.append({ at, track.rows.key.track,
                tr("license level %1 → %2")
                    .arg(row.value(QStringLiteral("from_level")).toString(),
                        row.value(QStringLiteral("to_level")).toString()),
                Wording::auditReason(row.value(QStringLiteral("advancement_reason")).toString()) });
        }
    }
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at > b.at; });
    m_history->setRowCount(int(events.size()));
    for (int i = 0; i < events.size(); ++i) {
        const Event& event = events.at(i);
        m_history->setItem(i, 0,
            new QTableWidgetItem(event.at.isValid()
                    ? QLocale().toString(event.at.toLocalTime(), QLocale::ShortFormat)
                    : QStringLiteral("—")));
        m_history->setItem(i, 1, new QTableWidgetItem(event.track));
        m_history->setItem(i, 2, new QTableWidgetItem(event.what));
        m_history->setItem(i, 3, new QTableWidgetItem(event.details));
    }
    m_history->resizeColumnsToContents();
}

} // namespace cc::ui
