#pragma once

#include "check/PlatformRowSource.h"

#include <memory>

namespace cc {

// A PlatformRowSource whose progress and license streams are read on a thread of their own, a few
// batches ahead of the caller (issue 17): the database's stepping (SQLite) or fetching (PostgreSQL)
// overlaps the merge and classification instead of alternating with them. Only that thread uses the
// inner source, from the first row asked for until this object is destroyed (which stops and joins
// it), so the check's connection is never used by two threads at once. The staff stream is read on
// the caller's thread, and only before the first row (KeyMerge reads it first).
std::unique_ptr<PlatformRowSource> prefetched(std::unique_ptr<PlatformRowSource> inner);

} // namespace cc
