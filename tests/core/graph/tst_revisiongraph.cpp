#include "graph/revisiongraph.h"
#include "graphspec.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

using namespace Revscope;

namespace {

Revisions parseSpec(const QString &spec)
{
    return TestSupport::parseGraphSpec(spec);
}

QStringList words(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList sorted(const QSet<QString> &set)
{
    return sorted(QStringList(set.cbegin(), set.cend()));
}

QString pairs(const QList<QPair<QString, QString>> &list)
{
    QStringList parts;
    for (const auto &pair : list) {
        parts.append(pair.first + QLatin1String("->") + pair.second);
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestRevisionGraph : public QObject
{
    Q_OBJECT

private slots:
    void shape_data();
    void shape();
    void navigation();
    void branchLabels_data();
    void branchLabels();
    void resolve_data();
    void resolve();
    void ghosts();
    void extraRevisions();
    void cycles_data();
    void cycles();
    void alembicCycleCheck_data();
    void alembicCycleCheck();
    void repairPrefersDependencyEdges();
    void duplicates();
    void labelConflicts_data();
    void labelConflicts();
    void emptyInput();
    void randomDamagedGraphs();
    void longChain();
    void largeBranchedGraph();
};

void TestRevisionGraph::shape_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("heads");
    QTest::addColumn<QString>("realHeads");
    QTest::addColumn<QString>("bases");
    QTest::addColumn<QString>("branchPoints");
    QTest::addColumn<QString>("mergePoints");
    QTest::addColumn<QString>("history");

    // Expected values are what Alembic 1.8.1's RevisionMap reports.
    QTest::newRow("linear") << "a b:a c:b"
                            << "c"
                            << "c"
                            << "a"
                            << ""
                            << ""
                            << "c b a";
    QTest::newRow("branch point") << "a b:a c:a"
                                  << "b c"
                                  << "b c"
                                  << "a"
                                  << "a"
                                  << ""
                                  << "b c a";
    QTest::newRow("merge point") << "a b:a c:a d:b,c"
                                 << "d"
                                 << "d"
                                 << "a"
                                 << "a"
                                 << "d"
                                 << "d b c a";
    QTest::newRow("multiple heads and bases") << "a b c:b"
                                              << "a c"
                                              << "a c"
                                              << "a b"
                                              << ""
                                              << ""
                                              << "a c b";
    QTest::newRow("depends_on does not un-head") << "a b:a c|b"
                                                 << "b c"
                                                 << "c"
                                                 << "a c"
                                                 << ""
                                                 << ""
                                                 << "c b a";
    QTest::newRow("long branches merged") << "a b:a c:b d:a e:d f:c,e g:f"
                                          << "g"
                                          << "g"
                                          << "a"
                                          << "a"
                                          << "f"
                                          << "g f c b e d a";
    QTest::newRow("redundant dependency") << "a b:a|a c:b|a"
                                          << "c"
                                          << "c"
                                          << "a"
                                          << ""
                                          << ""
                                          << "c b a";
    QTest::newRow("cross dependencies") << "a b:a c:a d:b|c e:c|b"
                                        << "d e"
                                        << "d e"
                                        << "a"
                                        << "a"
                                        << ""
                                        << "d e b c a";
    QTest::newRow("merge with own ancestor") << "a b:a c:a,b"
                                             << "c"
                                             << "c"
                                             << "a"
                                             << "a"
                                             << "c"
                                             << "c b a";
    QTest::newRow("dependency on a label") << "a#lab b:a c|lab"
                                           << "b c"
                                           << "b c"
                                           << "a c"
                                           << ""
                                           << ""
                                           << "b c a";
    QTest::newRow("merge listing a parent twice") << "a b:a,a"
                                                  << "b"
                                                  << "b"
                                                  << "a"
                                                  << ""
                                                  << "b"
                                                  << "b a";
}

void TestRevisionGraph::shape()
{
    QFETCH(QString, spec);
    QFETCH(QString, heads);
    QFETCH(QString, realHeads);
    QFETCH(QString, bases);
    QFETCH(QString, branchPoints);
    QFETCH(QString, mergePoints);
    QFETCH(QString, history);

    const RevisionGraph graph(parseSpec(spec));
    QCOMPARE(graph.heads(), words(heads));
    QCOMPARE(graph.realHeads(), words(realHeads));
    QCOMPARE(graph.bases(), words(bases));
    QCOMPARE(graph.branchPoints(), words(branchPoints));
    QCOMPARE(graph.mergePoints(), words(mergePoints));
    QCOMPARE(graph.history(), words(history));
    QVERIFY(graph.alembicCanLoad());
    QVERIFY(graph.cycles().isEmpty());
    QVERIFY(graph.missingParents().isEmpty());
    QVERIFY(graph.missingDependencies().isEmpty());
}

void TestRevisionGraph::navigation()
{
    const RevisionGraph graph(parseSpec(QStringLiteral("a b:a c:a d:b,c e|d#le f:e|le")));
    QCOMPARE(graph.parents(QStringLiteral("d")), words(QStringLiteral("b c")));
    QCOMPARE(graph.children(QStringLiteral("a")), words(QStringLiteral("b c")));
    QCOMPARE(graph.children(QStringLiteral("d")), QStringList());
    QCOMPARE(graph.dependencies(QStringLiteral("e")), words(QStringLiteral("d")));
    // A branch label in depends_on resolves to the revision declaring it.
    QCOMPARE(graph.dependencies(QStringLiteral("f")), words(QStringLiteral("e")));
    QCOMPARE(graph.dependents(QStringLiteral("d")), words(QStringLiteral("e")));
    QCOMPARE(sorted(graph.ancestors(QStringLiteral("d"), false)), words(QStringLiteral("a b c")));
    QCOMPARE(sorted(graph.ancestors(QStringLiteral("f"), false)), words(QStringLiteral("e")));
    QCOMPARE(sorted(graph.ancestors(QStringLiteral("f"), true)),
             words(QStringLiteral("a b c d e")));
    QCOMPARE(sorted(graph.descendants(QStringLiteral("a"), false)), words(QStringLiteral("b c d")));
    QCOMPARE(sorted(graph.descendants(QStringLiteral("a"), true)),
             words(QStringLiteral("b c d e f")));
    QVERIFY(graph.ancestors(QStringLiteral("nope"), true).isEmpty());
    QCOMPARE(graph.indexOf(QStringLiteral("c")), 2);
    QCOMPARE(graph.indexOf(QStringLiteral("nope")), -1);
    QCOMPARE(graph.branchLabelOwner(QStringLiteral("le")), QStringLiteral("e"));
    // f is a head even though nothing but depends_on points at e.
    QCOMPARE(graph.heads(), words(QStringLiteral("d f")));
}

void TestRevisionGraph::branchLabels_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("members");

    // Labels spread to all descendants, and down from the branch tip until a
    // branch point or merge point (Alembic's _add_branches).
    QTest::newRow("whole chain from a labelled base") << "x#lx y:x z:y"
                                                      << "lx"
                                                      << "x y z";
    QTest::newRow("branch off a branch point") << "a b:a c:a#br d:c"
                                               << "br"
                                               << "c d";
    QTest::newRow("labelled tip walks down to the base") << "r1 a:r1 b:a#lb c:b r2 d:r2#ld e:d"
                                                         << "lb"
                                                         << "r1 a b c";
    QTest::newRow("second root") << "r1 a:r1 b:a#lb c:b r2 d:r2#ld e:d"
                                 << "ld"
                                 << "r2 d e";
    QTest::newRow("stops below a merge point") << "a b:a c:a d:b,c#lm e:d"
                                               << "lm"
                                               << "d e";
}

void TestRevisionGraph::branchLabels()
{
    QFETCH(QString, spec);
    QFETCH(QString, label);
    QFETCH(QString, members);
    const RevisionGraph graph(parseSpec(spec));
    QCOMPARE(graph.branchLabelMembers().value(label), words(members));
}

void TestRevisionGraph::resolve_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("ids");
    QTest::addColumn<QString>("error");

    const QString two = QStringLiteral("abcd1111 abce2222:abcd1111#feature ffff3333:abcd1111");
    const QString one = QStringLiteral("abcd1111 abce2222:abcd1111#feature");
    QTest::newRow("full id") << two << "abce2222"
                             << "abce2222"
                             << "";
    QTest::newRow("unique prefix") << two << "abcd"
                                   << "abcd1111"
                                   << "";
    QTest::newRow("ambiguous prefix") << two << "abc"
                                      << ""
                                      << "Multiple revisions start with 'abc': 'abcd1111', "
                                         "'abce2222'...";
    QTest::newRow("short unique prefix is accepted") << two << "ff"
                                                     << "ffff3333"
                                                     << "";
    QTest::newRow("too short and unknown")
        << two << "zz"
        << ""
        << "No such revision or branch 'zz'; please ensure at least four characters are "
           "present for partial revision identifier matches";
    QTest::newRow("unknown long") << two << "zzzzzz"
                                  << ""
                                  << "No such revision or branch 'zzzzzz'";
    QTest::newRow("ids of 3 chars never match partially")
        << "001 002:001"
        << "00"
        << ""
        << "No such revision or branch '00'; please ensure at least four characters are "
           "present for partial revision identifier matches";
    QTest::newRow("branch label") << two << "feature"
                                  << "abce2222"
                                  << "";
    QTest::newRow("branch label prefix") << two << "feat"
                                         << "abce2222"
                                         << "";
    QTest::newRow("label@head") << two << "feature@head"
                                << "abce2222"
                                << "";
    QTest::newRow("heads") << two << "heads"
                           << "abce2222 ffff3333"
                           << "";
    QTest::newRow("head with two heads")
        << two << "head"
        << ""
        << "Multiple heads are present for given argument 'head'; abce2222, ffff3333";
    QTest::newRow("head with one head") << one << "head"
                                        << "abce2222"
                                        << "";
    QTest::newRow("base") << two << "base"
                          << ""
                          << "";
    QTest::newRow("label@base") << two << "feature@base"
                                << ""
                                << "";
    QTest::newRow("prefix@head") << two << "ffff@head"
                                 << "ffff3333"
                                 << "";
    QTest::newRow("id@head with two heads above") << two << "abcd1111@head"
                                                  << ""
                                                  << "Multiple heads are present for given "
                                                     "argument 'abcd1111@head'; abce2222, "
                                                     "ffff3333";
    QTest::newRow("id@prefix") << two << "abcd1111@ffff"
                               << "ffff3333"
                               << "";
    QTest::newRow("not a member of the branch")
        << two << "feature@ffff3333"
        << ""
        << "Revision ffff3333 is not a member of branch 'feature'";
    QTest::newRow("unknown branch") << two << "nosuch@abcd1111"
                                    << ""
                                    << "No such branch: 'nosuch'";
    QTest::newRow("@head means head") << one << "@head"
                                      << "abce2222"
                                      << "";
    QTest::newRow("heads include dependency-only heads") << "a b:a c|b"
                                                         << "heads"
                                                         << "c"
                                                         << "";
    QTest::newRow("relative is refused") << two << "-1"
                                         << ""
                                         << "Relative revision identifiers";
}

void TestRevisionGraph::resolve()
{
    QFETCH(QString, spec);
    QFETCH(QString, query);
    QFETCH(QString, ids);
    QFETCH(QString, error);
    const RevisionGraph graph(parseSpec(spec));
    const RevisionGraph::Resolution resolution = graph.resolve(query);
    QCOMPARE(resolution.ids, words(ids));
    if (error.isEmpty()) {
        QCOMPARE(resolution.error, QString());
    } else {
        QVERIFY2(resolution.error.startsWith(error), qPrintable(resolution.error));
    }
}

void TestRevisionGraph::ghosts()
{
    const RevisionGraph graph(parseSpec(QStringLiteral("a b:a c:gone d:c|lost,a")));
    QCOMPARE(graph.nodes().size(), 6);
    QCOMPARE(graph.nodes().at(4).id, QStringLiteral("gone"));
    QCOMPARE(graph.nodes().at(4).origin, RevisionOrigin::Missing);
    QCOMPARE(graph.nodes().at(5).id, QStringLiteral("lost"));
    QCOMPARE(graph.nodes().at(5).origin, RevisionOrigin::Missing);
    QVERIFY(!graph.isLoaded(QStringLiteral("gone")));
    QCOMPARE(pairs(graph.missingParents()), QStringLiteral("c->gone"));
    QCOMPARE(pairs(graph.missingDependencies()), QStringLiteral("d->lost"));
    QVERIFY(!graph.alembicCanLoad());
    // Edges to ghosts exist for navigation...
    QCOMPARE(graph.children(QStringLiteral("gone")), words(QStringLiteral("c")));
    QCOMPARE(graph.dependents(QStringLiteral("lost")), words(QStringLiteral("d")));
    // ...but ghosts are never heads, bases or history entries.
    QCOMPARE(graph.heads(), words(QStringLiteral("b d")));
    QCOMPARE(graph.bases(), words(QStringLiteral("a")));
    QCOMPARE(sorted(graph.history()), words(QStringLiteral("a b c d")));
    QCOMPARE(graph.resolve(QStringLiteral("gone")).ids, QStringList());
}

void TestRevisionGraph::extraRevisions()
{
    Revisions extra = parseSpec(QStringLiteral("c:b x:c a"));
    for (Revision &revision : extra) {
        revision.origin = RevisionOrigin::Bytecode;
    }
    const RevisionGraph graph(parseSpec(QStringLiteral("a b:a d:c")), extra);
    // "a" is already loaded: the extra copy is ignored.
    QCOMPARE(graph.nodes().size(), 5);
    QCOMPARE(graph.nodes().at(0).origin, RevisionOrigin::Source);
    QVERIFY(graph.isLoaded(QStringLiteral("a")));
    QVERIFY(!graph.isLoaded(QStringLiteral("c")));
    QCOMPARE(graph.nodes().at(graph.indexOf(QStringLiteral("c"))).origin, RevisionOrigin::Bytecode);
    // b stays a head: its only child is not loaded by Alembic.
    QCOMPARE(graph.heads(), words(QStringLiteral("b d")));
    QCOMPARE(graph.children(QStringLiteral("b")), words(QStringLiteral("c")));
    QCOMPARE(pairs(graph.missingParents()), QStringLiteral("d->c"));
    QCOMPARE(sorted(graph.history()), words(QStringLiteral("a b d")));
    QVERIFY(!graph.history().contains(QStringLiteral("x")));
}

void TestRevisionGraph::cycles_data()
{
    QTest::addColumn<QString>("spec");
    // "a,b;c": a leading '~' marks a dependency cycle, a trailing '!' one Alembic misses.
    QTest::addColumn<QString>("cycles");

    QTest::newRow("two-cycle") << "x a:b b:a c:a"
                               << "a,b";
    QTest::newRow("self-loop") << "a b:b"
                               << "b";
    QTest::newRow("long cycle with a tail") << "a:g b:a c:b d:c e:d f:e g:f h:g"
                                            << "a,b,c,d,e,f,g";
    QTest::newRow("no cycle") << "a b:a c:b"
                              << "";
    QTest::newRow("dependency cycle") << "a|b b:a"
                                      << "~a,b";
    QTest::newRow("dependency self-loop through a label") << "a|lab#lab"
                                                          << "~a";
    QTest::newRow("two separate cycles") << "a:b b:a c:d d:c"
                                         << "a,b;c,d";
    QTest::newRow("cycle below a head and above a base") << "X c:d,X d:c H:c"
                                                         << "c,d!";
    QTest::newRow("dependency cycle below a head and above a base") << "X a:X|b b:a H:b"
                                                                    << "~a,b!";
}

void TestRevisionGraph::cycles()
{
    QFETCH(QString, spec);
    QFETCH(QString, cycles);
    const Revisions revisions = parseSpec(spec);
    const RevisionGraph graph(revisions);
    QStringList found;
    for (const RevisionGraph::Cycle &cycle : graph.cycleDetails()) {
        found.append((cycle.throughDependencies ? QStringLiteral("~") : QString()) +
                     cycle.members.join(QLatin1Char(',')) +
                     (cycle.detectedByAlembic ? QString() : QStringLiteral("!")));
    }
    QCOMPARE(found.join(QLatin1Char(';')), cycles);
    QCOMPARE(graph.alembicCanLoad(), cycles.isEmpty() || cycles.endsWith(QLatin1Char('!')));
    // Whatever the cycles, history lists every revision exactly once.
    QCOMPARE(graph.history().size(), revisions.size());
    QCOMPARE(QSet<QString>(graph.history().cbegin(), graph.history().cend()).size(),
             revisions.size());
}

void TestRevisionGraph::alembicCycleCheck_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("revisions");
    QTest::addColumn<bool>("dependencies");
    QTest::addColumn<bool>("selfLoop");

    // Alembic names the cycle and what hangs off it.
    QTest::newRow("cycle with a child") << "x a:b b:a c:a"
                                        << "a b c" << false << false;
    // No head at all: every revision, in map order.
    QTest::newRow("no head") << "b:a a:b"
                             << "b a" << false << false;
    QTest::newRow("self-loop refused while loading") << "a b:b"
                                                     << "b" << false << true;
    QTest::newRow("dependency self-loop refused while loading") << "a|a"
                                                                << "a" << true << true;
    QTest::newRow("dependency cycle") << "a|b b:a"
                                      << "a b" << true << false;
    QTest::newRow("dependency self-loop through a label") << "a|lab#lab"
                                                          << "a" << true << false;
    QTest::newRow("missed cycle") << "X c:d,X d:c H:c"
                                  << "" << false << false;
    QTest::newRow("no cycle") << "a b:a c|b"
                              << "" << false << false;
}

void TestRevisionGraph::alembicCycleCheck()
{
    QFETCH(QString, spec);
    QFETCH(QString, revisions);
    QFETCH(bool, dependencies);
    QFETCH(bool, selfLoop);
    const RevisionGraph graph(parseSpec(spec));
    const RevisionGraph::AlembicCycleCheck check = graph.alembicCycleCheck();
    QCOMPARE(check.revisions, words(revisions));
    QCOMPARE(check.dependencies, dependencies);
    QCOMPARE(check.selfLoop, selfLoop);
}

void TestRevisionGraph::repairPrefersDependencyEdges()
{
    // a depends on b, which follows a: dropping the depends_on edge keeps the
    // down_revision chain, and gives the order Alembic itself prints.
    const RevisionGraph graph(parseSpec(QStringLiteral("X a:X|b b:a H:b")));
    QCOMPARE(graph.history(), words(QStringLiteral("H b a X")));
    const RevisionGraph versioned(parseSpec(QStringLiteral("X c:d,X d:c H:c")));
    QCOMPARE(versioned.history(), words(QStringLiteral("H c d X")));
}

void TestRevisionGraph::duplicates()
{
    Revisions revisions = parseSpec(QStringLiteral("a x:a y:x x:a"));
    revisions[1].file = QStringLiteral("/p/versions/x_first.py");
    revisions[1].message = QStringLiteral("first");
    revisions[3].file = QStringLiteral("/p/versions/x_second.py");
    revisions[3].message = QStringLiteral("second");
    const RevisionGraph graph(revisions);
    QCOMPARE(graph.duplicates().value(QStringLiteral("x")),
             QStringList({QStringLiteral("/p/versions/x_first.py"),
                          QStringLiteral("/p/versions/x_second.py")}));
    QCOMPARE(graph.duplicates().size(), 1);
    // The later definition wins, at the first one's place.
    QCOMPARE(graph.nodes().size(), 3);
    QCOMPARE(graph.indexOf(QStringLiteral("x")), 1);
    QCOMPARE(graph.revision(QStringLiteral("x"))->message, QStringLiteral("second"));
    // Alembic never discards the overwritten object from its heads: `alembic heads` lists x.
    QCOMPARE(graph.heads(), words(QStringLiteral("x y")));
    QCOMPARE(graph.history(), words(QStringLiteral("y x a")));
    QVERIFY(graph.alembicCanLoad());

    // A duplicate that is a base keeps counting as a base.
    const RevisionGraph bases(parseSpec(QStringLiteral("a x y:x x:a")));
    QCOMPARE(bases.bases(), words(QStringLiteral("a x")));
    QCOMPARE(bases.heads(), words(QStringLiteral("x y")));
}

void TestRevisionGraph::labelConflicts_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("conflicts"); // label:revision:usedBy[:id]

    QTest::newRow("label used twice") << "a#l b:a#l"
                                      << "l:b:a";
    QTest::newRow("label equal to a revision id") << "a#b b:a"
                                                  << "b:a:b:id";
    QTest::newRow("label listed twice") << "a#l,l"
                                        << "l:a:a";
    QTest::newRow("duplicate script with its label") << "a#l a#l"
                                                     << "l:a:a";
    QTest::newRow("distinct labels") << "a#l b:a#m"
                                     << "";
}

void TestRevisionGraph::labelConflicts()
{
    QFETCH(QString, spec);
    QFETCH(QString, conflicts);
    const RevisionGraph graph(parseSpec(spec));
    QStringList found;
    for (const auto &conflict : graph.branchLabelConflicts()) {
        found.append(QStringList({conflict.label, conflict.revision, conflict.usedBy})
                         .join(QLatin1Char(':')) +
                     (conflict.usedAsRevisionId ? QStringLiteral(":id") : QString()));
        QCOMPARE(conflict.file, QStringLiteral("/project/versions/%1.py").arg(conflict.revision));
        QVERIFY(conflict.line > 0);
    }
    QCOMPARE(found.join(QLatin1Char(' ')), conflicts);
    QCOMPARE(graph.alembicCanLoad(), conflicts.isEmpty());
}

void TestRevisionGraph::emptyInput()
{
    const RevisionGraph none;
    QVERIFY(none.nodes().isEmpty());
    QVERIFY(none.heads().isEmpty());
    QVERIFY(none.history().isEmpty());
    QCOMPARE(none.resolve(QStringLiteral("head")).ids, QStringList());
    QVERIFY(!none.resolve(QStringLiteral("abcd")).error.isEmpty());

    // Empty ids are skipped; empty names in down_revision mean "no parent".
    Revisions revisions = parseSpec(QStringLiteral("a b"));
    revisions[1].downRevisions = QStringList({QString()});
    revisions.append(Revision());
    const RevisionGraph graph(revisions);
    QCOMPARE(graph.nodes().size(), 2);
    QCOMPARE(graph.bases(), words(QStringLiteral("a b")));
    QVERIFY(graph.missingParents().isEmpty());
}

void TestRevisionGraph::randomDamagedGraphs()
{
    // Arbitrary references (forward, backward, to nothing, to oneself),
    // duplicates, clashing labels and extra revisions: every query answers,
    // history lists each loaded revision once, and on a sound graph it is a
    // topological order (a revision before its parents and dependencies).
    for (quint32 seed = 1; seed <= 300; ++seed) {
        QRandomGenerator rng(seed);
        const int count = 1 + int(rng.bounded(30));
        auto name = [&rng, count]() {
            return QStringLiteral("r%1").arg(rng.bounded(count + 3), 4, 10, QLatin1Char('0'));
        };
        Revisions revisions;
        Revisions extra;
        for (int k = 0; k < count + int(rng.bounded(3)); ++k) {
            Revision revision;
            revision.id = rng.bounded(10) == 0
                              ? name()
                              : QStringLiteral("r%1").arg(k, 4, 10, QLatin1Char('0'));
            for (int d = int(rng.bounded(4)); d > 0; --d) {
                revision.downRevisions.append(
                    rng.bounded(3) == 0
                        ? name()
                        : QStringLiteral("r%1").arg(rng.bounded(k + 1), 4, 10, QLatin1Char('0')));
            }
            if (rng.bounded(4) == 0) {
                revision.dependsOn.append(
                    rng.bounded(3) == 0 ? QStringLiteral("lab%1").arg(rng.bounded(4)) : name());
            }
            if (rng.bounded(5) == 0) {
                revision.branchLabels.append(QStringLiteral("lab%1").arg(rng.bounded(4)));
            }
            (rng.bounded(8) == 0 ? extra : revisions).append(revision);
        }
        const RevisionGraph graph(revisions, extra);
        const QByteArray context = QByteArray::number(seed);

        QStringList loaded;
        for (int index = 0; index < graph.nodes().size(); ++index) {
            const Revision &node = graph.nodes().at(index);
            QCOMPARE(graph.indexOf(node.id), index);
            if (graph.isLoaded(node.id)) {
                loaded.append(node.id);
            }
            for (const QString &parent : graph.parents(node.id)) {
                QVERIFY2(graph.children(parent).contains(node.id), context.constData());
            }
            for (const QString &dep : graph.dependencies(node.id)) {
                QVERIFY2(graph.dependents(dep).contains(node.id), context.constData());
            }
        }
        QCOMPARE(sorted(graph.history()), sorted(loaded));
        QCOMPARE(graph.history().size(), loaded.size());
        for (const QString &id : graph.heads() + graph.bases() + graph.branchPoints()) {
            QVERIFY2(graph.isLoaded(id), context.constData());
        }
        for (const QString &query :
             {name(), name().left(3), QStringLiteral("lab1@head"), QStringLiteral("heads"),
              QStringLiteral("head"), name() + QStringLiteral("@heads")}) {
            const RevisionGraph::Resolution resolution = graph.resolve(query);
            QVERIFY2(resolution.error.isEmpty() || resolution.ids.isEmpty(), context.constData());
            for (const QString &id : resolution.ids) {
                QVERIFY2(graph.isLoaded(id), context.constData());
            }
        }
        if (graph.cycles().isEmpty() && graph.missingParents().isEmpty() &&
            graph.missingDependencies().isEmpty() && graph.duplicates().isEmpty()) {
            QVERIFY2(graph.alembicCanLoad() || !graph.branchLabelConflicts().isEmpty(),
                     context.constData());
            const QStringList history = graph.history();
            for (int position = 0; position < history.size(); ++position) {
                for (const QString &older : graph.parents(history.at(position)) +
                                                graph.dependencies(history.at(position))) {
                    QVERIFY2(history.indexOf(older) > position, context.constData());
                }
            }
        }
    }
}

void TestRevisionGraph::longChain()
{
    const int count = 20000;
    Revisions revisions;
    revisions.reserve(count);
    for (int i = 0; i < count; ++i) {
        Revision revision;
        revision.id = QStringLiteral("r%1").arg(i, 6, 10, QLatin1Char('0'));
        if (i > 0) {
            revision.downRevisions = {revisions.last().id};
        }
        revisions.append(revision);
    }
    // Load order reversed, as a directory listing might give it.
    std::reverse(revisions.begin(), revisions.end());
    const RevisionGraph graph(revisions);
    QCOMPARE(graph.heads(), QStringList({QStringLiteral("r019999")}));
    QCOMPARE(graph.bases(), QStringList({QStringLiteral("r000000")}));
    QCOMPARE(graph.history().size(), count);
    QCOMPARE(graph.history().first(), QStringLiteral("r019999"));
    QCOMPARE(graph.history().last(), QStringLiteral("r000000"));
    QCOMPARE(graph.ancestors(QStringLiteral("r019999"), true).size(), count - 1);
    QCOMPARE(graph.resolve(QStringLiteral("r01999")).error.isEmpty(), false); // ambiguous
    QCOMPARE(graph.resolve(QStringLiteral("r019999@base")).ids, QStringList());
    QCOMPARE(graph.resolve(QStringLiteral("r000000@head")).ids,
             QStringList({QStringLiteral("r019999")}));

    // A chain closed into one 20,000-long cycle terminates too.
    revisions.last().downRevisions = {QStringLiteral("r019999")};
    const RevisionGraph cyclic(revisions);
    QCOMPARE(cyclic.cycles().size(), 1);
    QCOMPARE(cyclic.cycles().first().size(), count);
    QCOMPARE(cyclic.history().size(), count);
}

void TestRevisionGraph::largeBranchedGraph()
{
    // 20,000 revisions: a main line with a side branch every 10 revisions,
    // merged back 3 later, a dependency every 50 and a labelled branch every 1000.
    const int count = 20000;
    Revisions revisions;
    revisions.reserve(count);
    QString mainTip;
    QString sideTip;
    int sideAge = 0;
    for (int i = 0; i < count; ++i) {
        Revision revision;
        revision.id = QStringLiteral("%1").arg(quint64(i) * 2654435761ULL % 0xffffffffffULL, 12, 16,
                                               QLatin1Char('0'));
        if (i == 0) {
            mainTip = revision.id;
        } else if (i % 10 == 0 && sideTip.isEmpty()) {
            revision.downRevisions = {mainTip};
            sideTip = revision.id;
            sideAge = 0;
            if (i % 1000 == 0) {
                revision.branchLabels = {QStringLiteral("side%1").arg(i)};
            }
        } else if (!sideTip.isEmpty() && ++sideAge == 3) {
            revision.downRevisions = {mainTip, sideTip};
            sideTip.clear();
            mainTip = revision.id;
        } else {
            revision.downRevisions = {mainTip};
            if (i % 50 == 0 && i > 100) {
                revision.dependsOn = {revisions.at(i - 100).id};
            }
            mainTip = revision.id;
        }
        revisions.append(revision);
    }
    QElapsedTimer timer;
    timer.start();
    const RevisionGraph graph(revisions);
    const qint64 built = timer.elapsed();
    QCOMPARE(graph.history().size(), count);
    QCOMPARE(graph.heads().size(), 1);
    QCOMPARE(graph.bases().size(), 1);
    QVERIFY(graph.branchPoints().size() > 1000);
    QVERIFY(graph.mergePoints().size() > 1000);
    QVERIFY(!graph.branchLabelMembers().isEmpty());
    QCOMPARE(graph.ancestors(graph.heads().first(), true).size(), count - 1);
    QCOMPARE(graph.descendants(revisions.first().id, false).size(), count - 1);
    QCOMPARE(graph.resolve(QStringLiteral("head")).ids, graph.heads());
    QVERIFY(graph.resolve(revisions.at(777).id.left(8)).error.isEmpty());
    QVERIFY(graph.cycles().isEmpty());
    const qint64 total = timer.elapsed();
    qInfo("20,000 revisions: built in %lld ms, built and queried in %lld ms", built, total);
    // Generous bound: debug and sanitizer builds are several times slower than release.
    QVERIFY2(total < 2000, qPrintable(QString::number(total)));
}

QTEST_GUILESS_MAIN(TestRevisionGraph)
#include "tst_revisiongraph.moc"
