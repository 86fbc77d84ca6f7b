#pragma once

#include "rows/KeyRows.h"
#include "session/Session.h"
#include "write/Plan.h"

namespace cc {

// Builds one KeyChange from a key's rows: operations edit working copies of the rows and the
// builder derives the minimal row changes, in an order the foreign keys accept.
// Used only inside the thread that owns the session.
class ChangeBuilder final {
public:
    ChangeBuilder(Session& session, const KeyRows& rows, QString action, QString reason);

    QList<Row>& progress() { return m_progress; }
    QList<Row>& licenses() { return m_licenses; }
    const KeyRows& original() const { return m_original; }
    Session& session() { return m_session; }

    // A new row on one side, spelled as the key (C5); refused naming what is missing.
    Result<Row*> createProgress(int level);
    Result<Row*> createLicense(int level, const Row* progressSource);
    // The key's one spelling (docs/BEHAVIOUR.md C5): for rows on one side only, that side's spelling if
    // `specializations` has it, else a spelling of the track it has, legacy first; otherwise the
    // spelling every row already shares, else the canonical id if `specializations` has it, else
    // the kept progress row's. Refused when it needs a specializations row that is missing.
    Result<QString> keySpelling();
    // Leaves every row of the key with the key's spelling (a key whose rows agree is never respelled).
    Result<void> unifySpelling();
    // Sets a license's level; writes a progression row for an existing license. `clamp` caps
    // max_achieved_level instead of raising it.
    void setLicenseLevel(Row& license, int level, bool clamp = false);
    void setProgressLevel(Row& progress, int level);
    // Removes a row. Every row of another table that references it (the database's own foreign
    // keys, C5) is re-pointed to `survivor`; without a survivor the remove is refused naming them,
    // except rows of `alsoRemoved` tables, which are removed with it (and restored by revert).
    Result<void> removeProgress(
        qsizetype index, std::optional<qint64> survivor, const QStringList& alsoRemoved = {});
    Result<void> removeLicense(
        qsizetype index, std::optional<qint64> survivor, const QStringList& alsoRemoved = {});

    // Changes to other tables, in execution order.
    void addOther(const RowChange& change) { m_other.append(change); }

    QVariant now() const;
    QVariant operatorId() const;
    KeyChange take();

private:
    // The spelling a new row of `tableName` gets, refused when the table cannot take inserts.
    Result<QString> insertableSpelling(const QString& tableName, const QString& what);
    Result<void> removeRow(const QString& tableName, QList<Row>& rows, qsizetype index,
        std::optional<qint64> survivor, const QStringList& alsoRemoved);

    Session& m_session;
    KeyRows m_original;
    QList<Row> m_progress;
    QList<Row> m_licenses;
    QList<RowChange> m_other;
    QList<RowChange> m_progressions;
    QString m_action;
    QString m_reason;
    std::optional<QString> m_keySpelling;
};

} // namespace cc
