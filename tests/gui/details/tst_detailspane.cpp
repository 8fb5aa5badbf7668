#include "demo/demoproject.h"
#include "details/detailshtml.h"
#include "details/detailspane.h"
#include "inspection/inspector.h"
#include "palettes.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>

using namespace Revscope;

using TestSupport::darkPalette;

namespace {

QString href(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded).toHtmlEscaped();
}

// The text cursor inside the first anchor to `url`, or a null cursor.
QTextCursor anchorCursor(QTextDocument *document, const QUrl &url)
{
    const QString target = url.toString(QUrl::FullyEncoded);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isAnchor() &&
                QUrl(fragment.charFormat().anchorHref()).toString(QUrl::FullyEncoded) == target) {
                QTextCursor cursor(document);
                cursor.setPosition(fragment.position() + 1);
                return cursor;
            }
        }
    }
    return QTextCursor();
}

// A hand-made inspection whose files say anything we like.
InspectionPtr handMade(const QString &message)
{
    auto inspection = std::make_shared<Inspection>();
    inspection->root = QStringLiteral("/project");
    Revision base;
    base.id = QStringLiteral("aaa111");
    base.message = message;
    base.createDate = QStringLiteral("2024-01-02 <03:04>");
    base.file = QStringLiteral("/project/m/versions/aaa111_x.py");
    base.line = 14;
    Revision child;
    child.id = QStringLiteral("bbb222");
    child.downRevisions = {QStringLiteral("aaa111"), QStringLiteral("ghost9")};
    child.message = QStringLiteral("child");
    child.file = QStringLiteral("/project/m/versions/bbb222_y.py");
    EnvironmentInspection env;
    env.label = QStringLiteral("alembic.ini");
    env.graph = RevisionGraph(Revisions{base, child});
    inspection->environments.append(env);
    Finding finding =
        Finding::make(QStringLiteral("demo-code"), Severity::Error,
                      QStringLiteral("<img src=x onerror=alert(1)> is bad"), base.file, 3);
    finding.revision = QStringLiteral("aaa111");
    finding.environment = env.label;
    finding.fix = QStringLiteral("Run <script>fix()</script> then retry");
    inspection->findings.append(finding);
    return inspection;
}

} // namespace

class TestDetailsPane : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    InspectionPtr m_demo;     // with the demo's database
    InspectionPtr m_demoNoDb; // the same project without a database
    const DetailsHtml::Colors m_colors = DetailsHtml::Colors::light();

    QString revisionHtml(const QString &id, const InspectionPtr &inspection = {}) const
    {
        return DetailsHtml::revision(inspection ? *inspection : *m_demo, 0, id, m_colors);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(DemoProject::materialize(m_dir.path(), false, &error), qPrintable(error));
        InspectOptions options;
        options.root = m_dir.path();
        m_demoNoDb = Inspector::inspect(options);
        options.database.url = QStringLiteral("ini");
        m_demo = Inspector::inspect(options);
        QVERIFY(m_demo);
        QCOMPARE(m_demo->environments.size(), 1);
        QVERIFY(m_demo->environments.first().database);
        QVERIFY(!m_demoNoDb->environments.first().database);
    }

    void linksParentsAndChildren_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("merge point") << QStringLiteral("6d39478753c0");
        QTest::newRow("branch point") << QStringLiteral("4a9c3f8e1d62");
        QTest::newRow("with depends_on") << QStringLiteral("8b1f6d3a0e25");
        QTest::newRow("depended on") << QStringLiteral("2f6a7c913e05");
    }

    void linksParentsAndChildren()
    {
        QFETCH(QString, id);
        const RevisionGraph &graph = m_demo->environments.first().graph;
        QVERIFY(graph.revision(id));
        const QString html = revisionHtml(id);
        const QStringList related =
            graph.parents(id) + graph.children(id) + graph.dependencies(id) + graph.dependents(id);
        QVERIFY(!related.isEmpty());
        for (const QString &other : related) {
            QVERIFY2(html.contains(href(DetailsHtml::revisionUrl(other))), qPrintable(other));
        }
        QVERIFY(!html.contains(href(DetailsHtml::revisionUrl(id))));
        const Revision *revision = graph.revision(id);
        QVERIFY(html.contains(revision->message.toHtmlEscaped()));
        QVERIFY(html.contains(href(
            DetailsHtml::fileUrl(DetailsHtml::Link::OpenFile, revision->file, revision->line))));
        QVERIFY(html.contains(m_demo->relativePath(revision->file)));
    }

    void mergeShowsBothParentsInOrder()
    {
        const QString html = revisionHtml(QStringLiteral("6d39478753c0"));
        const int first = html.indexOf(QLatin1String("e3f81a4c6b90"));
        const int second = html.indexOf(QLatin1String("0c4e6f2b8a75"));
        QVERIFY(first > 0 && second > first);
        QVERIFY(html.contains(QLatin1String("Merge point")));
    }

    void clickingLinkEmitsRevision()
    {
        DetailsPane pane;
        pane.resize(520, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const QString id = QStringLiteral("6d39478753c0");
        pane.setRevision(m_demo, 0, id);
        QCOMPARE(pane.revisionId(), id);
        QSignalSpy spy(&pane, &DetailsPane::revisionLinkActivated);
        const QStringList targets = {QStringLiteral("e3f81a4c6b90"),
                                     QStringLiteral("683ac97b4dc3")};
        for (const QString &target : targets) {
            QTextBrowser *browser = pane.browser();
            QTextCursor cursor =
                anchorCursor(browser->document(), DetailsHtml::revisionUrl(target));
            QVERIFY2(!cursor.isNull(), qPrintable(target));
            browser->setTextCursor(cursor);
            browser->ensureCursorVisible();
            const QPoint point = browser->cursorRect(cursor).center() + QPoint(1, 0);
            QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, point);
            QVERIFY(!spy.isEmpty());
            QCOMPARE(spy.takeFirst().first().toString(), target);
        }
        // The pane does not navigate itself: the window decides what to select.
        QCOMPARE(pane.revisionId(), id);
    }

    void escapesTextFromFiles()
    {
        const InspectionPtr inspection =
            handMade(QStringLiteral("<b>x</b> <script>alert(1)</script>"));
        const QString html =
            DetailsHtml::revision(*inspection, 0, QStringLiteral("aaa111"), m_colors);
        QVERIFY(html.contains(QLatin1String("&lt;b&gt;x&lt;/b&gt;")));
        QVERIFY(!html.contains(QLatin1String("<b>x</b>")));
        QVERIFY(!html.contains(QLatin1String("<script>")));
        QVERIFY(!html.contains(QLatin1String("<03:04>")));
        QVERIFY(!html.contains(QLatin1String("<img")));

        DetailsPane pane;
        pane.setRevision(inspection, 0, QStringLiteral("aaa111"));
        const QString shown = pane.browser()->toPlainText();
        QVERIFY(shown.contains(QLatin1String("<b>x</b> <script>alert(1)</script>")));
        QVERIFY(shown.contains(QLatin1String("<img src=x onerror=alert(1)> is bad")));

        const Finding finding = inspection->findings.first();
        const QString findingHtml = DetailsHtml::finding(*inspection, finding, m_colors);
        QVERIFY(!findingHtml.contains(QLatin1String("<script>")));
        QVERIFY(!findingHtml.contains(QLatin1String("<img")));
        pane.setFinding(inspection, finding);
        QVERIFY(pane.revisionId().isEmpty());
        const QString findingText = pane.browser()->toPlainText();
        QVERIFY(findingText.contains(QLatin1String("Run <script>fix()</script> then retry")));
        QVERIFY(findingText.contains(QLatin1String("m/versions/aaa111_x.py:3")));
        QVERIFY(findingText.contains(QLatin1String("demo-code")));
        QVERIFY(findingHtml.contains(href(DetailsHtml::revisionUrl(QStringLiteral("aaa111")))));
    }

    void showsGhostsAndFindings()
    {
        const InspectionPtr inspection = handMade(QStringLiteral("base"));
        const QString ghost =
            DetailsHtml::revision(*inspection, 0, QStringLiteral("ghost9"), m_colors);
        QVERIFY(ghost.contains(QLatin1String("Missing (ghost)")));
        QVERIFY(ghost.contains(href(DetailsHtml::revisionUrl(QStringLiteral("bbb222")))));
        const QString base =
            DetailsHtml::revision(*inspection, 0, QStringLiteral("aaa111"), m_colors);
        QVERIFY(base.contains(QLatin1String("demo-code")));
        QCOMPARE(DetailsHtml::findingsOf(*inspection, 0, QStringLiteral("aaa111")).size(), 1);
        QCOMPARE(DetailsHtml::findingsOf(*inspection, 0, QStringLiteral("bbb222")).size(), 0);
        const QString unknown =
            DetailsHtml::revision(*inspection, 0, QStringLiteral("nope"), m_colors);
        QVERIFY(unknown.contains(QLatin1String("not part of")));
        QVERIFY(
            !DetailsHtml::revision(*inspection, 7, QStringLiteral("aaa111"), m_colors).isEmpty());
    }

    void listsBytecodeWithStatus()
    {
        // The demo's deleted migration survives as a stray .pyc.
        const QString id = QStringLiteral("a2242b61af45");
        const BytecodeInfos files = DetailsHtml::bytecodeOf(*m_demo, 0, id);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().status, BytecodeStatus::Stray);
        const QString html = revisionHtml(id);
        QVERIFY(html.contains(m_demo->relativePath(files.first().path).toHtmlEscaped()));
        QVERIFY(html.contains(QLatin1String(">stray<")));
        QVERIFY(html.contains(QLatin1String("Python 3.11")));
        // Where it was compiled: inside the image, not on this machine.
        QCOMPARE(
            files.first().pyc.module.filename,
            QStringLiteral("/app/alembic/versions/a2242b61af45_add_dmarc_policy_to_domains.py"));
        QVERIFY(html.contains(QLatin1String(
            "compiled as /app/alembic/versions/a2242b61af45_add_dmarc_policy_to_domains.py")));
        QVERIFY(html.contains(QLatin1String("Bytecode only")));
        // A script revision without bytecode has no bytecode section.
        QVERIFY(DetailsHtml::bytecodeOf(*m_demo, 0, QStringLiteral("6d39478753c0")).isEmpty());
        QVERIFY(!revisionHtml(QStringLiteral("6d39478753c0")).contains(QLatin1String("BYTECODE")));
    }

    void showsDatabaseState()
    {
        const EnvironmentInspection &env = m_demo->environments.first();
        QStringList current;
        QStringList applied;
        QStringList pending;
        for (const Revision &revision : env.graph.nodes()) {
            switch (env.dbState(revision.id)) {
            case DbState::Current:
                current << revision.id;
                break;
            case DbState::Applied:
                applied << revision.id;
                break;
            case DbState::Pending:
                pending << revision.id;
                break;
            case DbState::None:
                break;
            }
        }
        QVERIFY(!current.isEmpty());
        QVERIFY(!applied.isEmpty());
        QVERIFY(!pending.isEmpty());
        QVERIFY(revisionHtml(current.first()).contains(QLatin1String("the database stands here")));
        QVERIFY(revisionHtml(current.first()).contains(QLatin1String("Database is here")));
        QVERIFY(revisionHtml(applied.first()).contains(QLatin1String("has run on this database")));
        QVERIFY(revisionHtml(pending.first()).contains(QLatin1String("would run it")));
        const QString withoutDb = revisionHtml(current.first(), m_demoNoDb);
        QVERIFY(withoutDb.contains(QLatin1String("No database was read")));
        QVERIFY(!withoutDb.contains(QLatin1String("the database stands here")));
    }

    void linkRoundTrip_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("plain") << QStringLiteral("ae1027a6acf");
        QTest::newRow("delimiters") << QStringLiteral("a&b=c#d%e f+g?h");
        QTest::newRow("unicode") << QStringLiteral("r\u00e9vision-\u2603");
        QTest::newRow("path") << QStringLiteral("/home/me/my project/versions/x#1.py");
    }

    void linkRoundTrip()
    {
        QFETCH(QString, target);
        const DetailsHtml::Link revision = DetailsHtml::parseLink(DetailsHtml::revisionUrl(target));
        QCOMPARE(revision.kind, DetailsHtml::Link::Revision);
        QCOMPARE(revision.target, target);
        // Through the document's href too, as a click delivers it.
        const QUrl viaHref(DetailsHtml::revisionUrl(target).toString(QUrl::FullyEncoded));
        QCOMPARE(DetailsHtml::parseLink(viaHref).target, target);
        const DetailsHtml::Link open =
            DetailsHtml::parseLink(DetailsHtml::fileUrl(DetailsHtml::Link::OpenFile, target, 12));
        QCOMPARE(open.kind, DetailsHtml::Link::OpenFile);
        QCOMPARE(open.target, target);
        QCOMPARE(open.line, 12);
        const DetailsHtml::Link reveal =
            DetailsHtml::parseLink(DetailsHtml::fileUrl(DetailsHtml::Link::ShowInFolder, target));
        QCOMPARE(reveal.kind, DetailsHtml::Link::ShowInFolder);
        QCOMPARE(reveal.target, target);
        QCOMPARE(DetailsHtml::parseLink(QUrl(QStringLiteral("https://example.com"))).kind,
                 DetailsHtml::Link::None);
    }

    void clearShowsPlaceholder()
    {
        DetailsPane pane;
        pane.setRevision(m_demo, 0, QStringLiteral("6d39478753c0"));
        QVERIFY(!pane.browser()->toPlainText().isEmpty());
        pane.clear();
        QVERIFY(pane.browser()->toPlainText().isEmpty());
        QVERIFY(pane.revisionId().isEmpty());
        QVERIFY(!pane.browser()->placeholderText().isEmpty());
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("REVSCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("Set REVSCOPE_SCREENSHOT_DIR to save screenshots of the details pane");
        }
        const QList<std::pair<QString, QPalette>> palettes = {
            {QStringLiteral("light"), QApplication::style()->standardPalette()},
            {QStringLiteral("dark"), darkPalette()}};
        Finding finding;
        for (const Finding &f : m_demo->findings) {
            if (f.code == QLatin1String("db-unknown-revision")) {
                finding = f;
            }
        }
        for (const auto &[name, palette] : palettes) {
            DetailsPane pane;
            pane.setPalette(palette);
            pane.resize(560, 760);
            pane.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pane));
            pane.setRevision(m_demo, 0, QStringLiteral("8b1f6d3a0e25"));
            QVERIFY(pane.grab().save(dir + QStringLiteral("/details-revision-%1.png").arg(name)));
            pane.setRevision(m_demo, 0, QStringLiteral("a2242b61af45"));
            QVERIFY(pane.grab().save(dir + QStringLiteral("/details-bytecode-%1.png").arg(name)));
            pane.setFinding(m_demo, finding);
            QVERIFY(pane.grab().save(dir + QStringLiteral("/details-finding-%1.png").arg(name)));
        }
    }
};

QTEST_MAIN(TestDetailsPane)
#include "tst_detailspane.moc"
