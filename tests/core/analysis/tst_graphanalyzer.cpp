#include "analysis/graphanalyzer.h"
#include "graphspec.h"

#include <QtTest>

using namespace Revscope;

namespace {

Revisions parseSpec(const QString &spec)
{
    return TestSupport::parseGraphSpec(spec);
}

// "code severity revision file-name:line", sorted.
QStringList summary(const Findings &findings)
{
    QStringList lines;
    for (const Finding &finding : findings) {
        lines.append(QStringLiteral("%1 %2 %3 %4:%5")
                         .arg(finding.code, severityName(finding.severity), finding.revision,
                              QFileInfo(finding.file).fileName())
                         .arg(finding.line));
    }
    lines.sort();
    return lines;
}

} // namespace

class TestGraphAnalyzer : public QObject
{
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void messagesAndFixes();
    void labelledSideBranchFixSaysHeads();
    void missingParentOnlyInBytecode();
    void newestHeadIsBlamed();
    void duplicateNamesAllFiles();
};

void TestGraphAnalyzer::findings_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("clean") << "a b:a c:b" << QStringList();
    QTest::newRow("missing parent")
        << "a b:zz" << QStringList{QStringLiteral("missing-parent error b b.py:12")};
    QTest::newRow("missing dependency")
        << "a b:a|zz" << QStringList{QStringLiteral("missing-dependency error b b.py:13")};
    QTest::newRow("duplicate") << "a x:a x:a"
                               << QStringList{QStringLiteral("duplicate-revision error x x.py:21")};
    QTest::newRow("two-cycle") << "x a:b b:a c:a"
                               << QStringList{QStringLiteral("cycle error b b.py:22")};
    QTest::newRow("self-loop") << "a b:b" << QStringList{QStringLiteral("cycle error b b.py:12")};
    QTest::newRow("dependency cycle points at depends_on")
        << "a|b b:a" << QStringList{QStringLiteral("cycle error a a.py:3")};
    QTest::newRow("cycle Alembic does not detect")
        << "X c:d,X d:c H:c" << QStringList{QStringLiteral("cycle error d d.py:22")};
    QTest::newRow("label used twice")
        << "a#l b:a#l" << QStringList{QStringLiteral("branch-label-conflict error b b.py:14")};
    QTest::newRow("label equal to an id")
        << "a#b b:a" << QStringList{QStringLiteral("branch-label-conflict error a a.py:4")};
    QTest::newRow("multiple heads")
        << "a b:a c:a" << QStringList{QStringLiteral("multiple-heads warning c c.py:22")};
    QTest::newRow("multiple bases")
        << "a b c:b"
        << QStringList{QStringLiteral("multiple-bases warning b b.py:12"),
                       QStringLiteral("multiple-heads warning c c.py:22")};
    QTest::newRow("labelled independent branches are informational")
        << "r1#x a:r1 r2#y b:r2"
        << QStringList{QStringLiteral("multiple-bases info r2 r2.py:22"),
                       QStringLiteral("multiple-heads info b b.py:32")};
    QTest::newRow("unlabelled main line beside a labelled branch")
        << "r1 a:r1 r2#y b:r2"
        << QStringList{QStringLiteral("multiple-bases info r2 r2.py:22"),
                       QStringLiteral("multiple-heads warning b b.py:32")};
    QTest::newRow("two unlabelled bases are a warning")
        << "r1 a:r1 r2 r3#y b:r3"
        << QStringList{QStringLiteral("multiple-bases warning r3 r3.py:32"),
                       QStringLiteral("multiple-heads warning b b.py:42")};
    QTest::newRow("one label over two heads is a warning")
        << "r#x a:r b:r" << QStringList{QStringLiteral("multiple-heads warning b b.py:22")};
    QTest::newRow("heads still counted beside a label conflict")
        << "a#l b:a#l c:a"
        << QStringList{QStringLiteral("branch-label-conflict error b b.py:14"),
                       QStringLiteral("multiple-heads warning c c.py:22")};
    QTest::newRow("depends_on does not make a second head") << "a b:a c:b|a" << QStringList();
}

void TestGraphAnalyzer::findings()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, expected);
    const Findings findings =
        GraphAnalyzer::analyze(RevisionGraph(parseSpec(spec)), QStringLiteral("alembic.ini"));
    QCOMPARE(summary(findings), expected);
    for (const Finding &finding : findings) {
        QCOMPARE(finding.environment, QStringLiteral("alembic.ini"));
        QVERIFY(!finding.message.isEmpty());
        QVERIFY(!finding.fix.isEmpty());
        QVERIFY2(finding.message.contains(finding.revision), qPrintable(finding.message));
    }
}

void TestGraphAnalyzer::messagesAndFixes()
{
    const Findings heads = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("a b:a c:a"))), QStringLiteral("env"));
    QCOMPARE(heads.size(), 1);
    QVERIFY(heads.first().message.contains(QStringLiteral("b, c")));
    QVERIFY(heads.first().fix.contains(QStringLiteral("alembic merge heads")));

    const Findings missing = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("a b:zz"))), QStringLiteral("env"));
    QCOMPARE(missing.size(), 1);
    QVERIFY(missing.first().message.contains(QStringLiteral("zz")));
    QVERIFY(missing.first().fix.contains(QStringLiteral("b.py")));

    const Findings cycle = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("a:c b:a c:b"))), QStringLiteral("env"));
    QCOMPARE(cycle.size(), 1);
    QVERIFY(cycle.first().message.contains(QStringLiteral("a, b, c")));
    QVERIFY(cycle.first().message.contains(QStringLiteral("refuses")));

    const Findings undetected = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("X a:X|b b:a H:b"))), QStringLiteral("env"));
    QCOMPARE(undetected.size(), 1);
    QVERIFY(undetected.first().message.contains(QStringLiteral("does not detect")));
    QCOMPARE(undetected.first().line, 13); // a's depends_on
}

void TestGraphAnalyzer::labelledSideBranchFixSaysHeads()
{
    // Main line plus a labelled branch: merging is not the only answer.
    const Findings findings = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("r1 a:r1 r2#audit b:r2"))), QStringLiteral("env"));
    const auto it = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.code == QLatin1String("multiple-heads");
    });
    QVERIFY(it != findings.cend());
    QVERIFY2(it->fix.contains(QLatin1String("alembic upgrade heads")), qPrintable(it->fix));

    const Findings plain = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("a b:a c:a"))), QStringLiteral("env"));
    QVERIFY(!plain.isEmpty());
    QVERIFY2(!plain.first().fix.contains(QLatin1String("upgrade heads")),
             qPrintable(plain.first().fix));
}

void TestGraphAnalyzer::missingParentOnlyInBytecode()
{
    Revisions extra = parseSpec(QStringLiteral("gone:a"));
    extra.first().origin = RevisionOrigin::Bytecode;
    extra.first().file = QStringLiteral("/project/versions/__pycache__/gone.cpython-311.pyc");
    const Findings findings = GraphAnalyzer::analyze(
        RevisionGraph(parseSpec(QStringLiteral("a b:gone")), extra), QStringLiteral("env"));
    QCOMPARE(summary(findings), QStringList{QStringLiteral("missing-parent error b b.py:12")});
    QVERIFY(findings.first().message.contains(QStringLiteral("bytecode")));
    QVERIFY(findings.first().fix.contains(QStringLiteral("sourceless")));
}

void TestGraphAnalyzer::newestHeadIsBlamed()
{
    // The head created last is most likely the one that forked by mistake,
    // whatever the directory order.
    Revisions revisions = parseSpec(QStringLiteral("a c:a b:a"));
    revisions[1].createDate = QStringLiteral("2025-10-27 10:00:00.000000");
    revisions[2].createDate = QStringLiteral("2025-01-01 10:00:00.000000");
    const Findings findings =
        GraphAnalyzer::analyze(RevisionGraph(revisions), QStringLiteral("env"));
    QCOMPARE(summary(findings), QStringList{QStringLiteral("multiple-heads warning c c.py:12")});
}

void TestGraphAnalyzer::duplicateNamesAllFiles()
{
    Revisions revisions = parseSpec(QStringLiteral("a x:a x:a"));
    revisions[1].file = QStringLiteral("/project/versions/x_old.py");
    revisions[2].file = QStringLiteral("/project/versions/x_new.py");
    const Findings findings =
        GraphAnalyzer::analyze(RevisionGraph(revisions), QStringLiteral("env"));
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().file, QStringLiteral("/project/versions/x_new.py"));
    QVERIFY(findings.first().message.contains(QStringLiteral("x_old.py, x_new.py")));
}

QTEST_GUILESS_MAIN(TestGraphAnalyzer)
#include "tst_graphanalyzer.moc"
