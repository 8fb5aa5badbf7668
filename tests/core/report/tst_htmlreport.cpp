// HtmlReport: the page parses as XML, draws every revision as a linked SVG
// node, fetches nothing, escapes the project's text, lists every finding and
// walks through every step in order; on the demo and on synthetic projects.

#include "report/htmlreport.h"
#include "reportfixtures.h"

#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

using namespace Revscope;
using namespace ReportFixtures;

namespace {

// What a test wants to know about a page, read with QXmlStreamReader.
struct Page
{
    QString error;
    QStringList elements;                      // every element name, in order
    QList<QPair<QString, QString>> attributes; // every attribute (qualified name, value)
    QStringList ids;                           // every id attribute, in order
    int svgs = 0;
    QStringList nodeLinks;    // per SVG node: the href of the link around it, empty when none
    QStringList stepIds;      // id of each <section class="step ...">, in order
    QStringList findingCodes; // text of each findings table's code cell
    QString text;             // all character data, '\n' separated
    QString style;            // the <style> element's text
};

Page parse(const QByteArray &html)
{
    Page page;
    QXmlStreamReader xml(html);
    QStringList linkStack; // href of each open <a>, empty for other elements
    bool inCodeCell = false;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = xml.name().toString();
            page.elements.append(name);
            const QXmlStreamAttributes attributes = xml.attributes();
            for (const QXmlStreamAttribute &attribute : attributes) {
                page.attributes.append(
                    {attribute.qualifiedName().toString(), attribute.value().toString()});
                if (attribute.qualifiedName() == QLatin1String("id")) {
                    page.ids.append(attribute.value().toString());
                }
            }
            const QString classes = attributes.value(QLatin1String("class")).toString();
            const QStringList classList = classes.split(QLatin1Char(' '));
            if (name == QLatin1String("svg")) {
                ++page.svgs;
            } else if (name == QLatin1String("g") && classes == QLatin1String("node")) {
                page.nodeLinks.append(linkStack.isEmpty() ? QString() : linkStack.constLast());
            } else if (name == QLatin1String("section") && classList.contains(u"step")) {
                page.stepIds.append(attributes.value(QLatin1String("id")).toString());
            } else if (name == QLatin1String("td") && classes == QLatin1String("code")) {
                inCodeCell = true;
            } else if (name == QLatin1String("style")) {
                page.style = xml.readElementText();
                continue;
            }
            linkStack.append(name == QLatin1String("a")
                                 ? attributes.value(QLatin1String("href")).toString()
                                 : QString());
        } else if (token == QXmlStreamReader::EndElement) {
            if (!linkStack.isEmpty()) {
                linkStack.removeLast();
            }
            if (xml.name() == QLatin1String("td")) {
                inCodeCell = false;
            }
        } else if (token == QXmlStreamReader::Characters && !xml.isWhitespace()) {
            page.text += xml.text().toString() + QLatin1Char('\n');
            if (inCodeCell) {
                page.findingCodes.append(xml.text().toString());
            }
        }
    }
    if (xml.hasError()) {
        page.error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    }
    return page;
}

ReportOptions fixedOptions()
{
    ReportOptions options;
    options.version = QStringLiteral("9.8.7");
    options.generated = QDateTime(QDate(2025, 10, 27), QTime(10, 0), Qt::UTC);
    return options;
}

} // namespace

class TestHtmlReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void demoPage()
    {
        QTemporaryDir dir;
        const QString root = demo(dir);
        QVERIFY(!root.isEmpty());
        const Project project = inspect(root, QStringLiteral("ini"));
        QCOMPARE(project.inspection->environments.size(), 1);
        const Page page =
            parse(HtmlReport::render(*project.inspection, project.walkthroughs, fixedOptions()));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));

        // Title, root, date and version.
        QVERIFY(page.text.contains(root));
        QVERIFY(page.text.contains(QStringLiteral("2025-10-27 10:00")));
        QVERIFY(page.text.contains(QStringLiteral("9.8.7")));

        // One SVG with a node per revision, each a link to its step.
        const EnvironmentInspection &env = project.inspection->environments.first();
        QCOMPARE(page.svgs, 1);
        QCOMPARE(page.nodeLinks.size(), env.graph.nodes().size());
        const QSet<QString> ids(page.ids.cbegin(), page.ids.cend());
        QCOMPARE(ids.size(), page.ids.size()); // unique
        for (const QString &link : page.nodeLinks) {
            QVERIFY2(link.startsWith(QLatin1Char('#')) && ids.contains(link.mid(1)),
                     qPrintable(link));
        }

        // The findings: every code of the inspection, each as often as it occurs.
        QVERIFY(!project.inspection->findings.isEmpty());
        QCOMPARE(page.findingCodes.size(), project.inspection->findings.size());
        const QSet<QString> codes(page.findingCodes.cbegin(), page.findingCodes.cend());
        QCOMPARE(codes, findingCodes(*project.inspection));
        // Each message as text, its `quoted` parts as code.
        for (const Finding &finding : project.inspection->findings) {
            for (const TextRun &run : ReportContent::textRuns(finding.message)) {
                QVERIFY2(page.text.contains(run.text), qPrintable(run.text));
            }
        }

        // One section per step, in the walkthrough's order.
        QCOMPARE(page.stepIds, expectedStepAnchors(project));
        QCOMPARE(page.stepIds.size(), env.graph.nodes().size());

        // The database was read: its column and each step's state.
        QVERIFY(env.database);
        QVERIFY(page.text.contains(ReportContent::database(env)));
        QVERIFY(page.text.contains(ReportContent::databaseState(env, env.graph.heads().first())));

        // The images the demo builds.
        QVERIFY(!project.inspection->images.isEmpty());
        QVERIFY(page.ids.contains(QStringLiteral("images")));
        for (const ImageTarget &target : project.inspection->images) {
            QVERIFY(page.text.contains(target.label(root)));
        }
    }

    void nothingExternal_data()
    {
        QTest::addColumn<bool>("hostile");
        QTest::newRow("demo") << false;
        QTest::newRow("hostile texts") << true;
    }
    void nothingExternal()
    {
        QFETCH(bool, hostile);
        QTemporaryDir dir;
        QString root = dir.path();
        if (hostile) {
            writeHostileProject(root);
        } else {
            root = demo(dir);
        }
        const Project project = inspect(root);
        const Page page = parse(HtmlReport::render(*project.inspection, project.walkthroughs));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        for (const char *forbidden : {"script", "link", "img", "iframe", "object", "embed", "image",
                                      "use", "foreignObject", "base", "form"}) {
            QVERIFY2(!page.elements.contains(QLatin1String(forbidden)), forbidden);
        }
        for (const auto &attribute : page.attributes) {
            const QString &name = attribute.first;
            QVERIFY2(name != QLatin1String("src") && name != QLatin1String("srcset") &&
                         !name.startsWith(QLatin1String("on")),
                     qPrintable(name));
            if (name == QLatin1String("href") || name == QLatin1String("xlink:href")) {
                QVERIFY2(attribute.second.startsWith(QLatin1Char('#')),
                         qPrintable(attribute.second));
            } else if (!name.startsWith(QLatin1String("xmlns"))) {
                QVERIFY2(!attribute.second.contains(QLatin1String("://")),
                         qPrintable(name + QLatin1Char('=') + attribute.second));
            }
        }
        QVERIFY(!page.style.isEmpty());
        QVERIFY(!page.style.contains(QLatin1String("url(")));
        QVERIFY(!page.style.contains(QLatin1String("@import")));
    }

    void hostileTextIsEscaped()
    {
        QTemporaryDir dir;
        writeHostileProject(dir.path());
        const Project project = inspect(dir.path());
        const QByteArray html = HtmlReport::render(*project.inspection, project.walkthroughs);
        const Page page = parse(html);
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QVERIFY(!page.elements.contains(QLatin1String("script")));
        QVERIFY(!html.contains("<script"));
        QVERIFY(!html.contains("<img"));
        // Shown as text, the control character replaced.
        QString message = QString::fromUtf8(hostileMessage());
        message.replace(QChar(1), QChar(0xFFFD));
        QVERIFY2(page.text.contains(message), qPrintable(page.text));
        QVERIFY(page.text.contains(QString::fromUtf8(hostileTable())));
        QCOMPARE(page.stepIds.size(), 3);
    }

    // Findings built by hand: every field lands in its cell, as text.
    void findingsTable()
    {
        QTemporaryDir dir;
        writeHostileProject(dir.path());
        const Project project = inspect(dir.path());
        Inspection inspection = *project.inspection;
        Finding finding =
            Finding::make(QStringLiteral("missing-parent"), Severity::Error,
                          QStringLiteral("line one | <b>two</b>\nline three"),
                          dir.filePath(QStringLiteral("migrations/versions/002_b.py")), 7);
        finding.revision = QStringLiteral("002");
        finding.environment = inspection.environments.first().label;
        finding.fix = QStringLiteral("do <this> & that");
        inspection.findings.prepend(finding);
        const Page page = parse(HtmlReport::render(inspection, project.walkthroughs));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QVERIFY(page.findingCodes.contains(QStringLiteral("missing-parent")));
        QVERIFY(page.text.contains(QStringLiteral("line one | <b>two</b>\nline three")));
        QVERIFY(page.text.contains(QStringLiteral("migrations/versions/002_b.py:7")));
        QVERIFY(page.text.contains(QStringLiteral("do <this> & that")));
        QVERIFY(page.ids.contains(QStringLiteral("findings-error")));
        // The revision links to its step.
        bool linked = false;
        for (const auto &attribute : page.attributes) {
            linked = linked || (attribute.first == QLatin1String("href") &&
                                attribute.second == QLatin1String("#step-0-002"));
        }
        QVERIFY(linked);
    }

    void largeGraphIsCollapsed()
    {
        QTemporaryDir dir;
        const QStringList ids = writeChain(dir.path(), 100);
        const Project project = inspect(dir.path());
        ReportOptions options;
        const Page page =
            parse(HtmlReport::render(*project.inspection, project.walkthroughs, options));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QCOMPARE(page.svgs, 1);
        QVERIFY2(page.nodeLinks.size() > 0 && page.nodeLinks.size() < 10,
                 qPrintable(QString::number(page.nodeLinks.size())));
        const QSet<QString> anchors(page.ids.cbegin(), page.ids.cend());
        for (const QString &link : page.nodeLinks) {
            QVERIFY2(anchors.contains(link.mid(1)), qPrintable(link));
        }
        // A collapsed run links to its first member.
        QVERIFY(
            page.nodeLinks.contains(QLatin1Char('#') + ReportContent::stepAnchor(0, ids.at(1))));
        QCOMPARE(page.stepIds.size(), 100);

        options.maxSvgNodes = 1;
        const Page without =
            parse(HtmlReport::render(*project.inspection, project.walkthroughs, options));
        QVERIFY2(without.error.isEmpty(), qPrintable(without.error));
        QCOMPARE(without.svgs, 0);
        QVERIFY(without.text.contains(QStringLiteral("revscope graph")));
    }

    void severalEnvironments()
    {
        QTemporaryDir dir;
        writeChain(dir.filePath(QStringLiteral("one")), 3);
        writeChain(dir.filePath(QStringLiteral("two")), 4);
        const Project project = inspect(dir.path());
        QCOMPARE(project.inspection->environments.size(), 2);
        const Page page = parse(HtmlReport::render(*project.inspection, project.walkthroughs));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        // The same ids in both environments get their own nodes, steps and anchors.
        QCOMPARE(page.nodeLinks.size(), 7);
        QCOMPARE(QSet<QString>(page.nodeLinks.cbegin(), page.nodeLinks.cend()).size(), 7);
        QCOMPARE(page.stepIds, expectedStepAnchors(project));
        QCOMPARE(QSet<QString>(page.ids.cbegin(), page.ids.cend()).size(), page.ids.size());
        QVERIFY(page.stepIds.contains(QStringLiteral("step-0-r000")));
        QVERIFY(page.stepIds.contains(QStringLiteral("step-1-r000")));
    }

    void noEnvironment()
    {
        QTemporaryDir dir;
        Inspection inspection;
        inspection.root = dir.path();
        const Page page = parse(HtmlReport::render(inspection, {}));
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QCOMPARE(page.svgs, 0);
        QVERIFY(page.text.contains(ReportContent::noEnvironment()));
        QVERIFY(page.text.contains(ReportContent::noFindings()));
    }

    // The style sheet is copied as text: an XML writer would escape these
    // characters, and an HTML parser would not unescape them in <style>.
    void styleSheetIsRawTextSafe()
    {
        const QString css = HtmlReport::styleSheet();
        for (const char c : {'<', '>', '&', '"'}) {
            QVERIFY2(!css.contains(QLatin1Char(c)), QByteArray(1, c).constData());
        }
        QVERIFY(css.contains(QLatin1String("prefers-color-scheme: dark")));
        QVERIFY(css.contains(QLatin1String("@media print")));
    }

    void stepAnchors_data()
    {
        QTest::addColumn<int>("environment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("anchor");
        QTest::newRow("plain") << 0 << QStringLiteral("683ac97b4dc3")
                               << QStringLiteral("step-0-683ac97b4dc3");
        QTest::newRow("underscore")
            << 1 << QStringLiteral("a_b") << QStringLiteral("step-1-a_5f_b");
        QTest::newRow("space and quote")
            << 2 << QStringLiteral("a \"b") << QStringLiteral("step-2-a_20__22_b");
        QTest::newRow("unicode") << 0 << QStringLiteral("rév") << QStringLiteral("step-0-r_e9_v");
    }
    void stepAnchors()
    {
        QFETCH(int, environment);
        QFETCH(QString, id);
        QFETCH(QString, anchor);
        QCOMPARE(ReportContent::stepAnchor(environment, id), anchor);
    }

    void textRuns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // code runs in [brackets]
        QTest::newRow("plain") << QStringLiteral("a b") << QStringLiteral("a b");
        QTest::newRow("command") << QStringLiteral("run `alembic upgrade heads` now")
                                 << QStringLiteral("run |[alembic upgrade heads]| now");
        QTest::newRow("at the edges")
            << QStringLiteral("`a` and `b`") << QStringLiteral("[a]| and |[b]");
        QTest::newRow("stray backtick pairs with the next")
            << QStringLiteral("it`s `x") << QStringLiteral("it|[s ]|x");
        QTest::newRow("unclosed") << QStringLiteral("a `b") << QStringLiteral("a `b");
        QTest::newRow("empty quote") << QStringLiteral("a `` b") << QStringLiteral("a ``| b");
    }
    void textRuns()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QStringList runs;
        for (const TextRun &run : ReportContent::textRuns(text)) {
            runs.append(run.code ? QLatin1Char('[') + run.text + QLatin1Char(']') : run.text);
        }
        QCOMPARE(runs.join(QLatin1Char('|')), expected);
    }

    void xmlSafe()
    {
        const QString text = QStringLiteral("a") + QChar(1) + QStringLiteral("b\tc\n") +
                             QChar(0xD800) + QChar(0xFFFE) + QStringLiteral("😀");
        QCOMPARE(ReportContent::xmlSafe(text), QStringLiteral("a\uFFFDb\tc\n\uFFFD\uFFFD😀"));
    }
};

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"
