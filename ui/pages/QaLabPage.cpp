#include "QaLabPage.h"

#include "ConsoleContext.h"
#include "ThemeColors.h"
#include "Wording.h"
#include "WriteFlow.h"
#include "check/UserView.h"
#include "widgets/Banner.h"
#include "widgets/JobProgress.h"
#include "widgets/TableColumns.h"
#include "write/Injector.h"
#include "write/Reverter.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>

#include <algorithm>

namespace cc::ui {

QaLabPage::QaLabPage(ConsoleContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("qaLabPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* title = new QLabel(tr("QA lab"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto* intro = new QLabel(tr("Plant desyncs on purpose to see that checks find them and repairs fix them. "
                                "Every injection is audited and can be undone."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("qaDisabledReason"));
    m_reason->setWordWrap(true);
    ThemeColors::setStyleSheet(m_reason, [] {
        return QStringLiteral(
            "QLabel { background: %1; border: 1px solid %2; border-radius: 6px; padding: 8px; }")
            .arg(ThemeColors::errorBanner().name(), ThemeColors::critical().name());
    });
    m_reason->hide();
    layout->addWidget(m_reason);

    layout->addWidget(buildForm());
    m_progress = new JobProgress(&context->jobs(), this);
    layout->addWidget(m_progress);

    layout->addWidget(new QLabel(tr("Injections in this session:"), this));
    layout->addWidget(buildInjectionsTable(), 1);

    connect(m_inject, &QPushButton::clicked, this, &QaLabPage::inject);
    m_userTracks.setSingleShot(true);
    m_userTracks.setInterval(250);
    connect(m_userId, &QSpinBox::valueChanged, &m_userTracks, qOverload<>(&QTimer::start));
    connect(&m_userTracks, &QTimer::timeout, this, &QaLabPage::chooseTheUsersTrack);
    connect(context, &ConsoleContext::connectionReplaced, this, [this] {
        // Undo would revert audit ids of the old database in the new one.
        m_injections->setRowCount(0);
        m_done.clear();
    });
    connect(context, &ConsoleContext::infoChanged, this, [this] {
        const QString current = m_track->currentText();
        m_track->clear();
        m_track->addItems(m_context->info().maxLevels.keys());
        if (!current.isEmpty())
            m_track->setCurrentText(current);
        updateAvailability();
        m_userTracks.start(); // the user id shown from the start has tracks of its own
    });
    updateAvailability();
}

// The injection form: the kind, one key or random keys, Inject.
QWidget* QaLabPage::buildForm()
{
    m_form = new QWidget(this);
    m_form->setObjectName(QStringLiteral("qaForm"));
    auto* form = new QFormLayout(m_form);
    m_kind = new QComboBox(m_form);
    m_kind->setObjectName(QStringLiteral("qaKind"));
    for (const QString& kind : Injector::kinds())
        m_kind->addItem(Wording::kind(kind), kind);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Target:"), buildKeyLine());
    form->addRow(QString(), buildRandomLine());
    m_inject = new QPushButton(tr("&Inject"), m_form);
    m_inject->setObjectName(QStringLiteral("qaInjectButton"));
    form->addRow(QString(), m_inject);
    return m_form;
}

QHBoxLayout* QaLabPage::buildKeyLine()
{
    m_oneKey = new QRadioButton(tr("&One key"), m_form);
    m_oneKey->setObjectName(QStringLiteral("qaOneKey"));
    m_oneKey->setChecked(true);
    m_userId = new QSpinBox(m_form);
    m_userId->setObjectName(QStringLiteral("qaUserId"));
    m_userId->setRange(1, std::numeric_limits<int>::max());
    m_track = new QComboBox(m_form);
    m_track->setObjectName(QStringLiteral("qaTrack"));
    auto* keyLine = new QHBoxLayout;
    keyLine->addWidget(m_oneKey);
    auto* userLabel = new QLabel(tr("&user id"), m_form);
    userLabel->setBuddy(m_userId);
    auto* trackLabel = new QLabel(tr("&track"), m_form);
    trackLabel->setBuddy(m_track);
    keyLine->addWidget(userLabel);
    keyLine->addWidget(m_userId);
    keyLine->addWidget(trackLabel);
    keyLine->addWidget(m_track);
    keyLine->addStretch();
    return keyLine;
}

QHBoxLayout* QaLabPage::buildRandomLine()
{
    m_random = new QRadioButton(tr("&Random keys"), m_form);
    m_random->setObjectName(QStringLiteral("qaRandom"));
    m_count = new QSpinBox(m_form);
    m_count->setObjectName(QStringLiteral("qaCount"));
    m_count->setRange(1, 100000);
    m_count->setValue(10);
    m_seed = new QSpinBox(m_form);
    m_seed->setObjectName(QStringLiteral("qaSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(1);
    auto* randomLine = new QHBoxLayout;
    auto* countLabel = new QLabel(tr("&count"), m_form);
    countLabel->setBuddy(m_count);
    auto* seedLabel = new QLabel(tr("&seed"), m_form);
    seedLabel->setBuddy(m_seed);
    randomLine->addWidget(m_random);
    randomLine->addWidget(countLabel);
    randomLine->addWidget(m_count);
    randomLine->addWidget(seedLabel);
    randomLine->addWidget(m_seed);
    randomLine->addStretch();
    return randomLine;
}

// The injections of this session, each with its Undo.
QTableWidget* QaLabPage::buildInjectionsTable()
{
    m_injections = new QTableWidget(0, UndoColumn + 1, this);
    m_injections->setObjectName(QStringLiteral("qaInjections"));
    m_injections->setHorizontalHeaderLabels(
        { tr("When"), tr("Kind"), tr("Target"), tr("Now"), tr("Audit entries"), QString() });
    m_injections->horizontalHeader()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    m_injections->verticalHeader()->hide();
    m_injections->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_injections->setTabKeyNavigation(false);
    widenColumnsToTitles(m_injections);
    showFullTextOfCutCells(m_injections);
    return m_injections;
}

void QaLabPage::updateAvailability()
{
    const auto allowed = m_context->info().allows(Action::Inject);
    m_form->setEnabled(allowed.ok());
    m_reason->setVisible(!allowed.ok());
    if (!allowed.ok())
        m_reason->setText(tr("The QA lab is disabled here. %1").arg(Wording::refusal(allowed.error())));
    m_inject->setToolTip(allowed.ok() ? tr("Plant the chosen kind") : Wording::refusal(allowed.error()));
    for (int row = 0; row < m_injections->rowCount(); ++row) {
        if (auto* button = m_injections->cellWidget(row, UndoColumn))
            button->setEnabled(allowed.ok() && !m_done.at(row).undone);
    }
}

// A user id typed: the track list moves to one of that user's tracks unless it shows one already,
// so "this kind into this user" needs no further choice (the tooltip names all of them).
void QaLabPage::chooseTheUsersTrack()
{
    const qint64 user = m_userId->value();
    m_context->jobs().submit<QStringList>(
        JobRunner::Lane::Read,
        [user](Session& session, CancelToken&, const ProgressFn&) {
            return UserView::trackNames(session, user);
        },
        this,
        [this, user](const Result<QStringList>& tracks) {
            if (!tracks || m_userId->value() != user)
                return;
            m_track->setToolTip(tracks->isEmpty()
                    ? tr("User %1 has no progress or license rows").arg(user)
                    : tr("User %1's tracks: %2").arg(user).arg(tracks->join(QStringLiteral(", "))));
            if (tracks->contains(m_track->currentText()))
                return;
            for (const QString& track : *tracks) {
                if (const int index = m_track->findText(track); index >= 0) {
                    m_track->setCurrentIndex(index);
                    return;
                }
            }
        });
}

void QaLabPage::inject()
{
    const QString kind = m_kind->currentData().toString();
    JobRunner::Work<WriteOutcome> job;
    QString target;
    if (m_oneKey->isChecked()) {
        const KeyRef key { m_userId->value(), m_track->currentText() };
        target = tr("user %1, %2").arg(key.userId).arg(key.track);
        job = JobRunner::Work<WriteOutcome>([kind, key](Session& session, CancelToken&, const ProgressFn&) {
            return Injector::injectOne(session, kind, key);
        });
    } else {
        const int count = m_count->value();
        const quint64 seed = quint64(m_seed->value());
        target = tr("%n random key(s), seed %1", nullptr, count).arg(seed);
        job = JobRunner::Work<WriteOutcome>(
            [kind, count, seed](Session& session, CancelToken&, const ProgressFn&) {
                return Injector::injectRandom(session, kind, count, seed);
            });
    }
    m_context->beforeWrite(Action::Inject, this, [this, kind, target, job] {
        WriteFlow::runDirect(m_context, this, m_progress, tr("Inject %1").arg(Wording::kind(kind)), QString(),
            job, [this, kind, target](const WriteOutcome& outcome) {
                const int row = addInjection(kind, target, outcome.auditIds, outcome.batchId);
                QList<KeyRef> keys;
                for (const KeyChange& change : outcome.applied)
                    keys.append(change.key);
                showKeysNow(row, keys);
            });
    });
}

int QaLabPage::addInjection(
    const QString& kind, const QString& target, const QList<qint64>& auditIds, std::optional<qint64> batchId)
{
    const int row = m_injections->rowCount();
    m_injections->insertRow(row);
    m_done.append(Injection { auditIds, batchId, false });
    QStringList ids;
    for (qint64 id : auditIds.mid(0, 10))
        ids << QString::number(id);
    m_injections->setItem(row, WhenColumn,
        new QTableWidgetItem(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    m_injections->setItem(row, KindColumn, new QTableWidgetItem(Wording::kind(kind)));
    m_injections->setItem(row, TargetColumn, new QTableWidgetItem(target));
    m_injections->setItem(row, StateColumn, new QTableWidgetItem(tr("checking…")));
    m_injections->setItem(row, AuditColumn,
        new QTableWidgetItem(
            ids.join(QStringLiteral(", ")) + (auditIds.size() > 10 ? QStringLiteral(" …") : QString())));
    auto* undo = new QPushButton(tr("Undo"), m_injections);
    undo->setObjectName(QStringLiteral("qaUndo_%1").arg(row));
    connect(undo, &QPushButton::clicked, this, [this, row] { this->undo(row); });
    m_injections->setCellWidget(row, UndoColumn, undo);
    // Cell widgets join the focus chain at its end; put each Undo right after the table (or the
    // previous Undo) so Tab reaches them in order.
    QWidget::setTabOrder(
        row > 0 ? m_injections->cellWidget(row - 1, UndoColumn) : static_cast<QWidget*>(m_injections), undo);
    m_injections->resizeColumnToContents(AuditColumn);
    return row;
}

// Re-checks the keys an injection touched (the first 50 of a random one) and shows what they are
// now in the row's Now column, without waiting for the next check.
void QaLabPage::showKeysNow(int row, const QList<KeyRef>& keys)
{
    const QList<KeyRef> shown = keys.mid(0, 50);
    m_context->jobs().submit<QList<TrackView>>(
        JobRunner::Lane::Read,
        [shown](Session& session, CancelToken&, const ProgressFn&) { return UserView::keys(session, shown); },
        this,
        [this, row, total = keys.size()](const Result<QList<TrackView>>& tracks) {
            if (QTableWidgetItem* item = m_injections->item(row, StateColumn))
                item->setText(tracks ? keysNowText(*tracks, total) : Wording::error(tracks.error()));
        });
}

// One key: its finding worded in full ("Level mismatch: …"); several: how many of each finding.
QString QaLabPage::keysNowText(const QList<TrackView>& tracks, qsizetype total)
{
    auto findingOf = [](const KeyClassification& classification) -> std::optional<Finding> {
        if (classification.violation)
            return classification.violation;
        if (!classification.warnings.isEmpty())
            return classification.warnings.first();
        return std::nullopt;
    };
    if (tracks.size() == 1) {
        const std::optional<Finding> finding = findingOf(tracks.first().classification);
        return finding ? tr("%1: %2").arg(Wording::kind(finding->name()), Wording::reason(*finding))
                       : tr("consistent");
    }
    QMap<QString, int> counts;
    for (const TrackView& track : tracks) {
        const std::optional<Finding> finding = findingOf(track.classification);
        ++counts[finding ? Wording::kind(finding->name()) : tr("consistent")];
    }
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << tr("%1 × %2").arg(it.value()).arg(it.key());
    const QString text = parts.join(QStringLiteral(", "));
    return tracks.size() < total ? tr("%1 (of the first %2 keys)").arg(text).arg(tracks.size()) : text;
}

void QaLabPage::undo(int row)
{
    if (row < 0 || row >= m_done.size() || m_done.at(row).undone)
        return;
    const Injection injection = m_done.at(row);
    JobRunner::Work<WriteOutcome> job(
        [injection](Session& session, CancelToken&, const ProgressFn&) -> Result<WriteOutcome> {
            if (injection.batchId)
                return Reverter::revertBatch(session, *injection.batchId);
            WriteOutcome total;
            QList<qint64> newestFirst = injection.auditIds;
            std::reverse(newestFirst.begin(), newestFirst.end());
            for (const qint64 id : std::as_const(newestFirst)) {
                auto reverted = Reverter::revert(session, id);
                if (!reverted)
                    return reverted.error();
                total.auditIds += reverted->auditIds;
                total.applied += reverted->applied;
            }
            return total;
        });
    m_context->beforeWrite(Action::RevertInjection, this, [this, row, job] {
        WriteFlow::runDirect(m_context, this, m_progress, tr("Undo injection"), QString(), job,
            [this, row](const WriteOutcome&) {
                m_done[row].undone = true;
                if (auto* button = m_injections->cellWidget(row, UndoColumn)) {
                    button->setEnabled(false);
                    static_cast<QPushButton*>(button)->setText(tr("Undone"));
                }
            });
    });
}

} // namespace cc::ui
