#include "graphnavigator.h"

#include "revisiongraph.h"

#include <algorithm>

namespace Revscope {

GraphNavigator::GraphNavigator(const RevisionGraph &graph, const LayoutRequest &request)
{
    m_nodes.reserve(std::size_t(request.nodes.size()));
    for (const LayoutNode &layoutNode : request.nodes) {
        if (m_nodeIndex.contains(layoutNode.id)) {
            continue;
        }
        const int i = int(m_nodes.size());
        Node node;
        node.id = layoutNode.id;
        node.members = layoutNode.members;
        m_nodeIndex.insert(node.id, i);
        if (node.members.isEmpty()) {
            m_revisionNode.insert(node.id, i);
        }
        for (const QString &member : std::as_const(node.members)) {
            m_revisionNode.insert(member, i);
        }
        m_nodes.push_back(std::move(node));
    }
    // Two passes so each node lists its down_revision neighbours first.
    for (const bool dependencies : {false, true}) {
        for (const LayoutEdge &edge : request.edges) {
            if (edge.dependency != dependencies) {
                continue;
            }
            const int from = index(edge.from);
            const int to = index(edge.to);
            if (from < 0 || to < 0) {
                continue;
            }
            m_edges.emplace_back(from, to);
            auto &children = m_nodes[std::size_t(from)].children;
            if (std::find(children.begin(), children.end(), to) == children.end()) {
                children.push_back(to);
            }
            auto &parents = m_nodes[std::size_t(to)].parents;
            if (std::find(parents.begin(), parents.end(), from) == parents.end()) {
                parents.push_back(from);
            }
        }
    }

    // Search order: oldest first among what Alembic loads, then the rest in node order.
    const QStringList history = graph.history();
    QSet<QString> listed;
    listed.reserve(graph.nodes().size());
    m_searchOrder.reserve(std::size_t(graph.nodes().size()));
    auto add = [&](const QString &id) {
        const Revision *revision = graph.revision(id);
        if (!revision || listed.contains(id)) {
            return;
        }
        listed.insert(id);
        m_searchOrder.push_back(Entry{id, revision->message, revision->branchLabels});
    };
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        add(*it);
    }
    for (const Revision &revision : graph.nodes()) {
        add(revision.id);
    }
}

QString GraphNavigator::nodeOf(const QString &revision) const
{
    const int i = m_revisionNode.value(revision, -1);
    return i < 0 ? QString() : m_nodes[std::size_t(i)].id;
}

QStringList GraphNavigator::membersOf(const QString &node) const
{
    const int i = index(node);
    if (i < 0) {
        return {};
    }
    const Node &n = m_nodes[std::size_t(i)];
    return n.members.isEmpty() ? QStringList{n.id} : n.members;
}

bool GraphNavigator::isCollapsed(const QString &node) const
{
    const int i = index(node);
    return i >= 0 && !m_nodes[std::size_t(i)].members.isEmpty();
}

QStringList GraphNavigator::ids(const std::vector<int> &indexes) const
{
    QStringList result;
    result.reserve(qsizetype(indexes.size()));
    for (const int i : indexes) {
        result.append(m_nodes[std::size_t(i)].id);
    }
    return result;
}

QStringList GraphNavigator::parents(const QString &node) const
{
    const int i = index(node);
    return i < 0 ? QStringList() : ids(m_nodes[std::size_t(i)].parents);
}

QStringList GraphNavigator::children(const QString &node) const
{
    const int i = index(node);
    return i < 0 ? QStringList() : ids(m_nodes[std::size_t(i)].children);
}

QStringList GraphNavigator::siblings(const QString &node) const
{
    const int i = index(node);
    if (i < 0) {
        return {};
    }
    std::vector<int> result;
    for (const int parent : m_nodes[std::size_t(i)].parents) {
        for (const int child : m_nodes[std::size_t(parent)].children) {
            if (child != i && std::find(result.begin(), result.end(), child) == result.end()) {
                result.push_back(child);
            }
        }
    }
    return ids(result);
}

std::vector<char> GraphNavigator::reach(int start, bool downwards) const
{
    // Iterative: chains of 20,000 revisions must not overflow the stack.
    std::vector<char> seen(m_nodes.size(), 0);
    std::vector<int> stack{start};
    while (!stack.empty()) {
        const int current = stack.back();
        stack.pop_back();
        const Node &node = m_nodes[std::size_t(current)];
        for (const int next : downwards ? node.children : node.parents) {
            if (!seen[std::size_t(next)]) {
                seen[std::size_t(next)] = 1;
                stack.push_back(next);
            }
        }
    }
    return seen;
}

GraphNavigator::Highlight GraphNavigator::highlight(const QString &node) const
{
    Highlight result;
    const int start = index(node);
    if (start < 0) {
        return result;
    }
    std::vector<char> up = reach(start, false);
    std::vector<char> down = reach(start, true);
    up[std::size_t(start)] = 1;
    down[std::size_t(start)] = 1;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (up[i] || down[i]) {
            result.nodes.insert(m_nodes[i].id);
        }
    }
    for (const auto &[from, to] : m_edges) {
        const auto f = std::size_t(from);
        const auto t = std::size_t(to);
        if ((up[f] && up[t]) || (down[f] && down[t])) {
            result.edges.insert({m_nodes[f].id, m_nodes[t].id});
        }
    }
    return result;
}

GraphNavigator::Highlight GraphNavigator::highlightBetween(const QString &first,
                                                           const QString &second) const
{
    Highlight result;
    const int a = index(first);
    const int b = index(second);
    if (a < 0 || b < 0) {
        return a < 0 ? highlight(second) : highlight(first);
    }
    if (a == b) {
        return highlight(first);
    }
    const std::vector<char> belowA = reach(a, true);
    const std::vector<char> aboveA = reach(a, false);
    const std::vector<char> belowB = reach(b, true);
    const std::vector<char> aboveB = reach(b, false);
    // A node lies on a path a -> b when it is below a and above b (or the
    // other way round); the ends themselves count when a path exists.
    std::vector<char> onPath(m_nodes.size(), 0);
    const bool aToB = belowA[std::size_t(b)];
    const bool bToA = belowB[std::size_t(a)];
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        onPath[i] = char((aToB && belowA[i] && aboveB[i]) || (bToA && belowB[i] && aboveA[i]));
    }
    onPath[std::size_t(a)] = 1;
    onPath[std::size_t(b)] = 1;
    result.connected = aToB || bToA;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (onPath[i]) {
            result.nodes.insert(m_nodes[i].id);
        }
    }
    if (result.connected) {
        for (const auto &[from, to] : m_edges) {
            if (onPath[std::size_t(from)] && onPath[std::size_t(to)]) {
                result.edges.insert({m_nodes[std::size_t(from)].id, m_nodes[std::size_t(to)].id});
            }
        }
    }
    return result;
}

QStringList GraphNavigator::search(const QString &text) const
{
    const QString needle = text.trimmed();
    QStringList result;
    if (needle.isEmpty()) {
        return result;
    }
    for (const Entry &entry : m_searchOrder) {
        bool match = entry.id.startsWith(needle, Qt::CaseInsensitive) ||
                     entry.message.contains(needle, Qt::CaseInsensitive);
        for (qsizetype i = 0; !match && i < entry.labels.size(); ++i) {
            match = entry.labels.at(i).contains(needle, Qt::CaseInsensitive);
        }
        if (match) {
            result.append(entry.id);
        }
    }
    return result;
}

} // namespace Revscope
