#include "graphminimap.h"

#include "graphview.h"

#include <QMouseEvent>
#include <QScrollBar>

namespace Revscope {

GraphMinimap::GraphMinimap(GraphView *main, QWidget *parent)
    : QGraphicsView(parent), m_main(main), m_palette(GraphPalette::light())
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setFrameShape(QFrame::StyledPanel);
    setToolTip(tr("Overview: click or drag to move the view"));
    connect(main, &GraphView::viewChanged, viewport(), qOverload<>(&QWidget::update));
}

QSize GraphMinimap::sizeHint() const
{
    return {200, 150};
}

void GraphMinimap::syncScene()
{
    if (m_main && scene() != m_main->scene()) {
        setScene(m_main->scene());
    }
    fit();
}

void GraphMinimap::setGraphPalette(const GraphPalette &palette)
{
    m_palette = palette;
    viewport()->update();
}

void GraphMinimap::fit()
{
    if (scene() && !scene()->sceneRect().isEmpty()) {
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    }
    viewport()->update();
}

void GraphMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

void GraphMinimap::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    syncScene();
}

void GraphMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    if (!m_main || !m_main->scene()) {
        return;
    }
    const QRectF visible = m_main->visibleSceneRect().intersected(sceneRect());
    if (visible.isEmpty()) {
        return;
    }
    QColor fill = m_palette.accent;
    fill.setAlphaF(0.14f);
    QPen pen(m_palette.accent, 1.5);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRect(visible);
}

void GraphMinimap::moveMainTo(const QPoint &pos)
{
    if (m_main) {
        m_main->centerOn(mapToScene(pos));
    }
}

void GraphMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        moveMainTo(event->position().toPoint());
        event->accept();
    }
}

void GraphMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        moveMainTo(event->position().toPoint());
        event->accept();
    }
}

void GraphMinimap::mouseReleaseEvent(QMouseEvent *event)
{
    m_dragging = false;
    event->accept();
}

void GraphMinimap::wheelEvent(QWheelEvent *event)
{
    event->accept(); // the overview never scrolls
}

} // namespace Revscope
