#include "UserPage.h"

#include "ConsoleContext.h"
#include "Operations.h"
#include "Prompt.h"
#include "Repair.h"
#include "Reverter.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "WriteFlow.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>

namespace cc::ui {

namespace {

constexpr qsizetype listedUsers = 50; // search results listed at most

} // namespace

UserPage::UserPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("userPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* top = new QHBoxLayout;
    auto* title = new QLabel(tr("User"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setPlaceholderText(tr("Search by user id, email or name, then press Enter"));
    m_search->setClearButtonEnabled(true);
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(m_search, 1);
    layout->addLayout(top);

    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("userResults"));
    m_results->setMaximumHeight(140);
    m_results->hide();
    layout->addWidget(m_results);

    auto* headerLine = new QHBoxLayout; // the user's actions
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("userHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_createLicenses = new QCheckBox(tr("Create missing licenses"), this);
    m_createLicenses->setObjectName(QStringLiteral("userCreateLicenses"));
    m_repair = new QPushButton(tr("Repair all tracks…"), this);
    m_repair->setObjectName(QStringLiteral("repairUserButton"));
    m_revert = new QPushButton(tr("Revert last change…"), this);
    m_revert->setObjectName(QStringLiteral("revertLastButton"));
    // Who the user is on a line of its own, so a long name or a translation never squeezes it.
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    headerLine->addWidget(m_createLicenses);
    headerLine->addStretch();
    headerLine->addWidget(m_repair);
    headerLine->addWidget(m_revert);
    layout->addLayout(headerLine);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("userMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_progress = new JobProgress(&context->jobs(), this);
    layout->addWidget(m_progress);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("userTracks"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tracksHost = new QWidget(scroll);
    m_tracksLayout = new QVBoxLayout(m_tracksHost);
    m_tracksLayout->setContentsMargins(0, 0, 0, 0);
    m_tracksLayout->addStretch();
    scroll->setWidget(m_tracksHost);
    auto* historyTitle
        = new QLabel(tr("History (audit entries and license progressions, newest first)"), this);
    m_history = new QTableWidget(0, 4, this);
    m_history->setMaximumHeight(170);
    m_history->setObjectName(QStringLiteral("userHistory"));
    m_history->setHorizontalHeaderLabels({ tr("When"), tr("Track"), tr("What"), tr("Details") });
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setTabKeyNavigation(false);
    widenColumnsToTitles(m_history);
    showFullTextOfCutCells(m_history);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(scroll, 1);
    layout->addWidget(historyTitle);
    layout->addWidget(m_history);

    addTrackAction("actionSyncProgressToLicense", tr("Sync &progress → license"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), TrackPanel::Request::SyncProgressToLicense);
    addTrackAction("actionSyncLicenseToProgress", tr("Sync &license → progress"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), TrackPanel::Request::SyncLicenseToProgress);
    addTrackAction("actionSyncTowardHigher", tr("Sync toward &higher"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), TrackPanel::Request::SyncTowardHigher);
    addTrackAction("actionSetLevel", tr("Set l&evel…"), QKeySequence(Qt::CTRL | Qt::Key_L),
        TrackPanel::Request::SetLevel);
    // The track that holds the focus is the one the shortcuts act on, drawn as such.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        for (TrackPanel* panel : std::as_const(m_panels)) {
            if (now && panel->isAncestorOf(now)) {
                makeCurrent(panel);
                return;
            }
        }
    });

    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_results, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { openUser(item->data(Qt::UserRole).toLongLong()); });
    connect(m_repair, &QPushButton::clicked, this, &UserPage::repairUser);
    connect(m_revert, &QPushButton::clicked, this, &UserPage::revertLastChange);
    connect(context, &ConsoleContext::connectionReplaced, this, &UserPage::clear);
    connect(context, &ConsoleContext::databaseChanged, this, [this] {
        if (m_loaded)
            openUser(m_view.user.id);
    });
    connect(context, &ConsoleContext::infoChanged, this, [this] {
        if (m_loaded)
            render();
        updateButtons();
    });
    clear();
}

void UserPage::addTrackAction(
    const char* objectName, const QString& text, const QKeySequence& key, TrackPanel::Request request)
{
    auto* action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcut(key);
    action->setEnabled(false);
    action->setData(int(request));
    action->setToolTip(tr("On the User page, for the track with the focus (else the first track)"));
    connect(action, &QAction::triggered, this, [this, request] { requestOnCurrentTrack(request); });
    m_trackActions.append(action);
}

TrackPanel* UserPage::currentPanel() const
{
    for (TrackPanel* panel : m_panels) {
        if (panel->isCurrent())
            return panel;
    }
    return m_panels.isEmpty() ? nullptr : m_panels.first();
}

void UserPage::makeCurrent(TrackPanel* current)
{
    if (current)
        m_currentTrack = current->view().rows.key.track;
    for (TrackPanel* panel : std::as_const(m_panels))
        panel->setCurrent(panel == current);
}

void UserPage::requestOnCurrentTrack(TrackPanel::Request request)
{
    TrackPanel* panel = isVisible() ? currentPanel() : nullptr;
    if (!panel)
        return;
    QPushButton* button = panel->button(request);
    if (button && button->isEnabled()) {
        onTrackRequest(panel->view(), request);
        return;
    }
    // Said in the page, where the keys were pressed: why this track cannot do it.
    m_message->setText(button
            ? button->toolTip()
            : tr("%1 is a staff credential: there is nothing to change.").arg(panel->view().rows.key.track));
    m_message->show();
}

void UserPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateButtons();
}

void UserPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    updateButtons();
}

void UserPage::clear()
{
    m_view = UserView();
    m_loaded = false;
    qDeleteAll(std::exchange(m_panels, {})); // emptied first: deleting a focused panel moves the focus
    m_search->clear();
    m_results->clear();
    m_results->hide();
    m_message->hide();
    m_history->setRowCount(0);
    m_header->setText(tr("Search for a user, or double-click a violation."));
    updateButtons();
}

void UserPage::search(const QString& text)
{
    const QString query = text.trimmed();
    if (query.isEmpty())
        return;
    m_search->setText(query);
    m_context->jobs().submit<QList<UserSummary>>(
        JobRunner::Lane::Read,
        [query](Session& session, CancelToken&, const ProgressFn&) {
            return UserView::search(session, query, listedUsers + 1); // one more tells a cap
        },
        this,
        [this](const Result<QList<UserSummary>>& outcome) {
            m_results->clear();
            if (!outcome) {
                m_message->setText(Wording::error(outcome.error()));
                m_message->show();
                return;
            }
            auto users = *outcome;
            const bool capped = users.size() > listedUsers;
            users = users.mid(0, listedUsers);
            if (users.size() == 1) {
                m_results->hide();
                openUser(users.first().id);
                return;
            }
            for (const UserSummary& user : users) {
                auto* item
                    = new QListWidgetItem(tr("%1 · %2 · %3 (%4)")
                                              .arg(user.id)
                                              .arg(user.name, user.email, Wording::storedRole(user.role)),
                        m_results);
                item->setData(Qt::UserRole, user.id);
            }
            m_results->setVisible(!users.isEmpty());
            m_message->setText(users.isEmpty() ? tr("No user matches “%1”.").arg(m_search->text())
                    : capped ? tr("The first %n matching users; type more to narrow, or double-click one.",
                          nullptr, int(users.size()))
                             : tr("%n user(s) match; double-click one.", nullptr, int(users.size())));
            m_message->show();
        });
}

void UserPage::openUser(qint64 userId)
{
    m_context->jobs().submit<UserView>(
        JobRunner::Lane::Read,
        [userId](
            Session& session, CancelToken&, const ProgressFn&) { return UserView::load(session, userId); },
        this,
        [this](const Result<UserView>& outcome) {
            if (!outcome) {
                m_message->setText(Wording::error(outcome.error()));
                m_message->show();
                return;
            }
            m_view = *outcome;
            m_loaded = true;
            m_results->hide();
            m_message->hide();
            render();
            emit userLoaded(m_view.user.id);
        });
}

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
    if (m_view.tracks.isEmpty()) {
        m_message->setText(tr("This user has no progress or license rows."));
        m_message->show();
    }

    // History: audit entries and license progressions, newest first.
    struct Event {
        QDateTime at;
        QString track;
        QString what;
        QString details;
    };
    QList<Event> events;
    for (const AuditEntry& entry : std::as_const(m_view.history))
        events.append(
            { entry.at, entry.track, tr("%1 (%2, audit #%3)").arg(entry.action, entry.source).arg(entry.id),
                entry.reason.isEmpty() ? entry.operatorEmail
                                       : tr("%1: %2").arg(entry.operatorEmail, entry.reason) });
    for (const TrackView& track : std::as_const(m_view.tracks)) {
        for (const Row& row : track.progressions) {
            QDateTime at = row.value(QStringLiteral("advanced_at")).toDateTime();
            at.setTimeSpec(Qt::UTC);
            events.append({ at, track.rows.key.track,
                tr("license level %1 → %2")
                    .arg(row.value(QStringLiteral("from_level")).toString(),
                        row.value(QStringLiteral("to_level")).toString()),
                row.value(QStringLiteral("advancement_reason")).toString() });
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
    updateButtons();
}

void UserPage::updateButtons()
{
    for (QAction* action : std::as_const(m_trackActions))
        action->setEnabled(isVisible() && m_loaded && !m_panels.isEmpty());
    const ConsoleInfo& info = m_context->info();
    const auto repair = info.allows(Action::RepairOne);
    m_repair->setEnabled(m_loaded && repair.ok());
    m_repair->setToolTip(
        repair.ok() ? tr("Preview and repair every track of this user") : Wording::refusal(repair.error()));
    const bool hasHistory = m_loaded && !m_view.history.isEmpty();
    const auto revert
        = info.allows(hasHistory ? Reverter::permissionFor(m_view.history.first()) : Action::Revert);
    m_revert->setEnabled(hasHistory && revert.ok());
    m_revert->setToolTip(!revert.ok() ? Wording::refusal(revert.error())
            : hasHistory              ? tr("Undo audit entry #%1 (%2)")
                               .arg(m_view.history.first().id)
                               .arg(m_view.history.first().action)
                         : tr("Nothing to revert"));
}

void UserPage::onTrackRequest(const TrackView& track, TrackPanel::Request request)
{
    const Action action = request == TrackPanel::Request::SetLevel ? Action::SetLevel : Action::SyncOne;
    m_context->beforeWrite(action, this, [this, track, request] { writeTrack(track, request); });
}

void UserPage::writeTrack(const TrackView& track, TrackPanel::Request request)
{
    const KeyRef key = track.rows.key;
    WriteRequest write;
    write.typeToConfirm = m_context->confirmationFor(key.userId);
    write.apply = [](const Plan& plan) {
        return JobRunner::Work<WriteOutcome>([plan](Session& session, CancelToken&, const ProgressFn&) {
            return CouplingWriter::apply(session, plan);
        });
    };
    if (request == TrackPanel::Request::SetLevel) {
        const int max = m_context->info().maxLevels.value(key.track, 1);
        // A stored level beyond the catalogue (even beyond 32 bits) starts the prompt at the nearest valid
        // one.
        const int current = int(std::clamp<qint64>(
            track.classification.progressLevel.value_or(track.classification.licenseLevel.value_or(1)), 1,
            max));
        const auto choice = Prompt::askLevel(
            this, tr("Set level of user %1, %2").arg(key.userId).arg(key.track), current, max);
        if (!choice)
            return;
        write.title = tr("Set level %1 for user %2, %3").arg(choice->level).arg(key.userId).arg(key.track);
        write.preview = JobRunner::Work<Plan>(
            [key, choice = *choice](Session& session, CancelToken&, const ProgressFn&) {
                return CouplingWriter::preview(session, { key },
                    Operations::setLevelPlanner(choice.level, choice.reason, ProgressDelta {}));
            });
    } else {
        const SyncDirection direction = request == TrackPanel::Request::SyncProgressToLicense
            ? SyncDirection::ProgressToLicense
            : request == TrackPanel::Request::SyncLicenseToProgress ? SyncDirection::LicenseToProgress
                                                                    : SyncDirection::TowardHigher;
        write.title = request == TrackPanel::Request::SyncProgressToLicense ? tr("Sync progress → license")
            : request == TrackPanel::Request::SyncLicenseToProgress         ? tr("Sync license → progress")
                                                                    : tr("Sync toward the higher level");
        write.title += tr(" for user %1, %2").arg(key.userId).arg(key.track);
        write.preview
            = JobRunner::Work<Plan>([key, direction](Session& session, CancelToken&, const ProgressFn&) {
                  return Operations::previewSync(session, key, direction);
              });
    }
    WriteFlow::run(m_context, this, m_progress, write);
}

void UserPage::repairUser()
{
    if (m_loaded)
        m_context->beforeWrite(Action::RepairOne, this, [this] { previewRepair(); });
}

void UserPage::previewRepair()
{
    if (!m_loaded)
        return;
    const qint64 userId = m_view.user.id;
    RepairOptions options;
    options.createLicenses = m_createLicenses->isChecked();
    WriteRequest write;
    write.title = tr("Repair all tracks of user %1").arg(userId);
    write.typeToConfirm = m_context->confirmationFor(userId);
    write.preview
        = JobRunner::Work<Plan>([userId, options](Session& session, CancelToken&, const ProgressFn&) {
              return Repair::previewUser(session, userId, QString(), options);
          });
    write.apply = [](const Plan& plan) {
        return JobRunner::Work<WriteOutcome>([plan](Session& session, CancelToken&, const ProgressFn&) {
            return CouplingWriter::apply(session, plan);
        });
    };
    WriteFlow::run(m_context, this, m_progress, write);
}

void UserPage::revertLastChange()
{
    if (!m_loaded || m_view.history.isEmpty())
        return;
    m_context->beforeWrite(
        Reverter::permissionFor(m_view.history.first()), this, [this] { confirmRevert(); });
}

void UserPage::confirmRevert()
{
    if (!m_loaded || m_view.history.isEmpty())
        return;
    const AuditEntry entry = m_view.history.first();
    const QString question
        = tr("Revert audit entry #%1 (%2 on %3, %4)?\n\nBefore: %5\nAfter: %6")
              .arg(entry.id)
              .arg(entry.action, entry.track,
                  QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat),
                  QString::fromUtf8(QJsonDocument(entry.before).toJson(QJsonDocument::Compact)),
                  QString::fromUtf8(QJsonDocument(entry.after).toJson(QJsonDocument::Compact)));
    const QString confirmText = m_context->confirmationFor(m_view.user.id);
    const qint64 id = entry.id;
    JobRunner::Work<WriteOutcome> job(
        [id](Session& session, CancelToken&, const ProgressFn&) { return Reverter::revert(session, id); });
    if (!confirmText.isEmpty()) {
        if (!Prompt::confirmPlan(this, tr("Revert last change"),
                tr("Restores the rows exactly as they were before this entry."), question, confirmText))
            return;
        WriteFlow::runDirect(m_context, this, m_progress, tr("Revert last change"), QString(), job, {});
        return;
    }
    WriteFlow::runDirect(m_context, this, m_progress, tr("Revert last change"), question, job, {});
}

} // namespace cc::ui
