#include "check/KeyMerge.h"

#include <algorithm>
#include <cstring>

namespace cc {

namespace {

// The stored id without char(n) pad spaces, as bytes (a space is one byte in UTF-8).
std::string_view withoutPad(const std::string& id)
{
    std::string_view view(id);
    while (!view.empty() && view.back() == ' ')
        view.remove_suffix(1);
    return view;
}

// Byte equality of two short ids without a call into libc per row (issue 17: memcmp was a tenth of
// the merge's time).
bool sameBytes(const std::string& a, const std::string& b)
{
    size_t left = a.size();
    if (left != b.size())
        return false;
    const char* p = a.data();
    const char* q = b.data();
    for (; left >= 8; left -= 8, p += 8, q += 8) {
        quint64 x;
        quint64 y;
        std::memcpy(&x, p, 8);
        std::memcpy(&y, q, 8);
        if (x != y)
            return false;
    }
    for (; left > 0; --left) {
        if (*p++ != *q++)
            return false;
    }
    return true;
}

void addLevel(
    std::optional<qint64> level, int& nulls, std::optional<qint64>& low, std::optional<qint64>& high)
{
    if (!level) {
        ++nulls;
        return;
    }
    low = low ? std::min(*low, *level) : *level;
    high = high ? std::max(*high, *level) : *level;
}

} // namespace

int KeyMerge::trackOf(const std::string& storedId)
{
    // The first spellings seen, compared by length first: a real database has a handful, and
    // hashing every row's id cost more than the classification (issue 17).
    for (const auto& [spelling, index] : m_firstSpellings) {
        if (sameBytes(spelling, storedId))
            return index;
    }
    const auto found = m_trackOfStoredId.find(storedId);
    if (found != m_trackOfStoredId.end())
        return found->second;
    const QString canonical
        = m_catalogue.canonical(QString::fromUtf8(storedId.data(), qsizetype(storedId.size())));
    int index = -1;
    for (size_t i = 0; i < m_tracks.size(); ++i) {
        if (m_tracks[i].canonical == canonical)
            index = int(i);
    }
    if (index < 0) {
        Track track;
        track.canonical = canonical;
        track.bytes = canonical.toUtf8();
        track.levels = &m_catalogue.levels(canonical);
        track.maxLevel = m_catalogue.maxLevel(canonical);
        track.known = m_catalogue.isKnown(canonical);
        track.checksHours = m_catalogue.checksHours(canonical);
        m_tracks.push_back(std::move(track));
        index = int(m_tracks.size()) - 1;
    }
    m_trackOfStoredId.emplace(storedId, index);
    if (m_firstSpellings.size() < 16)
        m_firstSpellings.emplace_back(storedId, index);
    return index;
}

// LevelCatalogue::justifiedLevel over the track's cached levels (no lookup by name per key).
int KeyMerge::justifiedLevel(const Track& track, const Counters& counters) const
{
    auto meets = [&](int level) {
        for (const LevelRequirement& requirement : *track.levels) {
            if (requirement.level != level)
                continue;
            if (counters.xp < requirement.xp || counters.sessions < requirement.sessions)
                return false;
            return !track.checksHours
                || (counters.theoryHours >= requirement.theoryHours
                    && counters.practiceHours >= requirement.practiceHours);
        }
        return false;
    };
    int level = 1;
    while (level < track.maxLevel && meets(level + 1))
        ++level;
    return level;
}

// Sufficient for classifyKey to find no violation and no warning on a one-row-a-side key.
bool KeyMerge::plainPair(const ProgressRow& progress, const LicenseRow& license, const Track& track) const
{
    if (!track.known || !progress.level || !license.level || *progress.level != *license.level)
        return false;
    const qint64 level = *progress.level;
    if (level < 1 || level > track.maxLevel)
        return false;
    if (license.maxAchieved && *license.maxAchieved < level)
        return false;
    if (withoutPad(progress.storedId) != withoutPad(license.storedId))
        return false;
    return justifiedLevel(track, progress.counters) == level;
}

KeyAggregate KeyMerge::aggregate(qint64 userId, int track, bool staff) const
{
    KeyAggregate key;
    key.userId = userId;
    key.track = m_tracks[size_t(track)].canonical;
    const std::string* progressSpelling = nullptr;
    const std::string* licenseSpelling = nullptr;
    for (size_t i = 0; i < m_progressCount; ++i) {
        if (m_progressTrack[i] != track)
            continue;
        const ProgressRow& row = m_progress[i];
        ++key.progressRows;
        addLevel(row.level, key.progressNullLevels, key.progressMin, key.progressMax);
        key.counters.xp += row.counters.xp;
        key.counters.sessions += row.counters.sessions;
        key.counters.theoryHours += row.counters.theoryHours;
        key.counters.practiceHours += row.counters.practiceHours;
        if (!progressSpelling || row.storedId < *progressSpelling)
            progressSpelling = &row.storedId;
    }
    for (size_t i = 0; i < m_licenseCount; ++i) {
        if (m_licenseTrack[i] != track)
            continue;
        const LicenseRow& row = m_licenses[i];
        ++key.licenseRows;
        addLevel(row.level, key.licenseNullLevels, key.licenseMin, key.licenseMax);
        if (row.maxAchieved)
            key.maxAchieved = key.maxAchieved.value_or(0) + *row.maxAchieved;
        if (!licenseSpelling || row.storedId < *licenseSpelling)
            licenseSpelling = &row.storedId;
    }
    auto text = [](const std::string* id) {
        return id ? std::optional<QString>(QString::fromUtf8(id->data(), qsizetype(id->size())))
                  : std::nullopt;
    };
    key.progressSpelling = text(progressSpelling);
    key.licenseSpelling = text(licenseSpelling);
    key.staffUser = key.progressRows == 0 && staff;
    return key;
}

// The levels KeyRows::keptLevels finds for `key`, when the columns the scan read decide them: the
// license rows all at one level (KeptLevels::oneLevel), and the progress rows with the most XP, then
// sessions, all at one level (the rest of the rules, ids, payment, started_at and referrers, then
// cannot change the level). Otherwise nothing, and DuplicateLevels reads the key's rows.
std::optional<KeptLevels> KeyMerge::keptLevels(const KeyAggregate& key, int track) const
{
    const auto license
        = KeptLevels::oneLevel(key.licenseRows, key.licenseNullLevels, key.licenseMin, key.licenseMax);
    if (!license)
        return std::nullopt;
    KeptLevels kept { std::nullopt, *license };
    std::optional<std::pair<qint64, qint64>> best; // (total_xp, completed_sessions)
    bool progressDecided = true;
    for (size_t i = 0; i < m_progressCount; ++i) {
        if (m_progressTrack[i] != track)
            continue;
        const ProgressRow& row = m_progress[i];
        const std::pair rank { row.counters.xp, row.counters.sessions };
        if (!best || rank > *best) {
            best = rank;
            kept.progress = row.level;
            progressDecided = true;
        } else if (rank == *best && row.level != kept.progress) {
            progressDecided = false;
        }
    }
    return progressDecided ? std::optional(kept) : std::nullopt;
}

void KeyMerge::classifyUser(qint64 userId, bool staff)
{
    m_progressTrack.resize(m_progressCount);
    m_licenseTrack.resize(m_licenseCount);
    int keys[16];
    int keyCount = 0;
    std::vector<int> manyKeys; // a user with more than 16 tracks (hostile data)
    auto note = [&](int track) {
        if (std::find(keys, keys + keyCount, track) != keys + keyCount
            || std::count(manyKeys.begin(), manyKeys.end(), track))
            return;
        if (keyCount < 16)
            keys[keyCount++] = track;
        else
            manyKeys.push_back(track);
    };
    for (size_t i = 0; i < m_progressCount; ++i)
        note(m_progressTrack[i] = trackOf(m_progress[i].storedId));
    for (size_t i = 0; i < m_licenseCount; ++i)
        note(m_licenseTrack[i] = trackOf(m_licenses[i].storedId));
    std::vector<int>& ordered = m_order; // reused: no allocation per user
    ordered.assign(keys, keys + keyCount);
    ordered.insert(ordered.end(), manyKeys.begin(), manyKeys.end());
    std::sort(ordered.begin(), ordered.end(),
        [this](int a, int b) { return m_tracks[size_t(a)].bytes < m_tracks[size_t(b)].bytes; });
    for (const int track : ordered) {
        const auto progressRows = std::count(m_progressTrack.begin(), m_progressTrack.end(), track);
        const auto licenseRows = std::count(m_licenseTrack.begin(), m_licenseTrack.end(), track);
        if (progressRows == 1 && licenseRows == 1) {
            const size_t p = size_t(
                std::find(m_progressTrack.begin(), m_progressTrack.end(), track) - m_progressTrack.begin());
            const size_t l = size_t(
                std::find(m_licenseTrack.begin(), m_licenseTrack.end(), track) - m_licenseTrack.begin());
            if (plainPair(m_progress[p], m_licenses[l], m_tracks[size_t(track)])) {
                ++m_tracks[size_t(track)].plainPairs;
                continue;
            }
        }
        const KeyAggregate key = aggregate(userId, track, staff);
        m_tally.add(key, key.hasDuplicateRows() ? keptLevels(key, track) : std::nullopt);
    }
}

// Moves the current user's rows from the lookahead into the buffers and reads the next rows.
Result<void> KeyMerge::readUser(PlatformRowSource& source, qint64 userId)
{
    m_progressCount = 0;
    m_licenseCount = 0;
    while (m_haveProgress && m_nextProgress.userId == userId) {
        if (m_progress.size() == m_progressCount)
            m_progress.emplace_back();
        std::swap(m_progress[m_progressCount++], m_nextProgress);
        auto more = source.nextProgress(m_nextProgress);
        if (!more)
            return more.error();
        m_haveProgress = *more;
    }
    while (m_haveLicense && m_nextLicense.userId == userId) {
        if (m_licenses.size() == m_licenseCount)
            m_licenses.emplace_back();
        std::swap(m_licenses[m_licenseCount++], m_nextLicense);
        auto more = source.nextLicense(m_nextLicense);
        if (!more)
            return more.error();
        m_haveLicense = *more;
    }
    return {};
}

void KeyMerge::flushPlainPairs()
{
    for (Track& track : m_tracks) {
        if (track.plainPairs)
            m_tally.addConsistentPairs(track.canonical, std::exchange(track.plainPairs, 0));
    }
}

// The staff ids come unordered (a filtered scan, no sort of the users table by the database): few
// in a real database, one qint64 each even when every user is staff.
Result<void> KeyMerge::readStaffUsers(PlatformRowSource& source, std::vector<qint64>& staff)
{
    qint64 userId = 0;
    for (;;) {
        auto more = source.nextStaffUser(userId);
        if (!more)
            return more.error();
        if (!*more)
            break;
        staff.push_back(userId);
    }
    std::sort(staff.begin(), staff.end());
    return {};
}

Result<void> KeyMerge::run(PlatformRowSource& source, const std::function<Result<void>()>& checkpoint)
{
    std::vector<qint64> staff; // first: a prefetched source reads its rows on another thread after this
    CC_TRY(readStaffUsers(source, staff));
    auto nextStaff = staff.cbegin();
    auto firstProgress = source.nextProgress(m_nextProgress);
    if (!firstProgress)
        return firstProgress.error();
    auto firstLicense = source.nextLicense(m_nextLicense);
    if (!firstLicense)
        return firstLicense.error();
    m_haveProgress = *firstProgress;
    m_haveLicense = *firstLicense;
    qint64 users = 0;
    while (m_haveProgress || m_haveLicense) {
        const qint64 userId = !m_haveLicense ? m_nextProgress.userId
            : !m_haveProgress                ? m_nextLicense.userId
                                             : std::min(m_nextProgress.userId, m_nextLicense.userId);
        CC_TRY(readUser(source, userId));
        nextStaff = std::lower_bound(nextStaff, staff.cend(), userId);
        classifyUser(userId, nextStaff != staff.cend() && *nextStaff == userId);
        if ((++users & 4095) == 0) {
            flushPlainPairs();
            CC_TRY(checkpoint());
        }
    }
    flushPlainPairs();
    return checkpoint();
}

} // namespace cc
