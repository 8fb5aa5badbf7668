#pragma once

#include <QGraphicsView>

namespace Revscope {

class GraphScene;
class NodeItem;

// The main view of the graph. The wheel zooms at the cursor; dragging pans
// (a press that does not move is a click, which selects); keys are turned
// into intents for the panel:
//  - Up / Down: to a parent / child of the selected node,
//  - Left / Right: to the previous / next sibling (another child of the
//    same parents), ordered across the rank,
//  - Escape: clear the selection.
class GraphView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphView(QWidget *parent = nullptr);

    GraphScene *graphScene() const;
    // The graph's extent. The view lets any point of it reach the viewport
    // centre, so a selected node can always be centred.
    void setGraphRect(const QRectF &rect);
    QRectF graphRect() const { return m_graphRect; }
    void setViewTransform(const QTransform &transform);
    NodeItem *nodeAt(const QPoint &viewportPos) const;

    double zoom() const;
    // Sets the scale, keeping the viewport centre in place.
    void setZoom(double scale);
    void zoomBy(double factor);
    void fitGraph();
    void centreOnNode(const NodeItem *item);
    QRectF visibleSceneRect() const;

    static constexpr double kMinZoom = 0.02;
    static constexpr double kMaxZoom = 4.0;

Q_SIGNALS:
    void nodeClicked(const QString &nodeId, Qt::KeyboardModifiers modifiers);
    void backgroundClicked();
    void nodeActivated(const QString &nodeId);
    void nodeContextMenu(const QString &nodeId, const QPoint &globalPos);
    void navigateRequested(int key);
    void clearRequested();
    void viewChanged(); // zoom or scroll moved

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyScale(double scale);
    void updateSceneRect();

    QRectF m_graphRect;
    QPoint m_pressPos;
    bool m_pressed = false;
};

} // namespace Revscope
