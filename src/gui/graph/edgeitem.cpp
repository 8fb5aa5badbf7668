#include "edgeitem.h"

#include "graphstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Revscope {

EdgeItem::EdgeItem(const EdgeVisual *visual, const GraphStyle *style)
    : m_visual(visual), m_style(style)
{
    setZValue(0);
    setAcceptedMouseButtons(Qt::NoButton);
    // Long edges would make big cached pixmaps; stroking a path is cheap.
    setCacheMode(NoCache);
}

void EdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted != highlighted) {
        m_highlighted = highlighted;
        setZValue(highlighted ? 1 : 0);
        update();
    }
}

void EdgeItem::setStyle(const GraphStyle *style)
{
    m_style = style;
    update();
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const GraphStyle &s = *m_style;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.15);
    const bool dependency = m_visual->dependency;
    const QPen *pen = dependency ? &s.dependencyEdge : &s.edge;
    const QBrush *arrow = dependency ? &s.dependencyArrow : &s.edgeArrow;
    if (m_highlighted) {
        pen = dependency ? &s.highlightDependencyEdge : &s.highlightEdge;
        arrow = &s.highlightArrow;
    } else if (m_visual->change == ComparisonOverlay::EdgeStatus::Removed) {
        pen = &s.removedEdge;
        arrow = &s.removedArrow;
    } else if (m_visual->change == ComparisonOverlay::EdgeStatus::Added) {
        pen = &s.addedEdge;
        arrow = &s.addedArrow;
    }
    painter->setPen(*pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_visual->path);
    if (lod > 0.2 && !m_visual->arrow.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(*arrow);
        painter->drawPolygon(m_visual->arrow);
    }
}

} // namespace Revscope
