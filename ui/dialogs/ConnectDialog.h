#pragma once

#include "database/ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QVBoxLayout;

namespace cc::ui {

// What File → Connect… asks for: open `profile`, after creating it with demo data when demoUsers > 0.
struct ConnectRequest {
    ConnectionProfile profile;
    qint64 demoUsers = 0;
};

// File → Connect…: an SQLite file, a new demo database or a PostgreSQL connection string,
// read-only or not, with named profiles and the recent connections (both kept in QSettings, never
// with a password). accept() only with a target that parses; request() is then what to open.
class ConnectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(const ConnectionProfile& current, QWidget* parent = nullptr);

    void setSqlitePath(const QString& path);
    void setConninfo(const QString& conninfo);
    void setNewDemo(const QString& path, qint64 users);
    void setReadOnly(bool readOnly);
    // A non-empty name saves the connection as a profile of that name when it is accepted.
    void setProfileName(const QString& name);
    // Fills the form from a saved profile; false when there is none of that name.
    bool useProfile(const QString& name);
    ConnectRequest request() const { return m_request; }
    QString error() const;
    void accept() override;

    // Recent connections: "sqlite:<path>" or "postgresql:<conninfo without password>", newest first.
    static QStringList recent();
    static void remember(const QString& target, bool readOnly);
    static QString withoutPassword(const QString& conninfo);
    // Saved profiles: name → target ("sqlite:…" / "postgresql:…", without password) and read-only.
    static QStringList profileNames();
    static void saveProfile(const QString& name, const QString& target, bool readOnly);
    static void removeProfile(const QString& name);

private:
    QPushButton* addProfileLine(QVBoxLayout* layout);
    QPushButton* addTargets(QVBoxLayout* layout);
    void addOptionsAndRecent(QVBoxLayout* layout);
    void connectControls(QDialogButtonBox* buttons, QPushButton* removeProfileButton, QPushButton* browse);
    void useRecent(int row);
    void useTarget(const QString& target, bool readOnly);
    void updateMode();
    void reloadProfiles(const QString& select);

    ConnectRequest m_request;
    QComboBox* m_profiles = nullptr;
    QLineEdit* m_profileName = nullptr;
    QRadioButton* m_sqlite = nullptr;
    QRadioButton* m_newDemo = nullptr;
    QRadioButton* m_postgres = nullptr;
    QLineEdit* m_path = nullptr;
    QLineEdit* m_demoPath = nullptr;
    QSpinBox* m_demoUsers = nullptr;
    QLineEdit* m_conninfo = nullptr;
    QCheckBox* m_readOnly = nullptr;
    QListWidget* m_recent = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace cc::ui
