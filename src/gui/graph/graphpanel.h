#pragma once

#include "graphpalette.h"
#include "graphscenedata.h"
#include "inspection/inspection.h"
#include "layout/layoutrequest.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QPointF>
#include <QSet>
#include <QTransform>
#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QToolBar;

namespace Revscope {

class GraphLegend;
class GraphMinimap;
class GraphScene;
class GraphView;

// The History view: the migration graph of one Alembic environment, laid out
// by Graphviz off the GUI thread and drawn as scene items, with a toolbar
// (fit, 100 %, direction, collapse, search, legend, overview, export).
//
// Selection is by revision id. A node standing for a collapsed run is
// expanded by a click; selectRevision() of a revision inside a run expands
// the run around it (a re-layout) and selects it once laid out. When a run
// node itself is selected (arrow keys), selectedRevision() is its first member.
//
// Keys in the view: Up / Down go to a parent / child (back to where the
// previous move came from when it is one), Left / Right cycle through the
// siblings (other children of the same parents) in their order across the
// rank, Escape clears. Ctrl+click picks a second node: the paths between
// the two are highlighted.
class GraphPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit GraphPanel(QWidget *parent = nullptr);
    ~GraphPanel() override;

    // Shows `environmentIndex` of `inspection` (null: the empty state). Lays
    // out off the GUI thread. Called again for the same root and environment
    // (a reload), zoom, scroll position and selection are kept.
    void setInspection(const InspectionPtr &inspection, int environmentIndex);
    InspectionPtr inspection() const { return m_inspection; }
    int environmentIndex() const { return m_environment; }

    // Compare mode: shows the union graph of `overlay` (its inspection())
    // with the comparison drawn on top: removed revisions red and dashed,
    // added ones green, rewired and edited ones outlined, and edges that only
    // one version has likewise. The landmark badges (head, base, merge,
    // branch point) are left out, as they describe neither version. Null, or
    // a later setInspection() of anything else, leaves compare mode.
    void setOverlay(const std::shared_ptr<const ComparisonOverlay> &overlay);
    std::shared_ptr<const ComparisonOverlay> overlay() const { return m_overlay; }

    QString selectedRevision() const;
    void selectRevision(const QString &id, bool centre = true);
    // The second node of a two-node selection (paths highlighted), or empty.
    QString secondRevision() const;
    void selectSecondRevision(const QString &id);
    void clearSelection();

    // Selects and centres the first match (by id prefix, message or branch
    // label, oldest first); false when nothing matches.
    bool find(const QString &text);
    void findNext();
    void findPrevious();
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_matchIndex; } // -1 without matches

    void setDirection(LayoutDirection direction);
    LayoutDirection direction() const { return m_direction; }
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapse; }
    // Re-lays out with a collapsed run's revisions shown one by one.
    void expandNode(const QString &nodeId);
    void setLegendVisible(bool visible);
    bool isLegendVisible() const;
    void setMinimapVisible(bool visible);
    bool isMinimapVisible() const;

    // Direction, collapse and the legend and overview toggles.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // Writes the graph as svg, png, pdf or dot (by the file's extension),
    // rendered by Graphviz from the very request the view shows, like
    // `revscope graph`. Blocks while Graphviz renders.
    bool exportTo(const QString &file, QString *error = nullptr);
    // The whole scene as an image (longest side at most `maxSide` pixels).
    QImage renderImage(int maxSide = 8000) const;
    void copyImage();

    QList<QAction *> viewActions() const;
    QAction *findAction() const { return m_findAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *copyImageAction() const { return m_copyImageAction; }

    bool isLayoutRunning() const;
    GraphView *view() const { return m_view; }
    GraphScene *graphScene() const { return m_scene; }
    QString statusText() const; // the hint or error shown instead of a graph

Q_SIGNALS:
    void revisionSelected(const QString &id); // empty when cleared
    void revisionActivated(const QString &id);
    void layoutStarted();
    void layoutFinished();
    void layoutFailed(const QString &message);
    void contextMenuRequested(const QString &revisionId, const QPoint &globalPos);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Restore {
        Fresh,  // first look at a graph
        Keep,   // same zoom and scroll position (a reload)
        Anchor, // same zoom, centred on m_anchor
    };
    struct PendingSelection
    {
        QString revision;
        QString second;
        bool centre = false;
        bool active = false;
    };

    void createActions();
    void createToolBar();
    void requestLayout(Restore restore, const QString &anchor = QString());
    void startJob();
    void jobFinished();
    void populateStep();
    void showGraph(GraphScene *scene);
    void showStatus(const QString &text, bool error);
    void restoreView(const QTransform &transform, const QPointF &centre, bool hadScene);
    void positionOverlays();
    void updateOverlays();
    void updateMatchLabel();
    void updatePalette();

    void selectNode(const QString &nodeId, bool centre);
    void setSelectionNodes(const QString &primary, const QString &secondary);
    QString revisionOfNode(const QString &nodeId) const;
    void nodeClicked(const QString &nodeId, Qt::KeyboardModifiers modifiers);
    void nodeActivated(const QString &nodeId);
    void navigate(int key);
    void goToMatch(int index);
    void exportInteractive();

    InspectionPtr m_inspection;
    std::shared_ptr<const ComparisonOverlay> m_overlay;
    int m_environment = 0;
    LayoutDirection m_direction = LayoutDirection::TopToBottom;
    bool m_collapse = false;
    QSet<QString> m_keepVisible;
    GraphPalette m_palette;
    GraphFonts m_fonts;

    // Layout jobs: one at a time; a request made meanwhile runs when it ends.
    QFutureWatcher<std::shared_ptr<const GraphSceneData>> m_watcher;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    quint64 m_generation = 0;
    bool m_jobRunning = false; // until jobFinished() ran, not just until the future ended
    bool m_queued = false;
    Restore m_restore = Restore::Fresh;
    QString m_anchor;
    GraphScene *m_scene = nullptr;    // shown
    GraphScene *m_building = nullptr; // being populated
    PendingSelection m_pending;
    QString m_selectedRevision;
    QString m_secondRevision;
    QString m_cameFrom; // node the last arrow-key move left

    QStringList m_matches;
    int m_matchIndex = -1;
    QString m_searchText;

    QToolBar *m_toolBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_busy = nullptr;
    GraphView *m_view = nullptr;
    GraphMinimap *m_minimap = nullptr;
    GraphLegend *m_legend = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_matchLabel = nullptr;

    QAction *m_fitAction = nullptr;
    QAction *m_actualSizeAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_directionAction = nullptr;
    QAction *m_collapseAction = nullptr;
    QAction *m_legendAction = nullptr;
    QAction *m_minimapAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_findNextAction = nullptr;
    QAction *m_findPreviousAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_copyImageAction = nullptr;
};

} // namespace Revscope
