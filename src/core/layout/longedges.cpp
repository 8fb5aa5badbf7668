#include "longedges.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace Revscope {

QList<int> LongEdges::ranks(const LayoutRequest &request)
{
    const int count = int(request.nodes.size());
    QHash<QString, int> index;
    index.reserve(count);
    for (int i = 0; i < count; ++i) {
        index.insert(request.nodes.at(i).id, i);
    }
    std::vector<std::vector<int>> children(static_cast<std::size_t>(count));
    std::vector<int> pending(static_cast<std::size_t>(count), 0);
    for (const LayoutEdge &edge : request.edges) {
        const int from = index.value(edge.from, -1);
        const int to = index.value(edge.to, -1);
        if (edge.dependency || from < 0 || to < 0 || from == to) {
            continue;
        }
        children[std::size_t(from)].push_back(to);
        ++pending[std::size_t(to)];
    }
    // Kahn's algorithm; what a cycle blocks is never released and keeps its rank.
    QList<int> rank(count, 0);
    std::vector<int> ready;
    for (int i = 0; i < count; ++i) {
        if (pending[std::size_t(i)] == 0) {
            ready.push_back(i);
        }
    }
    while (!ready.empty()) {
        const int node = ready.back();
        ready.pop_back();
        for (const int child : children[std::size_t(node)]) {
            rank[child] = qMax(rank[child], rank[node] + 1);
            if (--pending[std::size_t(child)] == 0) {
                ready.push_back(child);
            }
        }
    }
    return rank;
}

QList<int> LongEdges::longDependencies(const LayoutRequest &request, int maxSpan)
{
    QList<int> result;
    bool any = false;
    for (const LayoutEdge &edge : request.edges) {
        any = any || edge.dependency;
    }
    if (!any) {
        return result;
    }
    const QList<int> rank = ranks(request);
    QHash<QString, int> index;
    index.reserve(request.nodes.size());
    for (int i = 0; i < request.nodes.size(); ++i) {
        index.insert(request.nodes.at(i).id, i);
    }
    for (int i = 0; i < request.edges.size(); ++i) {
        const LayoutEdge &edge = request.edges.at(i);
        const int from = index.value(edge.from, -1);
        const int to = index.value(edge.to, -1);
        if (edge.dependency && from >= 0 && to >= 0 && qAbs(rank[to] - rank[from]) > maxSpan) {
            result.append(i);
        }
    }
    return result;
}

LayoutRequest LongEdges::without(const LayoutRequest &request, const QList<int> &indexes)
{
    if (indexes.isEmpty()) {
        return request;
    }
    LayoutRequest result;
    result.nodes = request.nodes;
    result.direction = request.direction;
    const QSet<int> skip(indexes.cbegin(), indexes.cend());
    result.edges.reserve(request.edges.size() - skip.size());
    for (int i = 0; i < request.edges.size(); ++i) {
        if (!skip.contains(i)) {
            result.edges.append(request.edges.at(i));
        }
    }
    return result;
}

} // namespace Revscope
