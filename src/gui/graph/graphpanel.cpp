#include "graphpanel.h"

#include "edgeitem.h"
#include "graphlegend.h"
#include "graphminimap.h"
#include "graphscene.h"
#include "graphview.h"
#include "layout/graphlayout.h"
#include "nodeitem.h"

#include <QAction>
#include <QClipboard>
#include <QDataStream>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSaveFile>
#include <QStackedWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Revscope {

namespace {

constexpr quint32 kStateMagic = 0x52534750; // "RSGP"
constexpr quint8 kStateVersion = 1;
constexpr int kPopulateBudgetMs = 30; // per batch of item creation on the GUI thread
constexpr int kOverlayMargin = 10;
constexpr double kFreshMinZoom = 0.5; // below this, a fitted graph is unreadable
constexpr double kFreshZoom = 0.85;

QAction *makeAction(QWidget *owner, const QString &text, const QString &toolTip,
                    const QList<QKeySequence> &shortcuts = {})
{
    auto *action = new QAction(text, owner);
    action->setToolTip(toolTip);
    action->setShortcuts(shortcuts);
    // Several panels (and the rest of the window) may use the same keys.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}

} // namespace

GraphPanel::GraphPanel(QWidget *parent)
    : QWidget(parent), m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    m_palette = GraphPalette::fromPalette(palette());
    m_fonts = GraphFonts::fromFont(font());

    m_view = new GraphView(this);
    m_status = new QLabel(this);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_status->setMargin(24);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_status);
    m_stack->addWidget(m_view);

    m_busy = new QLabel(m_view);
    m_busy->setAutoFillBackground(true);
    m_busy->setMargin(6);
    m_busy->setFrameShape(QFrame::StyledPanel);
    m_busy->hide();
    m_legend = new GraphLegend(m_view);
    m_legend->hide();
    m_minimap = new GraphMinimap(m_view, m_view);
    m_minimap->hide();
    m_view->installEventFilter(this);

    createActions();
    createToolBar();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);

    connect(m_view, &GraphView::nodeClicked, this, &GraphPanel::nodeClicked);
    connect(m_view, &GraphView::nodeActivated, this, &GraphPanel::nodeActivated);
    connect(m_view, &GraphView::backgroundClicked, this, &GraphPanel::clearSelection);
    connect(m_view, &GraphView::clearRequested, this, &GraphPanel::clearSelection);
    connect(m_view, &GraphView::navigateRequested, this, &GraphPanel::navigate);
    connect(m_view, &GraphView::nodeContextMenu, this,
            [this](const QString &nodeId, const QPoint &globalPos) {
                Q_EMIT contextMenuRequested(revisionOfNode(nodeId), globalPos);
            });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &GraphPanel::jobFinished);

    updatePalette();
    showStatus(tr("Open a project to see its migration history."), false);
}

GraphPanel::~GraphPanel()
{
    // A running job holds only shared data and never touches the panel: it
    // finishes on its own, its result dropped with the watcher.
    m_watcher.disconnect(this);
    delete m_building;
    m_view->setScene(nullptr);
    m_minimap->setScene(nullptr);
    delete m_scene;
}

void GraphPanel::createActions()
{
    m_fitAction = makeAction(this, tr("Fit"), tr("Fit the whole graph in the view (F)"),
                             {QKeySequence(Qt::Key_F)});
    connect(m_fitAction, &QAction::triggered, m_view, &GraphView::fitGraph);
    m_actualSizeAction = makeAction(this, tr("100%"), tr("Actual size (Ctrl+0)"),
                                    {QKeySequence(Qt::CTRL | Qt::Key_0)});
    connect(m_actualSizeAction, &QAction::triggered, this, [this] { m_view->setZoom(1.0); });
    m_zoomInAction =
        makeAction(this, tr("Zoom In"), tr("Zoom in (Ctrl++)"),
                   {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(m_zoomInAction, &QAction::triggered, this, [this] { m_view->zoomBy(1.25); });
    m_zoomOutAction = makeAction(this, tr("Zoom Out"), tr("Zoom out (Ctrl+-)"),
                                 {QKeySequence(QKeySequence::ZoomOut)});
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { m_view->zoomBy(0.8); });
    m_zoomInAction->setIconText(QStringLiteral("+"));
    m_zoomOutAction->setIconText(QStringLiteral("\u2212"));

    m_directionAction =
        makeAction(this, tr("Left to Right"), tr("Lay the history out from left to right"));
    m_directionAction->setCheckable(true);
    m_directionAction->setIconText(tr("Horizontal"));
    connect(m_directionAction, &QAction::toggled, this, [this](bool on) {
        setDirection(on ? LayoutDirection::LeftToRight : LayoutDirection::TopToBottom);
    });
    m_collapseAction = makeAction(
        this, tr("Collapse Linear Runs"),
        tr("Draw each chain of plain revisions as one node; heads, bases, branch and merge "
           "points, labelled revisions and the database's revisions stay"));
    m_collapseAction->setCheckable(true);
    m_collapseAction->setIconText(tr("Collapse"));
    connect(m_collapseAction, &QAction::toggled, this, &GraphPanel::setCollapsed);
    m_legendAction = makeAction(this, tr("Legend"), tr("Show what the marks mean"));
    m_legendAction->setCheckable(true);
    connect(m_legendAction, &QAction::toggled, this, &GraphPanel::setLegendVisible);
    m_minimapAction = makeAction(this, tr("Overview"), tr("Show an overview of the whole graph"));
    m_minimapAction->setCheckable(true);
    m_minimapAction->setChecked(true);
    connect(m_minimapAction, &QAction::toggled, this, &GraphPanel::setMinimapVisible);

    m_findAction = makeAction(this, tr("Find Revision…"),
                              tr("Find a revision by id, message or branch label (Ctrl+F)"),
                              {QKeySequence(QKeySequence::Find)});
    m_findNextAction =
        makeAction(this, tr("Next"), tr("Next match (F3)"), {QKeySequence(QKeySequence::FindNext)});
    connect(m_findNextAction, &QAction::triggered, this, &GraphPanel::findNext);
    m_findPreviousAction = makeAction(this, tr("Previous"), tr("Previous match (Shift+F3)"),
                                      {QKeySequence(QKeySequence::FindPrevious)});
    connect(m_findPreviousAction, &QAction::triggered, this, &GraphPanel::findPrevious);
    m_findNextAction->setIconText(QStringLiteral("\u2193"));
    m_findPreviousAction->setIconText(QStringLiteral("\u2191"));
    m_exportAction =
        makeAction(this, tr("Export…"), tr("Save the graph as SVG, PNG, PDF or Graphviz DOT"));
    connect(m_exportAction, &QAction::triggered, this, &GraphPanel::exportInteractive);
    m_copyImageAction =
        makeAction(this, tr("Copy Image"), tr("Copy the whole graph to the clipboard as an image"));
    connect(m_copyImageAction, &QAction::triggered, this, &GraphPanel::copyImage);
}

void GraphPanel::createToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_fitAction);
    m_toolBar->addAction(m_actualSizeAction);
    m_toolBar->addAction(m_zoomOutAction);
    m_toolBar->addAction(m_zoomInAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_directionAction);
    m_toolBar->addAction(m_collapseAction);
    m_toolBar->addSeparator();

    m_search = new QLineEdit(m_toolBar);
    m_search->setPlaceholderText(tr("Find id, message or label"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(260);
    m_search->setMinimumWidth(140);
    m_toolBar->addWidget(m_search);
    m_toolBar->addAction(m_findPreviousAction);
    m_toolBar->addAction(m_findNextAction);
    m_matchLabel = new QLabel(m_toolBar);
    m_matchLabel->setMinimumWidth(
        m_matchLabel->fontMetrics().horizontalAdvance(QStringLiteral("0000 of 0000")));
    m_matchLabel->setContentsMargins(6, 0, 6, 0);
    m_toolBar->addWidget(m_matchLabel);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(m_legendAction);
    m_toolBar->addAction(m_minimapAction);
    m_toolBar->addAction(m_exportAction);

    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_search, &QLineEdit::textEdited, this, [this](const QString &text) { find(text); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_search->text() != m_searchText) {
            find(m_search->text());
        } else if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier) {
            findPrevious();
        } else {
            findNext();
        }
    });
    updateMatchLabel();
}

QList<QAction *> GraphPanel::viewActions() const
{
    return {m_fitAction,       m_actualSizeAction, m_zoomInAction, m_zoomOutAction,
            m_directionAction, m_collapseAction,   m_legendAction, m_minimapAction};
}

// --- Inspection and layout jobs -------------------------------------------------------

void GraphPanel::setOverlay(const std::shared_ptr<const ComparisonOverlay> &overlay)
{
    m_overlay = overlay && overlay->inspection() ? overlay : nullptr;
    m_legend->setComparisonMode(m_overlay != nullptr);
    setInspection(m_overlay ? m_overlay->inspection() : InspectionPtr(), 0);
}

void GraphPanel::setInspection(const InspectionPtr &inspection, int environmentIndex)
{
    if (m_overlay && inspection != m_overlay->inspection()) {
        m_overlay.reset();
        m_legend->setComparisonMode(false);
    }
    const bool reload = m_inspection && inspection && m_inspection->root == inspection->root &&
                        environmentIndex == m_environment;
    m_inspection = inspection;
    m_environment = environmentIndex;
    if (!reload) {
        m_keepVisible.clear();
        m_pending = {};
        m_cameFrom.clear();
        m_matches.clear();
        m_matchIndex = -1;
        const bool hadSelection = !m_selectedRevision.isEmpty();
        m_selectedRevision.clear();
        m_secondRevision.clear();
        if (hadSelection) {
            Q_EMIT revisionSelected(QString());
        }
        updateMatchLabel();
    }
    requestLayout(reload ? Restore::Keep : Restore::Fresh);
}

void GraphPanel::requestLayout(Restore restore, const QString &anchor)
{
    // A later request's wish wins, except that a fresh look stays fresh.
    if (!(m_queued && m_restore == Restore::Fresh)) {
        m_restore = restore;
        m_anchor = anchor;
    }
    m_latest->store(++m_generation);
    // Items of a superseded graph are not worth finishing.
    delete m_building;
    m_building = nullptr;
    if (m_jobRunning) {
        m_queued = true;
        return;
    }
    startJob();
}

void GraphPanel::startJob()
{
    m_queued = false;
    m_jobRunning = true;
    GraphJob job;
    job.generation = m_generation;
    job.latest = m_latest;
    job.inspection = m_inspection;
    job.environment = m_environment;
    job.direction = m_direction;
    job.collapse = m_collapse;
    job.keepVisible = m_keepVisible;
    // What is selected stays visible after a re-layout.
    for (const QString &id :
         {m_selectedRevision, m_secondRevision, m_pending.revision, m_pending.second}) {
        if (!id.isEmpty()) {
            job.keepVisible.insert(id);
        }
    }
    job.fonts = m_fonts;
    job.overlay = m_overlay;

    int revisions = 0;
    if (m_inspection && m_environment >= 0 && m_environment < m_inspection->environments.size()) {
        revisions = int(m_inspection->environments.at(m_environment).graph.nodes().size());
    }
    const QString busy = tr("Laying out %n revision(s)…", nullptr, revisions);
    m_busy->setText(busy);
    if (m_scene) {
        m_busy->adjustSize();
        m_busy->show();
        m_busy->raise();
        positionOverlays();
    } else if (revisions > 0) {
        showStatus(busy, false);
    }
    Q_EMIT layoutStarted();
    m_watcher.setFuture(QtConcurrent::run([job] { return GraphSceneData::build(job); }));
}

bool GraphPanel::isLayoutRunning() const
{
    return m_jobRunning || m_queued || m_building;
}

void GraphPanel::jobFinished()
{
    m_jobRunning = false;
    const std::shared_ptr<const GraphSceneData> result = m_watcher.result();
    if (m_queued || !result || result->generation != m_generation) {
        startJob(); // stale: only the latest request counts
        return;
    }
    if (!result->error.isEmpty()) {
        m_busy->hide();
        const QString message = result->error;
        showStatus(tr("The revision graph could not be laid out.\n%1").arg(message), true);
        Q_EMIT layoutFailed(message);
        return;
    }
    if (result->nodes.isEmpty()) {
        m_busy->hide();
        if (!m_inspection) {
            showStatus(tr("Open a project to see its migration history."), false);
        } else if (m_environment < 0 || m_environment >= m_inspection->environments.size()) {
            showStatus(tr("This project has no Alembic environment to show."), false);
        } else {
            showStatus(tr("This Alembic environment has no revisions yet."), false);
        }
        Q_EMIT layoutFinished();
        return;
    }
    m_building = new GraphScene(result, m_palette, m_fonts, this);
    populateStep();
}

void GraphPanel::populateStep()
{
    if (!m_building) {
        return;
    }
    if (!m_building->populate(kPopulateBudgetMs)) {
        QTimer::singleShot(0, this, &GraphPanel::populateStep);
        return;
    }
    GraphScene *scene = m_building;
    m_building = nullptr;
    showGraph(scene);
}

void GraphPanel::showGraph(GraphScene *scene)
{
    const bool hadScene = m_scene != nullptr && m_stack->currentWidget() == m_view;
    const QTransform transform = m_view->transform();
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    const QString previousSelection = m_selectedRevision;

    GraphScene *old = m_scene;
    m_scene = scene;
    m_view->setScene(scene);
    m_view->setGraphRect(scene->sceneRect());
    m_minimap->syncScene();
    delete old;
    m_stack->setCurrentWidget(m_view);
    m_busy->hide();

    // Selection by revision id: a pending request first, else what was selected.
    const GraphNavigator &nav = scene->navigator();
    QString first = m_pending.active ? m_pending.revision : m_selectedRevision;
    QString second = m_pending.active ? m_pending.second : m_secondRevision;
    const bool centreOnSelection = m_pending.active && m_pending.centre;
    m_pending = {};
    const QString firstNode = nav.nodeOf(first);
    const QString secondNode = nav.nodeOf(second);
    m_selectedRevision = firstNode.isEmpty() ? QString() : first;
    m_secondRevision = secondNode.isEmpty() ? QString() : second;
    scene->setSelection(firstNode, secondNode);

    restoreView(transform, centre, hadScene);
    if (centreOnSelection && !firstNode.isEmpty()) {
        m_view->centreOnNode(scene->nodeItem(firstNode));
    }
    if (!m_searchText.isEmpty()) {
        m_matches = nav.search(m_searchText);
        m_matchIndex =
            m_matches.isEmpty() ? -1 : qBound(0, m_matchIndex, int(m_matches.size()) - 1);
        updateMatchLabel();
    }
    updateOverlays();
    if (m_selectedRevision != previousSelection) {
        Q_EMIT revisionSelected(m_selectedRevision);
    }
    m_view->viewport()->update();
    Q_EMIT layoutFinished();
}

void GraphPanel::restoreView(const QTransform &transform, const QPointF &centre, bool hadScene)
{
    const Restore restore = hadScene ? m_restore : Restore::Fresh;
    m_restore = Restore::Fresh;
    switch (restore) {
    case Restore::Keep:
        m_view->setViewTransform(transform);
        m_view->centerOn(centre);
        return;
    case Restore::Anchor: {
        m_view->setViewTransform(transform);
        const GraphNavigator &nav = m_scene->navigator();
        const NodeItem *item = m_scene->nodeItem(nav.nodeOf(m_anchor));
        if (item) {
            m_view->centreOnNode(item);
        } else {
            m_view->centerOn(centre);
        }
        return;
    }
    case Restore::Fresh:
        break;
    }
    m_view->fitGraph();
    if (m_view->zoom() >= kFreshMinZoom) {
        return;
    }
    // Too big to read whole: start readable, where the database stands or at a head.
    m_view->setZoom(kFreshZoom);
    const GraphSceneData &graph = m_scene->graphData();
    const NodeItem *target = nullptr;
    for (const NodeVisual &visual : graph.nodes) {
        if (visual.badges.dbCurrent()) {
            target = m_scene->nodeItem(visual.id);
            break;
        }
    }
    for (qsizetype i = 0; !target && i < graph.nodes.size(); ++i) {
        if (graph.nodes.at(i).badges.head) {
            target = m_scene->nodeItem(graph.nodes.at(i).id);
        }
    }
    if (target) {
        // Centred on it, without showing more empty space than needed.
        const QRectF extent = m_view->graphRect();
        const QRectF visible = m_view->visibleSceneRect();
        QPointF point = target->sceneBoundingRect().center();
        const double halfWidth = visible.width() / 2;
        const double halfHeight = visible.height() / 2;
        if (extent.width() > visible.width()) {
            point.setX(qBound(extent.left() + halfWidth, point.x(), extent.right() - halfWidth));
        } else {
            point.setX(extent.center().x());
        }
        if (extent.height() > visible.height()) {
            point.setY(qBound(extent.top() + halfHeight, point.y(), extent.bottom() - halfHeight));
        } else {
            point.setY(extent.center().y());
        }
        m_view->centerOn(point);
    }
}

void GraphPanel::showStatus(const QString &text, bool error)
{
    if (m_scene) {
        m_view->setScene(nullptr);
        m_minimap->setScene(nullptr);
        delete m_scene;
        m_scene = nullptr;
    }
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     error ? m_palette.error : this->palette().color(QPalette::PlaceholderText));
    m_status->setPalette(palette);
    m_stack->setCurrentWidget(m_status);
    updateOverlays();
}

QString GraphPanel::statusText() const
{
    return m_stack->currentWidget() == m_status ? m_status->text() : QString();
}

// --- Overlays, palette ----------------------------------------------------------------

void GraphPanel::positionOverlays()
{
    const QRect area = m_view->viewport()->geometry();
    if (m_legend->isVisible()) {
        const QSize size = m_legend->sizeHint().boundedTo(area.size());
        m_legend->setGeometry(area.left() + kOverlayMargin,
                              area.bottom() - size.height() - kOverlayMargin, size.width(),
                              size.height());
    }
    if (m_minimap->isVisible()) {
        QSize size = m_minimap->sizeHint();
        // The overview takes the graph's shape, within limits.
        if (m_scene && !m_scene->sceneRect().isEmpty()) {
            const QSizeF scene = m_scene->sceneRect().size();
            size = scene.scaled(QSizeF(220, 160), Qt::KeepAspectRatio).toSize();
            size = size.expandedTo(QSize(80, 60));
        }
        m_minimap->setGeometry(area.right() - size.width() - kOverlayMargin,
                               area.bottom() - size.height() - kOverlayMargin, size.width(),
                               size.height());
    }
    if (m_busy->isVisible()) {
        m_busy->move(area.left() + kOverlayMargin, area.top() + kOverlayMargin);
    }
}

void GraphPanel::updateOverlays()
{
    const bool graphShown = m_scene && m_stack->currentWidget() == m_view;
    m_minimap->setVisible(graphShown && m_minimapAction->isChecked());
    m_legend->setVisible(graphShown && m_legendAction->isChecked());
    positionOverlays();
    if (m_minimap->isVisible()) {
        m_minimap->raise();
        m_minimap->syncScene();
    }
    if (m_legend->isVisible()) {
        m_legend->raise();
    }
}

bool GraphPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::Show)) {
        positionOverlays();
    }
    return QWidget::eventFilter(watched, event);
}

void GraphPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updatePalette();
    } else if (event->type() == QEvent::FontChange) {
        m_fonts = GraphFonts::fromFont(font());
        m_legend->setGraphStyle(m_palette, m_fonts);
        if (m_inspection) {
            requestLayout(Restore::Keep);
        }
    }
}

void GraphPanel::updatePalette()
{
    m_palette = GraphPalette::fromPalette(palette());
    m_view->setBackgroundBrush(m_palette.background);
    m_minimap->setBackgroundBrush(m_palette.background);
    m_minimap->setGraphPalette(m_palette);
    m_legend->setGraphStyle(m_palette, m_fonts);
    if (m_scene) {
        m_scene->setGraphPalette(m_palette);
    }
    if (m_building) {
        m_building->setGraphPalette(m_palette);
    }
    QPalette busy = m_busy->palette();
    busy.setColor(QPalette::Window, palette().color(QPalette::ToolTipBase));
    busy.setColor(QPalette::WindowText, palette().color(QPalette::ToolTipText));
    m_busy->setPalette(busy);
    if (m_stack->currentWidget() == m_status) {
        QPalette status = m_status->palette();
        status.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
        m_status->setPalette(status);
    }
}

void GraphPanel::setLegendVisible(bool visible)
{
    if (m_legendAction->isChecked() != visible) {
        m_legendAction->setChecked(visible); // re-enters through toggled
        return;
    }
    updateOverlays();
}

bool GraphPanel::isLegendVisible() const
{
    return m_legendAction->isChecked();
}

void GraphPanel::setMinimapVisible(bool visible)
{
    if (m_minimapAction->isChecked() != visible) {
        m_minimapAction->setChecked(visible);
        return;
    }
    updateOverlays();
}

bool GraphPanel::isMinimapVisible() const
{
    return m_minimapAction->isChecked();
}

// --- Options and state ----------------------------------------------------------------

void GraphPanel::setDirection(LayoutDirection direction)
{
    const bool leftToRight = direction == LayoutDirection::LeftToRight;
    if (m_directionAction->isChecked() != leftToRight) {
        m_directionAction->setChecked(leftToRight); // re-enters through toggled
        return;
    }
    if (m_direction == direction) {
        return;
    }
    m_direction = direction;
    if (m_inspection) {
        requestLayout(m_selectedRevision.isEmpty() ? Restore::Fresh : Restore::Anchor,
                      m_selectedRevision);
    }
}

void GraphPanel::setCollapsed(bool collapsed)
{
    if (m_collapseAction->isChecked() != collapsed) {
        m_collapseAction->setChecked(collapsed);
        return;
    }
    if (m_collapse == collapsed) {
        return;
    }
    m_collapse = collapsed;
    m_keepVisible.clear();
    if (m_inspection) {
        requestLayout(m_selectedRevision.isEmpty() ? Restore::Fresh : Restore::Anchor,
                      m_selectedRevision);
    }
}

void GraphPanel::expandNode(const QString &nodeId)
{
    if (!m_scene || !m_scene->navigator().isCollapsed(nodeId)) {
        return;
    }
    const QStringList members = m_scene->navigator().membersOf(nodeId);
    const qsizetype before = m_keepVisible.size();
    for (const QString &member : members) {
        m_keepVisible.insert(member);
    }
    if (m_keepVisible.size() == before) {
        return; // already being expanded
    }
    requestLayout(Restore::Anchor, members.at(members.size() / 2));
}

QByteArray GraphPanel::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream << kStateMagic << kStateVersion << quint8(m_direction == LayoutDirection::LeftToRight)
           << m_collapse << isLegendVisible() << isMinimapVisible();
    return state;
}

bool GraphPanel::restoreState(const QByteArray &state)
{
    QDataStream stream(state);
    quint32 magic = 0;
    quint8 version = 0;
    quint8 leftToRight = 0;
    bool collapse = false;
    bool legend = false;
    bool minimap = true;
    stream >> magic >> version >> leftToRight >> collapse >> legend >> minimap;
    if (stream.status() != QDataStream::Ok || magic != kStateMagic || version != kStateVersion) {
        return false;
    }
    setDirection(leftToRight ? LayoutDirection::LeftToRight : LayoutDirection::TopToBottom);
    setCollapsed(collapse);
    setLegendVisible(legend);
    setMinimapVisible(minimap);
    return true;
}

// --- Selection and navigation ---------------------------------------------------------

QString GraphPanel::revisionOfNode(const QString &nodeId) const
{
    if (!m_scene || nodeId.isEmpty()) {
        return {};
    }
    const QStringList members = m_scene->navigator().membersOf(nodeId);
    return members.isEmpty() ? QString() : members.constFirst();
}

QString GraphPanel::selectedRevision() const
{
    return m_pending.active ? m_pending.revision : m_selectedRevision;
}

QString GraphPanel::secondRevision() const
{
    return m_pending.active ? m_pending.second : m_secondRevision;
}

void GraphPanel::setSelectionNodes(const QString &primary, const QString &secondary)
{
    const QString previous = m_selectedRevision;
    m_selectedRevision = revisionOfNode(primary);
    m_secondRevision = m_selectedRevision.isEmpty() ? QString() : revisionOfNode(secondary);
    if (m_scene) {
        m_scene->setSelection(primary, m_secondRevision.isEmpty() ? QString() : secondary);
    }
    if (previous != m_selectedRevision) {
        Q_EMIT revisionSelected(m_selectedRevision);
    }
}

void GraphPanel::selectNode(const QString &nodeId, bool centre)
{
    setSelectionNodes(nodeId, QString());
    if (centre && m_scene) {
        m_view->centreOnNode(m_scene->nodeItem(nodeId));
    }
}

void GraphPanel::selectRevision(const QString &id, bool centre)
{
    if (id.isEmpty()) {
        clearSelection();
        return;
    }
    if (!m_scene || isLayoutRunning()) {
        // Applied when the graph being laid out is shown.
        m_pending = {id, QString(), centre, true};
        return;
    }
    const GraphNavigator &nav = m_scene->navigator();
    const QString node = nav.nodeOf(id);
    if (node.isEmpty()) {
        clearSelection();
        return;
    }
    m_pending = {};
    if (nav.isCollapsed(node)) {
        // Expand the run around the revision, then select it.
        m_keepVisible.insert(id);
        m_pending = {id, QString(), centre, true};
        requestLayout(Restore::Anchor, id);
        return;
    }
    m_cameFrom.clear();
    selectNode(node, centre);
}

void GraphPanel::selectSecondRevision(const QString &id)
{
    if (!m_scene || m_selectedRevision.isEmpty()) {
        return;
    }
    const GraphNavigator &nav = m_scene->navigator();
    setSelectionNodes(nav.nodeOf(m_selectedRevision), nav.nodeOf(id));
}

void GraphPanel::clearSelection()
{
    m_pending = {};
    m_cameFrom.clear();
    setSelectionNodes(QString(), QString());
}

void GraphPanel::nodeClicked(const QString &nodeId, Qt::KeyboardModifiers modifiers)
{
    if (!m_scene) {
        return;
    }
    m_view->setFocus(Qt::MouseFocusReason);
    if (modifiers & Qt::ControlModifier) {
        const QString primary = m_scene->primary();
        if (primary.isEmpty()) {
            selectNode(nodeId, false);
        } else if (nodeId == m_scene->secondary()) {
            setSelectionNodes(primary, QString());
        } else if (nodeId != primary) {
            setSelectionNodes(primary, nodeId);
        }
        return;
    }
    if (m_scene->navigator().isCollapsed(nodeId)) {
        expandNode(nodeId);
        return;
    }
    m_cameFrom.clear();
    selectNode(nodeId, false);
}

void GraphPanel::nodeActivated(const QString &nodeId)
{
    if (!m_scene) {
        return;
    }
    if (m_scene->navigator().isCollapsed(nodeId)) {
        expandNode(nodeId); // a no-op when its first click already did
        return;
    }
    Q_EMIT revisionActivated(revisionOfNode(nodeId));
}

void GraphPanel::navigate(int key)
{
    if (!m_scene || m_scene->primary().isEmpty()) {
        return;
    }
    const GraphNavigator &nav = m_scene->navigator();
    const QString current = m_scene->primary();
    const bool leftToRight = m_scene->graphData().direction == LayoutDirection::LeftToRight;
    // Position across the ranks: x when parents are above children, y otherwise.
    auto across = [&](const QString &node) {
        const NodeItem *item = m_scene->nodeItem(node);
        return item ? (leftToRight ? item->pos().y() : item->pos().x()) : 0.0;
    };
    auto byPosition = [&](QStringList nodes) {
        std::stable_sort(nodes.begin(), nodes.end(),
                         [&](const QString &a, const QString &b) { return across(a) < across(b); });
        return nodes;
    };
    auto nearest = [&](const QStringList &nodes) {
        if (nodes.contains(m_cameFrom)) {
            return m_cameFrom;
        }
        QString best;
        double distance = 0;
        for (const QString &node : nodes) {
            const double d = std::abs(across(node) - across(current));
            if (best.isEmpty() || d < distance) {
                best = node;
                distance = d;
            }
        }
        return best;
    };
    QString target;
    switch (key) {
    case Qt::Key_Up:
        target = nearest(nav.parents(current));
        break;
    case Qt::Key_Down:
        target = nearest(nav.children(current));
        break;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        QStringList row = nav.siblings(current);
        if (row.isEmpty()) {
            return;
        }
        row.append(current);
        row = byPosition(row);
        const qsizetype at = row.indexOf(current);
        const qsizetype step = key == Qt::Key_Right ? 1 : row.size() - 1;
        target = row.at((at + step) % row.size());
        break;
    }
    default:
        return;
    }
    if (target.isEmpty()) {
        return;
    }
    m_cameFrom = (key == Qt::Key_Up || key == Qt::Key_Down) ? current : QString();
    setSelectionNodes(target, QString());
    if (const NodeItem *item = m_scene->nodeItem(target)) {
        m_view->ensureVisible(item, 60, 60);
    }
}

// --- Search ---------------------------------------------------------------------------

bool GraphPanel::find(const QString &text)
{
    m_searchText = text;
    if (m_search->text() != text) {
        m_search->setText(text);
    }
    m_matches = m_scene ? m_scene->navigator().search(text) : QStringList();
    m_matchIndex = -1;
    if (m_matches.isEmpty()) {
        updateMatchLabel();
        return false;
    }
    goToMatch(0);
    return true;
}

void GraphPanel::findNext()
{
    if (m_search->text() != m_searchText) {
        find(m_search->text());
        return;
    }
    if (!m_matches.isEmpty()) {
        goToMatch((m_matchIndex + 1) % int(m_matches.size()));
    }
}

void GraphPanel::findPrevious()
{
    if (m_search->text() != m_searchText) {
        find(m_search->text());
        return;
    }
    if (!m_matches.isEmpty()) {
        const int size = int(m_matches.size());
        goToMatch((m_matchIndex - 1 + size) % size);
    }
}

void GraphPanel::goToMatch(int index)
{
    m_matchIndex = index;
    updateMatchLabel();
    selectRevision(m_matches.at(index), true);
}

void GraphPanel::updateMatchLabel()
{
    if (m_searchText.trimmed().isEmpty()) {
        m_matchLabel->clear();
    } else if (m_matches.isEmpty()) {
        m_matchLabel->setText(tr("No match"));
    } else {
        const QString current = QString::number(m_matchIndex + 1);
        const QString total = QString::number(m_matches.size());
        m_matchLabel->setText(tr("%1 of %2").arg(current, total));
    }
    m_findNextAction->setEnabled(m_matches.size() > 1 || m_search->text() != m_searchText);
    m_findPreviousAction->setEnabled(m_findNextAction->isEnabled());
}

// --- Export ---------------------------------------------------------------------------

bool GraphPanel::exportTo(const QString &file, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    const QString format = QFileInfo(file).suffix().toLower();
    if (!GraphLayout::renderFormats().contains(format)) {
        const QString formats = GraphLayout::renderFormats().join(QLatin1String(", "));
        return fail(
            tr("Cannot tell the format of %1 from its extension (use %2).").arg(file, formats));
    }
    if (!m_scene) {
        return fail(tr("There is no graph to export."));
    }
    QString renderError;
    const QByteArray bytes =
        GraphLayout::render(m_scene->graphData().request, format, &renderError);
    if (bytes.isEmpty()) {
        return fail(renderError);
    }
    QSaveFile target(file);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size() ||
        !target.commit()) {
        const QString reason = target.errorString();
        return fail(tr("Cannot write %1: %2").arg(file, reason));
    }
    return true;
}

void GraphPanel::exportInteractive()
{
    if (!m_scene) {
        return;
    }
    QString selectedFilter;
    const QString svg = tr("SVG image (*.svg)");
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    const QString dot = tr("Graphviz DOT (*.dot)");
    QString file = QFileDialog::getSaveFileName(
        this, tr("Export Revision Graph"), QString(),
        QStringList{svg, png, pdf, dot}.join(QLatin1String(";;")), &selectedFilter);
    if (file.isEmpty()) {
        return;
    }
    if (!GraphLayout::renderFormats().contains(QFileInfo(file).suffix().toLower())) {
        const QString suffix = selectedFilter == png   ? QStringLiteral(".png")
                               : selectedFilter == pdf ? QStringLiteral(".pdf")
                               : selectedFilter == dot ? QStringLiteral(".dot")
                                                       : QStringLiteral(".svg");
        file += suffix;
    }
    // Graphviz takes seconds on big graphs: render off the GUI thread.
    const LayoutRequest request = m_scene->graphData().request;
    const QString format = QFileInfo(file).suffix().toLower();
    auto *watcher = new QFutureWatcher<QPair<QByteArray, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, file] {
        watcher->deleteLater();
        const auto [bytes, renderError] = watcher->result();
        QString message = renderError;
        if (!bytes.isEmpty()) {
            QSaveFile target(file);
            if (target.open(QIODevice::WriteOnly) && target.write(bytes) == bytes.size() &&
                target.commit()) {
                m_busy->hide();
                return;
            }
            const QString reason = target.errorString();
            message = tr("Cannot write %1: %2").arg(file, reason);
        }
        m_busy->setText(tr("Export failed: %1").arg(message));
        m_busy->adjustSize();
        m_busy->show();
        QTimer::singleShot(8000, m_busy, &QWidget::hide);
    });
    m_busy->setText(tr("Exporting…"));
    m_busy->adjustSize();
    m_busy->show();
    positionOverlays();
    watcher->setFuture(QtConcurrent::run([request, format] {
        QString renderError;
        QByteArray bytes = GraphLayout::render(request, format, &renderError);
        return qMakePair(bytes, renderError);
    }));
}

QImage GraphPanel::renderImage(int maxSide) const
{
    if (!m_scene) {
        return {};
    }
    const QRectF source = m_scene->sceneRect();
    const double longest = qMax(source.width(), source.height());
    const double dpr = devicePixelRatioF();
    const double scale = qMin(dpr * 1.0, double(maxSide) / qMax(1.0, longest));
    const QSize size(qMax(1, int(std::ceil(source.width() * scale))),
                     qMax(1, int(std::ceil(source.height() * scale))));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(m_palette.background);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source, Qt::KeepAspectRatio);
    return image;
}

void GraphPanel::copyImage()
{
    const QImage image = renderImage();
    if (!image.isNull()) {
        QGuiApplication::clipboard()->setImage(image);
    }
}

} // namespace Revscope
