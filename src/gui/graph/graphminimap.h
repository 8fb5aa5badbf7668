#pragma once

#include "graphpalette.h"

#include <QGraphicsView>
#include <QPointer>

namespace Revscope {

class GraphView;

// An overview of the whole graph: the same scene fitted into a small view,
// with the main view's visible area drawn on top. Clicking or dragging moves
// the main view there.
class GraphMinimap final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphMinimap(GraphView *main, QWidget *parent = nullptr);

    // Follows the main view's scene; call after it changes.
    void syncScene();
    void setGraphPalette(const GraphPalette &palette);
    QSize sizeHint() const override;

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void fit();
    void moveMainTo(const QPoint &pos);

    QPointer<GraphView> m_main;
    GraphPalette m_palette;
    bool m_dragging = false;
};

} // namespace Revscope
