#pragma once

#include "graphscenedata.h"
#include "graphstyle.h"

#include <QGraphicsScene>
#include <QHash>

#include <memory>
#include <vector>

namespace Revscope {

class EdgeItem;
class NodeItem;

// The items of one laid-out graph. Created empty from a GraphSceneData and
// populated in time-boxed batches, so the GUI thread never stalls on a big
// graph; only the GUI thread touches it.
class GraphScene final : public QGraphicsScene
{
    Q_OBJECT
public:
    GraphScene(std::shared_ptr<const GraphSceneData> data, const GraphPalette &palette,
               const GraphFonts &fonts, QObject *parent = nullptr);
    ~GraphScene() override;

    const GraphSceneData &graphData() const { return *m_data; }
    std::shared_ptr<const GraphSceneData> sharedData() const { return m_data; }
    const GraphNavigator &navigator() const { return m_data->navigator; }
    const GraphStyle &graphStyle() const { return *m_style; }

    // Creates items for at most about `budgetMs` milliseconds; true once
    // every item exists.
    bool populate(int budgetMs);
    void populateAll();
    bool isPopulated() const;

    NodeItem *nodeItem(const QString &nodeId) const { return m_nodeItems.value(nodeId); }
    const std::vector<NodeItem *> &nodeItems() const { return m_nodes; }
    const std::vector<EdgeItem *> &edgeItems() const { return m_edges; }

    void setGraphPalette(const GraphPalette &palette);

    // Selection by node id: `primary` highlights its lineage; with
    // `secondary` too, the paths between them. Everything else is dimmed.
    void setSelection(const QString &primary, const QString &secondary = QString());
    QString primary() const { return m_primary; }
    QString secondary() const { return m_secondary; }
    // Nodes highlighted by the current selection (empty without one).
    QSet<QString> highlightedNodes() const { return m_highlight.nodes; }
    bool selectionConnected() const { return m_highlight.connected; }

private:
    void applySelection();

    std::shared_ptr<const GraphSceneData> m_data;
    std::unique_ptr<GraphStyle> m_style;
    std::vector<NodeItem *> m_nodes;
    std::vector<EdgeItem *> m_edges;
    QHash<QString, NodeItem *> m_nodeItems;
    QString m_primary;
    QString m_secondary;
    GraphNavigator::Highlight m_highlight;
};

} // namespace Revscope
