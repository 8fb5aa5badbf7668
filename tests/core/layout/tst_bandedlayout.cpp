// BandedLayout: a tall graph laid out in stacked bands of ranks.

#include "graph/revisiongraph.h"
#include "layout/bandedlayout.h"
#include "layout/graphlayout.h"
#include "layout/layoutbuilder.h"

#include "graphspec.h"

#include <QTest>

using namespace Revscope;
using TestSupport::parseGraphSpec;

namespace {

// A main line of `length` revisions with a side branch b<i> off every tenth one.
LayoutRequest tallRequest(int length, LayoutDirection direction)
{
    QStringList tokens{QStringLiteral("r0")};
    for (int i = 1; i < length; ++i) {
        tokens << QStringLiteral("r%1:r%2").arg(i).arg(i - 1);
        if (i % 10 == 0) {
            tokens << QStringLiteral("b%1:r%1").arg(i);
        }
    }
    const RevisionGraph graph(parseGraphSpec(tokens.join(QLatin1Char(' '))));
    LayoutBuilder::Options options;
    options.direction = direction;
    return LayoutBuilder::build(graph, options);
}

QRectF boxOf(const LayoutRequest &request, const LayoutResult &result, int i)
{
    const LayoutNode &node = request.nodes.at(i);
    QRectF box(0, 0, node.widthIn * 72, node.heightIn * 72);
    box.moveCenter(result.centers.value(node.id));
    return box;
}

} // namespace

class TestBandedLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallGraphIsOneBand()
    {
        const LayoutRequest request = tallRequest(20, LayoutDirection::TopToBottom);
        QList<int> cross{42};
        const LayoutResult banded = BandedLayout::layout(request, 1000, &cross);
        const LayoutResult plain = GraphLayout::layout(request);
        QVERIFY(banded.ok());
        QVERIFY(cross.isEmpty());
        QCOMPARE(banded.centers, plain.centers);
        QCOMPARE(banded.edges.size(), plain.edges.size());
    }

    void bands_data()
    {
        QTest::addColumn<int>("direction");
        QTest::newRow("top to bottom") << int(LayoutDirection::TopToBottom);
        QTest::newRow("left to right") << int(LayoutDirection::LeftToRight);
    }

    void bands()
    {
        QFETCH(int, direction);
        const auto dir = LayoutDirection(direction);
        const LayoutRequest request = tallRequest(60, dir);
        const QList<int> band = BandedLayout::bands(request, 20);
        QCOMPARE(band.size(), request.nodes.size());
        QCOMPARE(*std::max_element(band.cbegin(), band.cend()), 3); // 66 nodes, 20 a band

        QList<int> cross;
        const LayoutResult result = BandedLayout::layout(request, 20, &cross);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.centers.size(), request.nodes.size());
        // Every edge is either routed or reported, and the reported ones join bands.
        QCOMPARE(result.edges.size() + cross.size(), request.edges.size());
        QCOMPARE(cross.size(), 3);
        QHash<QString, int> index;
        for (int i = 0; i < request.nodes.size(); ++i) {
            index.insert(request.nodes.at(i).id, i);
        }
        for (const int e : cross) {
            const LayoutEdge &edge = request.edges.at(e);
            QVERIFY(band.at(index.value(edge.from)) != band.at(index.value(edge.to)));
        }
        // Parents come before children along the rank axis, and no boxes overlap.
        const bool lr = dir == LayoutDirection::LeftToRight;
        for (const LayoutEdge &edge : request.edges) {
            const QPointF from = result.centers.value(edge.from);
            const QPointF to = result.centers.value(edge.to);
            QVERIFY(lr ? from.x() < to.x() : from.y() < to.y());
        }
        for (int i = 0; i < request.nodes.size(); ++i) {
            QVERIFY(result.bounds.contains(boxOf(request, result, i).center()));
            for (int j = i + 1; j < request.nodes.size(); ++j) {
                QVERIFY(!boxOf(request, result, i).intersects(boxOf(request, result, j)));
            }
        }
        // The main line continues straight across each joint.
        for (const int e : cross) {
            const QPointF last = result.centers.value(request.edges.at(e).from);
            const QPointF next = result.centers.value(request.edges.at(e).to);
            QVERIFY(request.edges.at(e).from.startsWith(QLatin1Char('r')));
            QVERIFY(qAbs(lr ? last.y() - next.y() : last.x() - next.x()) < 1);
        }
        // Routed edges keep request order.
        int previous = -1;
        for (const EdgePath &path : result.edges) {
            int at = -1;
            for (int e = 0; e < request.edges.size(); ++e) {
                if (request.edges.at(e).from == path.from && request.edges.at(e).to == path.to) {
                    at = e;
                }
            }
            QVERIFY(at > previous);
            previous = at;
        }
    }
};

QTEST_GUILESS_MAIN(TestBandedLayout)
#include "tst_bandedlayout.moc"
