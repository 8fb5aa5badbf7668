#pragma once

#include "layoutrequest.h"

#include <QList>

namespace Revscope {

// `dot` turns an edge spanning k ranks into a chain of k virtual nodes; a few
// depends_on links across a long history multiply the graph it positions
// (24,000 virtual nodes for 2,200 real ones, a minute of `dot`). A view can
// lay out without such links and draw them itself.
class LongEdges
{
public:
    // Ranks by longest path over the down_revision edges (parents first;
    // nodes on a cycle keep the rank reached before it). Indexed like request.nodes.
    static QList<int> ranks(const LayoutRequest &request);
    // Indexes into request.edges of the depends_on edges spanning more than
    // `maxSpan` ranks.
    static QList<int> longDependencies(const LayoutRequest &request, int maxSpan);
    // The request without the edges at `indexes`.
    static LayoutRequest without(const LayoutRequest &request, const QList<int> &indexes);
};

} // namespace Revscope
