#pragma once

#include "graphscenedata.h"

#include <QGraphicsItem>

namespace Revscope {

class GraphStyle;

// One node of the graph: a revision, a ghost, a bytecode-only revision or a
// collapsed run. Draws from precomputed NodeVisual data; positioned at its centre.
class NodeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    enum class Selection { None, Primary, Secondary };

    NodeItem(const NodeVisual *visual, const GraphStyle *style);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const NodeVisual &visual() const { return *m_visual; }
    QString nodeId() const { return m_visual->id; }
    bool isCollapsed() const { return m_visual->collapsed(); }

    void setSelection(Selection selection);
    Selection selection() const { return m_selection; }
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    void setStyle(const GraphStyle *style);

private:
    void refresh();

    const NodeVisual *m_visual; // owned by the scene's GraphSceneData
    const GraphStyle *m_style;
    QRectF m_rect; // local, centred on the origin
    Selection m_selection = Selection::None;
    bool m_highlighted = false;
};

} // namespace Revscope
