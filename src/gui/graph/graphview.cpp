#include "graphview.h"

#include "graphscene.h"
#include "nodeitem.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace Revscope {

GraphView::GraphView(QWidget *parent) : QGraphicsView(parent)
{
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Edges are long and thin: repainting their bounding rectangles would
    // redraw most of the view anyway.
    setViewportUpdateMode(SmartViewportUpdate);
    // Items set every pen, brush and font they use and keep margins in their
    // bounding rectangles.
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setAlignment(Qt::AlignCenter);
    // Panning is by dragging and through the overview; with the margins that
    // let every node reach the centre, scrollbars would always show.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void GraphView::setGraphRect(const QRectF &rect)
{
    m_graphRect = rect;
    updateSceneRect();
}

void GraphView::setViewTransform(const QTransform &transform)
{
    setTransform(transform);
    updateSceneRect();
    Q_EMIT viewChanged();
}

void GraphView::updateSceneRect()
{
    if (m_graphRect.isEmpty()) {
        return;
    }
    const double scale = qMax(zoom(), kMinZoom);
    const double dx = viewport()->width() / 2.0 / scale;
    const double dy = viewport()->height() / 2.0 / scale;
    setSceneRect(m_graphRect.adjusted(-dx, -dy, dx, dy));
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    const QPointF centre = mapToScene(viewport()->rect().center());
    QGraphicsView::resizeEvent(event);
    updateSceneRect();
    centerOn(centre);
}

GraphScene *GraphView::graphScene() const
{
    return qobject_cast<GraphScene *>(scene());
}

NodeItem *GraphView::nodeAt(const QPoint &viewportPos) const
{
    const QList<QGraphicsItem *> hits = items(viewportPos);
    for (QGraphicsItem *item : hits) {
        if (item->type() == NodeItem::Type) {
            return static_cast<NodeItem *>(item);
        }
    }
    return nullptr;
}

double GraphView::zoom() const
{
    return transform().m11();
}

void GraphView::applyScale(double scale)
{
    scale = qBound(kMinZoom, scale, kMaxZoom);
    const double factor = scale / zoom();
    if (std::abs(factor - 1.0) > 1e-9) {
        QGraphicsView::scale(factor, factor);
        updateSceneRect();
        Q_EMIT viewChanged();
    }
}

void GraphView::setZoom(double scale)
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    applyScale(scale);
    setTransformationAnchor(anchor);
}

void GraphView::zoomBy(double factor)
{
    setZoom(zoom() * factor);
}

void GraphView::fitGraph()
{
    const QRectF rect = m_graphRect;
    if (!scene() || rect.isEmpty()) {
        return;
    }
    fitInView(rect, Qt::KeepAspectRatio);
    updateSceneRect();
    // A small graph is not blown up beyond its natural size.
    if (zoom() > 1.0) {
        setZoom(1.0);
    } else if (zoom() < kMinZoom) {
        setZoom(kMinZoom);
    }
    centerOn(rect.center());
    Q_EMIT viewChanged();
}

void GraphView::centreOnNode(const NodeItem *item)
{
    if (item) {
        centerOn(item->sceneBoundingRect().center());
    }
}

QRectF GraphView::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (delta.y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // One notch (120) zooms by about 20 %.
    applyScale(zoom() * std::pow(1.0015, double(delta.y())));
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_pressed = true;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || !m_pressed) {
        return;
    }
    m_pressed = false;
    const QPoint pos = event->position().toPoint();
    if ((pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        return; // that was a pan
    }
    if (NodeItem *item = nodeAt(pos)) {
        Q_EMIT nodeClicked(item->nodeId(), event->modifiers());
    } else {
        Q_EMIT backgroundClicked();
    }
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (NodeItem *item = nodeAt(event->position().toPoint())) {
            Q_EMIT nodeActivated(item->nodeId());
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    GraphScene *graph = graphScene();
    if (plain && graph && !graph->primary().isEmpty() &&
        (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Left || key == Qt::Key_Right)) {
        Q_EMIT navigateRequested(key);
        event->accept();
        return;
    }
    if (plain && key == Qt::Key_Escape) {
        Q_EMIT clearRequested();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    NodeItem *item = nodeAt(event->pos());
    Q_EMIT nodeContextMenu(item ? item->nodeId() : QString(), event->globalPos());
    event->accept();
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    Q_EMIT viewChanged();
}

} // namespace Revscope
