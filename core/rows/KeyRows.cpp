#include "rows/KeyRows.h"

#include "rows/PlatformTables.h"
#include "rows/RowValues.h"

#include <limits>

namespace cc {

namespace {

// Adds a stored counter to a key's sum without overflow: a sum beyond 64 bits stays at the bound
// (sums matter only for keys with one row per side, docs/BEHAVIOUR.md C3).
void addStored(qint64& total, qint64 value)
{
    if (__builtin_add_overflow(total, value, &total))
        total = value > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
}

} // namespace

KeyAggregate KeyRows::aggregate(const LevelCatalogue& catalogue) const
{
    Q_UNUSED(catalogue)
    KeyAggregate aggregate;
    aggregate.userId = key.userId;
    aggregate.track = key.track;
    aggregate.progressRows = int(progress.size());
    aggregate.licenseRows = int(licenses.size());
    auto fold = [](std::optional<qint64>& min, std::optional<qint64>& max, qint64 level) {
        min = min ? std::min(*min, level) : level;
        max = max ? std::max(*max, level) : level;
    };
    // The side's lowest stored id by UTF-8 bytes, as the check's statement reads it.
    auto spelling = [](std::optional<QString>& lowest, const QVariant& stored) {
        const QString id = stored.toString();
        if (!lowest || id.toUtf8() < lowest->toUtf8())
            lowest = id;
    };
    for (const Row& row : progress) {
        const auto level = rowInt(row, column::currentLevel);
        if (level)
            fold(aggregate.progressMin, aggregate.progressMax, *level);
        else
            ++aggregate.progressNullLevels;
        addStored(aggregate.counters.xp, rowInt(row, column::totalXp).value_or(0));
        addStored(aggregate.counters.sessions, rowInt(row, column::completedSessions).value_or(0));
        addStored(aggregate.counters.theoryHours, rowInt(row, column::theoryHoursCompleted).value_or(0));
        addStored(aggregate.counters.practiceHours, rowInt(row, column::practiceHoursCompleted).value_or(0));
        spelling(aggregate.progressSpelling, row.value(column::specializationId));
    }
    for (const Row& row : licenses) {
        const auto level = rowInt(row, column::currentLevel);
        if (level)
            fold(aggregate.licenseMin, aggregate.licenseMax, *level);
        else
            ++aggregate.licenseNullLevels;
        if (const auto max = rowInt(row, column::maxAchievedLevel))
            addStored(aggregate.maxAchieved.emplace(aggregate.maxAchieved.value_or(0)), *max);
        spelling(aggregate.licenseSpelling, row.value(column::specializationType));
    }
    return aggregate;
}

namespace {

qint64 counter(const Row& row, const QString& column)
{
    return rowInt(row, column).value_or(0);
}

bool truthy(const QVariant& value)
{
    if (value.isNull() || !value.isValid())
        return false;
    if (value.typeId() == QMetaType::QString) {
        const QString text = value.toString().trimmed().toLower();
        return text == u"1" || text == u"t" || text == u"true";
    }
    return value.toLongLong() != 0;
}

// Timestamps of one database share one text form, so their text orders them; NULL sorts last.
bool earlier(const QVariant& a, const QVariant& b)
{
    if (a.isNull() || !a.isValid())
        return false;
    if (b.isNull() || !b.isValid())
        return true;
    return a.toString() < b.toString();
}

} // namespace

const Row* KeyRows::keptProgress() const
{
    const Row* best = nullptr;
    for (const Row& row : progress) {
        if (!best) {
            best = &row;
            continue;
        }
        const auto rank = [](const Row& r) {
            return std::tuple(counter(r, column::totalXp), counter(r, column::completedSessions), -rowId(r));
        };
        if (rank(row) > rank(*best))
            best = &row;
    }
    return best;
}

const Row* KeyRows::keptLicense() const
{
    const Row* best = nullptr;
    auto better = [this](const Row& a, const Row& b) {
        const qsizetype refsA = licenseReferrers.value(rowId(a)).size();
        const qsizetype refsB = licenseReferrers.value(rowId(b)).size();
        if (refsA != refsB)
            return refsA > refsB;
        const bool paidA = truthy(a.value(QStringLiteral("payment_verified")));
        const bool paidB = truthy(b.value(QStringLiteral("payment_verified")));
        if (paidA != paidB)
            return paidA;
        const qint64 maxA = counter(a, column::maxAchievedLevel);
        const qint64 maxB = counter(b, column::maxAchievedLevel);
        if (maxA != maxB)
            return maxA > maxB;
        const QVariant startA = a.value(column::startedAt);
        const QVariant startB = b.value(column::startedAt);
        if (earlier(startA, startB) || earlier(startB, startA))
            return earlier(startA, startB);
        return rowId(a) < rowId(b);
    };
    for (const Row& row : licenses) {
        if (!best || better(row, *best))
            best = &row;
    }
    return best;
}

QStringList KeyRows::keepColumns(const QString& coupledTable)
{
    if (coupledTable == table::progress) {
        return { column::id, column::studentId, column::specializationId, column::currentLevel,
            column::totalXp, column::completedSessions };
    }
    return { column::id, column::userId, column::specializationType, column::currentLevel,
        QStringLiteral("payment_verified"), column::maxAchievedLevel, column::startedAt };
}

std::pair<std::optional<qint64>, std::optional<qint64>> KeyRows::keptLevels() const
{
    const Row* p = keptProgress();
    const Row* l = keptLicense();
    return { p ? rowInt(*p, column::currentLevel) : std::nullopt,
        l ? rowInt(*l, column::currentLevel) : std::nullopt };
}

} // namespace cc
