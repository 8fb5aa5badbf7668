// LayoutBuilder: a RevisionGraph as layout nodes and edges, collapsed or not.

#include "graph/revisiongraph.h"
#include "layout/layoutbuilder.h"

#include "graphspec.h"

#include <QTest>

using namespace Revscope;
using TestSupport::parseGraphSpec;

namespace {

QString chainSpec(int length)
{
    QStringList tokens{QStringLiteral("r0")};
    for (int i = 1; i < length; ++i) {
        tokens.append(QStringLiteral("r%1:r%2").arg(i).arg(i - 1));
    }
    return tokens.join(QLatin1Char(' '));
}

const LayoutNode *find(const LayoutRequest &request, const QString &id)
{
    for (const LayoutNode &node : request.nodes) {
        if (node.id == id) {
            return &node;
        }
    }
    return nullptr;
}

bool hasEdge(const LayoutRequest &request, const QString &from, const QString &to, bool dependency)
{
    for (const LayoutEdge &edge : request.edges) {
        if (edge.from == from && edge.to == to && edge.dependency == dependency) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestLayoutBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRevisionAndEdge()
    {
        // b and c branch off a, d merges them, e depends on c, g is a ghost parent of f.
        const RevisionGraph graph(parseGraphSpec(QStringLiteral("a b:a c:a d:b,c e:d|c f:g")));
        const LayoutRequest request = LayoutBuilder::build(graph, {});
        QCOMPARE(request.nodes.size(), 7);
        QVERIFY(hasEdge(request, QStringLiteral("a"), QStringLiteral("b"), false));
        QVERIFY(hasEdge(request, QStringLiteral("c"), QStringLiteral("d"), false));
        QVERIFY(hasEdge(request, QStringLiteral("c"), QStringLiteral("e"), true));
        QVERIFY(hasEdge(request, QStringLiteral("g"), QStringLiteral("f"), false));
        QCOMPARE(request.edges.size(), 7);
        QCOMPARE(find(request, QStringLiteral("g"))->style, LayoutNodeStyle::Ghost);
        QVERIFY(find(request, QStringLiteral("e"))->head);
        QVERIFY(find(request, QStringLiteral("f"))->head);
        QVERIFY(!find(request, QStringLiteral("a"))->head);
        for (const LayoutNode &node : request.nodes) {
            QVERIFY(node.widthIn >= 0.75 && node.heightIn >= 0.4);
        }
    }

    void bytecodeOnly()
    {
        Revisions extra = parseGraphSpec(QStringLiteral("x:a"));
        extra[0].origin = RevisionOrigin::Bytecode;
        const RevisionGraph graph(parseGraphSpec(QStringLiteral("a")), extra);
        const LayoutRequest request = LayoutBuilder::build(graph, {});
        QCOMPARE(find(request, QStringLiteral("x"))->style, LayoutNodeStyle::Bytecode);
        QCOMPARE(find(request, QStringLiteral("a"))->style, LayoutNodeStyle::Normal);
    }

    void label_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short") << QStringLiteral("001") << QStringLiteral("first")
                               << QStringLiteral("001\nfirst");
        QTest::newRow("long id") << QStringLiteral("683ac97b4dc3ffff") << QString()
                                 << QStringLiteral("683ac97b4dc3");
        QTest::newRow("first line only")
            << QStringLiteral("a") << QStringLiteral("add x\nmore") << QStringLiteral("a\nadd x");
        QTest::newRow("long message")
            << QStringLiteral("a") << QString(60, QLatin1Char('m'))
            << QStringLiteral("a\n") + QString(39, QLatin1Char('m')) + QChar(0x2026);
    }
    void label()
    {
        QFETCH(QString, id);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(LayoutBuilder::revisionLabel(id, message), expected);
    }

    void sizeFollowsText()
    {
        LayoutNode small;
        small.label = QStringLiteral("abc");
        LayoutNode wide;
        wide.label = QStringLiteral("683ac97b4dc3\nadd catch all to domains and more text");
        QVERIFY(LayoutBuilder::estimateSize(wide).width() >
                LayoutBuilder::estimateSize(small).width());
        QVERIFY(LayoutBuilder::estimateSize(wide).height() >
                LayoutBuilder::estimateSize(small).height());

        LayoutBuilder::Options options;
        options.sizer = [](const LayoutNode &) { return QSizeF(2.5, 1.25); };
        const LayoutRequest request =
            LayoutBuilder::build(RevisionGraph(parseGraphSpec(QStringLiteral("a b:a"))), options);
        QCOMPARE(request.nodes.at(0).widthIn, 2.5);
        QCOMPARE(request.nodes.at(1).heightIn, 1.25);
    }

    void collapseChain()
    {
        const RevisionGraph graph(parseGraphSpec(chainSpec(100)));
        LayoutBuilder::Options options;
        options.collapse = true;
        const LayoutRequest request = LayoutBuilder::build(graph, options);
        QCOMPARE(request.nodes.size(), 3);
        QVERIFY(find(request, QStringLiteral("r0")));  // base
        QVERIFY(find(request, QStringLiteral("r99"))); // head
        const LayoutNode *run = find(request, QStringLiteral("run:r1"));
        QVERIFY(run);
        QCOMPARE(run->style, LayoutNodeStyle::Collapsed);
        QCOMPARE(run->members.size(), 98);
        QCOMPARE(run->members.constFirst(), QStringLiteral("r1"));
        QCOMPARE(run->members.constLast(), QStringLiteral("r98"));
        QVERIFY(run->label.contains(QLatin1String("98")));
        QCOMPARE(request.edges.size(), 2);
        QVERIFY(hasEdge(request, QStringLiteral("r0"), QStringLiteral("run:r1"), false));
        QVERIFY(hasEdge(request, QStringLiteral("run:r1"), QStringLiteral("r99"), false));
    }

    void collapseKeepsLandmarks_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("keep");
        QTest::addColumn<QStringList>("visible");
        QTest::addColumn<int>("nodeCount");
        // a-b-c-d-e-f-g; c declares a label: b alone is not a run.
        QTest::newRow("labelled") << QStringLiteral("a b:a c:b#lab d:c e:d f:e g:f")
                                  << QStringList()
                                  << QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                                 QStringLiteral("c"), QStringLiteral("g")}
                                  << 5;
        QTest::newRow("kept visible")
            << QStringLiteral("a b:a c:b d:c e:d f:e g:f") << QStringList{QStringLiteral("d")}
            << QStringList{QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("g")} << 5;
        // a branches to b-c-d and e-f-g which merge at h.
        QTest::newRow("branch and merge")
            << QStringLiteral("a b:a c:b d:c e:a f:e g:f h:d,g i:h j:i k:j") << QStringList()
            << QStringList{QStringLiteral("a"), QStringLiteral("h"), QStringLiteral("k")} << 6;
        // depends_on ends stay: d depends on c.
        QTest::newRow("dependency")
            << QStringLiteral("a b:a b2:b c:b2 x:c x2:x d:x2|c e:d e2:e f:e2") << QStringList()
            << QStringList{QStringLiteral("c"), QStringLiteral("d")} << 7;
        QTest::newRow("ghost parent")
            << QStringLiteral("b:a c:b d:c e:d") << QStringList()
            << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("e")} << 4;
    }
    void collapseKeepsLandmarks()
    {
        QFETCH(QString, spec);
        QFETCH(QStringList, keep);
        QFETCH(QStringList, visible);
        QFETCH(int, nodeCount);
        const RevisionGraph graph(parseGraphSpec(spec));
        LayoutBuilder::Options options;
        options.collapse = true;
        options.keepVisible = QSet<QString>(keep.cbegin(), keep.cend());
        const LayoutRequest request = LayoutBuilder::build(graph, options);
        for (const QString &id : visible) {
            QVERIFY2(find(request, id), qPrintable(id));
        }
        QCOMPARE(request.nodes.size(), nodeCount);
        // Every revision is either a node or a member of exactly one run.
        QSet<QString> covered;
        for (const LayoutNode &node : request.nodes) {
            const QStringList members =
                node.style == LayoutNodeStyle::Collapsed ? node.members : QStringList{node.id};
            for (const QString &member : members) {
                QVERIFY(!covered.contains(member));
                covered.insert(member);
            }
        }
        QCOMPARE(covered.size(), graph.nodes().size());
    }

    void cycleDoesNotHang()
    {
        // b and c only point at each other: no start, nothing collapsed.
        const RevisionGraph graph(parseGraphSpec(QStringLiteral("a b:c c:b")));
        LayoutBuilder::Options options;
        options.collapse = true;
        const LayoutRequest request = LayoutBuilder::build(graph, options);
        QCOMPARE(request.nodes.size(), 3);
    }

    void prefixAndCluster()
    {
        LayoutBuilder::Options options;
        options.idPrefix = QStringLiteral("env1/");
        options.cluster = QStringLiteral("back/alembic.ini");
        options.direction = LayoutDirection::LeftToRight;
        const LayoutRequest request =
            LayoutBuilder::build(RevisionGraph(parseGraphSpec(QStringLiteral("a b:a"))), options);
        QCOMPARE(request.direction, LayoutDirection::LeftToRight);
        QVERIFY(find(request, QStringLiteral("env1/a")));
        QVERIFY(hasEdge(request, QStringLiteral("env1/a"), QStringLiteral("env1/b"), false));
        QCOMPARE(request.nodes.at(0).cluster, options.cluster);
    }
};

QTEST_GUILESS_MAIN(TestLayoutBuilder)
#include "tst_layoutbuilder.moc"
