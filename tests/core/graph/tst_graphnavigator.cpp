// GraphNavigator: highlights, search order and arrow-key neighbours over the
// nodes of a layout request, collapsed runs included.

#include "graph/graphnavigator.h"
#include "graph/revisiongraph.h"
#include "layout/layoutbuilder.h"

#include "graphspec.h"

#include <QTest>

#include <algorithm>

using namespace Revscope;
using TestSupport::parseGraphSpec;

namespace {

// a - b - c - d (merge of c and x) - e, with a second line a - x, and y
// depending on c; g is a ghost parent of f.
const QString Spec = QStringLiteral("a b:a c:b x:a d:c,x e:d y:x|c f:g");

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QStringList sortedEdges(const QSet<GraphNavigator::EdgeKey> &edges)
{
    QStringList list;
    for (const auto &edge : edges) {
        list.append(edge.first + QLatin1String(">") + edge.second);
    }
    list.sort();
    return list;
}

QStringList split(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

GraphNavigator navigator(const RevisionGraph &graph, bool collapse)
{
    LayoutBuilder::Options options;
    options.collapse = collapse;
    return GraphNavigator(graph, LayoutBuilder::build(graph, options));
}

} // namespace

class TestGraphNavigator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void highlightOne_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");

        QTest::newRow("base") << QStringLiteral("a") << split("a b c d e x y")
                              << split("a>b a>x b>c c>d c>y d>e x>d x>y");
        QTest::newRow("middle") << QStringLiteral("c") << split("a b c d e y")
                                << split("a>b b>c c>d c>y d>e");
        QTest::newRow("depends_on followed")
            << QStringLiteral("y") << split("a b c x y") << split("a>b a>x b>c c>y x>y");
        QTest::newRow("ghost") << QStringLiteral("g") << split("f g") << split("g>f");
        QTest::newRow("unknown") << QStringLiteral("zz") << QStringList() << QStringList();
    }

    void highlightOne()
    {
        QFETCH(QString, node);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        const RevisionGraph graph(parseGraphSpec(Spec));
        const GraphNavigator nav = navigator(graph, false);
        const GraphNavigator::Highlight highlight = nav.highlight(node);
        QCOMPARE(sorted(highlight.nodes), nodes);
        QCOMPARE(sortedEdges(highlight.edges), edges);
    }

    void highlightBetween_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");
        QTest::addColumn<bool>("connected");

        QTest::newRow("two routes")
            << QStringLiteral("a") << QStringLiteral("e") << split("a b c d e x")
            << split("a>b a>x b>c c>d d>e x>d") << true;
        QTest::newRow("either order")
            << QStringLiteral("e") << QStringLiteral("a") << split("a b c d e x")
            << split("a>b a>x b>c c>d d>e x>d") << true;
        QTest::newRow("through depends_on") << QStringLiteral("b") << QStringLiteral("y")
                                            << split("b c y") << split("b>c c>y") << true;
        QTest::newRow("unrelated")
            << QStringLiteral("e") << QStringLiteral("y") << split("e y") << QStringList() << false;
        QTest::newRow("other component")
            << QStringLiteral("a") << QStringLiteral("f") << split("a f") << QStringList() << false;
    }

    void highlightBetween()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        QFETCH(bool, connected);
        const RevisionGraph graph(parseGraphSpec(Spec));
        const GraphNavigator nav = navigator(graph, false);
        const GraphNavigator::Highlight highlight = nav.highlightBetween(first, second);
        QCOMPARE(sorted(highlight.nodes), nodes);
        QCOMPARE(sortedEdges(highlight.edges), edges);
        QCOMPARE(highlight.connected, connected);
    }

    void collapsedRuns()
    {
        // r1..r3 collapse into one node between the base r0 and the head r4.
        const RevisionGraph graph(
            parseGraphSpec(QStringLiteral("r0 r1:r0 r2:r1 r3:r2 r4:r3 s:r0")));
        const GraphNavigator nav = navigator(graph, true);
        QCOMPARE(nav.nodeCount(), 4);
        const QString run = nav.nodeOf(QStringLiteral("r2"));
        QCOMPARE(run, QStringLiteral("run:r1"));
        QVERIFY(nav.isCollapsed(run));
        QCOMPARE(nav.nodeOf(QStringLiteral("r1")), run);
        QCOMPARE(nav.nodeOf(QStringLiteral("r0")), QStringLiteral("r0"));
        QCOMPARE(nav.nodeOf(QStringLiteral("nope")), QString());
        QCOMPARE(nav.membersOf(run), split("r1 r2 r3"));
        QCOMPARE(nav.membersOf(QStringLiteral("r4")), split("r4"));
        QCOMPARE(nav.parents(QStringLiteral("r4")), QStringList{run});
        QCOMPARE(nav.children(run), split("r4"));
        QCOMPARE(nav.siblings(run), split("s"));
        QCOMPARE(sorted(nav.highlight(QStringLiteral("r4")).nodes),
                 (QStringList{QStringLiteral("r0"), QStringLiteral("r4"), run}));
        QCOMPARE(sorted(nav.highlightBetween(QStringLiteral("r0"), QStringLiteral("r4")).nodes),
                 (QStringList{QStringLiteral("r0"), QStringLiteral("r4"), run}));
    }

    void neighbours_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QStringList>("parents");
        QTest::addColumn<QStringList>("children");
        QTest::addColumn<QStringList>("siblings");

        QTest::newRow("merge") << QStringLiteral("d") << split("c x") << split("e") << split("y");
        QTest::newRow("branch") << QStringLiteral("a") << QStringList() << split("b x")
                                << QStringList();
        QTest::newRow("sibling") << QStringLiteral("b") << split("a") << split("c") << split("x");
        QTest::newRow("dependency last")
            << QStringLiteral("y") << split("x c") << QStringList() << split("d");
    }

    void neighbours()
    {
        QFETCH(QString, node);
        QFETCH(QStringList, parents);
        QFETCH(QStringList, children);
        QFETCH(QStringList, siblings);
        const RevisionGraph graph(parseGraphSpec(Spec));
        const GraphNavigator nav = navigator(graph, false);
        QCOMPARE(nav.parents(node), parents);
        QCOMPARE(nav.children(node), children);
        QCOMPARE(nav.siblings(node), siblings);
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("id prefix, case-insensitive") << QStringLiteral("AB") << split("ab12 ab34");
        QTest::newRow("message") << QStringLiteral("users") << split("ab12 cd56");
        QTest::newRow("message, case-insensitive")
            << QStringLiteral("ADD") << split("ab12 ab34 cd56");
        QTest::newRow("branch label") << QStringLiteral("featu") << split("ab34");
        QTest::newRow("not a substring of the id") << QStringLiteral("b12") << QStringList();
        QTest::newRow("ghost last") << QStringLiteral("zz") << split("zz99");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringList();
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        Revisions revisions =
            parseGraphSpec(QStringLiteral("ab12 ab34:ab12#feature cd56:ab34 ef78:cd56,zz99"));
        revisions[0].message = QStringLiteral("add users");
        revisions[1].message = QStringLiteral("Add orders");
        revisions[2].message = QStringLiteral("ADD USERS index");
        revisions[3].message = QStringLiteral("merge");
        const RevisionGraph graph(revisions);
        const GraphNavigator nav = navigator(graph, false);
        QCOMPARE(nav.search(text), expected);
    }

    void longChainDoesNotOverflow()
    {
        Revisions revisions;
        for (int i = 0; i < 20000; ++i) {
            Revision revision;
            revision.id = QStringLiteral("r%1").arg(i);
            if (i > 0) {
                revision.downRevisions = {QStringLiteral("r%1").arg(i - 1)};
            }
            revisions.append(revision);
        }
        const RevisionGraph graph(revisions);
        const GraphNavigator nav = navigator(graph, false);
        QCOMPARE(nav.highlight(QStringLiteral("r10000")).nodes.size(), 20000);
        QCOMPARE(nav.highlightBetween(QStringLiteral("r10"), QStringLiteral("r19")).nodes.size(),
                 10);
    }
};

QTEST_GUILESS_MAIN(TestGraphNavigator)
#include "tst_graphnavigator.moc"
