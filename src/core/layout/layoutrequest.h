#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace Revscope {

// Values exchanged with GraphLayout: what to lay out, and where it went.
// Kept apart from any scene item so the GUI and the CLI share them.

enum class LayoutDirection {
    TopToBottom, // Graphviz rankdir=TB: parents above children
    LeftToRight, // rankdir=LR: parents left of children
};

// How a node is drawn when rendered (the GUI draws its own items from it).
enum class LayoutNodeStyle {
    Normal,
    Ghost,     // a revision referenced but defined nowhere: dashed
    Bytecode,  // only a .pyc defines it: its own fill
    Collapsed, // a linear run of revisions shown as one node
};

struct LayoutNode
{
    QString id;            // unique within the request
    double widthIn = 0.75; // Graphviz sizes are in inches
    double heightIn = 0.5;
    QString label; // may hold '\n' line breaks
    LayoutNodeStyle style = LayoutNodeStyle::Normal;
    bool head = false;   // drawn bold
    QStringList members; // Collapsed: the revisions it stands for, parent first
    QString cluster;     // nodes sharing a non-empty cluster are boxed together
};

struct LayoutEdge
{
    QString from;            // parent
    QString to;              // child
    bool dependency = false; // depends_on: dashed
};

struct LayoutRequest
{
    QList<LayoutNode> nodes;
    QList<LayoutEdge> edges; // edges naming an unknown node are left out
    LayoutDirection direction = LayoutDirection::TopToBottom;
};

struct EdgePath
{
    QString from;
    QString to;
    bool dependency = false;
    QList<QPointF> controlPoints; // cubic Bézier: 3n+1 points, y down
    bool hasArrowStart = false;
    QPointF arrowStart;
    bool hasArrowEnd = false;
    QPointF arrowEnd; // the arrow's tip, at the child
};

struct LayoutResult
{
    QRectF bounds;                   // points, y down
    QHash<QString, QPointF> centers; // node id -> centre, points, y down
    QList<EdgePath> edges;           // in request order, skipped edges left out
    QString error;                   // empty on success

    bool ok() const { return error.isEmpty(); }
};

} // namespace Revscope
