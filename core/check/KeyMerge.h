#pragma once

#include "check/KeyTally.h"
#include "check/PlatformRowSource.h"

#include <functional>
#include <unordered_map>
#include <vector>

namespace cc {

// The check's classification path (issue 17): merges the three user-ordered streams of a
// PlatformRowSource user by user, groups each user's rows into keys by canonical track (in the
// check's key order: user, then track by bytes) and feeds the tally. A key that is a plain pair
// (one row a side, one spelling, equal levels in range, the justified level, max_achieved not
// below) is consistent without warnings under classifyKey, so it is only counted; every other key
// is aggregated and classified by classifyKey itself (docs/BEHAVIOUR.md C2–C3), with the levels of
// the rows a merge would keep when its rows decide them (no lookup after the scan for that key).
class KeyMerge final {
public:
    KeyMerge(const LevelCatalogue& catalogue, KeyTally& tally)
        : m_catalogue(catalogue)
        , m_tally(tally)
    {
    }
    Q_DISABLE_COPY_MOVE(KeyMerge)

    // Reads the whole source. `checkpoint` runs about every 4096 users with the tally up to date
    // (store its records, poll cancel, report progress); an error from it stops the merge.
    Result<void> run(PlatformRowSource& source, const std::function<Result<void>()>& checkpoint);

private:
    struct Track {
        QString canonical;
        QByteArray bytes; // canonical, UTF-8: the key order
        const QList<LevelRequirement>* levels = nullptr;
        int maxLevel = 0;
        bool known = false;
        bool checksHours = false;
        qint64 plainPairs = 0; // counted, not yet given to the tally
    };

    int trackOf(const std::string& storedId);
    Result<void> readUser(PlatformRowSource& source, qint64 userId);
    static Result<void> readStaffUsers(PlatformRowSource& source, std::vector<qint64>& staff);
    void classifyUser(qint64 userId, bool staff);
    bool plainPair(const ProgressRow& progress, const LicenseRow& license, const Track& track) const;
    int justifiedLevel(const Track& track, const Counters& counters) const;
    KeyAggregate aggregate(qint64 userId, int track, bool staff) const;
    std::optional<KeptLevels> keptLevels(const KeyAggregate& key, int track) const;
    void flushPlainPairs();

    const LevelCatalogue& m_catalogue;
    KeyTally& m_tally;
    std::vector<Track> m_tracks;
    std::unordered_map<std::string, int> m_trackOfStoredId;
    std::vector<std::pair<std::string, int>> m_firstSpellings;
    std::vector<int> m_order; // the current user's keys in key order
    // The current user's rows (reused: their strings keep their capacity) and the next rows.
    std::vector<ProgressRow> m_progress;
    std::vector<LicenseRow> m_licenses;
    std::vector<int> m_progressTrack;
    std::vector<int> m_licenseTrack;
    size_t m_progressCount = 0;
    size_t m_licenseCount = 0;
    ProgressRow m_nextProgress;
    LicenseRow m_nextLicense;
    bool m_haveProgress = false;
    bool m_haveLicense = false;
};

} // namespace cc
