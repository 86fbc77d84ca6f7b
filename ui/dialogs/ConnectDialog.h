#pragma once

#include "ConnectionProfile.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;

namespace cc::ui {

// File → Connect…: an SQLite file or a PostgreSQL connection string, read-only or not, with the
// recent connections (kept in QSettings, never with a password). accept() only with a target that
// parses; profile() is then the connection to open.
class ConnectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(const ConnectionProfile& current, QWidget* parent = nullptr);

    void setSqlitePath(const QString& path);
    void setConninfo(const QString& conninfo);
    void setReadOnly(bool readOnly);
    ConnectionProfile profile() const { return m_profile; }
    QString error() const;
    void accept() override;

    // Recent connections: "sqlite:<path>" or "postgresql:<conninfo without password>", newest first.
    static QStringList recent();
    static void remember(const QString& target, bool readOnly);
    static QString withoutPassword(const QString& conninfo);

private:
    void useRecent(int row);
    void updateMode();

    ConnectionProfile m_profile;
    QRadioButton* m_sqlite = nullptr;
    QRadioButton* m_postgres = nullptr;
    QLineEdit* m_path = nullptr;
    QLineEdit* m_conninfo = nullptr;
    QCheckBox* m_readOnly = nullptr;
    QListWidget* m_recent = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace cc::ui
