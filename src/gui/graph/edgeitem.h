#pragma once

#include "graphscenedata.h"

#include <QGraphicsItem>

namespace Revscope {

class GraphStyle;

// One edge: the Graphviz spline as a cubic Bézier path with an arrowhead at
// the child; depends_on edges dashed. Not a mouse target.
class EdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(const EdgeVisual *visual, const GraphStyle *style);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_visual->bounds; }
    QPainterPath shape() const override { return {}; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const EdgeVisual &visual() const { return *m_visual; }
    bool isDependency() const { return m_visual->dependency; }
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    void setStyle(const GraphStyle *style);

private:
    const EdgeVisual *m_visual;
    const GraphStyle *m_style;
    bool m_highlighted = false;
};

} // namespace Revscope
