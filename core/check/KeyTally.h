#pragma once

#include "check/HealthReport.h"

#include <QSet>

namespace cc {

// The records of one duplicate_progress / duplicate_license key. The check reports a side's level
// as the level of the row a merge would keep (docs/BEHAVIOUR.md C3, C6 step 1), which needs the key's
// rows: it is resolved after the scan (DuplicateLevels) and written into these records.
struct DuplicateRecords {
    qint64 userId = 0;
    QString track;
    qint64 firstSequence = 0; // the key's records (violation, then warnings) as stored, 1-based
    qint64 lastSequence = 0;
    qsizetype listIndex = -1; // the violation's index in the report's list; -1 beyond the limit
    std::optional<qint64> progressLevel; // as recorded (each side's highest level), then as kept
    std::optional<qint64> licenseLevel;
    bool kept = false; // recorded at the kept levels already: the scan's rows decided them
};

// The levels of the rows a merge would keep on each side of a key (KeyRows::keptLevels), when the
// key's rows as the scan read them decide them (KeyMerge::keptLevels).
struct KeptLevels {
    std::optional<qint64> progress;
    std::optional<qint64> license;

    // A side's kept level when all its rows hold one level (or it has none, or all are NULL): then no
    // rule of KeyRows::keptLevels can keep another. Otherwise nothing: the rules decide.
    static std::optional<std::optional<qint64>> oneLevel(
        int rows, int nullLevels, std::optional<qint64> low, std::optional<qint64> high);
    // Both sides of `key` by oneLevel.
    static std::optional<KeptLevels> oneLevelPerSide(const KeyAggregate& key);
};

// Accumulates classified keys into a report's counts, in key order. One tally per reading
// connection; tallies of consecutive user-id ranges merge in order into the same result.
class KeyTally final {
public:
    KeyTally(const LevelCatalogue& catalogue, qint64 violationLimit)
        : m_catalogue(catalogue)
        , m_limit(violationLimit)
    {
    }

    // With `kept`, a duplicate key is recorded at those levels and needs no DuplicateLevels lookup.
    void add(const KeyAggregate& key, const std::optional<KeptLevels>& kept = std::nullopt);
    // `pairs` keys of `track` with one row a side that classifyKey finds consistent without
    // warnings (KeyMerge's plain pairs): counted only, they make no records.
    void addConsistentPairs(const QString& track, qint64 pairs);
    // Appends another tally of later keys (a following user-id range).
    void merge(KeyTally&& later);
    // Records (violations and warnings) waiting to be stored; taken by the caller.
    QList<ViolationRecord> takeRecords() { return std::exchange(m_records, {}); }
    qsizetype pendingRecords() const { return m_records.size(); }
    void setKeepRecords(bool keep) { m_keepRecords = keep; }

    // Copies the counts into `report` and compares with the previous run's violation keys.
    void finish(HealthReport& report, const QSet<QString>* previous) const;
    const QList<DuplicateRecords>& duplicates() const { return m_duplicates; }
    // Sets duplicate `index`'s levels in the report's list and in the records not yet taken.
    void setKeptLevels(
        qsizetype index, std::optional<qint64> progressLevel, std::optional<qint64> licenseLevel);
    qint64 keys() const { return m_keys; } // every key seen, staff credentials included
    qint64 rows() const { return m_rows; }

    static QString violationKey(qint64 userId, const QString& track, const QString& kind);

private:
    const LevelCatalogue& m_catalogue;
    qint64 m_limit;
    bool m_keepRecords = true;
    HealthReport m_report; // counts and the capped list of primary violations
    QList<ViolationRecord> m_records;
    QList<QString> m_primaryKeys; // every primary violation's key, for new/resolved
    QList<DuplicateRecords> m_duplicates;
    qint64 m_sequence = 0; // records produced so far, taken or not (the stored sequence)
    qint64 m_keys = 0;
    qint64 m_rows = 0;
};

} // namespace cc
