// The main window's status bar (environment, connection, read-only, operator, age of the last
// check) and the side bar's badges (the latest check's status and violations, seen from every page).
#include "MainWindow.h"

#include "ThemeColors.h"
#include "Wording.h"
#include "pages/DashboardPage.h"
#include "widgets/SideBarBadges.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStatusBar>

namespace cc::ui {

void MainWindow::buildStatusBar()
{
    QStatusBar* bar = statusBar();
    bar->setObjectName(QStringLiteral("statusBar"));
    m_environment = new QLabel(bar);
    m_environment->setObjectName(QStringLiteral("environmentChip"));
    m_connection = new QLabel(bar);
    m_connection->setObjectName(QStringLiteral("statusConnection"));
    m_readOnly = new QLabel(bar);
    m_readOnly->setObjectName(QStringLiteral("statusReadOnly"));
    m_operator = new QLabel(bar);
    m_operator->setObjectName(QStringLiteral("statusOperator"));
    m_checkAge = new QLabel(bar);
    m_checkAge->setObjectName(QStringLiteral("statusCheckAge"));
    m_connectButton = new QPushButton(bar);
    m_connectButton->setObjectName(QStringLiteral("statusConnectButton"));
    m_connectButton->setFlat(true);
    m_connectButton->setCursor(Qt::PointingHandCursor);
    m_connectButton->setToolTip(tr("File → Connect… (%1): an SQLite file, a new demo database or PostgreSQL. "
                                   "You can also drop a database file on the window.")
                                    .arg(m_connectAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_connectButton, &QPushButton::clicked, m_connectAction, &QAction::trigger);
    connect(m_connectAction, &QAction::enabledChanged, m_connectButton, &QWidget::setEnabled);
    ThemeColors::setStyleSheet(m_connectButton, [] {
        return QStringLiteral("QPushButton#statusConnectButton { color: %1; text-decoration: underline; "
                              "border: none; padding: 0 6px; }")
            .arg(ThemeColors::accent().name());
    });
    bar->addWidget(m_environment);
    bar->addWidget(m_connection);
    bar->addWidget(m_connectButton);
    m_statusGap = new QWidget(bar);
    bar->addWidget(m_statusGap, 1);
    bar->addPermanentWidget(m_readOnly);
    bar->addPermanentWidget(m_operator);
    bar->addPermanentWidget(m_checkAge);
}

void MainWindow::updateStatusBar()
{
    const ConsoleInfo& info = m_context->info();
    setConnectionText(
        info.embedded ? tr("%1 (embedded demo database)").arg(info.connection) : info.connection, QString());
    m_connectButton->setText(
        info.embedded ? tr("Connect to your database…") : tr("Connect to another database…"));
    const QColor chip = ThemeColors::environment(info.environment);
    m_environment->setText(info.loaded ? Wording::environment(info.environment) : tr("CONNECTING…"));
    m_environment->setStyleSheet(QStringLiteral(
        "QLabel { background: %1; color: %2; border-radius: 9px; padding: 2px 10px; font-weight: bold; }")
                                     .arg(chip.name(), ThemeColors::textOn(chip).name()));
    m_environment->setToolTip(tr("Environment of this database"));
    m_readOnly->setText(info.readOnly ? tr("Read-only") : tr("Read-write"));
    m_operator->setToolTip(info.loaded
            ? tr("Operator: %1 (%2)").arg(info.op.displayName(), Wording::role(info.op.role))
            : QString());
    m_signInAction->setEnabled(info.loaded && info.environment == Environment::Production);
    // The platform appends the application's display name: "‹connection› — Coupling Console".
    setWindowTitle(info.connection);
    fitStatusBar();
}

void MainWindow::setConnectionText(const QString& text, const QString& detail)
{
    m_connectionText = text;
    m_connection->setToolTip(detail.isEmpty() ? text : text + u'\n' + detail);
    fitStatusBar();
}

void MainWindow::fitStatusBar()
{
    if (!m_connection)
        return;
    // The connection and the operator share what the chip, the link, the fixed labels and the bar's
    // own margins, spacing and size grip leave: who acts is short and shown whole where it can be; a
    // long connection path gives way (its middle). The bar's own part is measured while every item
    // shows (a status message hides the left ones), not guessed: it depends on the style.
    QStatusBar* bar = statusBar();
    const QList<QWidget*> fixedItems { m_environment, m_connectButton, m_readOnly, m_checkAge };
    if (bar->isVisible() && m_connection->isVisible()) {
        int items = m_connection->width() + m_operator->width() + m_statusGap->width();
        for (QWidget* item : fixedItems)
            items += item->width();
        m_statusBarOwn = std::max(0, bar->width() - items);
    }
    int fixed = m_statusBarOwn;
    for (QWidget* item : fixedItems)
        fixed += item->sizeHint().width();
    constexpr int least = 120;
    const int available = std::max(2 * least, bar->width() - fixed);
    // A few pixels beyond the text's advance: elidedText() elides a text given exactly its own width.
    const int forOperator
        = std::min(m_operator->fontMetrics().horizontalAdvance(m_operator->toolTip()) + 8, available - least);
    m_operator->setText(
        m_operator->fontMetrics().elidedText(m_operator->toolTip(), Qt::ElideRight, forOperator));
    m_connection->setText(
        m_connection->fontMetrics().elidedText(m_connectionText, Qt::ElideMiddle, available - forOperator));
}

void MainWindow::updateCheckAge()
{
    if (!m_lastCheck.isValid()) {
        m_checkAge->setText(tr("No check yet"));
        return;
    }
    m_checkAge->setText(
        tr("Last check %1").arg(Wording::age(m_lastCheck.secsTo(QDateTime::currentDateTimeUtc()))));
    fitStatusBar(); // the age's width changes ("No check yet", "12 s ago", …)
}

// The dashboard's item carries the latest check's status as a coloured dot (its rate said to
// assistive technology and in the tooltip), the violations' item their count: an injection or a
// repair shows in the side bar as soon as the dashboard re-checks.
void MainWindow::updateSideBarBadges()
{
    const std::optional<HealthReport>& latest = m_dashboard->snapshot().latest;
    QListWidgetItem* dashboard = m_sideBar->item(Dashboard);
    QListWidgetItem* violations = m_sideBar->item(Violations);
    const bool rated = latest && latest->rateHundredths;
    dashboard->setData(
        SideBarBadges::BadgeColorRole, latest ? ThemeColors::forStatus(latest->status) : QColor());
    const bool inconsistent = latest && latest->inconsistent > 0;
    violations->setData(
        SideBarBadges::BadgeTextRole, inconsistent ? QLocale().toString(latest->inconsistent) : QString());
    violations->setData(
        SideBarBadges::BadgeColorRole, inconsistent ? ThemeColors::forStatus(latest->status) : QColor());
    const QString status = latest ? Wording::status(latest->status) : QString();
    const QString described = rated
        ? tr("%1: %2, %3").arg(dashboard->text(), status, Wording::percent(*latest->rateHundredths))
        : dashboard->text();
    dashboard->setData(Qt::AccessibleTextRole, described);
    dashboard->setToolTip(tr("%1 (Ctrl+%2)").arg(described).arg(Dashboard + 1));
    violations->setData(Qt::AccessibleTextRole,
        latest
            ? tr("%1: %n in the latest check", nullptr, int(std::min<qint64>(latest->inconsistent, INT_MAX)))
                  .arg(violations->text())
            : violations->text());
}

} // namespace cc::ui
