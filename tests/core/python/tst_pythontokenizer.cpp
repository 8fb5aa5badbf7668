#include "python/pythontokenizer.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Revscope;

namespace {

QString typeName(PythonToken::Type type)
{
    switch (type) {
    case PythonToken::EndMarker:
        return QStringLiteral("ENDMARKER");
    case PythonToken::Name:
        return QStringLiteral("NAME");
    case PythonToken::Number:
        return QStringLiteral("NUMBER");
    case PythonToken::String:
        return QStringLiteral("STRING");
    case PythonToken::Op:
        return QStringLiteral("OP");
    case PythonToken::Comment:
        return QStringLiteral("COMMENT");
    case PythonToken::Newline:
        return QStringLiteral("NEWLINE");
    case PythonToken::NonLogicalNewline:
        return QStringLiteral("NL");
    case PythonToken::Indent:
        return QStringLiteral("INDENT");
    case PythonToken::Dedent:
        return QStringLiteral("DEDENT");
    case PythonToken::Error:
        return QStringLiteral("ERROR");
    }
    return QString();
}

// "NAME x", "OP =", "NEWLINE", ... ; texts only for tokens that have meaningful text.
QStringList dump(const QString &source, PythonTokenizer::Trivia trivia)
{
    QStringList out;
    for (const PythonToken &t : PythonTokenizer::tokenize(source, trivia)) {
        QString entry = typeName(t.type);
        switch (t.type) {
        case PythonToken::Name:
        case PythonToken::Number:
        case PythonToken::String:
        case PythonToken::Op:
        case PythonToken::Comment:
            entry += QLatin1Char(' ') + source.mid(t.offset, t.length);
            break;
        default:
            break;
        }
        out << entry;
    }
    return out;
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items) {
        list << QString::fromUtf8(item);
    }
    return list;
}

} // namespace

class TestPythonTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void trivia_data();
    void trivia();
    void stringFlags_data();
    void stringFlags();
    void positions();
    void errors_data();
    void errors();
    void nestingLimit();
    void afterErrorOnlyEndMarker();
    void throughput();
};

void TestPythonTokenizer::tokens_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("expected"); // ENDMARKER is implied

    auto row = [](const char *name, const QString &source,
                  std::initializer_list<const char *> expected) {
        QStringList list;
        for (const char *e : expected) {
            list << QString::fromUtf8(e);
        }
        QTest::newRow(name) << source << list;
    };

    row("assignment", QStringLiteral("x = 1\n"), {"NAME x", "OP =", "NUMBER 1", "NEWLINE"});
    row("no final newline", QStringLiteral("x = 1"), {"NAME x", "OP =", "NUMBER 1", "NEWLINE"});
    row("empty", QString(), {});
    row("only comments and blanks", QStringLiteral("# a\n\n   # b\n"), {});
    row("keywords are names", QStringLiteral("if not None: pass\n"),
        {"NAME if", "NAME not", "NAME None", "OP :", "NAME pass", "NEWLINE"});
    row("unicode identifier", QStringLiteral("caf\u00e9 = \u03c0\n"),
        {"NAME caf\u00e9", "OP =", "NAME \u03c0", "NEWLINE"});
    row("identifier with combining mark", QStringLiteral("e\u0301x = 1\n"),
        {"NAME e\u0301x", "OP =", "NUMBER 1", "NEWLINE"});

    // Numbers.
    row("ints", QStringLiteral("0 00 7 1_000 0_0\n"),
        {"NUMBER 0", "NUMBER 00", "NUMBER 7", "NUMBER 1_000", "NUMBER 0_0", "NEWLINE"});
    row("radix ints", QStringLiteral("0xFF 0X_ff 0o17 0O_7 0b1010 0B_1\n"),
        {"NUMBER 0xFF", "NUMBER 0X_ff", "NUMBER 0o17", "NUMBER 0O_7", "NUMBER 0b1010",
         "NUMBER 0B_1", "NEWLINE"});
    row("floats", QStringLiteral("1.5 .5 5. 1e10 1E-5 1.5e+3 0.0 00.5 0123.5 1_0.0_1e1_0\n"),
        {"NUMBER 1.5", "NUMBER .5", "NUMBER 5.", "NUMBER 1e10", "NUMBER 1E-5", "NUMBER 1.5e+3",
         "NUMBER 0.0", "NUMBER 00.5", "NUMBER 0123.5", "NUMBER 1_0.0_1e1_0", "NEWLINE"});
    row("imaginary", QStringLiteral("10j 1.5J 1e3j 0123j .5j\n"),
        {"NUMBER 10j", "NUMBER 1.5J", "NUMBER 1e3j", "NUMBER 0123j", "NUMBER .5j", "NEWLINE"});
    row("number then keyword", QStringLiteral("1if x else 0x1for\n"),
        {"NUMBER 1", "NAME if", "NAME x", "NAME else", "NUMBER 0x1f", "NAME or", "NEWLINE"});
    row("number then 'else'", QStringLiteral("1else\n"), {"NUMBER 1", "NAME else", "NEWLINE"});
    row("attribute on number", QStringLiteral("1 .real\n"),
        {"NUMBER 1", "OP .", "NAME real", "NEWLINE"});

    // Strings: every prefix, every quote.
    row("quotes", QStringLiteral("'a' \"b\" '''c''' \"\"\"d\"\"\" '' \"\"\n"),
        {"STRING 'a'", "STRING \"b\"", "STRING '''c'''", "STRING \"\"\"d\"\"\"", "STRING ''",
         "STRING \"\"", "NEWLINE"});
    row("single prefixes", QStringLiteral("r'a' R'a' b'a' B'a' u'a' U'a' f'a' F'a'\n"),
        {"STRING r'a'", "STRING R'a'", "STRING b'a'", "STRING B'a'", "STRING u'a'", "STRING U'a'",
         "STRING f'a'", "STRING F'a'", "NEWLINE"});
    row("double prefixes",
        QStringLiteral("rb'a' bR\"a\" Rb'''a''' BR\"\"\"a\"\"\" fr'a' Rf'a' rF\"a\" FR'a'\n"),
        {"STRING rb'a'", "STRING bR\"a\"", "STRING Rb'''a'''", "STRING BR\"\"\"a\"\"\"",
         "STRING fr'a'", "STRING Rf'a'", "STRING rF\"a\"", "STRING FR'a'", "NEWLINE"});
    row("invalid prefix is a name", QStringLiteral("ur'a' bf'a'\n"),
        {"NAME ur", "STRING 'a'", "NAME bf", "STRING 'a'", "NEWLINE"});
    row("escaped quotes", QStringLiteral("'it\\'s' \"say \\\"hi\\\"\" '\\\\'\n"),
        {"STRING 'it\\'s'", "STRING \"say \\\"hi\\\"\"", "STRING '\\\\'", "NEWLINE"});
    row("raw string keeps escaped quote", QStringLiteral("r'\\'' r\"\\\\\"\n"),
        {"STRING r'\\''", "STRING r\"\\\\\"", "NEWLINE"});
    row("escapes", QStringLiteral("'\\x41\\u00e9\\U0001F600\\N{EM DASH}\\101\\n'\n"),
        {"STRING '\\x41\\u00e9\\U0001F600\\N{EM DASH}\\101\\n'", "NEWLINE"});
    row("backslash newline inside string", QStringLiteral("x = 'a\\\nb'\ny\n"),
        {"NAME x", "OP =", "STRING 'a\\\nb'", "NEWLINE", "NAME y", "NEWLINE"});
    row("triple quoted with quotes inside", QStringLiteral("'''a ' '' b''' \"\"\"x\"\"y\"\"\"\n"),
        {"STRING '''a ' '' b'''", "STRING \"\"\"x\"\"y\"\"\"", "NEWLINE"});
    row("triple quoted multi-line", QStringLiteral("\"\"\"doc\n\nmore\n\"\"\"\nx\n"),
        {"STRING \"\"\"doc\n\nmore\n\"\"\"", "NEWLINE", "NAME x", "NEWLINE"});
    row("triple ending with escaped quote", QStringLiteral("'''a\\''''\n"),
        {"STRING '''a\\''''", "NEWLINE"});
    row("implicit concatenation", QStringLiteral("x = ('a'\n     \"b\")\n"),
        {"NAME x", "OP =", "OP (", "STRING 'a'", "STRING \"b\"", "OP )", "NEWLINE"});

    // f-strings, the PEP 701 way.
    row("f-string field", QStringLiteral("f'{x}' f\"{x!r:>10}\" f'{{x}}'\n"),
        {"STRING f'{x}'", "STRING f\"{x!r:>10}\"", "STRING f'{{x}}'", "NEWLINE"});
    row("f-string nested same quotes", QStringLiteral("f\"{x[\"a\"]}\" + 1\n"),
        {"STRING f\"{x[\"a\"]}\"", "OP +", "NUMBER 1", "NEWLINE"});
    row("f-string nested f-string", QStringLiteral("f'{f\"{y}\"}' z\n"),
        {"STRING f'{f\"{y}\"}'", "NAME z", "NEWLINE"});
    row("f-string nested format spec", QStringLiteral("f'{x:{w}.{p}f}'\n"),
        {"STRING f'{x:{w}.{p}f}'", "NEWLINE"});
    row("f-string dict and slice", QStringLiteral("f'{ {\"a\": 1}[\"a\"] } {s[1:2]}'\n"),
        {"STRING f'{ {\"a\": 1}[\"a\"] } {s[1:2]}'", "NEWLINE"});
    row("f-string not-equal", QStringLiteral("f'{a != b}'\n"), {"STRING f'{a != b}'", "NEWLINE"});
    row("f-string named escape", QStringLiteral("f'\\N{EM DASH}{x}'\n"),
        {"STRING f'\\N{EM DASH}{x}'", "NEWLINE"});
    row("raw f-string backslash brace", QStringLiteral("rf'\\{x}'\n"),
        {"STRING rf'\\{x}'", "NEWLINE"});
    row("triple f-string multi-line field", QStringLiteral("f'''{\n  x  # comment\n}'''\ny\n"),
        {"STRING f'''{\n  x  # comment\n}'''", "NEWLINE", "NAME y", "NEWLINE"});
    row("f-string with quote in field string", QStringLiteral("f\"{'\"'}\"\n"),
        {"STRING f\"{'\"'}\"", "NEWLINE"});

    // Operators.
    row("three-char operators", QStringLiteral("a **= b //= c >>= d <<= e ...\n"),
        {"NAME a", "OP **=", "NAME b", "OP //=", "NAME c", "OP >>=", "NAME d", "OP <<=", "NAME e",
         "OP ...", "NEWLINE"});
    row("two-char operators",
        QStringLiteral("-> := == != <= >= ** // << >> += -= *= /= %= &= |= "
                       "^= @=\n"),
        {"OP ->", "OP :=", "OP ==", "OP !=", "OP <=", "OP >=",  "OP **",
         "OP //", "OP <<", "OP >>", "OP +=", "OP -=", "OP *=",  "OP /=",
         "OP %=", "OP &=", "OP |=", "OP ^=", "OP @=", "NEWLINE"});
    row("arrow without spaces", QStringLiteral("def f()->int: ...\n"),
        {"NAME def", "NAME f", "OP (", "OP )", "OP ->", "NAME int", "OP :", "OP ...", "NEWLINE"});
    row("single-char operators", QStringLiteral("(a[b]{c}),;:.@~^|&%*/+-< > =\n"),
        {"OP (", "NAME a", "OP [", "NAME b", "OP ]", "OP {", "NAME c", "OP }", "OP )",
         "OP ,", "OP ;",   "OP :", "OP .",   "OP @", "OP ~", "OP ^",   "OP |", "OP &",
         "OP %", "OP *",   "OP /", "OP +",   "OP -", "OP <", "OP >",   "OP =", "NEWLINE"});
    row("walrus and annotations", QStringLiteral("x: int = (y := 2)\n"),
        {"NAME x", "OP :", "NAME int", "OP =", "OP (", "NAME y", "OP :=", "NUMBER 2", "OP )",
         "NEWLINE"});

    // Line structure.
    row("explicit line joining", QStringLiteral("x = 1 + \\\n    2\ny\n"),
        {"NAME x", "OP =", "NUMBER 1", "OP +", "NUMBER 2", "NEWLINE", "NAME y", "NEWLINE"});
    row("implicit line joining", QStringLiteral("x = (\n  1,\n\n  2)\ny\n"),
        {"NAME x", "OP =", "OP (", "NUMBER 1", "OP ,", "NUMBER 2", "OP )", "NEWLINE", "NAME y",
         "NEWLINE"});
    row("comment after code", QStringLiteral("x = 1  # note\n"),
        {"NAME x", "OP =", "NUMBER 1", "NEWLINE"});
    row("indent and dedent", QStringLiteral("if a:\n    b\n    if c:\n        d\n\n    # x\ne\n"),
        {"NAME if", "NAME a", "OP :", "NEWLINE", "INDENT", "NAME b", "NEWLINE", "NAME if", "NAME c",
         "OP :", "NEWLINE", "INDENT", "NAME d", "NEWLINE", "DEDENT", "DEDENT", "NAME e",
         "NEWLINE"});
    row("dedents at eof", QStringLiteral("def f():\n  if x:\n    return 1"),
        {"NAME def", "NAME f", "OP (", "OP )", "OP :", "NEWLINE", "INDENT", "NAME if", "NAME x",
         "OP :", "NEWLINE", "INDENT", "NAME return", "NUMBER 1", "NEWLINE", "DEDENT", "DEDENT"});
    row("tabs are consistent", QStringLiteral("if a:\n\tb\n\tc\nd\n"),
        {"NAME if", "NAME a", "OP :", "NEWLINE", "INDENT", "NAME b", "NEWLINE", "NAME c", "NEWLINE",
         "DEDENT", "NAME d", "NEWLINE"});
    row("form feed resets column", QStringLiteral("if a:\n    b\n\f    c\n"),
        {"NAME if", "NAME a", "OP :", "NEWLINE", "INDENT", "NAME b", "NEWLINE", "NAME c", "NEWLINE",
         "DEDENT"});
    row("continuation line is not indentation", QStringLiteral("x = \\\n        1\ny\n"),
        {"NAME x", "OP =", "NUMBER 1", "NEWLINE", "NAME y", "NEWLINE"});
    row("stray carriage return is blank", QStringLiteral("x = 1\r\ny\n"),
        {"NAME x", "OP =", "NUMBER 1", "NEWLINE", "NAME y", "NEWLINE"});
}

void TestPythonTokenizer::tokens()
{
    QFETCH(QString, source);
    QFETCH(QStringList, expected);
    expected << QStringLiteral("ENDMARKER");
    QCOMPARE(dump(source, PythonTokenizer::Trivia::Skip), expected);
}

void TestPythonTokenizer::trivia_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("comments and blank lines")
        << QStringLiteral("# head\n\nx = 1  # tail\n")
        << strings({"COMMENT # head", "NL", "NL", "NAME x", "OP =", "NUMBER 1", "COMMENT # tail",
                    "NEWLINE", "ENDMARKER"});
    QTest::newRow("newlines inside brackets")
        << QStringLiteral("f(a,\n  b)\n")
        << strings({"NAME f", "OP (", "NAME a", "OP ,", "NL", "NAME b", "OP )", "NEWLINE",
                    "ENDMARKER"});
}

void TestPythonTokenizer::trivia()
{
    QFETCH(QString, source);
    QFETCH(QStringList, expected);
    QCOMPARE(dump(source, PythonTokenizer::Trivia::Include), expected);
}

void TestPythonTokenizer::stringFlags_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("prefixLength");

    QTest::newRow("plain") << QStringLiteral("'a'") << 0 << 0;
    QTest::newRow("triple") << QStringLiteral("'''a'''") << int(PythonToken::Triple) << 0;
    QTest::newRow("empty is not triple") << QStringLiteral("''") << 0 << 0;
    QTest::newRow("raw") << QStringLiteral("R'a'") << int(PythonToken::Raw) << 1;
    QTest::newRow("bytes") << QStringLiteral("b'a'") << int(PythonToken::Bytes) << 1;
    QTest::newRow("unicode") << QStringLiteral("u'a'") << int(PythonToken::Unicode) << 1;
    QTest::newRow("f") << QStringLiteral("f'a'") << int(PythonToken::Formatted) << 1;
    QTest::newRow("Br triple") << QStringLiteral("Br\"\"\"a\"\"\"")
                               << int(PythonToken::Bytes | PythonToken::Raw | PythonToken::Triple)
                               << 2;
    QTest::newRow("fR") << QStringLiteral("fR'a'") << int(PythonToken::Formatted | PythonToken::Raw)
                        << 2;
}

void TestPythonTokenizer::stringFlags()
{
    QFETCH(QString, source);
    QFETCH(int, flags);
    QFETCH(int, prefixLength);
    const QList<PythonToken> tokens = PythonTokenizer::tokenize(source);
    QCOMPARE(tokens.front().type, PythonToken::String);
    QCOMPARE(int(tokens.front().stringFlags), flags);
    QCOMPARE(int(tokens.front().prefixLength), prefixLength);
    QCOMPARE(tokens.front().length, source.size());
}

void TestPythonTokenizer::positions()
{
    const QString source = QStringLiteral("x = \"\"\"a\nb\"\"\"\n\n  # c\nif y:\n    z = (1,\n"
                                          "         2)\n");
    const QList<PythonToken> tokens = PythonTokenizer::tokenize(source);
    struct Expect
    {
        PythonToken::Type type;
        int line;
        int column;
        int endLine;
    };
    const QList<Expect> expected = {
        {PythonToken::Name, 1, 0, 1},      {PythonToken::Op, 1, 2, 1},
        {PythonToken::String, 1, 4, 2},    {PythonToken::Newline, 2, 4, 2},
        {PythonToken::Name, 5, 0, 5},      {PythonToken::Name, 5, 3, 5},
        {PythonToken::Op, 5, 4, 5},        {PythonToken::Newline, 5, 5, 5},
        {PythonToken::Indent, 6, 0, 6},    {PythonToken::Name, 6, 4, 6},
        {PythonToken::Op, 6, 6, 6},        {PythonToken::Op, 6, 8, 6},
        {PythonToken::Number, 6, 9, 6},    {PythonToken::Op, 6, 10, 6},
        {PythonToken::Number, 7, 9, 7},    {PythonToken::Op, 7, 10, 7},
        {PythonToken::Newline, 7, 11, 7},  {PythonToken::Dedent, 8, 0, 8},
        {PythonToken::EndMarker, 8, 0, 8},
    };
    QCOMPARE(tokens.size(), expected.size());
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QByteArray where = QByteArray::number(i);
        QVERIFY2(tokens[i].type == expected[i].type, where.constData());
        QVERIFY2(tokens[i].line == expected[i].line, where.constData());
        QVERIFY2(tokens[i].column == expected[i].column, where.constData());
        QVERIFY2(tokens[i].endLine == expected[i].endLine, where.constData());
    }
}

void TestPythonTokenizer::errors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message"); // substring

    auto row = [](const char *name, const QString &source, int line, const char *message) {
        QTest::newRow(name) << source << line << QString::fromUtf8(message);
    };
    row("unterminated string", QStringLiteral("a = 1\nb = 2\nc = 'abc\nd = 4\n"), 3,
        "unterminated string literal (detected at line 3)");
    row("unterminated string at eof", QStringLiteral("x = \"abc"), 1,
        "unterminated string literal");
    row("unterminated after continuation", QStringLiteral("x = 'ab\\\ncd\n"), 1,
        "(detected at line 2)");
    row("unterminated triple at eof", QStringLiteral("x = 1\ny = '''abc\n\n\nz = 2\n"), 2,
        "unterminated triple-quoted string literal (detected at line 6)");
    row("unterminated f-string", QStringLiteral("x = f'{a}\n"), 1, "unterminated f-string literal");
    row("unterminated f-string field", QStringLiteral("x = f'{a\n"), 1, "unterminated f-string");
    row("single closing brace in f-string", QStringLiteral("x = f'a}b'\n"), 1,
        "single '}' is not allowed");
    row("unclosed paren", QStringLiteral("x = (\n  1,\n  2\n"), 1, "'(' was never closed");
    row("innermost unclosed bracket", QStringLiteral("x = (1,\n [2,\n"), 2, "'[' was never closed");
    row("unmatched close", QStringLiteral("x = 1\ny = 2)\n"), 2, "unmatched ')'");
    row("mismatched close same line", QStringLiteral("x = (1]\n"), 1,
        "closing parenthesis ']' does not match opening parenthesis '('");
    row("mismatched close other line", QStringLiteral("x = {\n1)\n"), 2,
        "does not match opening parenthesis '{' on line 1");
    row("bad dedent", QStringLiteral("if x:\n    y\n  z\n"), 3,
        "unindent does not match any outer indentation level");
    row("tab error", QStringLiteral("if x:\n\ty\n        z\n"), 3,
        "inconsistent use of tabs and spaces");
    row("invalid character", QStringLiteral("x = 1\ny = $\n"), 2, "invalid character '$'");
    row("invalid unicode character", QStringLiteral("x = 1 \u20ac 2\n"), 1,
        "invalid character '\u20ac' (U+20AC)");
    row("non-printable character", QStringLiteral("x = \u00a0 1\n"), 1,
        "invalid non-printable character U+00A0");
    row("lone exclamation mark", QStringLiteral("x = !y\n"), 1, "invalid syntax");
    row("character after continuation", QStringLiteral("x = 1 \\ y\n"), 1,
        "unexpected character after line continuation character");
    row("continuation at eof", QStringLiteral("x = 1 + \\\n"), 2, "unexpected EOF");
    row("leading zeros", QStringLiteral("x = 0123\n"), 1, "leading zeros");
    row("double underscore", QStringLiteral("x = 1__0\n"), 1, "invalid decimal literal");
    row("trailing underscore", QStringLiteral("x = 1_\n"), 1, "invalid decimal literal");
    row("letter after number", QStringLiteral("\n\nx = 1abc\n"), 3, "invalid decimal literal");
    row("empty exponent", QStringLiteral("x = 1e\n"), 1, "invalid decimal literal");
    row("empty signed exponent", QStringLiteral("x = 1e+\n"), 1, "invalid decimal literal");
    row("empty hex", QStringLiteral("x = 0x\n"), 1, "invalid hexadecimal literal");
    row("octal digit 8", QStringLiteral("x = 0o18\n"), 1, "invalid digit '8' in octal literal");
    row("binary digit 2", QStringLiteral("x = 0b102\n"), 1, "invalid digit '2' in binary literal");
    row("imaginary then letter", QStringLiteral("x = 1jx\n"), 1, "invalid imaginary literal");
}

void TestPythonTokenizer::errors()
{
    QFETCH(QString, source);
    QFETCH(int, line);
    QFETCH(QString, message);

    PythonTokenizer tokenizer(source);
    int count = 0;
    PythonToken token;
    do {
        token = tokenizer.next();
        QVERIFY(++count < 1000);
    } while (token.type != PythonToken::Error && token.type != PythonToken::EndMarker);
    QCOMPARE(token.type, PythonToken::Error);
    QVERIFY(tokenizer.hasError());
    QVERIFY2(tokenizer.errorMessage().contains(message), qPrintable(tokenizer.errorMessage()));
    QCOMPARE(tokenizer.errorLine(), line);
    QCOMPARE(token.line, line);
}

void TestPythonTokenizer::nestingLimit()
{
    // CPython allows 200 open brackets and 100 indentation levels.
    const QString ok = QString(199, QLatin1Char('(')) + QString(199, QLatin1Char(')'));
    QCOMPARE(PythonTokenizer::tokenize(ok).back().type, PythonToken::EndMarker);
    const QString deep = QString(201, QLatin1Char('[')) + QString(201, QLatin1Char(']'));
    const QList<PythonToken> tokens = PythonTokenizer::tokenize(deep);
    QCOMPARE(tokens.back().type, PythonToken::Error);

    QString indented;
    for (int i = 0; i < 120; ++i) {
        indented += QString(i, QLatin1Char(' ')) + QStringLiteral("if x:\n");
    }
    PythonTokenizer tokenizer(indented);
    PythonToken t;
    do {
        t = tokenizer.next();
    } while (t.type != PythonToken::Error && t.type != PythonToken::EndMarker);
    QCOMPARE(t.type, PythonToken::Error);
    QVERIFY(tokenizer.errorMessage().contains(QLatin1String("too many levels of indentation")));

    QString fstrings = QStringLiteral("x");
    for (int i = 0; i < 300; ++i) {
        fstrings = QStringLiteral("f'{") + fstrings + QStringLiteral("}'");
    }
    const QList<PythonToken> ft = PythonTokenizer::tokenize(fstrings);
    QCOMPARE(ft.back().type, PythonToken::Error); // bounded, never a stack overflow
}

void TestPythonTokenizer::afterErrorOnlyEndMarker()
{
    PythonTokenizer tokenizer(QStringLiteral("x = 'abc\ny = 2\n"));
    while (tokenizer.next().type != PythonToken::Error) {
    }
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(tokenizer.next().type, PythonToken::EndMarker);
    }
}

void TestPythonTokenizer::throughput()
{
    // A generated migration-like file of about 50 MB (override with REVSCOPE_BENCH_MB).
    const QByteArray chunk =
        "\"\"\"add users table\n\nRevision ID: 1a2b3c4d5e6f\nRevises: 0f1e2d3c4b5a\n"
        "Create Date: 2024-01-02 03:04:05.000000\n\n\"\"\"\n"
        "from alembic import op\nimport sqlalchemy as sa\n\n"
        "# revision identifiers, used by Alembic.\nrevision = '1a2b3c4d5e6f'\n"
        "down_revision: Union[str, None] = '0f1e2d3c4b5a'\n\n\n"
        "def upgrade() -> None:\n"
        "    op.create_table(\n        'users',\n"
        "        sa.Column('id', sa.Integer(), nullable=False),\n"
        "        sa.Column('name', sa.String(length=255), nullable=True),  # display name\n"
        "        sa.Column('ratio', sa.Float(), server_default=sa.text(\"0.5e-3\")),\n"
        "        sa.PrimaryKeyConstraint('id'),\n    )\n"
        "    op.execute(f\"UPDATE users SET name = {'x'!r} WHERE id = {0x1F}\")\n"
        "    if op.get_context().dialect.name == \"postgresql\":\n"
        "        op.execute(r\"\"\"CREATE INDEX ix ON users (lower(name))\"\"\")\n\n\n"
        "def downgrade() -> None:\n    op.drop_table('users')\n\n";
    const int megabytes = qEnvironmentVariableIsSet("REVSCOPE_BENCH_MB")
                              ? qEnvironmentVariableIntValue("REVSCOPE_BENCH_MB")
                              : 50;
    QByteArray bytes;
    bytes.reserve(qsizetype(megabytes) * 1024 * 1024 + chunk.size());
    while (bytes.size() < qsizetype(megabytes) * 1024 * 1024) {
        bytes += chunk;
    }
    const QString source = QString::fromUtf8(bytes);

    QElapsedTimer timer;
    timer.start();
    PythonTokenizer tokenizer(source);
    qint64 count = 0;
    PythonToken t;
    do {
        t = tokenizer.next();
        ++count;
    } while (t.type != PythonToken::EndMarker && t.type != PythonToken::Error);
    const qint64 ns = timer.nsecsElapsed();
    QCOMPARE(t.type, PythonToken::EndMarker);
    const double mb = double(bytes.size()) / (1024.0 * 1024.0);
    qInfo("tokenizer: %.1f MB, %lld tokens in %.3f s = %.1f MB/s", mb, count, double(ns) / 1e9,
          mb / (double(ns) / 1e9));
}

QTEST_GUILESS_MAIN(TestPythonTokenizer)
#include "tst_pythontokenizer.moc"
