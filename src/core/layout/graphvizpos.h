#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace Revscope {

// One edge spline as Graphviz writes it in an edge's `pos`: cubic Bézier
// control points (1 + 3n of them) plus the optional arrow tips.
struct GraphvizSpline
{
    QList<QPointF> points;
    bool hasStart = false; // "s,x,y": an arrowhead ends at `start`
    QPointF start;
    bool hasEnd = false; // "e,x,y": an arrowhead ends at `end`
    QPointF end;
};

// Parsing of Graphviz's `pos` and `bb` attribute strings (points, y up) and
// the one conversion to Qt's y-down coordinates. Pure functions: every
// malformed string yields false and a reason, never a crash.
class GraphvizPos
{
public:
    // Node `pos`: "x,y" (a trailing "!" from neato's pinned nodes is accepted).
    static bool parsePoint(const QString &text, QPointF *point, QString *error = nullptr);
    // Edge `pos`: one or more splines separated by ';' (Graphviz writes several
    // for concentrated edges), each "[s,x,y] [e,x,y] x,y x,y x,y x,y ...".
    static bool parseSplines(const QString &text, QList<GraphvizSpline> *splines,
                             QString *error = nullptr);
    // Graph `bb`: "llx,lly,urx,ury". The rectangle keeps Graphviz's numbers:
    // top() is lly and bottom() is ury.
    static bool parseBoundingBox(const QString &text, QRectF *box, QString *error = nullptr);

    // Graphviz's y grows upwards from the bottom of `box`; Qt's grows
    // downwards. Mirrors `point` inside `box`, so the box itself is unchanged.
    static QPointF flipY(const QPointF &point, const QRectF &box);
};

} // namespace Revscope
