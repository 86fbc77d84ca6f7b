#include "FirstRunTour.h"

#include "MainWindow.h"
#include "ThemeColors.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace cc::ui {

namespace {
constexpr int panelWidth = 400;
constexpr int margin = 16;
} // namespace

QString FirstRunTour::keys(const char* actionName) const
{
    const auto* action = m_window->findChild<QAction*>(QString::fromLatin1(actionName));
    return action ? action->shortcut().toString(QKeySequence::NativeText) : QString();
}

FirstRunTour::FirstRunTour(MainWindow* window)
    : QFrame(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("firstRunTour"));
    setAccessibleName(tr("Tour of the pages"));
    setFrameShape(QFrame::StyledPanel);
    setFixedWidth(panelWidth);
    ThemeColors::setStyleSheet(this, [] {
        return QStringLiteral(
            "cc--ui--FirstRunTour { background: %1; border: 2px solid %2; border-radius: 10px; }")
            .arg(ThemeColors::card().name(), ThemeColors::accent().name());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("tourTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("tourText"));
    m_text->setWordWrap(true);
    m_dontShowAgain = new QCheckBox(tr("Don't show this tour again"), this);
    m_dontShowAgain->setObjectName(QStringLiteral("tourDontShowAgain"));
    m_dontShowAgain->setChecked(true);
    m_back = new QPushButton(tr("Back"), this);
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_next->setDefault(true);
    m_skip = new QPushButton(tr("Skip tour"), this);
    m_skip->setObjectName(QStringLiteral("tourSkip"));
    m_skip->setToolTip(tr("Close the tour (Esc). Help → Tour of the pages shows it again."));
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_dontShowAgain);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_skip);
    buttons->addStretch();
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    layout->addLayout(buttons);

    connect(m_next, &QPushButton::clicked, this, &FirstRunTour::next);
    connect(m_back, &QPushButton::clicked, this, &FirstRunTour::back);
    connect(m_skip, &QPushButton::clicked, this, &FirstRunTour::finish);
    window->installEventFilter(this);
    showStep(0);
}

QString FirstRunTour::settingsKey()
{
    return QStringLiteral("firstRun/tourDone");
}
bool FirstRunTour::isDone()
{
    return QSettings().value(settingsKey(), false).toBool();
}
int FirstRunTour::stepCount() const
{
    return MainWindow::PageCount;
}

void FirstRunTour::showStep(int step)
{
    m_step = std::clamp(step, 0, stepCount() - 1);
    m_window->setCurrentPage(m_step);
    QString text;
    switch (m_step) {
    case MainWindow::Dashboard:
        text = tr("How consistent the two copies of each student's level are: the rate of the latest check, "
                  "its trend and where "
                  "the violations are. %1 runs a check now.")
                   .arg(keys("actionRunCheck"));
        break;
    case MainWindow::Violations:
        text = tr("Every violation of the latest (or a chosen) check, filtered by kind, track or user. "
                  "Select rows and repair "
                  "them after a preview of every statement.");
        break;
    case MainWindow::User:
        text = tr("One student's tracks side by side, progress and license, with their history. Sync, set a "
                  "level or repair, "
                  "always previewed first. %1 finds a user.")
                   .arg(keys("actionFind"));
        break;
    case MainWindow::QaLab:
        text = tr("Plant desyncs on purpose to prove that checks find them and repairs fix them. Every "
                  "injection is audited "
                  "and can be undone.");
        break;
    case MainWindow::Audit:
        text = tr("Every write with its rows before and after, by whom and from where. A change can be "
                  "reverted here.");
        break;
    case MainWindow::Settings:
        text = tr("Theme, language, auto-refresh, scheduled checks and the health thresholds.");
        break;
    default:
        text = tr("Every stored check, newest first; Enter opens its violations.") + u"\n\n"
            + tr("This is a demo database. To open your own, use File → Connect… (%1), the button in the "
                 "status bar, or "
                 "drop an SQLite database file on the window.")
                  .arg(keys("actionConnect"));
        break;
    }
    m_title->setText(
        tr("Step %1 of %2: %3").arg(m_step + 1).arg(stepCount()).arg(m_window->pageTitle(m_step)));
    m_text->setText(text);
    setAccessibleDescription(m_title->text() + u'\n' + text);
    m_back->setEnabled(m_step > 0);
    m_next->setText(m_step + 1 < stepCount() ? tr("Next") : tr("Finish"));
    place();
}

void FirstRunTour::next()
{
    if (m_step + 1 >= stepCount()) {
        finish();
        return;
    }
    showStep(m_step + 1);
}

void FirstRunTour::back()
{
    showStep(m_step - 1);
}

void FirstRunTour::finish()
{
    if (m_dontShowAgain->isChecked())
        QSettings().setValue(settingsKey(), true);
    hide();
    emit finished();
    deleteLater();
}

void FirstRunTour::place()
{
    // The wrapped texts change height from step to step: size the panel for its width.
    resize(panelWidth, layout()->totalHeightForWidth(panelWidth));
    const int bottom
        = m_window->height() - (m_window->statusBar() ? m_window->statusBar()->height() : 0) - margin;
    move(std::max(0, m_window->width() - width() - margin), std::max(0, bottom - height()));
    raise();
}

bool FirstRunTour::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize)
        place();
    return QFrame::eventFilter(watched, event);
}

void FirstRunTour::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        finish();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace cc::ui
