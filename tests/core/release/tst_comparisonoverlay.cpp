// ComparisonOverlay: both versions of a graph as one, with a status per
// revision and per edge.

#include "release/comparisonoverlay.h"
#include "releasefixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

// "parent>child:status" for every edge, sorted.
QStringList edgeText(const ComparisonOverlay &overlay)
{
    QStringList out;
    for (const ComparisonOverlay::Edge &edge : overlay.edges()) {
        out.append(edge.parent + QLatin1Char('>') + edge.child + QLatin1Char(':') +
                   ComparisonOverlay::edgeStatusName(edge.status));
    }
    out.sort();
    return out;
}

// "id:status" for every node, sorted.
QStringList nodeText(const ComparisonOverlay &overlay)
{
    QStringList out;
    for (const Revision &node : overlay.graph().nodes()) {
        out.append(node.id + QLatin1Char(':') +
                   ComparisonOverlay::statusName(overlay.status(node.id)));
    }
    out.sort();
    return out;
}

} // namespace

class TestComparisonOverlay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlay_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");
        QTest::newRow("squash into a new base")
            << 0
            << QStringList{QStringLiteral("001:removed"), QStringLiteral("002:removed"),
                           QStringLiteral("003:removed"), QStringLiteral("004:rewired"),
                           QStringLiteral("b891:added")}
            << QStringList{QStringLiteral("001>002:removed"), QStringLiteral("002>003:removed"),
                           QStringLiteral("003>004:removed"), QStringLiteral("b891>004:added")};
        QTest::newRow("nothing changed")
            << 1
            << QStringList{QStringLiteral("001:unchanged"), QStringLiteral("002:unchanged"),
                           QStringLiteral("003:unchanged"), QStringLiteral("004:unchanged")}
            << QStringList{QStringLiteral("001>002:kept"), QStringLiteral("002>003:kept"),
                           QStringLiteral("003>004:kept")};
        QTest::newRow("message edited, one revision added")
            << 2
            << QStringList{QStringLiteral("001:unchanged"), QStringLiteral("002:edited"),
                           QStringLiteral("003:unchanged"), QStringLiteral("004:unchanged"),
                           QStringLiteral("005:added")}
            << QStringList{QStringLiteral("001>002:kept"), QStringLiteral("002>003:kept"),
                           QStringLiteral("003>004:kept"), QStringLiteral("004>005:added")};
    }
    void overlay()
    {
        QFETCH(int, change);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        QTemporaryDir before;
        QTemporaryDir after;
        writeLinearProject(before.path());
        writeLinearProject(after.path());
        if (change == 0) {
            squashIntoNewBase(after.path());
        } else if (change == 2) {
            writeFile(versionsFolder(after.path()) + QLatin1String("002_b.py"),
                      migrationScript("002", "001", "second, renamed"));
            writeFile(versionsFolder(after.path()) + QLatin1String("005_e.py"),
                      migrationScript("005", "004", "fifth"));
        }
        const InspectionPtr from = inspectFolder(before.path());
        const InspectionPtr to = inspectFolder(after.path());
        const QList<EnvironmentDiff> diffs = RevisionDiff::compare(*from, *to);
        const ComparisonOverlay overlay(*from, *to, diffs.at(0));
        QCOMPARE(overlay.environment(), QStringLiteral("alembic.ini"));
        QCOMPARE(nodeText(overlay), nodes);
        QCOMPARE(edgeText(overlay), edges);
        for (const ComparisonOverlay::Edge &edge : overlay.edges()) {
            QCOMPARE(overlay.edgeStatus(edge.parent, edge.child), edge.status);
            QVERIFY(!edge.dependency);
        }
        // Both versions' edges are in the union graph.
        for (const ComparisonOverlay::Edge &edge : overlay.edges()) {
            QVERIFY(overlay.graph().parents(edge.child).contains(edge.parent));
        }
        QCOMPARE(overlay.revisions(ComparisonOverlay::Status::Removed), diffs.at(0).removed);
        QCOMPARE(overlay.revisions(ComparisonOverlay::Status::Added), diffs.at(0).added);
    }

    void squashedRevisionsAndTheirReplacement()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        writeTwoVersions(before.path(), after.path(), squashIntoNewBase);
        const InspectionPtr from = inspectFolder(before.path());
        const InspectionPtr to = inspectFolder(after.path());
        const QList<EnvironmentDiff> diffs = RevisionDiff::compare(*from, *to);
        const ComparisonOverlay overlay(*from, *to, diffs.at(0));
        QCOMPARE(overlay.replacedBy(QStringLiteral("002")), QStringLiteral("b891"));
        QCOMPARE(overlay.replacedBy(QStringLiteral("004")), QString());
        QCOMPARE(overlay.edgeStatus(QStringLiteral("x"), QStringLiteral("y")),
                 ComparisonOverlay::EdgeStatus::Kept);

        // An inspection a graph view can draw: one environment, the union graph,
        // the removed scripts shown at their old place.
        const InspectionPtr shown = overlay.inspection();
        QVERIFY(shown);
        QCOMPARE(shown->root, to->root);
        QCOMPARE(shown->environments.size(), 1);
        QCOMPARE(shown->environments.at(0).label, QStringLiteral("alembic.ini"));
        QCOMPARE(shown->environments.at(0).graph.nodes().size(), 5);
        const Revision *removed = shown->environments.at(0).graph.revision(QStringLiteral("001"));
        QVERIFY(removed);
        QCOMPARE(shown->relativePath(removed->file),
                 QStringLiteral("migrations/versions/001_a.py"));
        QCOMPARE(shown->findings.size(), diffs.at(0).findings.size());
    }

    void emptyWithoutEnvironment()
    {
        const ComparisonOverlay overlay;
        QVERIFY(overlay.graph().nodes().isEmpty());
        QVERIFY(overlay.edges().isEmpty());
        QVERIFY(!overlay.inspection());
        QCOMPARE(overlay.status(QStringLiteral("001")), ComparisonOverlay::Status::Unchanged);
    }
};

QTEST_GUILESS_MAIN(TestComparisonOverlay)
#include "tst_comparisonoverlay.moc"
