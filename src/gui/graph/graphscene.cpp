#include "graphscene.h"

#include "edgeitem.h"
#include "nodeitem.h"

#include <QElapsedTimer>

namespace Revscope {

namespace {

constexpr double kDimmed = 0.22;

} // namespace

GraphScene::GraphScene(std::shared_ptr<const GraphSceneData> data, const GraphPalette &palette,
                       const GraphFonts &fonts, QObject *parent)
    : QGraphicsScene(parent), m_data(std::move(data)),
      m_style(std::make_unique<GraphStyle>(palette, fonts))
{
    // The graph never moves once built: a BSP tree answers "what is visible" fast.
    setItemIndexMethod(BspTreeIndex);
    setSceneRect(m_data->bounds);
    setBackgroundBrush(palette.background);
    m_nodes.reserve(std::size_t(m_data->nodes.size()));
    m_edges.reserve(std::size_t(m_data->edges.size()));
    m_nodeItems.reserve(m_data->nodes.size());
}

GraphScene::~GraphScene()
{
    // Items point into m_data; delete them while it is alive.
    clear();
}

bool GraphScene::isPopulated() const
{
    return m_nodes.size() == std::size_t(m_data->nodes.size()) &&
           m_edges.size() == std::size_t(m_data->edges.size());
}

bool GraphScene::populate(int budgetMs)
{
    QElapsedTimer timer;
    timer.start();
    constexpr std::size_t kCheckEvery = 64;
    std::size_t made = 0;
    while (m_edges.size() < std::size_t(m_data->edges.size())) {
        auto *item = new EdgeItem(&m_data->edges.at(qsizetype(m_edges.size())), m_style.get());
        addItem(item);
        m_edges.push_back(item);
        if (++made % kCheckEvery == 0 && timer.elapsed() >= budgetMs) {
            return false;
        }
    }
    while (m_nodes.size() < std::size_t(m_data->nodes.size())) {
        const NodeVisual &visual = m_data->nodes.at(qsizetype(m_nodes.size()));
        auto *item = new NodeItem(&visual, m_style.get());
        addItem(item);
        m_nodes.push_back(item);
        m_nodeItems.insert(visual.id, item);
        if (++made % kCheckEvery == 0 && timer.elapsed() >= budgetMs) {
            return false;
        }
    }
    if (!m_primary.isEmpty()) {
        applySelection();
    }
    return true;
}

void GraphScene::populateAll()
{
    while (!populate(1000)) {
    }
}

void GraphScene::setGraphPalette(const GraphPalette &palette)
{
    auto style = std::make_unique<GraphStyle>(palette, m_style->fonts());
    for (NodeItem *item : m_nodes) {
        item->setStyle(style.get());
    }
    for (EdgeItem *item : m_edges) {
        item->setStyle(style.get());
    }
    m_style = std::move(style);
    setBackgroundBrush(palette.background);
}

void GraphScene::setSelection(const QString &primary, const QString &secondary)
{
    QString first = m_data->navigator.containsNode(primary) ? primary : QString();
    QString second = m_data->navigator.containsNode(secondary) ? secondary : QString();
    if (first.isEmpty()) {
        first = second;
        second.clear();
    }
    if (first == second) {
        second.clear();
    }
    if (first == m_primary && second == m_secondary) {
        return;
    }
    m_primary = first;
    m_secondary = second;
    if (m_primary.isEmpty()) {
        m_highlight = {};
    } else if (m_secondary.isEmpty()) {
        m_highlight = m_data->navigator.highlight(m_primary);
    } else {
        m_highlight = m_data->navigator.highlightBetween(m_primary, m_secondary);
    }
    applySelection();
}

void GraphScene::applySelection()
{
    const bool active = !m_primary.isEmpty();
    for (NodeItem *item : m_nodes) {
        const QString &id = item->visual().id;
        const bool lit = active && m_highlight.nodes.contains(id);
        NodeItem::Selection selection = NodeItem::Selection::None;
        if (id == m_primary) {
            selection = NodeItem::Selection::Primary;
        } else if (!m_secondary.isEmpty() && id == m_secondary) {
            selection = NodeItem::Selection::Secondary;
        }
        item->setSelection(selection);
        item->setHighlighted(lit && selection == NodeItem::Selection::None);
        item->setOpacity(!active || lit ? 1.0 : kDimmed);
    }
    for (EdgeItem *item : m_edges) {
        const EdgeVisual &visual = item->visual();
        const bool lit = active && m_highlight.edges.contains({visual.from, visual.to});
        item->setHighlighted(lit);
        item->setOpacity(!active || lit ? 1.0 : kDimmed);
    }
}

} // namespace Revscope
