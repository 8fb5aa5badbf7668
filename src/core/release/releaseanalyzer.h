#pragma once

#include "analysis/finding.h"

namespace Revscope {

struct Inspection;

// Compares the project with its lock file of released migrations: a locked
// revision whose script now hashes differently is edited-after-release, one
// no script defines any more is removed-after-release. Without a lock file
// nothing is read, so `check` on an unlocked project pays one stat.
class ReleaseAnalyzer
{
public:
    // `wholeProject`: every environment was inspected (no --config), so a
    // lock section for an environment that is gone is reported too.
    static Findings analyze(const Inspection &inspection, bool wholeProject);
};

} // namespace Revscope
