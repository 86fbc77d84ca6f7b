#pragma once

namespace cc {

// The consistency rate from which a check is healthy or degraded (docs/BEHAVIOUR.md C4), in
// hundredths of a percent; below `degraded` it is critical.
struct Thresholds {
    int healthy = 9900;
    int degraded = 9500;
};

} // namespace cc
