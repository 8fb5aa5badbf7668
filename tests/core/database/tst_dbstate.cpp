#include "database/dbstate.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Revscope;

namespace {

// "id<down1,down2|dep1,dep2" (both lists optional): a source revision.
Revision revisionFromSpec(const QString &spec)
{
    Revision revision;
    QString rest = spec;
    QString deps;
    if (rest.contains(QLatin1Char('|'))) {
        deps = rest.section(QLatin1Char('|'), 1);
        rest = rest.section(QLatin1Char('|'), 0, 0);
    }
    revision.id = rest.section(QLatin1Char('<'), 0, 0);
    const QString downs = rest.section(QLatin1Char('<'), 1);
    if (!downs.isEmpty()) {
        revision.downRevisions = downs.split(QLatin1Char(','));
    }
    if (!deps.isEmpty()) {
        revision.dependsOn = deps.split(QLatin1Char(','));
    }
    revision.message = QStringLiteral("revision ") + revision.id;
    return revision;
}

// Space-separated words (QT_NO_CAST_FROM_ASCII rules out QStringList{"a"}).
QStringList ids(const char *words)
{
    return QString::fromLatin1(words).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

Revisions revisionsFromSpec(const QStringList &specs)
{
    Revisions revisions;
    for (const QString &spec : specs) {
        revisions.append(revisionFromSpec(spec));
    }
    return revisions;
}

DatabaseState stateWithRows(const QStringList &rows)
{
    DatabaseState state;
    state.url = QStringLiteral("postgresql://app:***@db/app");
    state.versionTable = QStringLiteral("alembic_version");
    state.versions = rows;
    state.status = rows.isEmpty() ? DatabaseState::Empty : DatabaseState::Ok;
    return state;
}

QStringList idsIn(const RevisionGraph &graph, const DbStateCalculator &calculator, DbState state)
{
    QStringList ids;
    for (const Revision &revision : graph.nodes()) {
        if (calculator.state(revision.id) == state) {
            ids.append(revision.id);
        }
    }
    ids.sort();
    return ids;
}

QStringList codes(const Findings &findings)
{
    QStringList result;
    for (const Finding &finding : findings) {
        result.append(finding.code);
    }
    return result;
}

const QStringList linear = {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")};
const QStringList branched = {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a")};
const QStringList withDependency = {QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("x"),
                                    QStringLiteral("y<x"), QStringLiteral("d<b|y")};
const QStringList partialIds = {QStringLiteral("1111aaaa"), QStringLiteral("c3d4e5f6<1111aaaa"),
                                QStringLiteral("abcd1111<c3d4e5f6"),
                                QStringLiteral("abcd2222<c3d4e5f6")};

} // namespace

class TestDbState : public QObject
{
    Q_OBJECT

private slots:
    void states_data()
    {
        QTest::addColumn<QStringList>("graph");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QStringList>("applied");
        QTest::addColumn<QStringList>("pending");
        QTest::addColumn<QString>("perHead");
        QTest::addColumn<QStringList>("findingCodes");

        QTest::newRow("never migrated")
            << linear << QStringList() << QStringList() << QStringList() << ids("a b c") << "c=3"
            << ids("db-no-version-table db-pending-migrations");
        QTest::newRow("at head") << linear << ids("c") << ids("c") << ids("a b") << QStringList()
                                 << "c=0" << QStringList();
        QTest::newRow("behind") << linear << ids("a") << ids("a") << QStringList() << ids("b c")
                                << "c=2" << ids("db-pending-migrations");
        QTest::newRow("two heads, both current") << branched << ids("c b") << ids("b c") << ids("a")
                                                 << QStringList() << "b=0,c=0" << QStringList();
        QTest::newRow("two heads, one behind")
            << branched << ids("b") << ids("b") << ids("a") << ids("c") << "b=0,c=1"
            << ids("db-pending-migrations");
        QTest::newRow("depends_on followed")
            << withDependency << ids("d") << ids("d") << ids("a b x y") << QStringList()
            << "d=0,y=0" << QStringList();
        QTest::newRow("dependency pending")
            << withDependency << ids("b") << ids("b") << ids("a") << ids("d x y") << "d=3,y=2"
            << ids("db-pending-migrations db-pending-migrations");
        QTest::newRow("unique partial id")
            << partialIds << ids("c3d4") << ids("c3d4e5f6") << ids("1111aaaa")
            << ids("abcd1111 abcd2222") << "abcd1111=1,abcd2222=1"
            << ids("db-pending-migrations db-pending-migrations");
        QTest::newRow("ambiguous prefix")
            << partialIds << ids("abcd") << QStringList() << QStringList()
            << ids("1111aaaa abcd1111 abcd2222 c3d4e5f6") << "abcd1111=3,abcd2222=3"
            << ids("db-unknown-revision");
        QTest::newRow("short unique prefix")
            << partialIds << ids("c3d") << ids("c3d4e5f6") << ids("1111aaaa")
            << ids("abcd1111 abcd2222") << "abcd1111=1,abcd2222=1"
            << ids("db-pending-migrations db-pending-migrations");
        QTest::newRow("unknown short prefix")
            << partialIds << ids("zzz") << QStringList() << QStringList()
            << ids("1111aaaa abcd1111 abcd2222 c3d4e5f6") << "abcd1111=3,abcd2222=3"
            << ids("db-unknown-revision");
        QTest::newRow("unknown revision")
            << linear << ids("deadbeef0000") << QStringList() << QStringList() << ids("a b c")
            << "c=3" << ids("db-unknown-revision");
        QTest::newRow("one known, one unknown")
            << branched << ids("b deadbeef0000") << ids("b") << ids("a") << ids("c") << "b=0,c=1"
            << ids("db-unknown-revision");
        QTest::newRow("row and its ancestor")
            << ids("a b<a c<a m<b,c n<m") << ids("b a") << ids("a b") << QStringList()
            << ids("c m n") << "n=3" << ids("db-overlapping-revisions");
    }

    void overlappingRows()
    {
        const RevisionGraph graph(revisionsFromSpec(ids("a b<a c<a m<b,c n<m")));
        const DbStateCalculator calculator(graph, stateWithRows(ids("a b c")));
        const Findings findings = calculator.findings();
        QCOMPARE(codes(findings), ids("db-overlapping-revisions db-overlapping-revisions"));
        QCOMPARE(findings[0].revision, QStringLiteral("b"));
        QVERIFY2(findings[0].message.contains(QLatin1String(
                     "Requested revision b overlaps with other requested revisions a")),
                 qPrintable(findings[0].message));
        QVERIFY2(findings[0].fix.contains(QLatin1String("`alembic stamp --purge b c`")),
                 qPrintable(findings[0].fix));
    }

    void states()
    {
        QFETCH(QStringList, graph);
        QFETCH(QStringList, rows);
        QFETCH(QStringList, current);
        QFETCH(QStringList, applied);
        QFETCH(QStringList, pending);
        QFETCH(QString, perHead);
        QFETCH(QStringList, findingCodes);

        const RevisionGraph revisionGraph(revisionsFromSpec(graph));
        DatabaseState database = stateWithRows(rows);
        if (rows.isEmpty()) {
            database.status = DatabaseState::NoTable;
        }
        const DbStateCalculator calculator(revisionGraph, database, QStringLiteral("alembic.ini"));
        QCOMPARE(idsIn(revisionGraph, calculator, DbState::Current), current);
        QCOMPARE(calculator.currentRevisions(), current);
        QCOMPARE(idsIn(revisionGraph, calculator, DbState::Applied), applied);
        QCOMPARE(idsIn(revisionGraph, calculator, DbState::Pending), pending);
        QStringList heads;
        for (const auto &pair : calculator.pendingPerHead()) {
            heads.append(pair.first + QLatin1Char('=') + QString::number(pair.second));
        }
        QCOMPARE(heads.join(QLatin1Char(',')), perHead);
        QCOMPARE(calculator.pendingCount(), pending.size());
        QCOMPARE(codes(calculator.findings()), findingCodes);
        for (const Finding &finding : calculator.findings()) {
            QCOMPARE(finding.environment, QStringLiteral("alembic.ini"));
            QVERIFY(!finding.message.isEmpty());
            QVERIFY(!finding.fix.isEmpty());
        }
    }

    void rowKinds()
    {
        const RevisionGraph graph(revisionsFromSpec(partialIds));
        const DbStateCalculator calculator(
            graph, stateWithRows({QStringLiteral("abcd1111"), QStringLiteral("c3d4"),
                                  QStringLiteral("abcd"), QStringLiteral("zzzz9999")}));
        const QList<VersionRow> rows = calculator.rows();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0].kind, VersionRow::Exact);
        QCOMPARE(rows[1].kind, VersionRow::Resolved);
        QCOMPARE(rows[1].revisions, QStringList{QStringLiteral("c3d4e5f6")});
        QCOMPARE(rows[2].kind, VersionRow::Ambiguous);
        QCOMPARE(rows[2].candidates,
                 (QStringList{QStringLiteral("abcd1111"), QStringLiteral("abcd2222")}));
        QVERIFY2(
            rows[2].alembicError.startsWith(QLatin1String("Multiple revisions start with 'abcd'")),
            qPrintable(rows[2].alembicError));
        QCOMPARE(rows[3].kind, VersionRow::Unknown);
        QCOMPARE(rows[3].alembicError,
                 QStringLiteral("Can't locate revision identified by 'zzzz9999'"));
        QCOMPARE(calculator.unknownRows().size(), 2);
        const Findings findings = calculator.findings();
        // c3d4e5f6 is also an ancestor of abcd1111: Alembic refuses that too.
        QCOMPARE(codes(findings),
                 ids("db-unknown-revision db-unknown-revision db-overlapping-revisions"));
        QVERIFY2(findings[0].message.contains(QLatin1String("abcd1111, abcd2222")),
                 qPrintable(findings[0].message));
        // The stamp keeps the rows Alembic can place.
        QVERIFY2(findings[0].fix.contains(QLatin1String("`alembic stamp --purge abcd1111`")),
                 qPrintable(findings[0].fix));
        QCOMPARE(findings[1].revision, QStringLiteral("zzzz9999"));
    }

    // The seed: the database is stamped at a2242b61af45, a revision a squash
    // removed; only a stray .pyc still defines it.
    void squashedRevision()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString squashFile =
            dir.filePath(QStringLiteral("b891cb8863b5_initial_squashed_migration.py"));
        QFile script(squashFile);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            "\"\"\"initial squashed migration\n\nSquashes 0f1e2d3c4b5a and a2242b61af45.\n\n"
            "Revision ID: b891cb8863b5\nRevises:\nCreate Date: 2026-02-01 10:00:00\n\"\"\"\n"
            "revision = 'b891cb8863b5'\ndown_revision = None\n");
        script.close();

        Revision squash = revisionFromSpec(QStringLiteral("b891cb8863b5"));
        squash.message = QStringLiteral("initial squashed migration");
        squash.file = squashFile;
        Revision next = revisionFromSpec(QStringLiteral("c1d2e3f4a5b6<b891cb8863b5"));
        Revision stray = revisionFromSpec(QStringLiteral("a2242b61af45<0f1e2d3c4b5a"));
        stray.origin = RevisionOrigin::Bytecode;
        stray.file =
            dir.filePath(QStringLiteral("__pycache__/a2242b61af45_add_users.cpython-311.pyc"));
        const RevisionGraph graph(Revisions{squash, next}, Revisions{stray});

        const DbStateCalculator calculator(graph, stateWithRows({QStringLiteral("a2242b61af45")}),
                                           QStringLiteral("alembic.ini"));
        const QList<VersionRow> rows = calculator.rows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].kind, VersionRow::Unknown);
        QCOMPARE(rows[0].node, QStringLiteral("a2242b61af45"));
        QCOMPARE(rows[0].nodeOrigin, RevisionOrigin::Bytecode);
        QCOMPARE(rows[0].replacedBy, QStringLiteral("b891cb8863b5"));
        // The picture still shows where the database stands.
        QCOMPARE(calculator.state(QStringLiteral("a2242b61af45")), DbState::Current);
        QCOMPARE(calculator.state(QStringLiteral("b891cb8863b5")), DbState::Pending);

        const Findings findings = calculator.findings();
        QCOMPARE(codes(findings), QStringList{QStringLiteral("db-unknown-revision")});
        const Finding &finding = findings.front();
        QCOMPARE(finding.severity, Severity::Error);
        QCOMPARE(finding.file, stray.file);
        QCOMPARE(finding.revision, QStringLiteral("a2242b61af45"));
        QVERIFY2(finding.message.contains(
                     QLatin1String("Can't locate revision identified by 'a2242b61af45'")),
                 qPrintable(finding.message));
        QVERIFY2(finding.message.contains(QLatin1String("a2242b61af45_add_users.cpython-311.pyc")),
                 qPrintable(finding.message));
        QVERIFY2(finding.message.contains(QLatin1String("b891cb8863b5")),
                 qPrintable(finding.message));
        QVERIFY2(finding.fix.contains(QLatin1String("`alembic stamp --purge b891cb8863b5`")),
                 qPrintable(finding.fix));
        QVERIFY2(
            finding.fix.contains(QLatin1String("revscope db stamp --db URL b891cb8863b5 --yes")),
            qPrintable(finding.fix));
        QVERIFY(!finding.fix.contains(QLatin1String("***")));
    }

    void unknownWithoutReplacement()
    {
        Revision stray = revisionFromSpec(QStringLiteral("a2242b61af45<b"));
        stray.origin = RevisionOrigin::Bytecode;
        stray.file = QStringLiteral("/p/versions/__pycache__/a2242b61af45_x.cpython-311.pyc");
        const RevisionGraph graph(revisionsFromSpec(linear), Revisions{stray});
        const DbStateCalculator calculator(graph, stateWithRows({QStringLiteral("a2242b61af45")}));
        // Its ancestors in the picture are applied.
        QCOMPARE(calculator.state(QStringLiteral("b")), DbState::Applied);
        QCOMPARE(calculator.state(QStringLiteral("c")), DbState::Pending);
        const Finding finding = calculator.findings().value(0);
        QCOMPARE(finding.code, QStringLiteral("db-unknown-revision"));
        QVERIFY2(finding.fix.contains(QLatin1String("came right after b")),
                 qPrintable(finding.fix));
        QVERIFY2(finding.fix.contains(QLatin1String("revscope clean")), qPrintable(finding.fix));
    }

    void unreachable_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("unreachable") << int(DatabaseState::Unreachable);
        QTest::newRow("error") << int(DatabaseState::Error);
    }

    void unreachable()
    {
        QFETCH(int, status);
        const RevisionGraph graph(revisionsFromSpec(linear));
        DatabaseState database;
        database.url = QStringLiteral("postgresql://app:***@db/app");
        database.status = DatabaseState::Status(status);
        database.error =
            QStringLiteral("Could not connect to postgresql://app:***@db/app: refused");
        const DbStateCalculator calculator(graph, database);
        QCOMPARE(calculator.state(QStringLiteral("a")), DbState::None);
        QCOMPARE(calculator.pendingCount(), 0);
        const Findings findings = calculator.findings();
        QCOMPARE(codes(findings), QStringList{QStringLiteral("db-unreachable")});
        QCOMPARE(findings[0].severity, Severity::Error);
        QVERIFY(findings[0].message.contains(database.error));
    }

    void emptyTableMessage()
    {
        const RevisionGraph graph(revisionsFromSpec(linear));
        DatabaseState database = stateWithRows({});
        const DbStateCalculator calculator(graph, database);
        const Findings findings = calculator.findings();
        QCOMPARE(findings.value(0).code, QStringLiteral("db-no-version-table"));
        QCOMPARE(findings.value(0).severity, Severity::Warning);
        QVERIFY2(findings.value(0).message.contains(QLatin1String("holds no row")),
                 qPrintable(findings.value(0).message));
        QVERIFY2(findings.value(0).fix.contains(QLatin1String("alembic stamp c")),
                 qPrintable(findings.value(0).fix));
        QCOMPARE(findings.value(1).code, QStringLiteral("db-pending-migrations"));
        QVERIFY2(findings.value(1).message.contains(QLatin1String("3 migration")),
                 qPrintable(findings.value(1).message));
    }

    // Pending revisions compared with Alembic's own RevisionMap (what
    // `alembic upgrade heads` / `alembic upgrade <head>` would run).
    void matchesAlembic_data()
    {
        QTest::addColumn<QStringList>("graph");
        QTest::addColumn<QStringList>("rows");
        QTest::newRow("linear empty") << linear << QStringList();
        QTest::newRow("linear behind") << linear << ids("a");
        QTest::newRow("branched one") << branched << ids("b");
        QTest::newRow("branched both") << branched << ids("b c");
        QTest::newRow("dependency") << withDependency << ids("b");
        QTest::newRow("dependency satisfied") << withDependency << ids("d");
        QTest::newRow("dependency branch only") << withDependency << ids("y");
        QTest::newRow("partial") << partialIds << ids("c3d4");
        QTest::newRow("partial head") << partialIds << ids("abcd1");
        QTest::newRow("ambiguous") << partialIds << ids("abcd");
        QTest::newRow("unknown") << partialIds << ids("ffff0000");
        const QStringList merge = ids("a b<a c<a m<b,c n<m");
        QTest::newRow("merge") << merge << ids("b");
        QTest::newRow("merged") << merge << ids("m");
        QTest::newRow("redundant rows") << merge << ids("b a");
    }

    void matchesAlembic()
    {
        QFETCH(QStringList, graph);
        QFETCH(QStringList, rows);
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral("-c"), QStringLiteral("import alembic")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
            QSKIP("SKIPPED: /usr/bin/python3 cannot import alembic; the oracle needs "
                  "python3-alembic");
        }
        const Revisions revisions = revisionsFromSpec(graph);
        QJsonArray specs;
        for (const Revision &revision : revisions) {
            specs.append(QJsonArray{revision.id, QJsonArray::fromStringList(revision.downRevisions),
                                    QJsonArray::fromStringList(revision.dependsOn)});
        }
        const QByteArray input =
            QJsonDocument(QJsonObject{
                              {QStringLiteral("revisions"), specs},
                              {QStringLiteral("rows"), QJsonArray::fromStringList(rows)},
                          })
                .toJson();
        const char *script = R"PY(
import json, sys
from alembic.script.revision import RevisionMap, Revision
data = json.load(sys.stdin)
revs = [Revision(r[0], tuple(r[1]) or None, dependencies=tuple(r[2]) or None) for r in data["revisions"]]
m = RevisionMap(lambda: revs)
out = {"heads": {}, "error": None}
def pending(upper):
    needs, _ = m._collect_upgrade_revisions(upper, tuple(data["rows"]), inclusive=False,
                                            implicit_base=True, assert_relative_length=True)
    return sorted(r.revision for r in needs)
try:
    out["all"] = pending("heads")
    for h in m.heads:
        out["heads"][h] = len(pending(h))
except Exception as e:
    out["error"] = str(e)
json.dump(out, sys.stdout)
)PY";
        QProcess oracle;
        oracle.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), QString::fromUtf8(script)});
        QVERIFY(oracle.waitForStarted());
        oracle.write(input);
        oracle.closeWriteChannel();
        QVERIFY(oracle.waitForFinished(30000));
        QVERIFY2(oracle.exitCode() == 0, oracle.readAllStandardError().constData());
        const QJsonObject want = QJsonDocument::fromJson(oracle.readAllStandardOutput()).object();

        const RevisionGraph revisionGraph(revisions);
        const DbStateCalculator calculator(revisionGraph, stateWithRows(rows));
        const Findings findings = calculator.findings();
        if (!want.value(QStringLiteral("error")).isNull()) {
            // Alembic refuses: so do we, with an error finding, and no pending advice.
            QVERIFY(!findings.isEmpty());
            QCOMPARE(findings.front().severity, Severity::Error);
            QVERIFY(!codes(findings).contains(QStringLiteral("db-pending-migrations")));
            return;
        }
        for (const Finding &finding : findings) {
            QVERIFY2(finding.severity != Severity::Error, qPrintable(finding.message));
        }
        QStringList wantAll;
        for (const QJsonValue &value : want.value(QStringLiteral("all")).toArray()) {
            wantAll.append(value.toString());
        }
        QCOMPARE(idsIn(revisionGraph, calculator, DbState::Pending), wantAll);
        const QJsonObject wantHeads = want.value(QStringLiteral("heads")).toObject();
        QCOMPARE(calculator.pendingPerHead().size(), wantHeads.size());
        for (const auto &pair : calculator.pendingPerHead()) {
            QVERIFY2(wantHeads.contains(pair.first), qPrintable(pair.first));
            QCOMPARE(pair.second, wantHeads.value(pair.first).toInt());
        }
    }
};

QTEST_GUILESS_MAIN(TestDbState)
#include "tst_dbstate.moc"
