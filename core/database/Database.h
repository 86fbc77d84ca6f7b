#pragma once

#include "base/Result.h"
#include "database/ConnectionProfile.h"
#include "database/SqlDialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <atomic>
#include <functional>
#include <memory>
#include <unordered_map>

namespace cc {

// One named connection to the platform database. Thread affinity: use it only in the thread that
// opened it (Qt 6.4 cannot move connections); interrupter() is the one member safe elsewhere.
class Database final {
public:
    enum class OpenMode { MustExist, MayCreate };
    using StatementObserver = std::function<void(const QString& sql, const QVariantList& binds)>;

    static Result<std::unique_ptr<Database>> open(
        const ConnectionProfile& profile, OpenMode mode, const QString& connectionName = {});
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // What this connection's engine does differently, chosen once when it opens (SqlDialect.h).
    const SqlDialect& dialect() const { return *m_dialect; }
    bool isReadOnly() const { return m_profile.readOnly; }
    const ConnectionProfile& profile() const { return m_profile; }
    QSqlDatabase connection() const { return QSqlDatabase::database(m_name, false); }
    const QString& connectionName() const { return m_name; }

    // The qualified name of one of the tool's own tables: cc_audit or coupling_console.audit.
    QString tool(const char* name) const;

    // Prepares, binds and executes; results are forward-only unless asked otherwise.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& binds = {}, bool forwardOnly = true);
    // The same, reusing the statement prepared the last time this text ran on this connection:
    // for statements a bulk write runs thousands of times. The caller reads the result to the end
    // (or drops it) before running the same text again.
    Result<QSqlQuery*> execReused(const QString& sql, const QVariantList& binds = {});
    // A read's first column, every row as text.
    Result<QStringList> column(const QString& sql, const QVariantList& binds = {});
    // column() of a small read (a lookup table). Between keepLookups(true) and keepLookups(false), one
    // bulk write's transaction that writes none of them, each text is read once.
    Result<QStringList> lookupColumn(const QString& sql);
    void keepLookups(bool keep);
    Result<void> run(const QString& sql, const QVariantList& binds = {});
    Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {});
    // Executes a statement without preparing it (transaction control, PRAGMA, DDL).
    Result<void> runDirect(const QString& sql);
    // SQLite: switches the file to WAL before its first write (an empty file is left untouched
    // until then). Call outside a transaction. No-op on PostgreSQL (SqlDialect::prepareForWrites).
    Result<void> prepareForWrites();

    // Every executed write statement is reported here (tests compare plans with executions).
    void setStatementObserver(StatementObserver observer) { m_observer = std::move(observer); }

    // A function that stops the statement running on this connection; callable from any thread.
    std::function<void()> interrupter() const;

    // Turns a driver error into core's error, classifying cancel, read-only, busy and conflicts.
    Error sqlError(const QSqlError& error, const QString& context) const;

private:
    Database(ConnectionProfile profile, QString name);

    ConnectionProfile m_profile;
    const SqlDialect* m_dialect;
    QString m_name;
    ConnectionState m_state;
    StatementObserver m_observer;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_reused;
    bool m_keepLookups = false;
    std::unordered_map<QString, QStringList> m_lookups;
};

// Monotonic-unique connection names for threads that open their own connections.
QString uniqueConnectionName(const QString& prefix);

} // namespace cc
