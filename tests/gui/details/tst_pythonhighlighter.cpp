#include "details/pythonhighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Revscope;

namespace {

// The highlighter's category at (line, column), or -1 for plain text.
int categoryAt(const PythonHighlighter &highlighter, QTextDocument &document, int line, int column)
{
    const QTextBlock block = document.findBlockByNumber(line);
    if (!block.isValid()) {
        return -2;
    }
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (column < range.start || column >= range.start + range.length) {
            continue;
        }
        for (int c = 0; c < PythonHighlighter::CategoryCount; ++c) {
            const QTextCharFormat format = highlighter.format(PythonHighlighter::Category(c));
            if (range.format.foreground() == format.foreground() &&
                range.format.fontItalic() == format.fontItalic()) {
                return c;
            }
        }
    }
    return -1;
}

// Kept out of a raw string literal: moc mis-scans quotes inside one.
const char *kSource = "@decorators.cached(3)\n"
                      "def upgrade(x=None):  # comment with 'quote'\n"
                      "    \"\"\"Docstring\n"
                      "    spanning \"lines\" with 'quotes' and # hash\n"
                      "    \"\"\"\n"
                      "    op.execute(f\"SELECT {x}\" + r'\\d' + b\"\\x00\")\n"
                      "    value = 0x1F + 3.5e-3 + 1_000\n"
                      "    text = '''one\n"
                      "two'''\n"
                      "    return True and not False\n"
                      "\n"
                      "class Revision(Base):\n"
                      "    s = \"a \\\" b\"  # after\n"
                      "    t = 'continued \\\n"
                      "line'\n"
                      "    name_with_def_inside = 1\n";

} // namespace

class TestPythonHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("category"); // -1: plain

        const int keyword = PythonHighlighter::Keyword;
        const int builtin = PythonHighlighter::Builtin;
        const int string = PythonHighlighter::String;
        const int comment = PythonHighlighter::Comment;
        const int number = PythonHighlighter::Number;
        const int decorator = PythonHighlighter::Decorator;
        const int definition = PythonHighlighter::Definition;

        QTest::newRow("decorator") << 0 << 0 << decorator;
        QTest::newRow("decorator dotted name") << 0 << 12 << decorator;
        QTest::newRow("decorator argument") << 0 << 19 << number;
        QTest::newRow("def") << 1 << 0 << keyword;
        QTest::newRow("function name") << 1 << 4 << definition;
        QTest::newRow("parameter") << 1 << 12 << -1;
        QTest::newRow("None default") << 1 << 14 << builtin;
        QTest::newRow("comment") << 1 << 22 << comment;
        QTest::newRow("quote in comment") << 1 << 37 << comment;
        QTest::newRow("docstring start") << 2 << 4 << string;
        QTest::newRow("docstring second line") << 3 << 4 << string;
        QTest::newRow("hash inside docstring") << 3 << 39 << string;
        QTest::newRow("docstring close") << 4 << 5 << string;
        QTest::newRow("call") << 5 << 4 << -1;
        QTest::newRow("f prefix") << 5 << 15 << string;
        QTest::newRow("f string body") << 5 << 20 << string;
        QTest::newRow("operator between strings") << 5 << 29 << -1;
        QTest::newRow("r prefix") << 5 << 31 << string;
        QTest::newRow("b prefix") << 5 << 39 << string;
        QTest::newRow("hex") << 6 << 12 << number;
        QTest::newRow("exponent") << 6 << 23 << number;
        QTest::newRow("underscore number") << 6 << 31 << number;
        QTest::newRow("triple single open") << 7 << 11 << string;
        QTest::newRow("triple single continues") << 8 << 0 << string;
        QTest::newRow("return") << 9 << 4 << keyword;
        QTest::newRow("True") << 9 << 11 << builtin;
        QTest::newRow("and") << 9 << 16 << keyword;
        QTest::newRow("not") << 9 << 20 << keyword;
        QTest::newRow("False") << 9 << 24 << builtin;
        QTest::newRow("class") << 11 << 0 << keyword;
        QTest::newRow("class name") << 11 << 6 << definition;
        QTest::newRow("base class") << 11 << 15 << -1;
        QTest::newRow("escaped quote stays in string") << 12 << 12 << string;
        QTest::newRow("comment after string") << 12 << 19 << comment;
        QTest::newRow("backslash continued string") << 14 << 0 << string;
        QTest::newRow("identifier containing def") << 15 << 9 << -1;
    }

    void formats()
    {
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(int, category);
        QTextDocument document;
        // Without a layout a document reports no edits, so nothing is highlighted.
        document.documentLayout();
        PythonHighlighter highlighter(&document);
        document.setPlainText(QString::fromUtf8(kSource));
        const QString text = document.findBlockByNumber(line).text();
        QVERIFY2(column < text.size(), qPrintable(text));
        QCOMPARE(categoryAt(highlighter, document, line, column), category);
    }

    void blockStateFollowsEdits()
    {
        QTextDocument document;
        document.documentLayout();
        PythonHighlighter highlighter(&document);
        document.setPlainText(QStringLiteral("x = 1\ny = 2\nz = 3"));
        QCOMPARE(categoryAt(highlighter, document, 2, 0), -1);
        // Opening a triple-quoted string turns the following lines into string.
        QTextCursor cursor(document.findBlockByNumber(0));
        cursor.insertText(QStringLiteral("\"\"\""));
        QCOMPARE(categoryAt(highlighter, document, 1, 0), int(PythonHighlighter::String));
        QCOMPARE(categoryAt(highlighter, document, 2, 0), int(PythonHighlighter::String));
        cursor.insertText(QStringLiteral("\"\"\""));
        QCOMPARE(categoryAt(highlighter, document, 2, 0), -1);
    }

    void paletteChoosesReadableColors()
    {
        QTextDocument document;
        PythonHighlighter highlighter(&document);
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        highlighter.setPalette(light);
        for (int c = 0; c < PythonHighlighter::CategoryCount; ++c) {
            const QColor color =
                highlighter.format(PythonHighlighter::Category(c)).foreground().color();
            QVERIFY2(color.lightness() < 150, qPrintable(color.name()));
        }
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        highlighter.setPalette(dark);
        for (int c = 0; c < PythonHighlighter::CategoryCount; ++c) {
            const QColor color =
                highlighter.format(PythonHighlighter::Category(c)).foreground().color();
            QVERIFY2(color.lightness() > 100, qPrintable(color.name()));
        }
    }
};

QTEST_MAIN(TestPythonHighlighter)
#include "tst_pythonhighlighter.moc"
