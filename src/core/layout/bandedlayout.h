#pragma once

#include "layoutrequest.h"

#include <QList>

namespace Revscope {

// `dot`'s time grows much faster than the graph: 1,000 revisions take a
// tenth of a second, 5,000 nearly three. A tall history is cut into bands of
// consecutive ranks, each laid out by GraphLayout on its own and stacked
// along the rank axis, aligned on an edge joining them. Edges between bands
// are not routed; the caller draws them.
class BandedLayout
{
public:
    // Lays `request` out in bands of about `maxNodesPerBand` nodes (one
    // band, i.e. plain GraphLayout::layout, when it is small enough).
    // `crossEdges` receives the indexes into request.edges left unrouted;
    // the result's edges are the others, in request order.
    static LayoutResult layout(const LayoutRequest &request, int maxNodesPerBand,
                               QList<int> *crossEdges);
    // Band of each node (indexed like request.nodes), by rank.
    static QList<int> bands(const LayoutRequest &request, int maxNodesPerBand);
};

} // namespace Revscope
