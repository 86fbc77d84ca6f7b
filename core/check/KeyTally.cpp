#include "check/KeyTally.h"

namespace cc {

QString KeyTally::violationKey(qint64 userId, const QString& track, const QString& kind)
{
    return QString::number(userId) + u'\x1f' + track + u'\x1f' + kind;
}

std::optional<std::optional<qint64>> KeptLevels::oneLevel(
    int rows, int nullLevels, std::optional<qint64> low, std::optional<qint64> high)
{
    if (rows == 0 || nullLevels == rows)
        return std::optional<qint64>();
    if (nullLevels == 0 && low == high)
        return low;
    return std::nullopt;
}

std::optional<KeptLevels> KeptLevels::oneLevelPerSide(const KeyAggregate& key)
{
    const auto progress
        = oneLevel(key.progressRows, key.progressNullLevels, key.progressMin, key.progressMax);
    const auto license = oneLevel(key.licenseRows, key.licenseNullLevels, key.licenseMin, key.licenseMax);
    if (!progress || !license)
        return std::nullopt;
    return KeptLevels { *progress, *license };
}

void KeyTally::add(const KeyAggregate& key, const std::optional<KeptLevels>& kept)
{
    KeyClassification classification = classifyKey(key, m_catalogue);
    const bool duplicate = classification.violation
        && (classification.violation->kind == ViolationKind::DuplicateProgress
            || classification.violation->kind == ViolationKind::DuplicateLicense);
    if (duplicate && kept) {
        classification.progressLevel = kept->progress;
        classification.licenseLevel = kept->license;
    }
    ++m_keys;
    m_rows += key.progressRows + key.licenseRows;
    if (classification.staffCredential) {
        ++m_report.staffCredentials; // not a pair: no counts, no violations, no warnings (C2)
        return;
    }
    ++m_report.totalPairs;
    TrackCounts& track = m_report.byTrack[key.track];
    ++track.totalPairs;
    const qint64 firstSequence = m_sequence + 1;
    if (classification.violation) {
        const Finding& finding = *classification.violation;
        ++m_sequence;
        ++m_report.inconsistent;
        ++track.inconsistent;
        ++m_report.byKind[int(finding.kind)];
        ViolationRecord record { key.userId, key.track, finding.name(), false, classification.progressLevel,
            classification.licenseLevel, finding.actionName(), finding.reasonText() };
        m_primaryKeys.append(violationKey(key.userId, key.track, record.kind));
        if (duplicate)
            m_duplicates.append({ key.userId, key.track, firstSequence, firstSequence,
                m_limit < 0 || m_report.violations.size() < m_limit ? m_report.violations.size() : -1,
                classification.progressLevel, classification.licenseLevel, kept.has_value() });
        if (m_limit < 0 || m_report.violations.size() < m_limit)
            m_report.violations.append(record);
        if (m_keepRecords)
            m_records.append(std::move(record));
    } else {
        ++m_report.consistent;
        ++track.consistent;
    }
    for (const Finding& warning : classification.warnings) {
        ++m_sequence;
        if (!m_duplicates.isEmpty() && m_duplicates.last().firstSequence == firstSequence)
            m_duplicates.last().lastSequence = m_sequence;
        ++m_report.warnings[int(warning.warningKind)];
        if (m_keepRecords)
            m_records.append({ key.userId, key.track, warning.name(), true, classification.progressLevel,
                classification.licenseLevel, warning.actionName(), warning.reasonText() });
    }
}

void KeyTally::addConsistentPairs(const QString& track, qint64 pairs)
{
    m_keys += pairs;
    m_rows += 2 * pairs;
    m_report.totalPairs += pairs;
    m_report.consistent += pairs;
    TrackCounts& counts = m_report.byTrack[track];
    counts.totalPairs += pairs;
    counts.consistent += pairs;
}

void KeyTally::merge(KeyTally&& later)
{
    m_report.totalPairs += later.m_report.totalPairs;
    m_report.consistent += later.m_report.consistent;
    m_report.inconsistent += later.m_report.inconsistent;
    m_report.staffCredentials += later.m_report.staffCredentials;
    for (int i = 0; i < violationKindCount; ++i)
        m_report.byKind[i] += later.m_report.byKind[i];
    for (int i = 0; i < warningKindCount; ++i)
        m_report.warnings[i] += later.m_report.warnings[i];
    for (auto it = later.m_report.byTrack.cbegin(); it != later.m_report.byTrack.cend(); ++it) {
        TrackCounts& counts = m_report.byTrack[it.key()];
        counts.totalPairs += it->totalPairs;
        counts.consistent += it->consistent;
        counts.inconsistent += it->inconsistent;
    }
    const qsizetype listed = m_report.violations.size();
    for (DuplicateRecords duplicate : std::as_const(later.m_duplicates)) {
        duplicate.firstSequence += m_sequence;
        duplicate.lastSequence += m_sequence;
        if (duplicate.listIndex >= 0)
            duplicate.listIndex
                = m_limit >= 0 && listed + duplicate.listIndex >= m_limit ? -1 : listed + duplicate.listIndex;
        m_duplicates.append(duplicate);
    }
    m_sequence += later.m_sequence;
    for (const ViolationRecord& record : std::as_const(later.m_report.violations)) {
        if (m_limit >= 0 && m_report.violations.size() >= m_limit)
            break;
        m_report.violations.append(record);
    }
    m_records += std::move(later.m_records);
    m_primaryKeys += std::move(later.m_primaryKeys);
    m_keys += later.m_keys;
    m_rows += later.m_rows;
}

void KeyTally::setKeptLevels(
    qsizetype index, std::optional<qint64> progressLevel, std::optional<qint64> licenseLevel)
{
    DuplicateRecords& duplicate = m_duplicates[index];
    duplicate.progressLevel = progressLevel;
    duplicate.licenseLevel = licenseLevel;
    auto set = [&](ViolationRecord& record) {
        record.progressLevel = progressLevel;
        record.licenseLevel = licenseLevel;
    };
    if (duplicate.listIndex >= 0)
        set(m_report.violations[duplicate.listIndex]);
    // m_records holds the latest records: sequences m_sequence - size + 1 .. m_sequence.
    const qint64 firstPending = m_sequence - m_records.size() + 1;
    for (qint64 sequence = std::max(duplicate.firstSequence, firstPending);
         sequence <= duplicate.lastSequence; ++sequence)
        set(m_records[sequence - firstPending]);
}

void KeyTally::finish(HealthReport& report, const QSet<QString>* previous) const
{
    report.totalPairs = m_report.totalPairs;
    report.consistent = m_report.consistent;
    report.inconsistent = m_report.inconsistent;
    report.staffCredentials = m_report.staffCredentials;
    report.byKind = m_report.byKind;
    report.warnings = m_report.warnings;
    report.byTrack = m_report.byTrack;
    report.violations = m_report.violations;
    report.rateHundredths = consistencyRateHundredths(report.consistent, report.totalPairs);
    report.status = statusFor(report.rateHundredths, report.thresholds);
    if (previous) {
        qint64 seen = 0;
        for (const QString& key : m_primaryKeys) {
            if (previous->contains(key))
                ++seen;
        }
        report.newSincePrevious = qint64(m_primaryKeys.size()) - seen;
        report.resolvedSincePrevious = qint64(previous->size()) - seen;
    }
}

} // namespace cc
