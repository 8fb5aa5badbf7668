// GraphLayout: Graphviz's dot layout read back into y-down points, and rendering.

#include "layout/graphlayout.h"

#include <QElapsedTimer>
#include <QLineF>
#include <QTest>
#include <QThread>
#include <QXmlStreamReader>

#include <atomic>
#include <memory>
#include <vector>

using namespace Revscope;

Q_DECLARE_METATYPE(Revscope::LayoutDirection)

namespace {

LayoutNode node(const QString &id)
{
    LayoutNode n;
    n.id = id;
    n.label = id;
    n.widthIn = 1.0;
    n.heightIn = 0.5;
    return n;
}

// a -> b, a -> c, b -> d, c -> d
LayoutRequest diamond(LayoutDirection direction)
{
    LayoutRequest request;
    request.direction = direction;
    for (const char *id : {"a", "b", "c", "d"}) {
        request.nodes.append(node(QString::fromLatin1(id)));
    }
    request.edges = {{QStringLiteral("a"), QStringLiteral("b"), false},
                     {QStringLiteral("a"), QStringLiteral("c"), false},
                     {QStringLiteral("b"), QStringLiteral("d"), false},
                     {QStringLiteral("c"), QStringLiteral("d"), true}};
    return request;
}

LayoutRequest chain(int length)
{
    LayoutRequest request;
    for (int i = 0; i < length; ++i) {
        request.nodes.append(node(QString::number(i)));
        if (i > 0) {
            request.edges.append({QString::number(i - 1), QString::number(i), false});
        }
    }
    return request;
}

} // namespace

class TestGraphLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diamond_data()
    {
        QTest::addColumn<LayoutDirection>("direction");
        QTest::newRow("TB") << LayoutDirection::TopToBottom;
        QTest::newRow("LR") << LayoutDirection::LeftToRight;
    }
    void diamond()
    {
        QFETCH(LayoutDirection, direction);
        const LayoutResult result = GraphLayout::layout(::diamond(direction));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.centers.size(), 4);
        QVERIFY(result.bounds.width() > 0 && result.bounds.height() > 0);

        const QPointF a = result.centers.value(QStringLiteral("a"));
        const QPointF b = result.centers.value(QStringLiteral("b"));
        const QPointF c = result.centers.value(QStringLiteral("c"));
        const QPointF d = result.centers.value(QStringLiteral("d"));
        QVERIFY(b != c);
        QVERIFY(a != d);
        // Rank axis: y (growing downwards) in TB, x in LR.
        auto rank = [direction](const QPointF &p) {
            return direction == LayoutDirection::TopToBottom ? p.y() : p.x();
        };
        QVERIFY2(rank(a) < rank(b) && rank(a) < rank(c), "parent before its children");
        QVERIFY(rank(b) < rank(d) && rank(c) < rank(d));
        QCOMPARE(rank(b), rank(c));
        for (const QPointF &p : {a, b, c, d}) {
            QVERIFY(result.bounds.contains(p));
        }

        QCOMPARE(result.edges.size(), 4);
        for (const EdgePath &edge : result.edges) {
            QVERIFY(edge.controlPoints.size() >= 4);
            QCOMPARE((edge.controlPoints.size() - 1) % 3, 0);
            QVERIFY(edge.hasArrowEnd);
            // The arrow points at the child: its tip is nearer the child than the parent.
            const QPointF child = result.centers.value(edge.to);
            const QPointF parent = result.centers.value(edge.from);
            QVERIFY(QLineF(edge.arrowEnd, child).length() < QLineF(edge.arrowEnd, parent).length());
        }
        QCOMPARE(result.edges.at(3).from, QStringLiteral("c"));
        QVERIFY(result.edges.at(3).dependency);
    }

    void unknownEndsAreLeftOut()
    {
        LayoutRequest request = ::diamond(LayoutDirection::TopToBottom);
        request.edges.append({QStringLiteral("a"), QStringLiteral("nowhere"), false});
        const LayoutResult result = GraphLayout::layout(request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.edges.size(), 4);
        QVERIFY(!result.centers.contains(QStringLiteral("nowhere")));
    }

    void oddIdsAndLabels()
    {
        LayoutRequest request;
        request.nodes = {node(QStringLiteral("a b\"c")), node(QStringLiteral("\\N;{}")),
                         node(QStringLiteral("é\nx"))};
        request.nodes[1].label = QStringLiteral("back\\slash \"quoted\"\n<html>");
        request.edges = {{request.nodes[0].id, request.nodes[1].id, false},
                         {request.nodes[1].id, request.nodes[2].id, false},
                         {request.nodes[2].id, request.nodes[2].id, false}}; // self loop
        const LayoutResult result = GraphLayout::layout(request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.centers.size(), 3);
        QCOMPARE(result.edges.size(), 3);
        QString error;
        const QByteArray svg = GraphLayout::render(request, QStringLiteral("svg"), &error);
        QVERIFY2(!svg.isEmpty(), qPrintable(error));
    }

    void empty()
    {
        const LayoutResult result = GraphLayout::layout({});
        QVERIFY(result.ok());
        QVERIFY(result.centers.isEmpty());
    }

    void longChain()
    {
        const int length = 2000;
        QElapsedTimer timer;
        timer.start();
        const LayoutResult result = GraphLayout::layout(chain(length));
        qInfo("laid out a %d-node chain in %lld ms", length, timer.elapsed());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.centers.size(), length);
        QCOMPARE(result.edges.size(), length - 1);
        QVERIFY(result.centers.value(QStringLiteral("0")).y() <
                result.centers.value(QString::number(length - 1)).y());
    }

    void concurrentCalls()
    {
        std::atomic_int failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([t, &failures] {
                for (int i = 0; i < 5; ++i) {
                    const LayoutRequest request = (t + i) % 2 ? chain(40 + t) : ::diamond({});
                    const LayoutResult result = GraphLayout::layout(request);
                    if (!result.ok() || result.centers.size() != request.nodes.size()) {
                        ++failures;
                    }
                    QString error;
                    if (GraphLayout::render(request, QStringLiteral("dot"), &error).isEmpty()) {
                        ++failures;
                    }
                }
            }));
            threads.back()->start();
        }
        for (auto &thread : threads) {
            QVERIFY(thread->wait(120000));
        }
        QCOMPARE(failures.load(), 0);
    }

    void render_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
        QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
        QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
        QTest::newRow("dot") << QStringLiteral("dot") << QByteArray("digraph");
    }
    void render()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, magic);
        QString error;
        const QByteArray bytes =
            GraphLayout::render(::diamond(LayoutDirection::TopToBottom), format, &error);
        QVERIFY2(!bytes.isEmpty(), qPrintable(error));
        QVERIFY2(bytes.startsWith(magic), bytes.left(40).constData());
        if (format == QLatin1String("svg")) {
            QXmlStreamReader xml(bytes);
            while (!xml.atEnd()) {
                xml.readNext();
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        } else if (format == QLatin1String("dot")) {
            QVERIFY(bytes.contains("a -> b"));
            QVERIFY(bytes.contains("style=dashed"));
            QVERIFY(bytes.contains("pos="));
        }
    }

    void unknownFormat()
    {
        QString error;
        QVERIFY(GraphLayout::render(::diamond({}), QStringLiteral("gif"), &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("gif")));
    }
};

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
