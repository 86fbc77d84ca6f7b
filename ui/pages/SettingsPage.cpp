#include "SettingsPage.h"

#include "Appearance.h"
#include "ConsoleContext.h"
#include "Prompt.h"
#include "Translations.h"
#include "Wording.h"
#include "administration/Administration.h"
#include "pages/DashboardPage.h"
#include "widgets/JobProgress.h"
#include "widgets/RefreshControl.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace cc::ui {

SettingsPage::SettingsPage(ConsoleContext* context, DashboardPage* dashboard, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_dashboard(dashboard)
{
    setObjectName(QStringLiteral("settingsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    auto* title = new QLabel(tr("Settings"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    layout->addWidget(buildFacts());
    layout->addWidget(buildAppearance());
    layout->addWidget(buildDashboard());
    layout->addWidget(buildThresholds());
    m_progress = new JobProgress(&context->jobs(), this);
    layout->addWidget(m_progress);

    auto* about = new QPushButton(tr("About Coupling Console"), this);
    about->setObjectName(QStringLiteral("settingsAbout"));
    layout->addWidget(about, 0, Qt::AlignLeft);
    layout->addStretch();

    restoreDashboardSettings();
    connectControls(about);
    connect(context, &ConsoleContext::infoChanged, this, &SettingsPage::updateFacts);
    updateFacts();
}

// Read-only facts: the database, its environment and the operator.
QGroupBox* SettingsPage::buildFacts()
{
    auto* facts = new QGroupBox(tr("Connection"), this);
    auto* factsForm = new QFormLayout(facts);
    m_connection = new QLabel(facts);
    m_connection->setObjectName(QStringLiteral("settingsConnection"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_environment = new QLabel(facts);
    m_environment->setObjectName(QStringLiteral("settingsEnvironment"));
    m_operator = new QLabel(facts);
    m_operator->setObjectName(QStringLiteral("settingsOperator"));
    factsForm->addRow(tr("Database:"), m_connection);
    factsForm->addRow(tr("Environment:"), m_environment);
    factsForm->addRow(tr("Operator:"), m_operator);
    return facts;
}

// The colour theme (applied at once) and the language (at the next start).
QGroupBox* SettingsPage::buildAppearance()
{
    auto* appearance = new QGroupBox(tr("Appearance"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    m_theme = new QComboBox(appearance);
    m_theme->setObjectName(QStringLiteral("settingsTheme"));
    m_theme->addItem(tr("System"), Appearance::key(Appearance::Theme::System));
    m_theme->addItem(tr("Light"), Appearance::key(Appearance::Theme::Light));
    m_theme->addItem(tr("Dark"), Appearance::key(Appearance::Theme::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(Appearance::key(Appearance::savedTheme()))));
    m_theme->setToolTip(tr("System follows the desktop's colours; Light and Dark apply at once."));
    appearanceForm->addRow(tr("&Theme:"), m_theme);
    m_language = new QComboBox(appearance);
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    // Each language under its own name, so it can be found whatever the current language is.
    m_language->addItem(tr("System"), Translations::key(Translations::Language::System));
    m_language->addItem(QStringLiteral("English"), Translations::key(Translations::Language::English));
    m_language->addItem(QStringLiteral("Magyar"), Translations::key(Translations::Language::Hungarian));
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(Translations::key(Translations::savedLanguage()))));
    appearanceForm->addRow(tr("&Language:"), m_language);
    m_languageNote
        = new QLabel(tr("The new language takes effect the next time Coupling Console starts."), appearance);
    m_languageNote->setObjectName(QStringLiteral("settingsLanguageNote"));
    m_languageNote->setWordWrap(true);
    m_languageNote->setVisible(Translations::savedLanguage() != Translations::installedLanguage());
    appearanceForm->addRow(QString(), m_languageNote);
    return appearance;
}

// The dashboard's refresh interval and check schedule.
QGroupBox* SettingsPage::buildDashboard()
{
    auto* dashboardBox = new QGroupBox(tr("Dashboard"), this);
    auto* dashboardForm = new QFormLayout(dashboardBox);
    m_refresh = new QComboBox(dashboardBox);
    m_refresh->setObjectName(QStringLiteral("settingsRefreshInterval"));
    for (const auto& [seconds, label] :
        { std::pair { 0, tr("Off") }, std::pair { 5, tr("5 s") }, std::pair { 10, tr("10 s") },
            std::pair { 30, tr("30 s") }, std::pair { 60, tr("1 min") }, std::pair { 300, tr("5 min") } })
        m_refresh->addItem(label, seconds);
    m_schedule = new QSpinBox(dashboardBox);
    m_schedule->setObjectName(QStringLiteral("settingsCheckSchedule"));
    m_schedule->setRange(0, 24 * 60);
    m_schedule->setSuffix(tr(" min"));
    m_schedule->setSpecialValueText(tr("Off"));
    dashboardForm->addRow(tr("Auto-&refresh:"), m_refresh);
    dashboardForm->addRow(tr("S&cheduled full check every:"), m_schedule);
    auto* scheduleNote = new QLabel(
        tr("A scheduled check is skipped when any completed check, by anyone, is younger than the "
           "interval. Off by default on production."),
        dashboardBox);
    scheduleNote->setWordWrap(true);
    dashboardForm->addRow(QString(), scheduleNote);
    return dashboardBox;
}

// The health thresholds (admins; audited in core).
QGroupBox* SettingsPage::buildThresholds()
{
    auto* thresholds = new QGroupBox(tr("Health thresholds (admins)"), this);
    auto* thresholdsForm = new QFormLayout(thresholds);
    m_healthy = new QLineEdit(thresholds);
    m_healthy->setObjectName(QStringLiteral("settingsHealthy"));
    m_degraded = new QLineEdit(thresholds);
    m_degraded->setObjectName(QStringLiteral("settingsDegraded"));
    m_saveThresholds = new QPushButton(tr("&Save thresholds"), thresholds);
    m_saveThresholds->setObjectName(QStringLiteral("settingsSaveThresholds"));
    thresholdsForm->addRow(tr("Healthy at or &above (%):"), m_healthy);
    thresholdsForm->addRow(tr("&Degraded at or above (%):"), m_degraded);
    thresholdsForm->addRow(QString(), m_saveThresholds);
    return thresholds;
}

// The dashboard's interval and schedule as last saved (QSettings).
void SettingsPage::restoreDashboardSettings()
{
    QSettings settings;
    const int interval = settings.value(QStringLiteral("dashboard/refreshSeconds"), 30).toInt();
    m_refresh->setCurrentIndex(std::max(0, m_refresh->findData(interval)));
    m_dashboard->refreshControl()->setIntervalSeconds(interval);
    if (settings.contains(QStringLiteral("dashboard/scheduleMinutes"))) {
        m_scheduleTouched = true;
        m_schedule->setValue(settings.value(QStringLiteral("dashboard/scheduleMinutes")).toInt());
        m_dashboard->setScheduleMinutes(m_schedule->value());
    } else {
        m_schedule->setValue(m_dashboard->scheduleMinutes());
    }
}

void SettingsPage::connectControls(QPushButton* about)
{
    connect(m_refresh, &QComboBox::currentIndexChanged, this, [this] {
        const int seconds = m_refresh->currentData().toInt();
        QSettings().setValue(QStringLiteral("dashboard/refreshSeconds"), seconds);
        m_dashboard->refreshControl()->setIntervalSeconds(seconds);
    });
    connect(m_dashboard->refreshControl(), &RefreshControl::intervalChanged, this, [this](int seconds) {
        const QSignalBlocker block(m_refresh);
        m_refresh->setCurrentIndex(std::max(0, m_refresh->findData(seconds)));
        QSettings().setValue(QStringLiteral("dashboard/refreshSeconds"), seconds);
    });
    connect(m_schedule, &QSpinBox::valueChanged, this, [this](int minutes) {
        m_scheduleTouched = true;
        QSettings().setValue(QStringLiteral("dashboard/scheduleMinutes"), minutes);
        m_dashboard->setScheduleMinutes(minutes);
    });
    connect(m_theme, &QComboBox::currentIndexChanged, this,
        [this] { Appearance::setTheme(Appearance::themeFromKey(m_theme->currentData().toString())); });
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const Translations::Language language
            = Translations::languageFromKey(m_language->currentData().toString());
        Translations::saveLanguage(language);
        m_languageNote->setVisible(language != Translations::installedLanguage());
    });
    connect(m_saveThresholds, &QPushButton::clicked, this, &SettingsPage::saveThresholds);
    connect(about, &QPushButton::clicked, this, [this] {
        Prompt::information(this, tr("About Coupling Console"),
            tr("Coupling Console %1\nFinds and repairs desyncs between specialization progress and user "
               "licenses.")
                .arg(QCoreApplication::applicationVersion()));
    });
}

void SettingsPage::updateFacts()
{
    const ConsoleInfo& info = m_context->info();
    m_connection->setText(info.connection + (info.readOnly ? tr(" (read-only)") : QString()));
    m_environment->setText(info.loaded ? Wording::environment(info.environment) : tr("unknown"));
    m_operator->setText(
        info.loaded ? tr("%1 (%2)").arg(info.op.displayName(), Wording::role(info.op.role)) : QString());
    m_healthy->setText(Wording::hundredthsField(info.thresholds.healthy));
    m_degraded->setText(Wording::hundredthsField(info.thresholds.degraded));
    const auto allowed = info.allows(Action::ChangeSettings);
    for (QWidget* widget : { static_cast<QWidget*>(m_healthy), static_cast<QWidget*>(m_degraded),
             static_cast<QWidget*>(m_saveThresholds) }) {
        widget->setEnabled(allowed.ok());
        widget->setToolTip(allowed.ok() ? QString() : Wording::refusal(allowed.error()));
    }
    if (info.loaded && !m_scheduleTouched) {
        // Scheduled checks are off by default on production.
        const QSignalBlocker block(m_schedule);
        m_schedule->setValue(info.environment == Environment::Production ? 0 : 5);
        m_dashboard->setScheduleMinutes(m_schedule->value());
    }
}

void SettingsPage::saveThresholds()
{
    const QString healthy = Wording::coreDecimal(m_healthy->text());
    const QString degraded = Wording::coreDecimal(m_degraded->text());
    m_saveThresholds->setEnabled(false);
    const quint64 id = m_context->jobs().submit<qint64>(
        JobRunner::Lane::Action,
        [healthy, degraded](Session& session, CancelToken&, const ProgressFn&) {
            return Administration::setThresholds(session, healthy, degraded);
        },
        this,
        [this](const Result<qint64>& outcome) {
            m_progress->finish();
            m_saveThresholds->setEnabled(true);
            if (!outcome) {
                Prompt::error(this, tr("Health thresholds"), Wording::error(outcome.error()));
                return;
            }
            Prompt::information(this, tr("Health thresholds"),
                tr("Saved. New checks use these thresholds; stored runs keep theirs."));
            m_context->reloadInfo();
        });
    m_progress->start(id, tr("Saving thresholds…"));
}

} // namespace cc::ui
