#pragma once

#include "layout/layoutrequest.h"

#include <QHash>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace Revscope {

class RevisionGraph;

// Questions a graph view asks about what it shows: which nodes to highlight
// for a selection, where the arrow keys lead, what a search finds. Works on
// the nodes of a LayoutRequest, so a collapsed run (LayoutNode::members) is
// one node and every revision maps onto the node showing it. Edges include
// depends_on links. Self-contained: it keeps nothing of the graph it is built
// from, so it can be built off the GUI thread and read from anywhere.
class GraphNavigator
{
public:
    using EdgeKey = QPair<QString, QString>; // (from node, to node)

    struct Highlight
    {
        QSet<QString> nodes;   // node ids, the selected ones included
        QSet<EdgeKey> edges;   // edges between highlighted nodes that lie on the lineage/paths
        bool connected = true; // highlightBetween: false when no path joins the two nodes
    };

    GraphNavigator() = default;
    GraphNavigator(const RevisionGraph &graph, const LayoutRequest &request);

    int nodeCount() const { return int(m_nodes.size()); }
    bool containsNode(const QString &node) const { return m_nodeIndex.contains(node); }
    // The node showing `revision` (itself, or the collapsed run holding it);
    // empty when the graph has no such revision.
    QString nodeOf(const QString &revision) const;
    // The revisions a node stands for: its members when collapsed, else itself.
    QStringList membersOf(const QString &node) const;
    bool isCollapsed(const QString &node) const;

    // Neighbour nodes in request order, down_revision links before depends_on ones.
    QStringList parents(const QString &node) const;
    QStringList children(const QString &node) const;
    // The other children of the node's parents, in request order, without repeats.
    QStringList siblings(const QString &node) const;

    // One selected node: the node, its ancestors and its descendants (depends_on followed).
    Highlight highlight(const QString &node) const;
    // Two selected nodes: every node on a path between them in either
    // direction, and the edges of those paths. Unrelated nodes: just the two.
    Highlight highlightBetween(const QString &first, const QString &second) const;

    // Revisions whose id starts with `text` or whose message or a branch label
    // contains it (case-insensitive), oldest first: the reverse of Alembic's
    // history order, then revisions Alembic does not load, then ghosts.
    QStringList search(const QString &text) const;

private:
    struct Node
    {
        QString id;
        QStringList members;
        std::vector<int> parents; // node indexes; down_revision links first
        std::vector<int> children;
    };
    struct Entry
    {
        QString id;
        QString message;
        QStringList labels;
    };

    int index(const QString &node) const { return m_nodeIndex.value(node, -1); }
    std::vector<char> reach(int start, bool downwards) const;
    QStringList ids(const std::vector<int> &indexes) const;

    std::vector<Node> m_nodes;
    QHash<QString, int> m_nodeIndex;
    QHash<QString, int> m_revisionNode;
    std::vector<std::pair<int, int>> m_edges; // (from, to), request order
    std::vector<Entry> m_searchOrder;
};

} // namespace Revscope
