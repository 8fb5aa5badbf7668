// LongEdges: ranks by longest path and the depends_on edges too long to lay out.

#include "graph/revisiongraph.h"
#include "layout/layoutbuilder.h"
#include "layout/longedges.h"

#include "graphspec.h"

#include <QTest>

using namespace Revscope;
using TestSupport::parseGraphSpec;

class TestLongEdges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ranks_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QList<int>>("expected"); // in node order

        QTest::newRow("chain") << QStringLiteral("a b:a c:b") << QList<int>{0, 1, 2};
        QTest::newRow("longest path wins")
            << QStringLiteral("a b:a c:b d:a,c") << QList<int>{0, 1, 2, 3};
        QTest::newRow("depends_on ignored") << QStringLiteral("a b:a c|b") << QList<int>{0, 1, 0};
        QTest::newRow("two bases") << QStringLiteral("a b x y:x") << QList<int>{0, 0, 0, 1};
        // A cycle b <-> c below a: neither is released; b keeps the rank a gave it.
        QTest::newRow("cycle does not hang")
            << QStringLiteral("a b:a,c c:b") << QList<int>{0, 1, 0};
    }

    void ranks()
    {
        QFETCH(QString, spec);
        QFETCH(QList<int>, expected);
        const RevisionGraph graph(parseGraphSpec(spec));
        QCOMPARE(LongEdges::ranks(LayoutBuilder::build(graph, {})), expected);
    }

    void longDependencies_data()
    {
        QTest::addColumn<int>("maxSpan");
        QTest::addColumn<QStringList>("expected"); // "from>to" of the long edges

        QTest::newRow("span 2 allowed") << 2 << QStringList{QStringLiteral("r1>x")};
        QTest::newRow("span 4 allowed") << 4 << QStringList();
        QTest::newRow("nothing allowed")
            << 0 << QStringList{QStringLiteral("r1>x"), QStringLiteral("r4>y")};
    }

    void longDependencies()
    {
        QFETCH(int, maxSpan);
        QFETCH(QStringList, expected);
        // x (rank 4, after w) depends on r1 (rank 1): span 3; y (rank 5) on r4: span 1.
        const RevisionGraph graph(parseGraphSpec(
            QStringLiteral("r0 r1:r0 r2:r1 r3:r2 r4:r3 w0 w1:w0 w2:w1 w3:w2 x:w3|r1 y:x|r4")));
        const LayoutRequest request = LayoutBuilder::build(graph, {});
        const QList<int> indexes = LongEdges::longDependencies(request, maxSpan);
        QStringList found;
        for (const int i : indexes) {
            QVERIFY(request.edges.at(i).dependency);
            found << request.edges.at(i).from + QLatin1Char('>') + request.edges.at(i).to;
        }
        QCOMPARE(found, expected);
        const LayoutRequest reduced = LongEdges::without(request, indexes);
        QCOMPARE(reduced.edges.size(), request.edges.size() - indexes.size());
        QCOMPARE(reduced.nodes.size(), request.nodes.size());
        for (const LayoutEdge &edge : reduced.edges) {
            QVERIFY(!found.contains(edge.from + QLatin1Char('>') + edge.to));
        }
    }
};

QTEST_GUILESS_MAIN(TestLongEdges)
#include "tst_longedges.moc"
