#include "python/pythonliteral.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace Revscope;

namespace {

// repr() with set items sorted, so that it does not depend on hash order.
QString canonical(const PythonLiteral &v)
{
    auto join = [](const std::vector<PythonLiteral> &items, bool sorted) {
        QStringList parts;
        for (const PythonLiteral &item : items) {
            parts << canonical(item);
        }
        if (sorted) {
            std::sort(parts.begin(), parts.end());
        }
        return parts.join(QStringLiteral(", "));
    };
    switch (v.kind()) {
    case PythonLiteral::Kind::Tuple:
        if (v.items().size() == 1) {
            return QLatin1Char('(') + canonical(v.items().front()) + QStringLiteral(",)");
        }
        return QLatin1Char('(') + join(v.items(), false) + QLatin1Char(')');
    case PythonLiteral::Kind::List:
        return QLatin1Char('[') + join(v.items(), false) + QLatin1Char(']');
    case PythonLiteral::Kind::Set:
        if (v.items().empty()) {
            return QStringLiteral("set()");
        }
        return QLatin1Char('{') + join(v.items(), true) + QLatin1Char('}');
    case PythonLiteral::Kind::Dict: {
        QStringList parts;
        for (size_t i = 0; i + 1 < v.items().size(); i += 2) {
            parts << canonical(v.items()[i]) + QStringLiteral(": ") + canonical(v.items()[i + 1]);
        }
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    default:
        return v.repr();
    }
}

QString outcome(const PythonLiteralParse &parsed)
{
    switch (parsed.status) {
    case PythonLiteralParse::Ok:
        return canonical(parsed.value);
    case PythonLiteralParse::NotLiteral:
        return QStringLiteral("ERR:value");
    case PythonLiteralParse::SyntaxError:
        return QStringLiteral("ERR:syntax");
    }
    return QString();
}

} // namespace

class TestPythonLiteral : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void notLiteral_data();
    void notLiteral();
    void properties();
    void equality();
    void deepNesting();
    void oracle();
};

void TestPythonLiteral::parse_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("repr");
    QTest::addColumn<int>("kind");

    auto row = [](const char *expression, const char *repr, PythonLiteral::Kind kind) {
        QTest::newRow(QByteArray(expression).replace('\n', "\\n").constData())
            << QString::fromUtf8(expression) << QString::fromUtf8(repr) << int(kind);
    };
    using K = PythonLiteral::Kind;
    // Strings in every form.
    row("'abc'", "'abc'", K::Str);
    row("\"abc\"", "'abc'", K::Str);
    row("'''tri'''", "'tri'", K::Str);
    row("\"\"\"a\nb\"\"\"", "'a\\nb'", K::Str);
    row("u'x'", "'x'", K::Str);
    row("r'\\n'", "'\\\\n'", K::Str);
    row("b'\\x00a'", "b'\\x00a'", K::Bytes);
    row("rb'\\x'", "b'\\\\x'", K::Bytes);
    row("bR'a'", "b'a'", K::Bytes);
    row("'\\x41\\u00e9\\U0001F600'", "'A\u00e9\U0001F600'", K::Str);
    row("'\\N{EM DASH}'", "'\u2014'", K::Str);
    row("'\\N{em dash}'", "'\u2014'", K::Str);
    row("'\\N{CJK UNIFIED IDEOGRAPH-4E00}'", "'\u4e00'", K::Str);
    row("'\\101\\0'", "'A\\x00'", K::Str);
    row("'\\q'", "'\\\\q'", K::Str);
    row("'a\\\nb'", "'ab'", K::Str);
    row("'\\'\"'", "'\\'\"'", K::Str);
    row("\"'\"", "\"'\"", K::Str);
    row("'a' 'b'", "'ab'", K::Str);
    row("('a'\n 'b')", "'ab'", K::Str);
    row("b'a' B'b'", "b'ab'", K::Bytes);
    row("'\\u2028\\xa0 \\x7f'", "'\\u2028\\xa0 \\x7f'", K::Str);
    // Numbers.
    row("0", "0", K::Int);
    row("000", "0", K::Int);
    row("1_000", "1000", K::Int);
    row("0xff", "255", K::Int);
    row("0o777", "511", K::Int);
    row("0b_1010", "10", K::Int);
    row("0x10000000000000000", "18446744073709551616", K::Int);
    row("-5", "-5", K::Int);
    row("+5", "5", K::Int);
    row("-(5)", "-5", K::Int);
    row("1.5", "1.5", K::Float);
    row("1e16", "1e+16", K::Float);
    row("1e15", "1000000000000000.0", K::Float);
    row("1e-5", "1e-05", K::Float);
    row("0.0001", "0.0001", K::Float);
    row("1e400", "inf", K::Float);
    row("-0.0", "-0.0", K::Float);
    row("1j", "1j", K::Complex);
    row("-1j", "(-0-1j)", K::Complex);
    row("1+2j", "(1+2j)", K::Complex);
    row("1.5-0.5j", "(1.5-0.5j)", K::Complex);
    // Constants and containers.
    row("None", "None", K::None);
    row("True", "True", K::Bool);
    row("False", "False", K::Bool);
    row("...", "Ellipsis", K::Ellipsis);
    row("()", "()", K::Tuple);
    row("(1,)", "(1,)", K::Tuple);
    row("1, 2,", "(1, 2)", K::Tuple);
    row("('a', ('b', None), [])", "('a', ('b', None), [])", K::Tuple);
    row("[1, 'a',]", "[1, 'a']", K::List);
    row("{}", "{}", K::Dict);
    row("{'a': 1, 'b': (2,)}", "{'a': 1, 'b': (2,)}", K::Dict);
    row("{1: 'a', True: 'b'}", "{1: 'b'}", K::Dict);
    row("{'x', 'x'}", "{'x'}", K::Set);
    row("set()", "set()", K::Set);
    row("((('deep')))", "'deep'", K::Str);
    row("('a', # comment\n 'b',\n)", "('a', 'b')", K::Tuple);
}

void TestPythonLiteral::parse()
{
    QFETCH(QString, expression);
    QFETCH(QString, repr);
    QFETCH(int, kind);
    const PythonLiteralParse parsed = PythonLiteral::parse(expression);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.value.repr(), repr);
    QCOMPARE(int(parsed.value.kind()), kind);
}

void TestPythonLiteral::notLiteral_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("why"); // substring of the error

    const int no = PythonLiteralParse::NotLiteral;
    const int syntax = PythonLiteralParse::SyntaxError;
    auto row = [](const char *expression, int status, int line, const char *why) {
        QTest::newRow(QByteArray(expression).replace('\n', "\\n").constData())
            << QString::fromUtf8(expression) << status << line << QString::fromUtf8(why);
    };
    row("OTHER_REV", no, 1, "name 'OTHER_REV'");
    row("module.REV", no, 1, "name 'module'");
    row("'a'.upper()", no, 1, "attribute access");
    row("('a',\n get_rev())", no, 2, "name 'get_rev'");
    row("'abc'[0]", no, 1, "a subscript");
    row("'a' + 'b'", no, 1, "operator '+'");
    row("'a' if x else 'b'", no, 1, "'if' expression");
    row("[x for x in y]", no, 1, "name 'x'");
    row("['a' for x in y]", no, 1, "comprehension");
    row("f'abc'", no, 1, "f-string");
    row("f'{x}'", no, 1, "f-string");
    row("'a' f'b'", no, 1, "f-string");
    row("lambda: 1", no, 1, "'lambda' expression");
    row("not True", no, 1, "'not' expression");
    row("--1", no, 1, "operator '-'");
    row("-'a'", no, 1, "operator '-'");
    row("-True", no, 1, "operator '-'");
    row("1 + 2", no, 1, "operator '+'");
    row("2 ** 3", no, 1, "operator '**'");
    row("[*a]", no, 1, "starred");
    row("{**a}", no, 1, "operator '**'");
    row("(x := 1)", no, 1, "name 'x'");
    row("{[1]: 2}", no, 1, "unhashable type: 'list'");
    row("{(1, {2})}", no, 1, "unhashable type: 'set'");
    row("'\\N{SOME UNKNOWN NAME}'", no, 1, "\\N{SOME UNKNOWN NAME}");
    row("'a' b'b'", syntax, 1, "cannot mix bytes and nonbytes literals");
    row("1 2", syntax, 1, "'2'");
    row("('a') 'b'", syntax, 1, "a string");
    row("x y", no, 1, "name 'x'");
    row("'\\x4'", syntax, 1, "truncated \\xXX escape");
    row("'\\U00110000'", syntax, 1, "illegal Unicode character");
    row("'\\N'", syntax, 1, "malformed \\N character escape");
    row("b'caf\u00e9'", syntax, 1, "bytes can only contain ASCII literal characters");
    row("'unterminated", syntax, 1, "unterminated string literal");
    row("(1, 2", syntax, 1, "'(' was never closed");
    row("", syntax, 0, "no value");
    row("1\n2", syntax, 1, "invalid syntax");
}

void TestPythonLiteral::notLiteral()
{
    QFETCH(QString, expression);
    QFETCH(int, status);
    QFETCH(int, line);
    QFETCH(QString, why);
    const PythonLiteralParse parsed = PythonLiteral::parse(expression);
    QCOMPARE(int(parsed.status), status);
    QCOMPARE(parsed.line, line);
    QVERIFY2(parsed.error.contains(why), qPrintable(parsed.error));
}

void TestPythonLiteral::properties()
{
    const PythonLiteral tuple = PythonLiteral::parse(QStringLiteral("('a', 'b')")).value;
    QCOMPARE(tuple.size(), 2);
    QVERIFY(tuple.isTruthy());
    QVERIFY(tuple.isHashable());
    QCOMPARE(tuple.items().at(1).stringValue(), QStringLiteral("b"));
    QCOMPARE(tuple.typeName(), QStringLiteral("tuple"));

    for (const char *falsy :
         {"None", "False", "0", "0.0", "0j", "''", "b''", "()", "[]", "{}", "set()"}) {
        QVERIFY2(!PythonLiteral::parse(QString::fromLatin1(falsy)).value.isTruthy(), falsy);
    }
    for (const char *truthy : {"True", "1", "-1", "0.5", "1j", "'0'", "(None,)", "..."}) {
        QVERIFY2(PythonLiteral::parse(QString::fromLatin1(truthy)).value.isTruthy(), truthy);
    }
    QVERIFY(!PythonLiteral::parse(QStringLiteral("([],)")).value.isHashable());

    qint64 value = 0;
    QVERIFY(PythonLiteral::parse(QStringLiteral("-0x7f")).value.toInt64(&value));
    QCOMPARE(value, qint64(-127));
    QVERIFY(!PythonLiteral::parse(QStringLiteral("10**2")).ok());
    QVERIFY(!PythonLiteral::parse(QStringLiteral("99999999999999999999")).value.toInt64(&value));

    // A non-decimal integer too long to convert keeps its spelling.
    const QString huge = QStringLiteral("0x") + QString(5000, QLatin1Char('f'));
    const PythonLiteralParse big = PythonLiteral::parse(huge);
    QVERIFY(big.ok());
    QCOMPARE(big.value.intText(), huge);
}

void TestPythonLiteral::equality()
{
    auto v = [](const char *text) { return PythonLiteral::parse(QString::fromLatin1(text)).value; };
    QVERIFY(v("1") == v("1.0"));
    QVERIFY(v("1") == v("True"));
    QVERIFY(v("0") == v("-0.0"));
    QVERIFY(v("1") == v("1+0j"));
    QVERIFY(v("(1, 'a')") == v("(True, 'a')"));
    QVERIFY(v("[1, 2]") == v("[1.0, 2]"));
    QVERIFY(v("{1, 2}") == v("{2, 1}"));
    QVERIFY(v("{'a': 1}") == v("{'a': 1.0}"));
    QVERIFY(v("(1,)") != v("[1]"));
    QVERIFY(v("'1'") != v("1"));
    QVERIFY(v("b'a'") != v("'a'"));
    QVERIFY(v("0.5") != v("0"));
    QVERIFY(v("1e400") == v("1e500"));
    QVERIFY(v("10000000000000000000000") == v("1e22"));
}

void TestPythonLiteral::deepNesting()
{
    // Bounded by the tokenizer's bracket limit: never a stack overflow.
    const QString deep = QString(150, QLatin1Char('[')) + QString(150, QLatin1Char(']'));
    QVERIFY(PythonLiteral::parse(deep).ok());
    const QString tooDeep =
        QString(5000, QLatin1Char('(')) + QStringLiteral("1") + QString(5000, QLatin1Char(')'));
    QCOMPARE(int(PythonLiteral::parse(tooDeep).status), int(PythonLiteralParse::SyntaxError));
    const QString manySigns = QString(100000, QLatin1Char('-')) + QStringLiteral("1");
    QCOMPARE(int(PythonLiteral::parse(manySigns).status), int(PythonLiteralParse::NotLiteral));
    QString wide = QStringLiteral("[");
    for (int i = 0; i < 100000; ++i) {
        wide += QStringLiteral("'r%1', ").arg(i);
    }
    wide += QLatin1Char(']');
    const PythonLiteralParse parsed = PythonLiteral::parse(wide);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.size(), 100000);
}

void TestPythonLiteral::oracle()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    if (!QFileInfo::exists(python)) {
        QSKIP("/usr/bin/python3 is not installed: the ast.literal_eval oracle cannot run");
    }
    // One interpreter for all snippets; sets are printed sorted so hash order cannot differ.
    QFile scriptFile(QStringLiteral(REVSCOPE_TEST_DATA "/python/literal_oracle.py"));
    QFile snippetFile(QStringLiteral(REVSCOPE_TEST_DATA "/python/literal_oracle_snippets.json"));
    QVERIFY(scriptFile.open(QIODevice::ReadOnly));
    QVERIFY(snippetFile.open(QIODevice::ReadOnly));
    const QByteArray snippetJson = snippetFile.readAll();
    const QJsonArray snippets = QJsonDocument::fromJson(snippetJson).array();
    QVERIFY(snippets.size() > 100);
    QProcess process;
    process.start(python, {QFileInfo(scriptFile).absoluteFilePath()});
    QVERIFY(process.waitForStarted());
    process.write(snippetJson);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QJsonArray expected = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    QCOMPARE(expected.size(), snippets.size());
    int mismatches = 0;
    for (qsizetype i = 0; i < snippets.size(); ++i) {
        const QString snippet = snippets.at(i).toString();
        const QString ours = outcome(PythonLiteral::parse(snippet));
        const QString theirs = expected.at(i).toString();
        if (ours != theirs) {
            ++mismatches;
            qWarning().noquote() << "snippet" << snippet << "python:" << theirs << "ours:" << ours;
        }
    }
    QCOMPARE(mismatches, 0);
}

QTEST_GUILESS_MAIN(TestPythonLiteral)
#include "tst_pythonliteral.moc"
