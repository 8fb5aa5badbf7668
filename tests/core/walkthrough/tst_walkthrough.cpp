// Walkthrough: the reading order of a history (parents first, one branch
// finished before the next), the roles of each stop and their explanations,
// on synthetic graphs and on the demo project, with the real Alembic as an
// oracle for the demo's revisions and parent links.

#include "demo/demoproject.h"
#include "graphspec.h"
#include "inspection/inspector.h"
#include "testsupport.h"
#include "walkthrough/walkthrough.h"

#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Revscope;
using namespace TestSupport;

namespace {

// `spec`: loaded revisions (graphspec.h notation); `bytecode`: ids of them
// that only a .pyc defines; `extra`: revisions only bytecode defines that
// Alembic does not load.
EnvironmentInspection environment(const QString &spec, const QStringList &bytecode = {},
                                  const QString &extra = QString())
{
    Revisions loaded = parseGraphSpec(spec);
    for (Revision &revision : loaded) {
        if (bytecode.contains(revision.id)) {
            revision.origin = RevisionOrigin::Bytecode;
            revision.file =
                QStringLiteral("/project/versions/__pycache__/%1.cpython-311.pyc").arg(revision.id);
        }
    }
    Revisions others = parseGraphSpec(extra);
    for (Revision &revision : others) {
        revision.origin = RevisionOrigin::Bytecode;
        revision.file =
            QStringLiteral("/project/versions/__pycache__/%1.cpython-311.pyc").arg(revision.id);
    }
    EnvironmentInspection ei;
    ei.label = QStringLiteral("alembic.ini");
    ei.graph = RevisionGraph(loaded, others);
    return ei;
}

QString orderText(const QList<WalkthroughStep> &steps)
{
    QStringList ids;
    for (const WalkthroughStep &step : steps) {
        ids.append(step.revisionId);
    }
    return ids.join(QLatin1Char(' '));
}

// G ghost, B base, P branch point, M merge, D dependency, H head; "-" none.
QString roleLetters(int roles)
{
    QString out;
    const std::pair<StepRole, char> letters[] = {
        {StepRole::Ghost, 'G'}, {StepRole::Base, 'B'},       {StepRole::BranchPoint, 'P'},
        {StepRole::Merge, 'M'}, {StepRole::Dependency, 'D'}, {StepRole::Head, 'H'},
    };
    for (const auto &[role, letter] : letters) {
        if (roles & int(role)) {
            out += QLatin1Char(letter);
        }
    }
    return out.isEmpty() ? QStringLiteral("-") : out;
}

QString rolesText(const QList<WalkthroughStep> &steps)
{
    QStringList out;
    for (const WalkthroughStep &step : steps) {
        out.append(step.revisionId + QLatin1Char(':') + roleLetters(step.roles));
    }
    return out.join(QLatin1Char(' '));
}

// Every parent and dependency comes before the revision; every node once.
QString orderProblem(const RevisionGraph &graph, const QList<WalkthroughStep> &steps)
{
    QHash<QString, int> position;
    for (int i = 0; i < steps.size(); ++i) {
        if (position.contains(steps.at(i).revisionId)) {
            return QStringLiteral("%1 appears twice").arg(steps.at(i).revisionId);
        }
        position.insert(steps.at(i).revisionId, i);
    }
    if (position.size() != graph.nodes().size()) {
        return QStringLiteral("%1 steps for %2 nodes")
            .arg(position.size())
            .arg(graph.nodes().size());
    }
    for (const Revision &node : graph.nodes()) {
        for (const QString &parent : graph.parents(node.id) + graph.dependencies(node.id)) {
            if (position.value(parent, -1) >= position.value(node.id)) {
                return QStringLiteral("%1 comes after its child %2").arg(parent, node.id);
            }
        }
    }
    return QString();
}

const WalkthroughStep *stepOf(const QList<WalkthroughStep> &steps, const QString &id)
{
    const int index = Walkthrough::indexOf(steps, id);
    return index < 0 ? nullptr : &steps.at(index);
}

} // namespace

class TestWalkthrough : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void order_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("bytecode");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("order");
        QTest::addColumn<QString>("roles");

        QTest::newRow("linear") << QStringLiteral("a b:a c:b") << QStringList() << QString()
                                << QStringLiteral("a b c") << QStringLiteral("a:B b:- c:H");
        QTest::newRow("load order does not matter")
            << QStringLiteral("c:b b:a a") << QStringList() << QString() << QStringLiteral("a b c")
            << QStringLiteral("a:B b:- c:H");
        QTest::newRow("branch and merge")
            << QStringLiteral("a b:a c:a d:b e:c m:d,e") << QStringList() << QString()
            << QStringLiteral("a c e b d m") << QStringLiteral("a:BP c:- e:- b:- d:- m:MH");
        QTest::newRow("two open branches")
            << QStringLiteral("a b:a x:a c:b y:x d:c") << QStringList() << QString()
            << QStringLiteral("a b c d x y") << QStringLiteral("a:BP b:- c:- d:H x:- y:H");
        QTest::newRow("merge is also a branch point")
            << QStringLiteral("a b:a c:a m:b,c n:m o:m") << QStringList() << QString()
            << QStringLiteral("a c b m o n") << QStringLiteral("a:BP c:- b:- m:PM o:H n:H");
        QTest::newRow("two bases")
            << QStringLiteral("a b:a x y:x") << QStringList() << QString()
            << QStringLiteral("x y a b") << QStringLiteral("x:B y:H a:B b:H");
        QTest::newRow("depends_on across lines waits for its line")
            << QStringLiteral("x y:x|b z:y a b:a c:b") << QStringList() << QString()
            << QStringLiteral("a b c x y z") << QStringLiteral("a:B b:- c:H x:B y:D z:H");
        QTest::newRow("missing parent") << QStringLiteral("b:g c:b") << QStringList() << QString()
                                        << QStringLiteral("g b c") << QStringLiteral("g:G b:- c:H");
        QTest::newRow("bytecode-only, not loaded")
            << QStringLiteral("a b:a") << QStringList() << QStringLiteral("old:gone")
            << QStringLiteral("a b gone old") << QStringLiteral("a:B b:H gone:G old:G");
        QTest::newRow("bytecode-only, loaded (sourceless)")
            << QStringLiteral("a b:a c:b") << QStringList{QStringLiteral("b")} << QString()
            << QStringLiteral("a b c") << QStringLiteral("a:B b:G c:H");
        QTest::newRow("ghost between loaded revisions")
            << QStringLiteral("a c:g,a d:c") << QStringList() << QString()
            << QStringLiteral("a g c d") << QStringLiteral("a:B g:G c:M d:H");
    }

    void order()
    {
        QFETCH(QString, spec);
        QFETCH(QStringList, bytecode);
        QFETCH(QString, extra);
        QFETCH(QString, order);
        QFETCH(QString, roles);

        const EnvironmentInspection ei = environment(spec, bytecode, extra);
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei, false);
        QCOMPARE(orderProblem(ei.graph, steps), QString());
        QCOMPARE(orderText(steps), order);
        QCOMPARE(rolesText(steps), roles);
        // Stable: the same graph gives the same walk.
        QCOMPARE(orderText(Walkthrough::steps(ei, false)), order);
    }

    // Cycles and self-references end in a walk over every node, not a hang.
    void brokenGraphs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("two-cycle") << QStringLiteral("a:b b:a c");
        QTest::newRow("self loop") << QStringLiteral("a:a b:a");
        QTest::newRow("dependency cycle") << QStringLiteral("a b:a|c c:b");
        QTest::newRow("cycle above a base") << QStringLiteral("base c:d,base d:c e:d");
        QTest::newRow("duplicates") << QStringLiteral("a b:a b:a c:b");
    }

    void brokenGraphs()
    {
        QFETCH(QString, spec);
        const EnvironmentInspection ei = environment(spec);
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei, false);
        QCOMPARE(steps.size(), ei.graph.nodes().size());
        QSet<QString> seen;
        for (const WalkthroughStep &step : steps) {
            QVERIFY(!seen.contains(step.revisionId));
            seen.insert(step.revisionId);
        }
    }

    // Each arm of a branch point is read to its end before the next starts.
    void branchesStayTogether()
    {
        QString spec = QStringLiteral("root");
        for (const char *arm : {"p", "q", "r"}) {
            QString previous = QStringLiteral("root");
            for (int i = 0; i < 20; ++i) {
                const QString id = QStringLiteral("%1%2").arg(QLatin1String(arm)).arg(i);
                spec += QStringLiteral(" %1:%2").arg(id, previous);
                previous = id;
            }
        }
        const EnvironmentInspection ei = environment(spec);
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei, false);
        QCOMPARE(orderProblem(ei.graph, steps), QString());
        for (int i = 1; i < steps.size(); ++i) {
            const bool armStarts = steps.at(i).parents == QStringList{QStringLiteral("root")};
            if (!armStarts) {
                QCOMPARE(steps.at(i).parents, QStringList{steps.at(i - 1).revisionId});
            }
        }
    }

    // A 20,000-long chain: linear time, no recursion.
    void longChain()
    {
        QString spec = QStringLiteral("r0");
        for (int i = 1; i < 20000; ++i) {
            spec += QStringLiteral(" r%1:r%2").arg(i).arg(i - 1);
        }
        const EnvironmentInspection ei = environment(spec);
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei, false);
        QCOMPARE(steps.size(), 20000);
        QCOMPARE(steps.constFirst().revisionId, QStringLiteral("r0"));
        QCOMPARE(steps.constLast().revisionId, QStringLiteral("r19999"));
    }

    void explanations()
    {
        const EnvironmentInspection ei =
            environment(QStringLiteral("a b:a c:a m:b,c x#audit y:x|b z:y q:ghost"), {},
                        QStringLiteral("old:gone"));
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei, false);
        auto text = [&steps](const QString &id) {
            const WalkthroughStep *step = stepOf(steps, id);
            return step ? step->explanations.join(QLatin1Char('\n')) : QString();
        };

        const QString a = text(QStringLiteral("a"));
        QVERIFY2(a.contains(QLatin1String("is a base")), qPrintable(a));
        QVERIFY2(a.contains(QLatin1String("2 bases")), qPrintable(a));
        QVERIFY2(a.contains(QLatin1String("branch point")) && a.contains(QLatin1String("(b, c)")),
                 qPrintable(a));
        const QString m = text(QStringLiteral("m"));
        QVERIFY2(m.contains(QLatin1String("merge")) && m.contains(QLatin1String("b, c")),
                 qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("alembic upgrade heads")), qPrintable(m)); // m is a head
        const QString x = text(QStringLiteral("x"));
        QVERIFY2(x.contains(QLatin1String("audit@head")), qPrintable(x));
        const QString y = text(QStringLiteral("y"));
        QVERIFY2(y.contains(QLatin1String("depends on b")), qPrintable(y));
        const QString ghost = text(QStringLiteral("ghost"));
        QVERIFY2(ghost.contains(QLatin1String("Can't locate revision identified by 'ghost'")) &&
                     ghost.contains(QLatin1String("refer to it (q)")),
                 qPrintable(ghost));
        const QString gone = text(QStringLiteral("gone"));
        QVERIFY2(gone.contains(QLatin1String("does not look for it")) &&
                     !gone.contains(QLatin1String("Can't locate")),
                 qPrintable(gone));
        const QString old = text(QStringLiteral("old"));
        QVERIFY2(old.contains(QLatin1String("Only bytecode")) &&
                     old.contains(QLatin1String("old.cpython-311.pyc")) &&
                     old.contains(QLatin1String("sourceless is off")),
                 qPrintable(old));
        QVERIFY(text(QStringLiteral("b")).isEmpty()); // an ordinary step needs no words

        const EnvironmentInspection single = environment(QStringLiteral("a b:a"));
        const QList<WalkthroughStep> two = Walkthrough::steps(single, false);
        QVERIFY(two.at(0).explanations.join(QString()).contains(QLatin1String("is the base")));
        QVERIFY(two.at(1).explanations.join(QString()).contains(QLatin1String("is the head")));
    }

    void roleNames()
    {
        QCOMPARE(
            Walkthrough::roles(int(StepRole::Head) | int(StepRole::Ghost) | int(StepRole::Base)),
            (QList<StepRole>{StepRole::Ghost, StepRole::Base, StepRole::Head}));
        QCOMPARE(Walkthrough::roleName(StepRole::Ghost, RevisionOrigin::Bytecode),
                 QStringLiteral("bytecode only"));
        QCOMPARE(Walkthrough::roleName(StepRole::Ghost), QStringLiteral("missing"));
        QCOMPARE(Walkthrough::roleName(StepRole::BranchPoint), QStringLiteral("branch point"));
    }

    void scriptsAreRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        writeFile(root + QLatin1String("/alembic.ini"), "[alembic]\nscript_location = mig\n");
        writeFile(root + QLatin1String("/mig/env.py"), "# env\n");
        writeFile(root + QLatin1String("/mig/versions/a1_init.py"),
                  "\"\"\"init\n\nRevision ID: a1\nCreate Date: 2024-01-02 03:04:05\n\"\"\"\n"
                  "from alembic import op\nrevision = 'a1'\ndown_revision = None\n"
                  "def upgrade():\n    op.create_table('t')\n");
        writeFile(root + QLatin1String("/mig/versions/b2_next.py"),
                  "\"\"\"next\"\"\"\nrevision = 'b2'\ndown_revision = 'a1'\n"
                  "def upgrade():\n    pass\n");
        writeFile(root + QLatin1String("/mig/versions/c3_broken.py"),
                  "\"\"\"broken\"\"\"\nrevision = 'c3'\ndown_revision = 'b2'\n"
                  "def upgrade():\n    op.drop_table('t'\n");
        InspectOptions options;
        options.root = root;
        const InspectionPtr inspection = Inspector::inspect(options);
        QCOMPARE(inspection->environments.size(), 1);
        const QList<WalkthroughStep> steps = Walkthrough::steps(inspection->environments.at(0));
        QCOMPARE(orderText(steps), QStringLiteral("a1 b2"));
        const WalkthroughStep &first = steps.at(0);
        QCOMPARE(first.message, QStringLiteral("init"));
        QCOMPARE(first.createDate, QStringLiteral("2024-01-02 03:04:05"));
        QVERIFY(first.file.endsWith(QLatin1String("/mig/versions/a1_init.py")));
        QCOMPARE(first.line, 7);
        QCOMPARE(first.changes.describeUpgrade(), QStringList{QStringLiteral("creates table t")});
        QVERIFY(steps.at(1).changes.upgradeEmpty);
    }

    void demoProject()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY2(DemoProject::materialize(dir.path(), false, &error), qPrintable(error));
        InspectOptions options;
        options.root = dir.path();
        const InspectionPtr inspection = Inspector::inspect(options);
        QCOMPARE(inspection->environments.size(), 1);
        const EnvironmentInspection &ei = inspection->environments.at(0);
        const QList<WalkthroughStep> steps = Walkthrough::steps(ei);
        QCOMPARE(orderProblem(ei.graph, steps), QString());

        auto roles = [&steps](const QString &id) {
            const WalkthroughStep *step = stepOf(steps, id);
            return step ? roleLetters(step->roles) : QStringLiteral("absent");
        };
        QCOMPARE(steps.constFirst().revisionId, QStringLiteral("b891cb8863b5"));
        QCOMPARE(roles(QStringLiteral("b891cb8863b5")), QStringLiteral("B"));
        QCOMPARE(roles(QStringLiteral("4d2c8e1f9b70")), QStringLiteral("B"));
        QCOMPARE(roles(QStringLiteral("4a9c3f8e1d62")), QStringLiteral("P"));
        QCOMPARE(roles(QStringLiteral("6d39478753c0")), QStringLiteral("M"));
        QCOMPARE(roles(QStringLiteral("8b1f6d3a0e25")), QStringLiteral("D"));
        QVERIFY(roles(QStringLiteral("a2242b61af45")).contains(QLatin1Char('G')));
        QCOMPARE(stepOf(steps, QStringLiteral("a2242b61af45"))->origin, RevisionOrigin::Bytecode);
        for (const QString &head : ei.graph.heads()) {
            QVERIFY2(roles(head).contains(QLatin1Char('H')), qPrintable(head));
        }

        const WalkthroughStep *merge = stepOf(steps, QStringLiteral("6d39478753c0"));
        QVERIFY(merge->changes.upgradeEmpty);
        QVERIFY(merge->explanations.join(QString()).contains(QLatin1String("changes nothing")));
        const WalkthroughStep *backfill = stepOf(steps, QStringLiteral("0c4e6f2b8a75"));
        QCOMPARE(backfill->changes.describeUpgrade(),
                 QStringList{QStringLiteral("runs SQL: UPDATE mailboxes SET quota_bytes = "
                                            "1073741824 WHERE quota_bytes IS NULL")});
        for (const WalkthroughStep &step : steps) {
            if (step.origin == RevisionOrigin::Source) {
                QVERIFY2(step.changes.error.isEmpty(), qPrintable(step.changes.error));
                QVERIFY2(!step.message.isEmpty(), qPrintable(step.revisionId));
            }
        }

        // The real Alembic: `alembic history` lists the same revisions as the
        // steps Alembic loads, and each of its parent links is respected.
        if (alembicPython().isEmpty()) {
            QSKIP("/usr/bin/python3 cannot import alembic: the Alembic oracle part is skipped");
        }
        const ProcessResult history =
            alembic(dir.filePath(QStringLiteral("back")), {QStringLiteral("history")});
        QVERIFY2(history.exitCode == 0, history.err.constData());
        static const QRegularExpression line(QStringLiteral("^(.*?) -> (\\w+)"));
        QSet<QString> alembicIds;
        QHash<QString, int> position;
        for (int i = 0; i < steps.size(); ++i) {
            position.insert(steps.at(i).revisionId, i);
        }
        for (const QString &text : QString::fromUtf8(history.out).split(QLatin1Char('\n'))) {
            const QRegularExpressionMatch match = line.match(text);
            if (!match.hasMatch()) {
                continue;
            }
            const QString child = match.captured(2);
            alembicIds.insert(child);
            // "a, b -> m" for a merge, "x (dep) -> y" for depends_on.
            static const QRegularExpression separators(QStringLiteral("[,()\\s]+"));
            for (const QString &parent : match.captured(1).split(separators, Qt::SkipEmptyParts)) {
                if (parent != QLatin1String("<base>")) {
                    QVERIFY2(position.value(parent, -1) >= 0 &&
                                 position.value(parent) < position.value(child),
                             qPrintable(parent + QLatin1String(" -> ") + child));
                }
            }
        }
        QSet<QString> loadedIds;
        for (const WalkthroughStep &step : steps) {
            if (step.loaded) {
                loadedIds.insert(step.revisionId);
            }
        }
        QCOMPARE(alembicIds.size(), 23);
        QCOMPARE(loadedIds, alembicIds);
    }
};

QTEST_GUILESS_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
