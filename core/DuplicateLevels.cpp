#include "DuplicateLevels.h"

#include "KeyRows.h"

namespace cc {

Result<void> DuplicateLevels::resolve(Session& session, KeyTally& tally, CancelToken* cancel)
{
    const QList<DuplicateRecords>& duplicates = tally.duplicates();
    constexpr qsizetype usersPerRead = 500;
    qsizetype next = 0;
    while (next < duplicates.size()) {
        if (cancel && cancel->isCancelled())
            return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
        // The duplicates are in key order: the next ones up to 500 distinct users.
        QList<qint64> users;
        qsizetype end = next;
        while (end < duplicates.size()
            && (users.size() < usersPerRead || users.last() == duplicates.at(end).userId)) {
            if (users.isEmpty() || users.last() != duplicates.at(end).userId)
                users.append(duplicates.at(end).userId);
            ++end;
        }
        auto keys = RowReader::usersKeys(session, users, false);
        if (!keys)
            return keys.error();
        for (qsizetype i = next; i < end; ++i) {
            const auto rows = keys->constFind(KeyRef { duplicates.at(i).userId, duplicates.at(i).track });
            if (rows == keys->cend())
                continue; // not possible within one snapshot; the recorded levels stay
            const auto [progress, license] = rows->keptLevels();
            tally.setKeptLevels(i, progress, license);
        }
        next = end;
    }
    return {};
}

} // namespace cc
