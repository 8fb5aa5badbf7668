#include "bandedlayout.h"

#include "graphlayout.h"
#include "longedges.h"

#include <QHash>

#include <algorithm>

namespace Revscope {

namespace {

constexpr double kBandGap = 36; // Graphviz's default ranksep, in points

void shift(EdgePath *path, const QPointF &offset)
{
    for (QPointF &point : path->controlPoints) {
        point += offset;
    }
    path->arrowStart += offset;
    path->arrowEnd += offset;
}

} // namespace

QList<int> BandedLayout::bands(const LayoutRequest &request, int maxNodesPerBand)
{
    const int count = int(request.nodes.size());
    QList<int> band(count, 0);
    if (count <= maxNodesPerBand || maxNodesPerBand <= 0) {
        return band;
    }
    const QList<int> rank = LongEdges::ranks(request);
    const int maxRank = *std::max_element(rank.cbegin(), rank.cend());
    QList<int> perRank(maxRank + 1, 0);
    for (const int r : rank) {
        ++perRank[r];
    }
    // Close a band once it holds enough nodes; a rank is never split.
    QList<int> bandOfRank(maxRank + 1, 0);
    int current = 0;
    int filled = 0;
    for (int r = 0; r <= maxRank; ++r) {
        if (filled > 0 && filled + perRank[r] > maxNodesPerBand) {
            ++current;
            filled = 0;
        }
        bandOfRank[r] = current;
        filled += perRank[r];
    }
    for (int i = 0; i < count; ++i) {
        band[i] = bandOfRank[rank[i]];
    }
    return band;
}

LayoutResult BandedLayout::layout(const LayoutRequest &request, int maxNodesPerBand,
                                  QList<int> *crossEdges)
{
    crossEdges->clear();
    const QList<int> band = bands(request, maxNodesPerBand);
    const int bandCount = band.isEmpty() ? 0 : *std::max_element(band.cbegin(), band.cend()) + 1;
    if (bandCount <= 1) {
        return GraphLayout::layout(request);
    }

    QHash<QString, int> nodeIndex;
    nodeIndex.reserve(request.nodes.size());
    for (int i = 0; i < request.nodes.size(); ++i) {
        nodeIndex.insert(request.nodes.at(i).id, i);
    }
    QList<LayoutRequest> parts(bandCount);
    QList<QList<int>> partEdges(bandCount); // request edge index of each part edge
    for (LayoutRequest &part : parts) {
        part.direction = request.direction;
    }
    for (int i = 0; i < request.nodes.size(); ++i) {
        parts[band[i]].nodes.append(request.nodes.at(i));
    }
    for (int e = 0; e < request.edges.size(); ++e) {
        const LayoutEdge &edge = request.edges.at(e);
        const int from = nodeIndex.value(edge.from, -1);
        const int to = nodeIndex.value(edge.to, -1);
        if (from < 0 || to < 0) {
            continue; // GraphLayout leaves these out too
        }
        if (band[from] == band[to]) {
            parts[band[from]].edges.append(edge);
            partEdges[band[from]].append(e);
        } else {
            crossEdges->append(e);
        }
    }

    const bool leftToRight = request.direction == LayoutDirection::LeftToRight;
    auto across = [leftToRight](const QPointF &p) { return leftToRight ? p.y() : p.x(); };
    auto point = [leftToRight](double alongValue, double acrossValue) {
        return leftToRight ? QPointF(alongValue, acrossValue) : QPointF(acrossValue, alongValue);
    };

    LayoutResult result;
    QList<QPair<int, EdgePath>> routed; // request edge index, path
    double nextAlong = 0;
    for (int b = 0; b < bandCount; ++b) {
        LayoutResult part = GraphLayout::layout(parts.at(b));
        if (!part.ok()) {
            result.error = part.error;
            return result;
        }
        const QRectF box = part.bounds;
        const double startAlong = leftToRight ? box.left() : box.top();
        // Across: line up the first edge arriving from an earlier band.
        double acrossOffset = 0;
        bool aligned = false;
        for (const int e : std::as_const(*crossEdges)) {
            const LayoutEdge &edge = request.edges.at(e);
            const int to = nodeIndex.value(edge.to);
            if (band[to] == b && result.centers.contains(edge.from) && !edge.dependency) {
                acrossOffset =
                    across(result.centers.value(edge.from)) - across(part.centers.value(edge.to));
                aligned = true;
                break;
            }
        }
        if (!aligned && !result.bounds.isNull()) {
            acrossOffset = across(result.bounds.center()) - across(box.center());
        }
        const QPointF offset = point(nextAlong - startAlong, acrossOffset);
        for (auto it = part.centers.cbegin(); it != part.centers.cend(); ++it) {
            result.centers.insert(it.key(), it.value() + offset);
        }
        const QRectF placed = box.translated(offset);
        result.bounds = result.bounds.isNull() ? placed : result.bounds.united(placed);
        nextAlong = (leftToRight ? placed.right() : placed.bottom()) + kBandGap;
        // Part edges come back in part order with unroutable ones left out:
        // match them to request edges by their ends.
        int cursor = 0;
        const QList<int> &indexes = partEdges.at(b);
        for (EdgePath path : part.edges) {
            while (cursor < indexes.size() &&
                   (request.edges.at(indexes.at(cursor)).from != path.from ||
                    request.edges.at(indexes.at(cursor)).to != path.to)) {
                ++cursor;
            }
            shift(&path, offset);
            routed.append({cursor < indexes.size() ? indexes.at(cursor) : 0, path});
            ++cursor;
        }
    }
    std::stable_sort(routed.begin(), routed.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    result.edges.reserve(routed.size());
    for (const auto &entry : std::as_const(routed)) {
        result.edges.append(entry.second);
    }
    return result;
}

} // namespace Revscope
