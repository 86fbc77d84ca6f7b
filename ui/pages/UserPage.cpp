#include "UserPage.h"

#include "ConsoleContext.h"
#include "Wording.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"
#include "write/Repair.h"
#include "write/Reverter.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
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
    buildSearch(layout);
    buildHeader(layout);
    buildTracks(layout);
    addTrackActions();
    connectControls();
    clear();
}

// The title, the search field and the list of matching users.
void UserPage::buildSearch(QVBoxLayout* layout)
{
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
}

// Who the user is and what can be done to all their tracks.
void UserPage::buildHeader(QVBoxLayout* layout)
{
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
    m_progress = new JobProgress(&m_context->jobs(), this);
    layout->addWidget(m_progress);
}

// The tracks' panels above and the user's history below, apart by a splitter the user can drag: the
// tracks take most of the room, the history keeps at least a few rows (a fixed height left it
// cramped at 640 px and wasted room at 1000 px).
void UserPage::buildTracks(QVBoxLayout* layout)
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("userSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* scroll = new QScrollArea(splitter);
    scroll->setObjectName(QStringLiteral("userTracks"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tracksHost = new QWidget(scroll);
    m_tracksLayout = new QVBoxLayout(m_tracksHost);
    m_tracksLayout->setContentsMargins(0, 0, 0, 0);
    m_tracksLayout->addStretch();
    scroll->setWidget(m_tracksHost);
    splitter->addWidget(scroll);
    splitter->addWidget(buildHistory(splitter));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 3000, 1000 }); // before the first layout: a share, not pixels
    layout->addWidget(splitter, 1);
}

QWidget* UserPage::buildHistory(QWidget* parent)
{
    auto* host = new QWidget(parent);
    auto* layout = new QVBoxLayout(host);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* historyTitle
        = new QLabel(tr("History (audit entries and license progressions, newest first)"), host);
    m_history = new QTableWidget(0, 4, host);
    m_history->setObjectName(QStringLiteral("userHistory"));
    m_history->setHorizontalHeaderLabels({ tr("When"), tr("Track"), tr("What"), tr("Details") });
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setTabKeyNavigation(false);
    widenColumnsToTitles(m_history);
    showFullTextOfCutCells(m_history);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The header and three rows at least.
    m_history->setMinimumHeight(m_history->horizontalHeader()->sizeHint().height()
        + 3 * m_history->verticalHeader()->defaultSectionSize() + 2 * m_history->frameWidth());
    layout->addWidget(historyTitle);
    layout->addWidget(m_history, 1);
    return host;
}

// Shortcuts that act on the current track.
void UserPage::addTrackActions()
{
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
}

void UserPage::connectControls()
{
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_results, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { openUser(item->data(Qt::UserRole).toLongLong()); });
    connect(m_repair, &QPushButton::clicked, this, &UserPage::repairUser);
    connect(m_revert, &QPushButton::clicked, this, &UserPage::revertLastChange);
    connect(m_context, &ConsoleContext::connectionReplaced, this, &UserPage::clear);
    connect(m_context, &ConsoleContext::databaseChanged, this, [this] {
        if (m_loaded)
            openUser(m_view.user.id);
    });
    connect(m_context, &ConsoleContext::infoChanged, this, [this] {
        if (m_loaded)
            render();
        updateButtons();
    });
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
                               .arg(Wording::auditAction(m_view.history.first().action))
                         : tr("Nothing to revert"));
}

} // namespace cc::ui
