#pragma once

#include "analysis/finding.h"
#include "graph/revisiongraph.h"

namespace Revscope {

// Findings about the shape of one environment's revision graph:
// missing-parent, missing-dependency, duplicate-revision, cycle,
// branch-label-conflict (errors: Alembic refuses to load), multiple-heads and
// multiple-bases (warnings; info when every head/base is a labelled branch,
// Alembic's documented way to keep independent branches; not reported while a
// parent is missing or a cycle exists, as Alembic stops before counting them).
class GraphAnalyzer
{
public:
    static Findings analyze(const RevisionGraph &graph, const QString &envLabel);
};

} // namespace Revscope
