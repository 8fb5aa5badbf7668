// MarkdownReport: the sections, tables whose cells survive `|` and line
// breaks, the mermaid flowchart (or a sentence for a big graph), steps in
// order with stable anchors, and project text that never becomes markup.

#include "report/markdownreport.h"
#include "reportfixtures.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Revscope;
using namespace ReportFixtures;

namespace {

// The cells of a GFM table row: split on `|` not escaped by a backslash.
QStringList cells(const QString &row)
{
    QStringList result;
    QString cell;
    const QString inner = row.trimmed().mid(1); // after the leading '|'
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner.at(i) == QLatin1Char('\\') && i + 1 < inner.size()) {
            cell += inner.at(i);
            cell += inner.at(++i);
        } else if (inner.at(i) == QLatin1Char('|')) {
            result.append(cell.trimmed());
            cell.clear();
        } else {
            cell += inner.at(i);
        }
    }
    return result;
}

// The rows of the table right under `heading` (header and rule excluded).
QList<QStringList> tableAfter(const QString &markdown, const QString &heading)
{
    QList<QStringList> rows;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    qsizetype i = lines.indexOf(heading);
    if (i < 0) {
        return rows;
    }
    while (i < lines.size() && !lines.at(i).startsWith(QLatin1Char('|'))) {
        ++i;
    }
    for (i += 2; i < lines.size() && lines.at(i).startsWith(QLatin1Char('|')); ++i) {
        rows.append(cells(lines.at(i)));
    }
    return rows;
}

// The lines of the ```mermaid block, without its fences; empty when none.
QStringList mermaidBlock(const QString &markdown)
{
    const qsizetype start = markdown.indexOf(QLatin1String("```mermaid\n"));
    if (start < 0) {
        return {};
    }
    const qsizetype body = start + 11;
    const qsizetype end = markdown.indexOf(QLatin1String("\n```\n"), body);
    return markdown.mid(body, end - body).split(QLatin1Char('\n'));
}

QStringList stepAnchorsIn(const QString &markdown)
{
    QStringList anchors;
    static const QRegularExpression anchor(QStringLiteral("^<a id=\"([^\"]+)\"></a>$"),
                                           QRegularExpression::MultilineOption);
    auto it = anchor.globalMatch(markdown);
    while (it.hasNext()) {
        anchors.append(it.next().captured(1));
    }
    return anchors;
}

} // namespace

class TestMarkdownReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void demoDocument()
    {
        QTemporaryDir dir;
        const QString root = demo(dir);
        QVERIFY(!root.isEmpty());
        const Project project = inspect(root, QStringLiteral("ini"));
        const QString md = MarkdownReport::render(*project.inspection, project.walkthroughs);
        const EnvironmentInspection &env = project.inspection->environments.first();

        for (const ReportSection section :
             {ReportSection::Summary, ReportSection::Graph, ReportSection::FindingList,
              ReportSection::Walkthrough, ReportSection::Images}) {
            const QString heading = QStringLiteral("## ") + ReportContent::sectionTitle(section);
            QVERIFY2(md.contains(QLatin1Char('\n') + heading + QLatin1Char('\n')),
                     qPrintable(heading));
        }

        // Summary: one row per environment, a cell per column.
        const QList<QStringList> summary = tableAfter(
            md, QStringLiteral("## ") + ReportContent::sectionTitle(ReportSection::Summary));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.first().size(), ReportContent::environmentColumns(true).size());
        QCOMPARE(summary.first().first(), env.label);

        // Findings: every one in the table of its severity, four cells each.
        QSet<QString> codes;
        int rows = 0;
        for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
            const int count = project.inspection->count(severity);
            if (count == 0) {
                continue;
            }
            const QList<QStringList> table = tableAfter(
                md, QStringLiteral("### ") + ReportContent::severityHeading(severity, count));
            QCOMPARE(table.size(), count);
            for (const QStringList &row : table) {
                QCOMPARE(row.size(), 4);
                QVERIFY(row.first().startsWith(QLatin1Char('`')));
                codes.insert(row.first().mid(1, row.first().size() - 2));
            }
            rows += int(table.size());
        }
        QCOMPARE(rows, project.inspection->findings.size());
        QCOMPARE(codes, findingCodes(*project.inspection));

        // The mermaid flowchart: a node per revision, an arrow per link.
        const QStringList mermaid = mermaidBlock(md);
        QVERIFY(!mermaid.isEmpty());
        QCOMPARE(mermaid.first(), QStringLiteral("flowchart TB"));
        const ReportGraph graph = ReportContent::graph(*project.inspection, ReportOptions());
        QCOMPARE(mermaid.filter(QRegularExpression(QStringLiteral("^ +n\\d+\\[\""))).size(),
                 env.graph.nodes().size());
        QCOMPARE(
            mermaid.filter(QRegularExpression(QStringLiteral("^ +n\\d+ -(-|\\.-)> n\\d+$"))).size(),
            graph.request.edges.size());
        QVERIFY(mermaid.filter(QRegularExpression(QStringLiteral("^ +class .* head$"))).size() ==
                1);

        // The steps, in order, each linked from its parents.
        QCOMPARE(stepAnchorsIn(md), expectedStepAnchors(project));
        for (const WalkthroughStep &step : project.walkthroughs.first()) {
            QVERIFY2(md.contains(QStringLiteral("`%1`").arg(step.revisionId)),
                     qPrintable(step.revisionId));
        }
        QVERIFY(md.contains(MarkdownReport::escaped(ReportContent::changesHeading())));
    }

    void tableCellsSurviveTheirText()
    {
        QTemporaryDir dir;
        writeHostileProject(dir.path());
        const Project project = inspect(dir.path());
        Inspection inspection = *project.inspection;
        Finding finding = Finding::make(QStringLiteral("cycle"), Severity::Error,
                                        QStringLiteral("a | b\nc <b>d</b>"),
                                        dir.filePath(QStringLiteral("migrations/x|y.py")), 3);
        finding.fix = QStringLiteral("e|f");
        inspection.findings = {finding};
        const QString md = MarkdownReport::render(inspection, project.walkthroughs);
        const QList<QStringList> table = tableAfter(
            md, QStringLiteral("### ") + ReportContent::severityHeading(Severity::Error, 1));
        QCOMPARE(table.size(), 1);
        const QStringList row = table.first();
        QCOMPARE(row.size(), 4);
        QCOMPARE(row.at(0), QStringLiteral("`cycle`"));
        QCOMPARE(row.at(1), QStringLiteral("`migrations/x\\|y.py:3`"));
        QCOMPARE(row.at(2), QStringLiteral("a \\| b<br>c \\<b\\>d\\</b\\>"));
        QCOMPARE(row.at(3), QStringLiteral("e\\|f"));
    }

    void hostileTextStaysText()
    {
        QTemporaryDir dir;
        writeHostileProject(dir.path());
        const Project project = inspect(dir.path());
        const QString md = MarkdownReport::render(*project.inspection, project.walkthroughs);
        // Every `<` of the project's text is escaped.
        static const QRegularExpression raw(QStringLiteral("(?<!\\\\)<(script|img|!--|/code)"));
        QVERIFY2(!raw.match(md).hasMatch(), qPrintable(raw.match(md).captured()));
        QVERIFY(md.contains(QLatin1String("\\<script\\>")));
        QVERIFY(!md.contains(QChar(1)));
        // The step's heading holds the message, escaped.
        QVERIFY(md.contains(QStringLiteral("`002` \\<script\\>alert(\"x\")\\</script\\> \\& ")));
        // The mermaid label uses mermaid's entity codes.
        const QStringList mermaid = mermaidBlock(md);
        QVERIFY(!mermaid.filter(QLatin1String("#lt;script#gt;alert(#quot;x#quot;)")).isEmpty());
        QCOMPARE(stepAnchorsIn(md), expectedStepAnchors(project));
    }

    void bigGraphIsASentence()
    {
        QTemporaryDir dir;
        writeChain(dir.path(), 40);
        const Project project = inspect(dir.path());
        ReportOptions options;
        const QString drawn = MarkdownReport::render(*project.inspection, project.walkthroughs);
        QCOMPARE(
            mermaidBlock(drawn).filter(QRegularExpression(QStringLiteral("^ +n\\d+\\["))).size(),
            40);
        options.maxMermaidNodes = 39;
        const QString md =
            MarkdownReport::render(*project.inspection, project.walkthroughs, options);
        QVERIFY(mermaidBlock(md).isEmpty());
        QVERIFY(md.contains(QStringLiteral("revscope graph")));
        QCOMPARE(stepAnchorsIn(md).size(), 40);
    }

    void collapsedRunsInMermaid()
    {
        QTemporaryDir dir;
        writeChain(dir.path(), 80);
        const Project project = inspect(dir.path());
        const QStringList mermaid =
            mermaidBlock(MarkdownReport::render(*project.inspection, project.walkthroughs));
        // Base, one run of 78, head.
        QCOMPARE(mermaid.filter(QRegularExpression(QStringLiteral("^ +n\\d+\\["))).size(), 3);
        QCOMPARE(mermaid.filter(QRegularExpression(QStringLiteral("^ +n\\d+\\[\\[\"78 "))).size(),
                 1);
    }

    void escaped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("tableCell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("add column") << false
                               << QStringLiteral("add column");
        QTest::newRow("intraword underscore")
            << QStringLiteral("password_hash") << false << QStringLiteral("password_hash");
        QTest::newRow("dunder") << QStringLiteral("__init__") << false
                                << QStringLiteral("\\_\\_init\\_\\_");
        QTest::newRow("markup") << QStringLiteral("<b>*x*</b> [l](u) `c` #1 ~s~ &amp;") << false
                                << QStringLiteral(
                                       "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\`c\\` \\#1 \\~s\\~ "
                                       "\\&amp;");
        QTest::newRow("newline in text")
            << QStringLiteral("a\r\nb") << false << QStringLiteral("a b");
        QTest::newRow("newline in cell")
            << QStringLiteral("a\nb|c") << true << QStringLiteral("a<br>b\\|c");
        QTest::newRow("backslash") << QStringLiteral("C:\\x") << false << QStringLiteral("C:\\\\x");
    }
    void escaped()
    {
        QFETCH(QString, text);
        QFETCH(bool, tableCell);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownReport::escaped(text, tableCell), expected);
    }

    void codeSpan_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("tableCell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("a/b.py") << false << QStringLiteral("`a/b.py`");
        QTest::newRow("backtick inside")
            << QStringLiteral("a`b") << false << QStringLiteral("``a`b``");
        QTest::newRow("backtick at the end")
            << QStringLiteral("ab`") << false << QStringLiteral("`` ab` ``");
        QTest::newRow("pipe in a cell")
            << QStringLiteral("a|b") << true << QStringLiteral("`a\\|b`");
        QTest::newRow("pipe outside a table")
            << QStringLiteral("a|b") << false << QStringLiteral("`a|b`");
        QTest::newRow("newline") << QStringLiteral("a\nb") << false << QStringLiteral("`a b`");
        QTest::newRow("empty") << QString() << false << QString();
    }
    void codeSpan()
    {
        QFETCH(QString, text);
        QFETCH(bool, tableCell);
        QFETCH(QString, expected);
        QCOMPARE(MarkdownReport::codeSpan(text, tableCell), expected);
    }
};

QTEST_GUILESS_MAIN(TestMarkdownReport)
#include "tst_markdownreport.moc"
