#include "check/DuplicateLevels.h"

#include "rows/RowReader.h"

namespace cc {

Result<void> DuplicateLevels::resolve(Session& session, KeyTally& tally, CancelToken* cancel)
{
    const QList<DuplicateRecords>& duplicates = tally.duplicates();
    if (duplicates.isEmpty())
        return {};
    if (cancel && cancel->isCancelled())
        return Error { ErrorCode::Cancelled, QStringLiteral("cancelled") };
    QMap<KeyRef, KeyRows> keys;
    for (const DuplicateRecords& duplicate : duplicates) {
        if (duplicate.kept)
            continue;
        const KeyRef key { duplicate.userId, duplicate.track };
        keys[key].key = key;
    }
    if (keys.isEmpty())
        return {};
    CC_TRY(RowReader::keepCandidates(session, keys));
    for (qsizetype i = 0; i < duplicates.size(); ++i) {
        if (duplicates.at(i).kept)
            continue;
        const auto rows = keys.constFind(KeyRef { duplicates.at(i).userId, duplicates.at(i).track });
        if (rows->progress.isEmpty() && rows->licenses.isEmpty())
            continue; // not possible within one snapshot; the recorded levels stay
        const auto [progress, license] = rows->keptLevels();
        tally.setKeptLevels(i, progress, license);
    }
    return {};
}

} // namespace cc
