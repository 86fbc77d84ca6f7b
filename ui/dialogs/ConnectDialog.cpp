#include "ConnectDialog.h"

#include "Prompt.h"
#include "Wording.h"

#include <QCheckBox>
#include <QDialogButtonBox>
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
#include <QVBoxLayout>

namespace cc::ui {

namespace {
const QString recentKey = QStringLiteral("connections/recent");
const QString readOnlyKey = QStringLiteral("connections/recentReadOnly");
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
    m_postgres = new QRadioButton(tr("PostgreSQL"), this);
    m_postgres->setObjectName(QStringLiteral("connectPostgres"));
    m_conninfo = new QLineEdit(this);
    m_conninfo->setObjectName(QStringLiteral("connectConninfo"));
    m_conninfo->setPlaceholderText(tr("host=db.example port=5432 dbname=platform user=console  or  postgresql://…"));
    m_conninfo->setToolTip(tr("A libpq connection string or URI. Missing fields come from PGHOST, PGPORT, PGDATABASE, PGUSER "
                              "and PGPASSWORD. Passwords are never stored in the recent list."));
    layout->addWidget(m_sqlite);
    layout->addLayout(pathLine);
    layout->addWidget(m_postgres);
    layout->addWidget(m_conninfo);

    m_readOnly = new QCheckBox(tr("Read-only (no repairs, injections or stored checks)"), this);
    m_readOnly->setObjectName(QStringLiteral("connectReadOnly"));
    layout->addWidget(m_readOnly);

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

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_sqlite, &QRadioButton::toggled, this, &ConnectDialog::updateMode);
    connect(m_recent, &QListWidget::currentRowChanged, this, &ConnectDialog::useRecent);
    connect(m_recent, &QListWidget::itemActivated, this, [this] { accept(); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = Prompt::openFile(this, tr("Open an SQLite database"), tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (!path.isEmpty())
            setSqlitePath(path);
    });

    if (current.isPostgres())
        setConninfo(QStringLiteral("host=%1 port=%2 dbname=%3 user=%4").arg(current.host).arg(current.port).arg(current.database, current.user));
    else
        setSqlitePath(current.sqlitePath);
    m_readOnly->setChecked(current.readOnly);
    resize(620, 420);
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

void ConnectDialog::setReadOnly(bool readOnly) { m_readOnly->setChecked(readOnly); }

QString ConnectDialog::error() const { return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString(); }

void ConnectDialog::updateMode()
{
    const bool sqlite = m_sqlite->isChecked();
    m_path->setEnabled(sqlite);
    m_conninfo->setEnabled(!sqlite);
}

void ConnectDialog::useRecent(int row)
{
    QListWidgetItem* item = m_recent->item(row);
    if (!item)
        return;
    const QString target = item->text();
    if (target.startsWith(sqlitePrefix))
        setSqlitePath(target.mid(sqlitePrefix.size()));
    else if (target.startsWith(postgresPrefix))
        setConninfo(target.mid(postgresPrefix.size()));
    m_readOnly->setChecked(item->data(Qt::UserRole).toBool());
}

void ConnectDialog::accept()
{
    const auto fail = [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    };
    ConnectionProfile profile;
    QString target;
    if (m_sqlite->isChecked()) {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty())
            return fail(tr("Choose an SQLite database file."));
        const QFileInfo file(path);
        if (!file.isFile())
            return fail(tr("%1 is not a database file.").arg(path));
        profile = ConnectionProfile::sqlite(file.absoluteFilePath());
        target = sqlitePrefix + file.absoluteFilePath();
    } else {
        const QString conninfo = m_conninfo->text().trimmed();
        auto parsed = ConnectionProfile::fromConninfo(conninfo);
        if (!parsed)
            return fail(Wording::error(parsed.error()));
        profile = *parsed;
        target = postgresPrefix + withoutPassword(conninfo);
    }
    profile.readOnly = m_readOnly->isChecked();
    m_profile = profile;
    m_error->clear();
    m_error->hide();
    remember(target, profile.readOnly);
    QDialog::accept();
}

QStringList ConnectDialog::recent() { return QSettings().value(recentKey).toStringList(); }

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
    QString text = conninfo;
    // key=value form: password='…' or password=word
    text.remove(QRegularExpression(QStringLiteral(R"(\s*\bpassword\s*=\s*('([^'\\]|\\.)*'|\S+))")));
    // URI form: scheme://user:secret@host → scheme://user@host, and ?password=… parameters
    text.replace(QRegularExpression(QStringLiteral(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)")), QStringLiteral("\\1@"));
    text.remove(QRegularExpression(QStringLiteral(R"([?&]password=[^&]*)")));
    return text.trimmed();
}

} // namespace cc::ui
