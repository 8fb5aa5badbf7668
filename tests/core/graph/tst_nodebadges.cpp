// NodeBadgeTable: what the graph marks on each revision of an inspection.

#include "database/dbstate.h"
#include "graph/nodebadges.h"
#include "inspection/inspection.h"

#include "graphspec.h"

#include <QTest>

#include <memory>

using namespace Revscope;
using TestSupport::parseGraphSpec;

namespace {

// The badges as a sorted, comma-separated list of words, for readable expectations.
QString describe(const NodeBadges &badges)
{
    QStringList words;
    if (badges.head) {
        words << QStringLiteral("head");
    }
    if (badges.base) {
        words << QStringLiteral("base");
    }
    if (badges.mergePoint) {
        words << QStringLiteral("merge");
    }
    if (badges.branchPoint) {
        words << QStringLiteral("branch");
    }
    for (const QString &label : badges.branchLabels) {
        words << QStringLiteral("label=") + label;
    }
    if (badges.dbState != DbState::None) {
        words << QStringLiteral("db=") + dbStateName(badges.dbState);
    }
    if (badges.ghost) {
        words << QStringLiteral("ghost");
    }
    if (badges.bytecodeOnly) {
        words << QStringLiteral("bytecode");
    }
    if (badges.bytecodeFiles > 0) {
        words << QStringLiteral("pyc=%1").arg(badges.bytecodeFiles);
    }
    if (badges.strayBytecode) {
        words << QStringLiteral("stray");
    }
    if (badges.findings > 0) {
        words << QStringLiteral("findings=%1/%2")
                     .arg(badges.findings)
                     .arg(severityName(badges.worstSeverity));
    }
    words.sort();
    return words.join(QLatin1Char(','));
}

Finding finding(const QString &revision, Severity severity, const QString &environment)
{
    Finding f = Finding::make(QStringLiteral("test"), severity, QStringLiteral("message"));
    f.revision = revision;
    f.environment = environment;
    return f;
}

} // namespace

class TestNodeBadges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badges_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("dbRows"); // empty: no database
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("expected");

        const QString branchy = QStringLiteral("a b:a c:a#feature d:b,c e:d|c");
        QTest::newRow("base and branch point")
            << branchy << QStringList() << QStringLiteral("a") << QStringLiteral("base,branch");
        QTest::newRow("label") << branchy << QStringList() << QStringLiteral("c")
                               << QStringLiteral("label=feature");
        QTest::newRow("merge point")
            << branchy << QStringList() << QStringLiteral("d") << QStringLiteral("merge");
        QTest::newRow("head") << branchy << QStringList() << QStringLiteral("e")
                              << QStringLiteral("head");
        QTest::newRow("ghost parent") << QStringLiteral("a f:g") << QStringList()
                                      << QStringLiteral("g") << QStringLiteral("ghost");
        QTest::newRow("db current") << branchy << QStringList{QStringLiteral("d")}
                                    << QStringLiteral("d") << QStringLiteral("db=current,merge");
        QTest::newRow("db applied")
            << branchy << QStringList{QStringLiteral("d")} << QStringLiteral("c")
            << QStringLiteral("db=applied,label=feature");
        QTest::newRow("db pending") << branchy << QStringList{QStringLiteral("d")}
                                    << QStringLiteral("e") << QStringLiteral("db=pending,head");
        QTest::newRow("worst finding") << branchy << QStringList() << QStringLiteral("b")
                                       << QStringLiteral("findings=2/error");
        QTest::newRow("other environment's finding ignored")
            << branchy << QStringList() << QStringLiteral("a") << QStringLiteral("base,branch");
        QTest::newRow("bytecode only") << branchy << QStringList() << QStringLiteral("x")
                                       << QStringLiteral("bytecode,findings=1/warning,pyc=1,stray");
    }

    void badges()
    {
        QFETCH(QString, spec);
        QFETCH(QStringList, dbRows);
        QFETCH(QString, revision);
        QFETCH(QString, expected);

        Revisions extra = parseGraphSpec(QStringLiteral("x:e"));
        extra[0].origin = RevisionOrigin::Bytecode;
        Inspection inspection;
        EnvironmentInspection environment;
        environment.label = QStringLiteral("alembic.ini");
        environment.graph = RevisionGraph(parseGraphSpec(spec), extra);
        if (!dbRows.isEmpty()) {
            DatabaseState database;
            database.status = DatabaseState::Ok;
            database.versions = dbRows;
            environment.database =
                std::make_shared<DbStateCalculator>(environment.graph, database, environment.label);
        }
        inspection.environments.append(environment);
        inspection.findings << finding(QStringLiteral("b"), Severity::Warning, environment.label)
                            << finding(QStringLiteral("b"), Severity::Error, QString())
                            << finding(QStringLiteral("a"), Severity::Error,
                                       QStringLiteral("other.ini"))
                            << finding(QStringLiteral("x"), Severity::Warning, environment.label);
        BytecodeInfo stray;
        stray.path = QStringLiteral("/project/versions/__pycache__/x.cpython-311.pyc");
        stray.status = BytecodeStatus::Stray;
        stray.inVersionLocation = true;
        stray.environments = {0};
        stray.pyc.module.revision = QStringLiteral("x");
        stray.pyc.module.revisionSource = PycFieldSource::Assignment;
        BytecodeInfo elsewhere = stray; // another environment's file
        elsewhere.environments = {1};
        inspection.bytecode << stray << elsewhere;

        const NodeBadgeTable table(inspection, 0);
        QCOMPARE(table.size(), int(inspection.environments.first().graph.nodes().size()));
        QVERIFY(table.contains(revision));
        QCOMPARE(describe(table.badges(revision)), expected);
    }

    void outOfRangeEnvironment()
    {
        Inspection inspection;
        QVERIFY(NodeBadgeTable(inspection, 0).isEmpty());
        QVERIFY(NodeBadgeTable(inspection, -1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNodeBadges)
#include "tst_nodebadges.moc"
