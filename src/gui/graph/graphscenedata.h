#pragma once

#include "graph/graphnavigator.h"
#include "graph/nodebadges.h"
#include "inspection/inspection.h"
#include "layout/layoutrequest.h"
#include "release/comparisonoverlay.h"

#include <QFont>
#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QSet>
#include <QString>

#include <atomic>
#include <memory>

namespace Revscope {

// The fonts nodes are measured and drawn with.
struct GraphFonts
{
    QFont id;       // short revision id: monospace, bold
    QFont mono;     // ids inside a collapsed run
    QFont body;     // message line
    QFont bodyBold; // "N revisions"
    QFont chip;     // badges

    static GraphFonts fromFont(const QFont &base);
};

enum class ChipKind {
    Head,
    Base,
    Merge,
    BranchPoint,
    Label,
    DbCurrent,
    Pending,
    Bytecode,
    // Compare mode.
    Removed,
    Added,
    Rewired,
    Edited,
};

// A badge drawn on a node, placed relative to the node's top-left corner.
struct NodeChip
{
    ChipKind kind = ChipKind::Head;
    QString text;
    QRectF rect;
    QPointF baseline;
};

// Everything needed to draw one node, computed off the GUI thread.
struct NodeVisual
{
    QString id;       // layout node id
    QString revision; // revision id; empty for a collapsed run
    QStringList members;
    LayoutNodeStyle style = LayoutNodeStyle::Normal;
    QRectF rect; // scene coordinates
    QString title;
    QPointF titleBaseline; // relative to rect.topLeft()
    QString subtitle;
    QPointF subtitleBaseline;
    QList<NodeChip> chips;
    NodeBadges badges;
    QString toolTip;
    ComparisonOverlay::Status change = ComparisonOverlay::Status::Unchanged; // compare mode

    bool collapsed() const { return style == LayoutNodeStyle::Collapsed; }
};

struct EdgeVisual
{
    QString from;
    QString to;
    bool dependency = false;
    ComparisonOverlay::EdgeStatus change = ComparisonOverlay::EdgeStatus::Kept; // compare mode
    QPainterPath path;                                                          // scene coordinates
    QPolygonF arrow;
    QRectF bounds;
};

// What the panel asks the worker to lay out.
struct GraphJob
{
    quint64 generation = 0;
    // The newest generation requested; the worker gives up early when it moved on.
    std::shared_ptr<std::atomic<quint64>> latest;
    InspectionPtr inspection;
    int environment = 0;
    LayoutDirection direction = LayoutDirection::TopToBottom;
    bool collapse = false;
    QSet<QString> keepVisible; // revisions that stay out of collapsed runs
    GraphFonts fonts;
    // Compare mode: statuses drawn on `inspection`, its union graph.
    std::shared_ptr<const ComparisonOverlay> overlay;
};

// One laid-out graph, ready to become scene items. Immutable once built.
struct GraphSceneData
{
    quint64 generation = 0;
    InspectionPtr inspection;
    int environment = 0;
    LayoutDirection direction = LayoutDirection::TopToBottom;
    bool collapse = false;
    std::shared_ptr<const ComparisonOverlay> overlay;
    // The graph's nodes and edges; export renders it, like `revscope graph`.
    // The view's layout leaves out depends_on edges spanning many ranks
    // (`detachedEdges`, drawn as arcs), which would make `dot` take minutes,
    // and lays a tall graph out in bands (BandedLayout).
    LayoutRequest request;
    int detachedEdges = 0;
    QRectF bounds; // scene rectangle, margins included
    QList<NodeVisual> nodes;
    QList<EdgeVisual> edges;
    GraphNavigator navigator;
    NodeBadgeTable badges;
    int revisions = 0;  // nodes of the environment's graph
    QString error;      // layout failure
    bool stale = false; // a newer job superseded this one before layout
    qint64 milliseconds = 0;

    // Safe on any thread (Graphviz runs behind its own lock).
    static std::shared_ptr<const GraphSceneData> build(const GraphJob &job);
    // Measures a node the way it is drawn; `node` comes from LayoutBuilder.
    // A `change` other than Unchanged adds its badge first.
    static NodeVisual
    measure(const LayoutNode &node, const QString &message, const NodeBadges &badges,
            const GraphFonts &fonts,
            ComparisonOverlay::Status change = ComparisonOverlay::Status::Unchanged);
    // The Bézier path and arrowhead of an edge.
    static EdgeVisual edgeVisual(const EdgePath &edge);
    // A long depends_on edge laid out without Graphviz: an arc beside the
    // graph's flow, from the side of one node to the side of the other.
    static EdgeVisual arcVisual(const LayoutEdge &edge, const QRectF &from, const QRectF &to,
                                LayoutDirection direction);
    // An edge between two bands of a banded layout: an S-curve from the end
    // of one node to the start of the other along the rank axis.
    static EdgeVisual connectorVisual(const LayoutEdge &edge, const QRectF &from, const QRectF &to,
                                      LayoutDirection direction);
};

} // namespace Revscope
