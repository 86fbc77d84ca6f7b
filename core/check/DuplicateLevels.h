#pragma once

#include "base/CancelToken.h"
#include "check/KeyTally.h"
#include "session/Session.h"

namespace cc {

// For every duplicate_progress / duplicate_license key of a check whose scan could not decide them
// (KeyMerge::keptLevels; under the grouped statement, a side at two levels), the level of the row a merge
// would keep on each side (docs/BEHAVIOUR.md C3, C6 step 1: KeyRows::keptLevels), read after the scan in the
// check's own read transaction, so from the same snapshot. Only the columns the keep rules read, one
// statement per table for all the duplicates (RowReader::keepCandidates): without the `cc_` indexes that is
// one scan of each table, not one per batch of users.
class DuplicateLevels final {
public:
    // Sets the kept levels in `tally` (its report's list and the records not yet taken).
    static Result<void> resolve(Session& session, KeyTally& tally, CancelToken* cancel);
};

} // namespace cc
