#pragma once

#include "databasestate.h"
#include "databaseurl.h"
#include "dbstate.h"
#include "graph/revisiongraph.h"
#include "stampplan.h"

#include <QString>
#include <QStringList>

namespace Revscope {

struct EnvironmentInspection;

// Builds StampPlans: which rows the version table holds, which it will hold,
// and the statements in between. Targets resolve like Alembic's
// `get_revisions` (full ids, unique partial ids, branch labels, "heads",
// "head", "base", "label@head"), and become the table's rows exactly, as
// `alembic stamp --purge` leaves them. Targets that are ancestors of each
// other are refused, as Alembic refuses them. No plan ever creates a table.
class StampPlanner
{
public:
    // What Revscope proposes for the database `db` read, and why.
    static StampSuggestion suggest(const RevisionGraph &graph, const DbStateCalculator &db);

    // `state` is what VersionTableReader read from `url` (the URL is used
    // for its backend and key only, and never shown unredacted).
    static StampPlan plan(const RevisionGraph &graph, const DatabaseState &state,
                          const DatabaseUrl &url, const QStringList &targets);
    // The same for an inspected environment whose database was read.
    static StampPlan plan(const EnvironmentInspection &environment, const DatabaseUrl &url,
                          const QStringList &targets);
};

} // namespace Revscope
