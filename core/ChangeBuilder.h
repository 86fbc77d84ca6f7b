#pragma once

#include "Plan.h"

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

    // A new row on one side, with the spelling rule of C5 applied; refused naming what is missing.
    Result<Row*> createProgress(int level, const Row* licenseSource);
    Result<Row*> createLicense(int level, const Row* progressSource);
    // Sets a license's level; writes a progression row for an existing license. `clamp` caps
    // max_achieved_level instead of raising it.
    void setLicenseLevel(Row& license, int level, bool clamp = false);
    void setProgressLevel(Row& progress, int level);
    void removeProgress(qsizetype index);
    void removeLicense(qsizetype index);

    // Changes to other tables, in execution order.
    void addOther(const RowChange& change) { m_other.append(change); }

    QVariant now() const;
    QVariant operatorId() const;
    KeyChange take();

private:
    Result<QString> spelling(const QString& existing);
    // The spelling a new row of `tableName` gets, refused when the table cannot take inserts.
    Result<QString> insertableSpelling(const QString& tableName, const QString& what, const QString& existing);

    Session& m_session;
    KeyRows m_original;
    QList<Row> m_progress;
    QList<Row> m_licenses;
    QList<RowChange> m_other;
    QList<RowChange> m_progressions;
    QString m_action;
    QString m_reason;
};

} // namespace cc
