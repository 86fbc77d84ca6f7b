#include "ConnectDialog.h"

#include "Prompt.h"
#include "Wording.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cc::ui {

namespace {
const QString recentKey = QStringLiteral("connections/recent");
const QString readOnlyKey = QStringLiteral("connections/recentReadOnly");
const QString profilesGroup = QStringLiteral("connections/profiles");
constexpr int recentLimit = 10;
const QString sqlitePrefix = QStringLiteral("sqlite:");
const QString postgresPrefix = QStringLiteral("postgresql:");
} // namespace

ConnectDialog::ConnectDialog(const ConnectionProfile& current, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a database"));
    auto* layout = new QVBoxLayout(this);

    QPushButton* removeProfileButton = addProfileLine(layout);
    QPushButton* browse = addTargets(layout);
    addOptionsAndRecent(layout);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    layout->addWidget(buttons);

    connectControls(buttons, removeProfileButton, browse);

    // The form that names this kind of target: a server's connection string, or a file.
    switch (current.engine) {
    case Engine::PostgreSQL:
        setConninfo(QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
                        .arg(current.host)
                        .arg(current.port)
                        .arg(current.database, current.user));
        break;
    case Engine::SQLite:
        setSqlitePath(current.sqlitePath);
        break;
    }
    m_readOnly->setChecked(current.readOnly);
    reloadProfiles(current.name);
    resize(640, 520);
}

// The saved profiles and the button that deletes one.
QPushButton* ConnectDialog::addProfileLine(QVBoxLayout* layout)
{
    auto* profileLine = new QHBoxLayout;
    m_profiles = new QComboBox(this);
    m_profiles->setObjectName(QStringLiteral("connectProfiles"));
    m_profiles->setToolTip(tr("Saved connections; choose one to fill in the form"));
    auto* removeProfileButton = new QPushButton(tr("Delete profile"), this);
    removeProfileButton->setObjectName(QStringLiteral("connectDeleteProfile"));
    profileLine->addWidget(new QLabel(tr("Profile:"), this));
    profileLine->addWidget(m_profiles, 1);
    profileLine->addWidget(removeProfileButton);
    layout->addLayout(profileLine);
    return removeProfileButton;
}

// The three kinds of target: an SQLite file, a new demo database, PostgreSQL; returns Browse….
QPushButton* ConnectDialog::addTargets(QVBoxLayout* layout)
{
    m_sqlite = new QRadioButton(tr("SQLite file"), this);
    m_sqlite->setObjectName(QStringLiteral("connectSqlite"));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("connectPath"));
    m_path->setPlaceholderText(tr("/path/to/database.db"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("connectBrowse"));
    auto* pathLine = new QHBoxLayout;
    pathLine->addWidget(m_path, 1);
    pathLine->addWidget(browse);
    m_newDemo
        = new QRadioButton(tr("New demo database (a new SQLite file filled with generated students)"), this);
    m_newDemo->setObjectName(QStringLiteral("connectNewDemo"));
    m_demoPath = new QLineEdit(this);
    m_demoPath->setObjectName(QStringLiteral("connectDemoPath"));
    m_demoPath->setPlaceholderText(tr("/path/to/new-demo.db"));
    m_demoUsers = new QSpinBox(this);
    m_demoUsers->setObjectName(QStringLiteral("connectDemoUsers"));
    m_demoUsers->setRange(1, 1000000);
    m_demoUsers->setValue(2000);
    m_demoUsers->setSuffix(tr(" students"));
    m_demoUsers->setGroupSeparatorShown(true);
    auto* demoLine = new QHBoxLayout;
    demoLine->addWidget(m_demoPath, 1);
    demoLine->addWidget(m_demoUsers);
    m_postgres = new QRadioButton(tr("PostgreSQL"), this);
    m_postgres->setObjectName(QStringLiteral("connectPostgres"));
    m_conninfo = new QLineEdit(this);
    m_conninfo->setObjectName(QStringLiteral("connectConninfo"));
    m_conninfo->setPlaceholderText(
        tr("host=db.example port=5432 dbname=platform user=console  or  postgresql://…"));
    m_conninfo->setToolTip(
        tr("A libpq connection string or URI. Missing fields come from PGHOST, PGPORT, PGDATABASE, PGUSER "
           "and PGPASSWORD. Passwords are never stored in profiles or the recent list."));
    layout->addWidget(m_sqlite);
    layout->addLayout(pathLine);
    layout->addWidget(m_newDemo);
    layout->addLayout(demoLine);
    layout->addWidget(m_postgres);
    layout->addWidget(m_conninfo);
    return browse;
}

// Read-only, the profile name to save as, the recent connections and the error line.
void ConnectDialog::addOptionsAndRecent(QVBoxLayout* layout)
{
    m_readOnly = new QCheckBox(tr("Read-only (no repairs, injections or stored checks)"), this);
    m_readOnly->setObjectName(QStringLiteral("connectReadOnly"));
    layout->addWidget(m_readOnly);
    m_profileName = new QLineEdit(this);
    m_profileName->setObjectName(QStringLiteral("connectProfileName"));
    m_profileName->setPlaceholderText(tr("Optional: a name to save this connection as a profile"));
    auto* nameForm = new QFormLayout;
    nameForm->addRow(tr("Save as profile:"), m_profileName);
    layout->addLayout(nameForm);

    layout->addWidget(new QLabel(tr("Recent connections (double-click to connect):"), this));
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("connectRecent"));
    const QStringList recentTargets = recent();
    const QStringList recentReadOnly = QSettings().value(readOnlyKey).toStringList();
    for (const QString& target : recentTargets) {
        auto* item = new QListWidgetItem(target, m_recent);
        item->setData(Qt::UserRole, recentReadOnly.contains(target));
    }
    layout->addWidget(m_recent, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
}

void ConnectDialog::connectControls(
    QDialogButtonBox* buttons, QPushButton* removeProfileButton, QPushButton* browse)
{
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_sqlite, &QRadioButton::toggled, this, &ConnectDialog::updateMode);
    connect(m_newDemo, &QRadioButton::toggled, this, &ConnectDialog::updateMode);
    connect(m_profiles, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            useProfile(m_profiles->itemText(index));
    });
    connect(m_profiles, &QComboBox::currentIndexChanged, removeProfileButton,
        [removeProfileButton](int index) { removeProfileButton->setEnabled(index > 0); });
    connect(removeProfileButton, &QPushButton::clicked, this, [this] {
        if (m_profiles->currentIndex() <= 0)
            return;
        removeProfile(m_profiles->currentText());
        reloadProfiles(QString());
    });
    connect(m_recent, &QListWidget::currentRowChanged, this, &ConnectDialog::useRecent);
    connect(m_recent, &QListWidget::itemActivated, this, [this] { accept(); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = Prompt::openFile(this, tr("Open an SQLite database"),
            tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!path.isEmpty())
            setSqlitePath(path);
    });
}

void ConnectDialog::reloadProfiles(const QString& select)
{
    m_profiles->clear();
    m_profiles->addItem(tr("(no profile)"));
    m_profiles->addItems(profileNames());
    m_profiles->setCurrentIndex(std::max(0, m_profiles->findText(select)));
}

void ConnectDialog::setSqlitePath(const QString& path)
{
    m_sqlite->setChecked(true);
    m_path->setText(path);
    updateMode();
}

void ConnectDialog::setConninfo(const QString& conninfo)
{
    m_postgres->setChecked(true);
    m_conninfo->setText(conninfo);
    updateMode();
}

void ConnectDialog::setNewDemo(const QString& path, qint64 users)
{
    m_newDemo->setChecked(true);
    m_demoPath->setText(path);
    m_demoUsers->setValue(int(std::clamp<qint64>(users, m_demoUsers->minimum(), m_demoUsers->maximum())));
    updateMode();
}

void ConnectDialog::setReadOnly(bool readOnly)
{
    m_readOnly->setChecked(readOnly);
}

void ConnectDialog::setProfileName(const QString& name)
{
    m_profileName->setText(name);
}

bool ConnectDialog::useProfile(const QString& name)
{
    QSettings settings;
    settings.beginGroup(profilesGroup);
    if (!settings.childGroups().contains(name))
        return false;
    settings.beginGroup(name);
    useTarget(settings.value(QStringLiteral("target")).toString(),
        settings.value(QStringLiteral("readOnly")).toBool());
    m_profiles->setCurrentIndex(std::max(0, m_profiles->findText(name)));
    m_profileName->setText(name);
    return true;
}

QString ConnectDialog::error() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void ConnectDialog::updateMode()
{
    m_path->setEnabled(m_sqlite->isChecked());
    m_demoPath->setEnabled(m_newDemo->isChecked());
    m_demoUsers->setEnabled(m_newDemo->isChecked());
    m_conninfo->setEnabled(m_postgres->isChecked());
    m_readOnly->setEnabled(!m_newDemo->isChecked());
}

void ConnectDialog::useRecent(int row)
{
    QListWidgetItem* item = m_recent->item(row);
    if (!item)
        return;
    useTarget(item->text(), item->data(Qt::UserRole).toBool());
}

void ConnectDialog::useTarget(const QString& target, bool readOnly)
{
    if (target.startsWith(sqlitePrefix))
        setSqlitePath(target.mid(sqlitePrefix.size()));
    else if (target.startsWith(postgresPrefix))
        setConninfo(target.mid(postgresPrefix.size()));
    m_readOnly->setChecked(readOnly);
}

void ConnectDialog::accept()
{
    const auto fail = [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    };
    ConnectionProfile profile;
    QString target;
    qint64 demoUsers = 0;
    if (m_sqlite->isChecked()) {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty())
            return fail(tr("Choose an SQLite database file."));
        if (auto checked = ConnectionProfile::checkSqlitePath(path); !checked)
            return fail(Wording::error(checked.error()));
        const QFileInfo file(path);
        if (!file.isFile())
            return fail(tr("%1 is not a database file.").arg(path));
        profile = ConnectionProfile::sqlite(file.absoluteFilePath());
        target = sqlitePrefix + file.absoluteFilePath();
    } else if (m_newDemo->isChecked()) {
        const QString path = m_demoPath->text().trimmed();
        if (path.isEmpty())
            return fail(tr("Choose where to create the demo database."));
        const QFileInfo file(path);
        if (file.exists())
            return fail(tr("%1 already exists; a demo database is always a new file.").arg(path));
        if (!file.absoluteDir().exists())
            return fail(tr("The folder %1 does not exist.").arg(file.absolutePath()));
        profile = ConnectionProfile::sqlite(file.absoluteFilePath());
        target = sqlitePrefix + file.absoluteFilePath();
        demoUsers = m_demoUsers->value();
    } else {
        const QString conninfo = m_conninfo->text().trimmed();
        auto parsed = ConnectionProfile::fromConninfo(conninfo);
        if (!parsed)
            return fail(Wording::error(parsed.error()));
        profile = *parsed;
        target = postgresPrefix + withoutPassword(conninfo);
    }
    profile.readOnly = demoUsers == 0 && m_readOnly->isChecked();
    const QString name = m_profileName->text().trimmed();
    if (name.contains(u'/') || name.contains(u'\\'))
        return fail(tr("A profile name cannot contain / or \\."));
    profile.name = name;
    m_request = { profile, demoUsers };
    m_error->clear();
    m_error->hide();
    if (target != postgresPrefix)
        remember(target, profile.readOnly);
    if (!name.isEmpty())
        saveProfile(name, target, profile.readOnly);
    QDialog::accept();
}

QStringList ConnectDialog::profileNames()
{
    QSettings settings;
    settings.beginGroup(profilesGroup);
    QStringList names = settings.childGroups();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void ConnectDialog::saveProfile(const QString& name, const QString& target, bool readOnly)
{
    QSettings settings;
    settings.beginGroup(profilesGroup);
    settings.beginGroup(name);
    settings.setValue(QStringLiteral("target"), target);
    settings.setValue(QStringLiteral("readOnly"), readOnly);
}

void ConnectDialog::removeProfile(const QString& name)
{
    QSettings settings;
    settings.beginGroup(profilesGroup);
    settings.remove(name);
}

QStringList ConnectDialog::recent()
{
    return QSettings().value(recentKey).toStringList();
}

void ConnectDialog::remember(const QString& target, bool readOnly)
{
    QSettings settings;
    QStringList targets = settings.value(recentKey).toStringList();
    QStringList readOnlyTargets = settings.value(readOnlyKey).toStringList();
    targets.removeAll(target);
    targets.prepend(target);
    while (targets.size() > recentLimit)
        targets.removeLast();
    readOnlyTargets.removeAll(target);
    if (readOnly)
        readOnlyTargets.append(target);
    settings.setValue(recentKey, targets);
    settings.setValue(readOnlyKey, readOnlyTargets);
}

QString ConnectDialog::withoutPassword(const QString& conninfo)
{
    // libpq's own parser (core): every spelling it accepts loses its password; a string it cannot
    // parse is not remembered at all.
    auto rebuilt = ConnectionProfile::withoutPassword(conninfo);
    return rebuilt ? *rebuilt : QString();
}

} // namespace cc::ui
