// GraphPanel: the History view on the demo project and on small hand-written
// projects, offscreen.

#include "demo/demoproject.h"
#include "graph/edgeitem.h"
#include "graph/graphlegend.h"
#include "graph/graphminimap.h"
#include "graph/graphpanel.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "graph/nodeitem.h"
#include "inspection/inspector.h"
#include "release/comparisonoverlay.h"
#include "testsupport.h"

#include <QApplication>
#include <QFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cstdlib>

using namespace Revscope;

namespace {

constexpr int kLayoutTimeoutMs = 60000;

InspectionPtr inspect(const QString &root, bool database = false)
{
    InspectOptions options;
    options.root = root;
    if (database) {
        options.database.url = QStringLiteral("ini");
    }
    return Inspector::inspect(options);
}

QString materializeDemo(const QTemporaryDir &dir)
{
    const QString root = dir.path() + QLatin1String("/demo");
    QString error;
    if (!DemoProject::materialize(root, false, &error)) {
        qWarning() << error;
        return {};
    }
    return root;
}

bool waitForLayout(GraphPanel &panel)
{
    if (!panel.isLayoutRunning()) {
        return true;
    }
    QSignalSpy finished(&panel, &GraphPanel::layoutFinished);
    QSignalSpy failed(&panel, &GraphPanel::layoutFailed);
    QElapsedTimer timer;
    timer.start();
    while (panel.isLayoutRunning() && timer.elapsed() < kLayoutTimeoutMs) {
        finished.wait(200);
    }
    return !panel.isLayoutRunning() && failed.isEmpty();
}

template <typename Item>
int countItems(const GraphPanel &panel)
{
    int count = 0;
    if (!panel.graphScene()) {
        return 0;
    }
    const QList<QGraphicsItem *> items = panel.graphScene()->items();
    for (const QGraphicsItem *item : items) {
        count += item->type() == Item::Type ? 1 : 0;
    }
    return count;
}

// Distinct (parent, child, kind) links, as the graph draws them.
int expectedEdges(const RevisionGraph &graph)
{
    QSet<QString> edges;
    for (const Revision &revision : graph.nodes()) {
        for (const QString &parent : graph.parents(revision.id)) {
            edges.insert(parent + QLatin1Char('>') + revision.id + QLatin1String("p"));
        }
        for (const QString &dependency : graph.dependencies(revision.id)) {
            edges.insert(dependency + QLatin1Char('>') + revision.id + QLatin1String("d"));
        }
    }
    return int(edges.size());
}

QPoint viewportPos(const GraphPanel &panel, const QString &nodeId)
{
    const NodeItem *item = panel.graphScene()->nodeItem(nodeId);
    return panel.view()->mapFromScene(item->sceneBoundingRect().center());
}

// A small project: a - b - c - d - e with a second line a - x - d, f
// depending on c, and a separate chain g - h.
void writeSmallProject(const QString &root)
{
    TestSupport::writeFile(root + QLatin1String("/alembic.ini"),
                           "[alembic]\nscript_location = migrations\n");
    const QList<QByteArrayList> revisions{
        {"aaaa", "None", "", "create accounts"},
        {"bbbb", "'aaaa'", "", "add users"},
        {"cccc", "'bbbb'", "", "add orders"},
        {"xxxx", "'aaaa'", "", "add invoices"},
        {"dddd", "('cccc', 'xxxx')", "", "merge orders and invoices"},
        {"eeee", "'dddd'", "", "add users index"},
        {"ffff", "'xxxx'", "'cccc'", "archive orders"},
        {"gggg", "None", "", "separate base"},
        {"hhhh", "'gggg'", "", "separate head"},
    };
    for (const QByteArrayList &r : revisions) {
        QByteArray script = "\"\"\"" + r.at(3) + "\n\nRevision ID: " + r.at(0) + "\n\"\"\"\n" +
                            "revision = '" + r.at(0) + "'\ndown_revision = " + r.at(1) + "\n";
        if (!r.at(2).isEmpty()) {
            script += "depends_on = " + r.at(2) + "\n";
        }
        TestSupport::writeFile(root + QLatin1String("/migrations/versions/") +
                                   QString::fromLatin1(r.at(0)) + QLatin1String("_x.py"),
                               script);
    }
}

QStringList sorted(QSet<QString> set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestGraphPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_demoDir;
    QString m_demo;
    InspectionPtr m_demoInspection;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_demoDir.isValid());
        m_demo = materializeDemo(m_demoDir);
        QVERIFY(!m_demo.isEmpty());
        m_demoInspection = inspect(m_demo, true);
        QCOMPARE(m_demoInspection->environments.size(), 1);
    }

    void emptyStateShowsAHint()
    {
        GraphPanel panel;
        QVERIFY(!panel.statusText().isEmpty());
        QVERIFY(!panel.graphScene());
        QTemporaryDir dir;
        TestSupport::writeFile(dir.path() + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = migrations\n");
        QDir().mkpath(dir.path() + QLatin1String("/migrations/versions"));
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        QVERIFY(!panel.graphScene());
        QVERIFY(panel.statusText().contains(QLatin1String("no revisions")));
    }

    void demoHasOneItemPerNodeAndEdge()
    {
        GraphPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QSignalSpy started(&panel, &GraphPanel::layoutStarted);
        panel.setInspection(m_demoInspection, 0);
        QCOMPARE(started.size(), 1);
        QVERIFY(waitForLayout(panel));
        QVERIFY(panel.graphScene());
        const RevisionGraph &graph = m_demoInspection->environments.first().graph;
        QCOMPARE(countItems<NodeItem>(panel), int(graph.nodes().size()));
        QCOMPARE(countItems<EdgeItem>(panel), expectedEdges(graph));
        // The demo's database is stamped: some node carries the current pin,
        // its ghost (the squashed revision) is dashed.
        bool current = false;
        bool ghost = false;
        for (const NodeItem *item : panel.graphScene()->nodeItems()) {
            current = current || item->visual().badges.dbCurrent();
            ghost = ghost || item->visual().style == LayoutNodeStyle::Ghost;
        }
        QVERIFY(ghost || current);

        const QByteArray dir = qgetenv("REVSCOPE_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            panel.setLegendVisible(true);
            QTest::qWait(50);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) +
                                      QLatin1String("/graphpanel-demo.png")));
            const QString first = panel.graphScene()->nodeItems().at(3)->visual().revision;
            panel.selectRevision(first);
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
            dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
            dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
            dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
            panel.setPalette(dark);
            QTest::qWait(50);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) +
                                      QLatin1String("/graphpanel-demo-dark.png")));
            panel.setCollapsed(true);
            QVERIFY(waitForLayout(panel));
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) +
                                      QLatin1String("/graphpanel-demo-collapsed.png")));
            panel.setPalette(QPalette());
            panel.setLegendVisible(false);
            panel.setDirection(LayoutDirection::LeftToRight);
            QVERIFY(waitForLayout(panel));
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) +
                                      QLatin1String("/graphpanel-demo-lr.png")));
        }
    }

    void searchSelectsAndCentres()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        panel.setInspection(m_demoInspection, 0);
        QVERIFY(waitForLayout(panel));
        panel.view()->setZoom(1.5);
        const RevisionGraph &graph = m_demoInspection->environments.first().graph;
        // Search the id prefix of the first base: its own node and no other.
        const QString base = graph.bases().constFirst();
        QSignalSpy selected(&panel, &GraphPanel::revisionSelected);
        QVERIFY(panel.find(base.left(6).toUpper()));
        QCOMPARE(panel.selectedRevision(), base);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), base);
        QCOMPARE(panel.matchCount(), 1);
        const QPoint centre = panel.view()->viewport()->rect().center();
        QVERIFY2((viewportPos(panel, base) - centre).manhattanLength() <= 4,
                 qPrintable(QStringLiteral("%1,%2")
                                .arg(viewportPos(panel, base).x())
                                .arg(viewportPos(panel, base).y())));

        // Next / previous walk the matches of a message search in a stable order.
        const QString word = QStringLiteral("a");
        QVERIFY(panel.find(word));
        QVERIFY(panel.matchCount() > 1);
        const QString firstMatch = panel.selectedRevision();
        panel.findNext();
        QCOMPARE(panel.currentMatch(), 1);
        const QString secondMatch = panel.selectedRevision();
        QVERIFY(secondMatch != firstMatch);
        QVERIFY((viewportPos(panel, secondMatch) - centre).manhattanLength() <= 4);
        panel.findPrevious();
        QCOMPARE(panel.selectedRevision(), firstMatch);
        panel.findPrevious();
        QCOMPARE(panel.currentMatch(), panel.matchCount() - 1);
        QVERIFY(!panel.find(QStringLiteral("no such revision anywhere")));
        QCOMPARE(panel.matchCount(), 0);
    }

    void collapseAndExpand()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        panel.setInspection(m_demoInspection, 0);
        QVERIFY(waitForLayout(panel));
        const int full = countItems<NodeItem>(panel);
        panel.setCollapsed(true);
        QVERIFY(panel.isCollapsed());
        QVERIFY(waitForLayout(panel));
        const int collapsed = countItems<NodeItem>(panel);
        QVERIFY2(collapsed < full, qPrintable(QStringLiteral("%1 of %2").arg(collapsed).arg(full)));

        // Clicking each run expands it.
        for (int guard = 0; guard < 100; ++guard) {
            const NodeItem *run = nullptr;
            for (const NodeItem *item : panel.graphScene()->nodeItems()) {
                if (item->isCollapsed()) {
                    run = item;
                    break;
                }
            }
            if (!run) {
                break;
            }
            const QString runId = run->nodeId();
            panel.view()->centreOnNode(run);
            QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {},
                              viewportPos(panel, runId));
            QVERIFY(panel.isLayoutRunning());
            QVERIFY(waitForLayout(panel));
            QVERIFY(!panel.graphScene()->nodeItem(runId));
        }
        QCOMPARE(countItems<NodeItem>(panel), full);

        // Collapsing again forgets the expansions; turning it off restores all.
        panel.setCollapsed(false);
        QVERIFY(waitForLayout(panel));
        panel.setCollapsed(true);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(countItems<NodeItem>(panel), collapsed);
        panel.setCollapsed(false);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(countItems<NodeItem>(panel), full);
    }

    void selectingInsideARunExpandsIt()
    {
        QTemporaryDir dir;
        TestSupport::writeFile(dir.path() + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = m\n");
        for (int i = 0; i < 8; ++i) {
            const QByteArray down = i == 0 ? "None" : "'r" + QByteArray::number(i - 1) + "'";
            TestSupport::writeFile(dir.path() + QStringLiteral("/m/versions/r%1.py").arg(i),
                                   "revision = 'r" + QByteArray::number(i) +
                                       "'\ndown_revision = " + down + "\n");
        }
        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setCollapsed(true);
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(countItems<NodeItem>(panel), 3); // r0, run r1..r6, r7
        QSignalSpy selected(&panel, &GraphPanel::revisionSelected);
        panel.selectRevision(QStringLiteral("r3"));
        QCOMPARE(panel.selectedRevision(), QStringLiteral("r3"));
        QVERIFY(waitForLayout(panel));
        QCOMPARE(panel.graphScene()->primary(), QStringLiteral("r3"));
        QCOMPARE(countItems<NodeItem>(panel), 5); // r0, run r1..r2, r3, run r4..r6, r7
        QCOMPARE(selected.size(), 1);
    }

    void tallGraphKeepsEveryNodeAndEdge()
    {
        // Long enough to be laid out in bands, with a depends_on link across
        // most of the history (drawn beside the graph, not by Graphviz).
        QTemporaryDir dir;
        TestSupport::writeFile(dir.path() + QLatin1String("/alembic.ini"),
                               "[alembic]\nscript_location = m\n");
        const int length = 1500;
        for (int i = 0; i < length; ++i) {
            const QByteArray down = i == 0 ? "None" : "'r" + QByteArray::number(i - 1) + "'";
            TestSupport::writeFile(dir.path() + QStringLiteral("/m/versions/r%1.py").arg(i),
                                   "revision = 'r" + QByteArray::number(i) +
                                       "'\ndown_revision = " + down + "\n");
        }
        TestSupport::writeFile(dir.path() + QLatin1String("/m/versions/late.py"),
                               "revision = 'late'\ndown_revision = 'r3'\n"
                               "depends_on = 'r1400'\n");
        const InspectionPtr inspection = inspect(dir.path());
        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setInspection(inspection, 0);
        QVERIFY(waitForLayout(panel));
        const RevisionGraph &graph = inspection->environments.first().graph;
        QCOMPARE(countItems<NodeItem>(panel), length + 1);
        QCOMPARE(countItems<EdgeItem>(panel), expectedEdges(graph));
        QCOMPARE(panel.graphScene()->graphData().detachedEdges, 1);
        // Every edge starts at its parent and ends at its child.
        for (const EdgeItem *edge : panel.graphScene()->edgeItems()) {
            const EdgeVisual &visual = edge->visual();
            const QRectF from = panel.graphScene()->nodeItem(visual.from)->visual().rect;
            const QRectF to = panel.graphScene()->nodeItem(visual.to)->visual().rect;
            QVERIFY(!visual.path.isEmpty());
            QVERIFY(!visual.arrow.isEmpty());
            QVERIFY(from.adjusted(-2, -2, 2, 2).contains(visual.path.pointAtPercent(0)));
            QVERIFY(to.adjusted(-2, -2, 2, 2).contains(visual.arrow.first()));
        }
        // The history reads downwards across band joints.
        const GraphScene *scene = panel.graphScene();
        for (int i = 1; i < length; ++i) {
            QVERIFY(scene->nodeItem(QStringLiteral("r%1").arg(i - 1))->pos().y() <
                    scene->nodeItem(QStringLiteral("r%1").arg(i))->pos().y());
        }
    }

    void exportedSvgHasOneGroupPerNode()
    {
        GraphPanel panel;
        panel.setInspection(m_demoInspection, 0);
        QVERIFY(waitForLayout(panel));
        QTemporaryDir dir;
        const QString file = dir.path() + QLatin1String("/graph.svg");
        QString error;
        QVERIFY2(panel.exportTo(file, &error), qPrintable(error));
        QFile svg(file);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int nodes = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"g" &&
                xml.attributes().value(QLatin1String("class")) == u"node") {
                ++nodes;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodes, int(m_demoInspection->environments.first().graph.nodes().size()));

        QVERIFY(panel.exportTo(dir.path() + QLatin1String("/graph.dot")));
        QVERIFY(!panel.exportTo(dir.path() + QLatin1String("/graph.txt"), &error));
        QVERIFY(error.contains(QLatin1String("graph.txt")));
        QVERIFY(!panel.renderImage(2000).isNull());
    }

    void reloadKeepsSelectionAndZoom()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        panel.setInspection(m_demoInspection, 0);
        QVERIFY(waitForLayout(panel));
        const QString head = m_demoInspection->environments.first().graph.heads().constFirst();
        panel.selectRevision(head);
        panel.view()->setZoom(1.7);
        const QPointF centre = panel.view()->mapToScene(panel.view()->viewport()->rect().center());
        QSignalSpy selected(&panel, &GraphPanel::revisionSelected);

        panel.setInspection(inspect(m_demo, true), 0);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(panel.selectedRevision(), head);
        QCOMPARE(panel.graphScene()->primary(), head);
        QVERIFY(qAbs(panel.view()->zoom() - 1.7) < 1e-6);
        const QPointF after = panel.view()->mapToScene(panel.view()->viewport()->rect().center());
        QVERIFY(QLineF(centre, after).length() < 2);
        QVERIFY(selected.isEmpty());

        // Selecting an unknown revision clears the selection.
        panel.selectRevision(QStringLiteral("nonexistent"));
        QCOMPARE(panel.selectedRevision(), QString());
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.last().first().toString(), QString());
    }

    void reloadClearsAVanishedSelection()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path());
        GraphPanel panel;
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        panel.selectRevision(QStringLiteral("hhhh"));
        QCOMPARE(panel.selectedRevision(), QStringLiteral("hhhh"));
        QVERIFY(QFile::remove(dir.path() + QLatin1String("/migrations/versions/hhhh_x.py")));
        QSignalSpy selected(&panel, &GraphPanel::revisionSelected);
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(panel.selectedRevision(), QString());
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QString());
    }

    void highlight_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("lineage of c")
            << QStringLiteral("cccc") << QString() << words("aaaa bbbb cccc dddd eeee ffff");
        QTest::newRow("lineage of f (depends_on)")
            << QStringLiteral("ffff") << QString() << words("aaaa bbbb cccc ffff xxxx");
        QTest::newRow("paths a to e") << QStringLiteral("aaaa") << QStringLiteral("eeee")
                                      << words("aaaa bbbb cccc dddd eeee xxxx");
        QTest::newRow("paths e to b")
            << QStringLiteral("eeee") << QStringLiteral("bbbb") << words("bbbb cccc dddd eeee");
        QTest::newRow("unrelated")
            << QStringLiteral("eeee") << QStringLiteral("hhhh") << words("eeee hhhh");
    }

    void highlight()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        writeSmallProject(dir.path());
        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        // Select by clicking, the second node with Ctrl.
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, viewportPos(panel, first));
        QCOMPARE(panel.selectedRevision(), first);
        if (!second.isEmpty()) {
            QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                              viewportPos(panel, second));
            QCOMPARE(panel.secondRevision(), second);
        }
        QStringList highlighted;
        QStringList dimmed;
        for (const NodeItem *item : panel.graphScene()->nodeItems()) {
            (item->opacity() > 0.99 ? highlighted : dimmed).append(item->nodeId());
        }
        highlighted.sort();
        QCOMPARE(highlighted, expected);
        QCOMPARE(sorted(panel.graphScene()->highlightedNodes()), expected);
        for (const EdgeItem *edge : panel.graphScene()->edgeItems()) {
            const bool ends =
                expected.contains(edge->visual().from) && expected.contains(edge->visual().to);
            if (!ends) {
                QVERIFY(!edge->isHighlighted());
            }
        }
        // Escape clears everything.
        QTest::keyClick(panel.view(), Qt::Key_Escape);
        QCOMPARE(panel.selectedRevision(), QString());
        for (const NodeItem *item : panel.graphScene()->nodeItems()) {
            QVERIFY(item->opacity() > 0.99);
        }
    }

    void arrowKeysMoveAlongTheGraph()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path());
        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        panel.selectRevision(QStringLiteral("eeee"));
        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_Up);
        QCOMPARE(panel.selectedRevision(), QStringLiteral("dddd"));
        QTest::keyClick(panel.view(), Qt::Key_Down);
        QCOMPARE(panel.selectedRevision(), QStringLiteral("eeee"));
        panel.selectRevision(QStringLiteral("bbbb"));
        QTest::keyClick(panel.view(), Qt::Key_Right);
        QCOMPARE(panel.selectedRevision(), QStringLiteral("xxxx"));
        QTest::keyClick(panel.view(), Qt::Key_Right);
        QCOMPARE(panel.selectedRevision(), QStringLiteral("bbbb"));
        QTest::keyClick(panel.view(), Qt::Key_Up);
        QCOMPARE(panel.selectedRevision(), QStringLiteral("aaaa"));
        QTest::keyClick(panel.view(), Qt::Key_Up); // a base: nowhere to go
        QCOMPARE(panel.selectedRevision(), QStringLiteral("aaaa"));
    }

    void activationAndContextMenu()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path());
        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        QSignalSpy activated(&panel, &GraphPanel::revisionActivated);
        QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {},
                           viewportPos(panel, QStringLiteral("dddd")));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("dddd"));
        QSignalSpy menu(&panel, &GraphPanel::contextMenuRequested);
        const QPoint pos = viewportPos(panel, QStringLiteral("bbbb"));
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos,
                                panel.view()->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(panel.view()->viewport(), &event);
        QCOMPARE(menu.size(), 1);
        QCOMPARE(menu.first().first().toString(), QStringLiteral("bbbb"));
    }

    void onlyTheLatestLayoutIsShown()
    {
        QTemporaryDir dir;
        writeSmallProject(dir.path());
        GraphPanel panel;
        QSignalSpy finished(&panel, &GraphPanel::layoutFinished);
        panel.setInspection(m_demoInspection, 0);
        panel.setDirection(LayoutDirection::LeftToRight);
        panel.setInspection(inspect(dir.path()), 0);
        QVERIFY(waitForLayout(panel));
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(panel.graphScene()->graphData().inspection->root, QDir::cleanPath(dir.path()));
        QCOMPARE(panel.graphScene()->graphData().direction, LayoutDirection::LeftToRight);
        QCOMPARE(countItems<NodeItem>(panel), 9);
    }

    void stateRoundTrips()
    {
        GraphPanel panel;
        panel.setDirection(LayoutDirection::LeftToRight);
        panel.setCollapsed(true);
        panel.setLegendVisible(true);
        panel.setMinimapVisible(false);
        const QByteArray state = panel.saveState();
        GraphPanel other;
        QVERIFY(other.restoreState(state));
        QCOMPARE(other.direction(), LayoutDirection::LeftToRight);
        QVERIFY(other.isCollapsed());
        QVERIFY(other.isLegendVisible());
        QVERIFY(!other.isMinimapVisible());
        QVERIFY(!other.restoreState(QByteArray("garbage")));
        QCOMPARE(other.direction(), LayoutDirection::LeftToRight);
    }

    void actionsAreScopedToThePanel()
    {
        GraphPanel panel;
        const QList<QAction *> actions = panel.viewActions()
                                         << panel.findAction() << panel.exportAction()
                                         << panel.copyImageAction();
        for (const QAction *action : actions) {
            QVERIFY(action);
            QCOMPARE(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
        }
        QCOMPARE(panel.viewActions().size(), 8);
        QCOMPARE(panel.findAction()->shortcut(), QKeySequence(QKeySequence::Find));
    }

    void minimapMovesTheView()
    {
        GraphPanel panel;
        panel.resize(900, 600);
        panel.show();
        panel.setInspection(m_demoInspection, 0);
        QVERIFY(waitForLayout(panel));
        panel.view()->setZoom(2.0);
        auto *minimap = panel.findChild<GraphMinimap *>();
        QVERIFY(minimap);
        QVERIFY(minimap->isVisible());
        QCOMPARE(minimap->scene(), panel.graphScene());
        // Click the overview near the bottom of the graph: the view follows.
        const QRectF graph = panel.graphScene()->sceneRect();
        const QPointF target(graph.center().x(), graph.bottom() - graph.height() * 0.1);
        QTest::mouseClick(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(target));
        const QPointF centre = panel.view()->mapToScene(panel.view()->viewport()->rect().center());
        QVERIFY2(QLineF(centre, target).length() < graph.height() * 0.05,
                 qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
        panel.setMinimapVisible(false);
        QVERIFY(!minimap->isVisible());
    }

    // Compare mode: the union of two versions with the comparison drawn on
    // top, changed revisions kept out of collapsed runs; and back.
    void overlayModeAndBack()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        const auto write = [](const QString &root, const QList<QByteArrayList> &revisions) {
            TestSupport::writeFile(root + QLatin1String("/alembic.ini"),
                                   "[alembic]\nscript_location = m\n");
            for (const QByteArrayList &r : revisions) {
                TestSupport::writeFile(root + QLatin1String("/m/versions/") +
                                           QString::fromLatin1(r.at(0)) + QLatin1String(".py"),
                                       "revision = '" + r.at(0) + "'\ndown_revision = " + r.at(1) +
                                           "\n");
            }
        };
        QList<QByteArrayList> chain;
        for (int i = 0; i < 10; ++i) {
            chain.append({"r" + QByteArray::number(i),
                          i == 0 ? QByteArray("None") : "'r" + QByteArray::number(i - 1) + "'"});
        }
        write(before.path(), chain);
        write(after.path(),
              chain.mid(0, 6) + QList<QByteArrayList>{{"sq", "'r5'"}, {"r8", "'sq'"}, chain.at(9)});
        const InspectionPtr from = inspect(before.path());
        const InspectionPtr to = inspect(after.path());
        const auto overlay = std::make_shared<ComparisonOverlay>(
            *from, *to, RevisionDiff::compare(*from, *to).at(0));

        GraphPanel panel;
        panel.resize(800, 600);
        panel.show();
        panel.setCollapsed(true);
        panel.setOverlay(overlay);
        QVERIFY(waitForLayout(panel));
        QCOMPARE(panel.overlay(), overlay);
        QCOMPARE(panel.inspection(), overlay->inspection());
        for (const char *id : {"r6", "r7", "sq", "r8"}) {
            const NodeItem *item = panel.graphScene()->nodeItem(QLatin1String(id));
            QVERIFY2(item, id);
            QCOMPARE(item->visual().change, overlay->status(QLatin1String(id)));
            for (const NodeChip &chip : item->visual().chips) {
                QVERIFY(chip.kind != ChipKind::Head && chip.kind != ChipKind::Base);
            }
        }
        QVERIFY(panel.graphScene()->navigator().isCollapsed(
            panel.graphScene()->navigator().nodeOf(QStringLiteral("r2"))));
        int removedEdges = 0;
        for (const EdgeItem *edge : panel.graphScene()->edgeItems()) {
            removedEdges += edge->visual().change == ComparisonOverlay::EdgeStatus::Removed;
        }
        QCOMPARE(removedEdges, 3); // r5>r6, r6>r7, r7>r8
        const GraphLegend *legend = panel.findChild<GraphLegend *>();
        QVERIFY(legend->isComparisonMode());
        QVERIFY(legend->entries().contains(QStringLiteral("Removed: only in the older version")));

        panel.setInspection(to, 0);
        QVERIFY(waitForLayout(panel));
        QVERIFY(!panel.overlay());
        QVERIFY(!legend->isComparisonMode());
        QVERIFY(!panel.graphScene()->nodeItem(QStringLiteral("r7")));
        for (const NodeItem *item : panel.graphScene()->nodeItems()) {
            QCOMPARE(item->visual().change, ComparisonOverlay::Status::Unchanged);
        }
    }

    void legendExplainsEveryMark()
    {
        GraphLegend legend;
        QCOMPARE(legend.entries().size(), 16);
        QVERIFY(legend.sizeHint().width() > 200);
    }
};

QTEST_MAIN(TestGraphPanel)
#include "tst_graphpanel.moc"
