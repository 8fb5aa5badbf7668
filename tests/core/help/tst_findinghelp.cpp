// FindingHelp: a page for every finding code, and the HTML, text and
// Markdown renderings of a page.

#include "help/findinghelp.h"
#include "report/findingcatalog.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Revscope;

namespace {

// Codes the core emits: the first string argument of the helpers that build
// findings, and direct `.code = ...` assignments.
QSet<QString> emittedCodes()
{
    static const QRegularExpression pattern(QStringLiteral(
        R"((?:\bmake|\bmakeFinding|\badd|\baddFinding|\.code\s*=|&code\s*=|\bfail))"
        R"re(\s*\(?\s*(?:[^;()]*,\s*)?QStringLiteral\("([a-z0-9]+(?:-[a-z0-9]+)*)"\))re"));
    QSet<QString> codes;
    QDirIterator it(QStringLiteral(REVSCOPE_SOURCE_DIR "/src/core"), {QStringLiteral("*.cpp")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QString text = QString::fromUtf8(file.readAll());
        auto matches = pattern.globalMatch(text);
        while (matches.hasNext()) {
            codes.insert(matches.next().captured(1));
        }
    }
    return codes;
}

int sentenceCount(const QString &text)
{
    // A sentence ends with . ! or ? before a space or the end; "e.g." and
    // "..." inside code spans do not count.
    QString plain = text;
    // A code span ending in a period may end the sentence it closes.
    plain.replace(QRegularExpression(QStringLiteral("`[^`]*\\.`")), QStringLiteral("code."));
    plain.replace(QRegularExpression(QStringLiteral("`[^`]*`")), QStringLiteral("code"));
    plain.replace(QLatin1String("e.g."), QLatin1String("eg"));
    static const QRegularExpression end(QStringLiteral(R"([.!?](?=\s|$))"));
    return int(plain.count(end));
}

} // namespace

class TestFindingHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCatalogCodeHasAPage_data()
    {
        QTest::addColumn<QString>("code");
        for (const FindingKind &kind : FindingCatalog::kinds()) {
            QTest::newRow(qPrintable(kind.code)) << kind.code;
        }
    }

    void everyCatalogCodeHasAPage()
    {
        QFETCH(QString, code);
        QVERIFY2(FindingHelp::hasPage(code), qPrintable(code));
        const FindingHelpPage page = FindingHelp::page(code);
        const FindingKind kind = FindingCatalog::kind(code);
        QCOMPARE(page.code, code);
        QCOMPARE(page.area, kind.area);
        QCOMPARE(page.title, kind.title);
        QCOMPARE(page.defaultSeverity, kind.defaultSeverity);
        QVERIFY(page.cause.size() > 80);
        QVERIFY(page.fix.size() > 40);
        const int sentences = sentenceCount(page.story);
        QVERIFY2(sentences >= 3 && sentences <= 6,
                 qPrintable(QStringLiteral("%1 sentences: %2").arg(sentences).arg(page.story)));
        // Backticks pair up, or the HTML would show a stray one.
        QVERIFY2(page.cause.count(QLatin1Char('`')) % 2 == 0, qPrintable(page.cause));
        QVERIFY2(page.story.count(QLatin1Char('`')) % 2 == 0, qPrintable(page.story));
        for (const QString &step : page.fix.split(QLatin1Char('\n'))) {
            QVERIFY2(step.count(QLatin1Char('`')) % 2 == 0, qPrintable(step));
        }
    }

    // A code the core can produce but the catalog lacks would get only the
    // generic page, no SARIF rule title and no place in the help list.
    void everyEmittedCodeIsInTheCatalog()
    {
        const QSet<QString> emitted = emittedCodes();
        QVERIFY2(emitted.size() > 30, "the scan must find the codes in src/core");
        QVERIFY(emitted.contains(QStringLiteral("missing-parent")));
        QVERIFY(emitted.contains(QStringLiteral("cycle")));
        QSet<QString> catalog;
        for (const FindingKind &kind : FindingCatalog::kinds()) {
            catalog.insert(kind.code);
        }
        for (const QString &code : emitted) {
            QVERIFY2(catalog.contains(code),
                     qPrintable(code + QLatin1String(" is not catalogued")));
        }
    }

    void pagesFollowTheCatalogGroupedByArea()
    {
        const QList<FindingHelpPage> pages = FindingHelp::pages();
        QCOMPARE(pages.size(), FindingCatalog::kinds().size());
        const QStringList areas = FindingHelp::areas();
        QCOMPARE(areas.first(), QStringLiteral("files"));
        QVERIFY(areas.contains(QStringLiteral("image")));
        int lastArea = 0;
        for (const FindingHelpPage &page : pages) {
            const int area = int(areas.indexOf(page.area));
            QVERIFY2(area >= lastArea, qPrintable(page.code));
            lastArea = area;
            QVERIFY(FindingHelp::areaName(page.area) != page.area);
        }
    }

    void unknownCodeGetsAGenericPage()
    {
        const QString code = QStringLiteral("frobnicated-revision");
        QVERIFY(!FindingHelp::hasPage(code));
        const FindingHelpPage page = FindingHelp::page(code);
        QCOMPARE(page.code, code);
        QVERIFY(page.cause.contains(code));
        QVERIFY(!page.fix.isEmpty());
        QVERIFY(page.story.isEmpty());
        const QString html = FindingHelp::html(code);
        QVERIFY(html.contains(code));
        QVERIFY(!html.contains(QLatin1String("<blockquote>")));
        QVERIFY(FindingHelp::text(code, 60).contains(QLatin1String("revscope help")));
    }

    void htmlEscapes()
    {
        FindingHelpPage page;
        page.code = QStringLiteral("x-<b>");
        page.title = QStringLiteral("A <script>alert(1)</script> & co");
        page.cause = QStringLiteral("Cause with `<tag>` and \"quotes\" & <i>markup</i>.");
        page.story = QStringLiteral("One `a&b`. Two. Three.");
        page.fix = QStringLiteral("Step <one>\nStep `two` and `missing-parent`");
        const QString html = FindingHelp::html(page);
        QVERIFY(!html.contains(QLatin1String("<script>")));
        QVERIFY(!html.contains(QLatin1String("<i>markup")));
        QVERIFY(!html.contains(QLatin1String("<b>")));
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;")));
        QVERIFY(html.contains(QLatin1String("<code>&lt;tag&gt;</code>")));
        QVERIFY(html.contains(QLatin1String("<code>a&amp;b</code>")));
        QVERIFY(html.contains(QLatin1String("<li>Step &lt;one&gt;</li>")));
        // Another page's code links to it.
        QVERIFY(html.contains(QLatin1String("<a href=\"#help-missing-parent\">")));
        QCOMPARE(FindingHelp::anchorCode(QStringLiteral("#help-missing-parent")),
                 QStringLiteral("missing-parent"));
        QVERIFY(FindingHelp::anchorCode(QStringLiteral("https://example.org")).isEmpty());
    }

    void htmlOfARealPage()
    {
        const QString html = FindingHelp::html(QStringLiteral("db-unknown-revision"));
        QVERIFY(html.contains(QLatin1String("<a name=\"help-db-unknown-revision\">")));
        QVERIFY(html.contains(QLatin1String("<h2>")));
        QVERIFY(html.contains(QLatin1String("<ol>")));
        QVERIFY(html.contains(QLatin1String("Can't locate revision")));
        // A page does not link to itself.
        QVERIFY(!html.contains(QLatin1String("href=\"#help-db-unknown-revision\"")));
        QVERIFY(!html.contains(QLatin1Char('`')));
    }

    void unmatchedBacktickIsShown()
    {
        FindingHelpPage page;
        page.code = QStringLiteral("x");
        page.cause = QStringLiteral("a `b` c `d");
        const QString html = FindingHelp::html(page);
        QVERIFY2(html.contains(QLatin1String("a <code>b</code> c `d")), qPrintable(html));
    }

    void textWrapsAtWidth_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("width");
        QTest::newRow("missing-parent 40") << QStringLiteral("missing-parent") << 40;
        QTest::newRow("missing-parent 80") << QStringLiteral("missing-parent") << 80;
        QTest::newRow("dockerignore 60") << QStringLiteral("dockerignore-no-bytecode-rule") << 60;
        QTest::newRow("unknown 30") << QStringLiteral("no-such-code") << 30;
    }

    void textWrapsAtWidth()
    {
        QFETCH(QString, code);
        QFETCH(int, width);
        const QString text = FindingHelp::text(code, width);
        const QStringList lines = text.split(QLatin1Char('\n'));
        QVERIFY(lines.size() > 8);
        for (const QString &line : lines) {
            // Only a single word longer than the width may overflow.
            static const QRegularExpression oneWord(QStringLiteral(R"(^\s*(\d+\.\s+)?\S+$)"));
            QVERIFY2(line.size() <= width || oneWord.match(line).hasMatch(), qPrintable(line));
        }
        // Every word of the page is there, in order.
        const FindingHelpPage page = FindingHelp::page(code);
        const QString flat = text.simplified();
        QVERIFY(flat.contains(page.cause.simplified()));
        if (!page.story.isEmpty()) {
            QVERIFY(flat.contains(page.story.simplified()));
        }
        QVERIFY(text.contains(QLatin1String("  1. ")));
    }

    void wrapBasics()
    {
        QCOMPARE(FindingHelp::wrap(QStringLiteral("aa bb cc dd"), 5),
                 (QStringList{QStringLiteral("aa bb"), QStringLiteral("cc dd")}));
        QCOMPARE(FindingHelp::wrap(QStringLiteral("aa bb cc"), 0),
                 QStringList{QStringLiteral("aa bb cc")});
        QCOMPARE(FindingHelp::wrap(QStringLiteral("averyveryverylongword x"), 5),
                 (QStringList{QStringLiteral("averyveryverylongword"), QStringLiteral("x")}));
        QCOMPARE(FindingHelp::wrap(QStringLiteral("one two three"), 9, QStringLiteral("1. "),
                                   QStringLiteral("   ")),
                 (QStringList{QStringLiteral("1. one"), QStringLiteral("   two"),
                              QStringLiteral("   three")}));
        QVERIFY(FindingHelp::wrap(QString(), 10).isEmpty());
    }

    void textWithoutWidthKeepsParagraphs()
    {
        const QString text = FindingHelp::text(QStringLiteral("multiple-heads"), 0);
        const FindingHelpPage page = FindingHelp::page(QStringLiteral("multiple-heads"));
        QVERIFY(text.contains(QLatin1String("  ") + page.cause + QLatin1Char('\n')));
    }

    void markdownForSarif()
    {
        const QString md = FindingHelp::markdown(QStringLiteral("stray-bytecode"));
        QVERIFY(md.contains(QLatin1String("**")));
        QVERIFY(md.contains(QLatin1String("\n1. ")));
        QVERIFY(md.contains(QLatin1String("`revscope clean --apply`")));
    }

    void closestCodes_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("transposed")
            << QStringLiteral("misisng-parent") << QStringLiteral("missing-parent");
        QTest::newRow("fragment") << QStringLiteral("heads") << QStringLiteral("multiple-heads");
        QTest::newRow("case") << QStringLiteral("STRAY-BYTECODE")
                              << QStringLiteral("stray-bytecode");
        QTest::newRow("missing letter")
            << QStringLiteral("db-unknown-revison") << QStringLiteral("db-unknown-revision");
    }

    void closestCodes()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        const QStringList closest = FindingHelp::closestCodes(typed);
        QVERIFY2(!closest.isEmpty() && closest.first() == expected,
                 qPrintable(closest.join(QLatin1Char(','))));
        QVERIFY(closest.size() <= 3);
    }

    void closestCodesOfNonsenseIsEmpty()
    {
        QVERIFY(FindingHelp::closestCodes(QStringLiteral("zzzzzzzzzzzzzzzzzzzz")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFindingHelp)
#include "tst_findinghelp.moc"
