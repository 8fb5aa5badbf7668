#include "marshalbytes.h"

#include "python/marshalreader.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Revscope;
using namespace MarshalBytes;

namespace {

// A Python-like repr of a marshal value, enough to compare shapes and contents.
QString describe(const MarshalValue::Ptr &value)
{
    if (!value) {
        return QStringLiteral("<error>");
    }
    auto join = [](const std::vector<MarshalValue::Ptr> &items, int step = 1) {
        QStringList parts;
        for (size_t i = 0; i < items.size(); i += size_t(step)) {
            parts.append(step == 2
                             ? describe(items[i]) + QStringLiteral(": ") + describe(items[i + 1])
                             : describe(items[i]));
        }
        return parts.join(QStringLiteral(", "));
    };
    switch (value->type) {
    case MarshalValue::Type::Null:
        return QStringLiteral("NULL");
    case MarshalValue::Type::None:
        return QStringLiteral("None");
    case MarshalValue::Type::False:
        return QStringLiteral("False");
    case MarshalValue::Type::True:
        return QStringLiteral("True");
    case MarshalValue::Type::StopIteration:
        return QStringLiteral("StopIteration");
    case MarshalValue::Type::Ellipsis:
        return QStringLiteral("Ellipsis");
    case MarshalValue::Type::Int:
        return value->text;
    case MarshalValue::Type::Float:
        return QString::number(value->real);
    case MarshalValue::Type::Complex:
        return QStringLiteral("(%1+%2j)").arg(value->real).arg(value->imag);
    case MarshalValue::Type::Bytes:
        return QStringLiteral("b'%1'").arg(QString::fromLatin1(value->bytes.toHex()));
    case MarshalValue::Type::String:
        return QStringLiteral("'%1'").arg(value->text);
    case MarshalValue::Type::Tuple:
        return QStringLiteral("(%1)").arg(join(value->items));
    case MarshalValue::Type::List:
        return QStringLiteral("[%1]").arg(join(value->items));
    case MarshalValue::Type::Dict:
        return QStringLiteral("{%1}").arg(join(value->items, 2));
    case MarshalValue::Type::Set:
        return QStringLiteral("{%1}").arg(join(value->items));
    case MarshalValue::Type::FrozenSet:
        return QStringLiteral("frozenset({%1})").arg(join(value->items));
    case MarshalValue::Type::Code:
        return QStringLiteral("<code %1>").arg(value->code->name);
    case MarshalValue::Type::Slice:
        return QStringLiteral("slice(%1)").arg(join(value->items));
    }
    return QString();
}

MarshalValue::Ptr readAll(const QByteArray &data, QString *error = nullptr,
                          MarshalReader::CodeLayout layout = MarshalReader::CodeLayout::Py311)
{
    MarshalReader reader(data, layout);
    MarshalValue::Ptr value = reader.read();
    if (error) {
        *error = reader.error();
    }
    return value;
}

} // namespace

class TestMarshalReader : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void codeLayouts_data();
    void codeLayouts();
    void sharedReferences();
    void rejects_data();
    void rejects();
    void everyTruncationFails();
    void deepNestingIsBounded();
    void objectLimit();
    void referenceDagStaysSmall();
};

void TestMarshalReader::values_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    // Bytes written by CPython 3.11's marshal.dumps() unless noted.
    const auto hex = [](const char *text) { return QByteArray::fromHex(text); };
    QTest::newRow("None") << hex("4e") << "None";
    QTest::newRow("True") << hex("54") << "True";
    QTest::newRow("False") << hex("46") << "False";
    QTest::newRow("StopIteration") << hex("53") << "StopIteration";
    QTest::newRow("Ellipsis") << hex("2e") << "Ellipsis";
    QTest::newRow("int") << hex("e9fbffffff") << "-5";
    QTest::newRow("int 2**30") << hex("e900000040") << "1073741824";
    QTest::newRow("int64 (read only)") << hex("49000000000001000000") << "1099511627776";
    QTest::newRow("long 2**100") << hex("ec070000000000000000000000000000000004")
                                 << "1267650600228229401496703205376";
    QTest::newRow("long -(2**64)")
        << hex("ecfbffffff00000000000000001000") << "-18446744073709551616";
    QTest::newRow("long 30 digits")
        << hex("ec07000000d20a7e1cb9039f1b6c7f215d6300") << "123456789012345678901234567890";
    QTest::newRow("binary float") << hex("e7000000000000f83f") << "1.5";
    QTest::newRow("binary float inf") << hex("e7000000000000f07f") << "inf";
    QTest::newRow("float (version 1)") << hex("6603312e35") << "1.5";
    QTest::newRow("float text nan") << hex("66036e616e") << "nan";
    QTest::newRow("binary complex") << hex("f9000000000000f03f0000000000000040") << "(1+2j)";
    QTest::newRow("complex (version 1)") << hex("7801310132") << "(1+2j)";
    QTest::newRow("bytes") << hex("f303000000616200") << "b'616200'";
    QTest::newRow("unicode") << hex("f50600000068c3a96c6c6f") << QStringLiteral("'h\u00e9llo'");
    QTest::newRow("interned (version 2)") << hex("75020000006162") << "'ab'";
    QTest::newRow("interned") << hex("74020000006162") << "'ab'";
    QTest::newRow("ascii") << hex("61020000006162") << "'ab'";
    QTest::newRow("ascii interned") << hex("41020000006162") << "'ab'";
    QTest::newRow("short ascii") << hex("da056173636969") << "'ascii'";
    QTest::newRow("short ascii interned") << hex("5a026162") << "'ab'";
    QTest::newRow("small tuple") << hex("a902e901000000da0161") << "(1, 'a')";
    QTest::newRow("tuple") << hex("2802000000e901000000e902000000") << "(1, 2)";
    QTest::newRow("empty tuple") << hex("a900") << "()";
    QTest::newRow("ref to interned") << hex("a902da01617201000000") << "('a', 'a')";
    QTest::newRow("list") << hex("db02000000e9010000005b01000000e902000000") << "[1, [2]]";
    QTest::newRow("dict") << hex("fbda016be90100000030") << "{'k': 1}";
    QTest::newRow("set") << hex("bc01000000e901000000") << "{1}";
    QTest::newRow("frozenset") << hex("be01000000da0166") << "frozenset({'f'})";
    // 3.14's TYPE_SLICE: slice(1, None, None)
    QTest::newRow("slice") << hex("3ae9010000004e4e") << "slice(1, None, None)";
    QTest::newRow("ref to int") << hex("2902e9070000007200000000") << "(7, 7)";
}

void TestMarshalReader::values()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    const MarshalValue::Ptr value = readAll(data, &error);
    QVERIFY2(value, qPrintable(error));
    QCOMPARE(describe(value), expected);
}

void TestMarshalReader::codeLayouts_data()
{
    QTest::addColumn<int>("layout");
    QTest::addColumn<QByteArray>("data");
    const QByteArray consts = smallTuple({shortAscii("doc"), none()});
    const QByteArray names = smallTuple({shortAscii("__doc__")});
    const QByteArray code = wordcode({{100, 0}, {90, 0}, {100, 1}, {83, 0}});
    QTest::newRow("3.0-3.7") << int(MarshalReader::CodeLayout::Py30)
                             << module(Layout::Py30, code, consts, names);
    QTest::newRow("3.8-3.10") << int(MarshalReader::CodeLayout::Py38)
                              << module(Layout::Py38, code, consts, names);
    QTest::newRow("3.11+") << int(MarshalReader::CodeLayout::Py311)
                           << module(Layout::Py311, code, consts, names);
}

void TestMarshalReader::codeLayouts()
{
    QFETCH(int, layout);
    QFETCH(QByteArray, data);
    QString error;
    const auto value = readAll(data, &error, MarshalReader::CodeLayout(layout));
    QVERIFY2(value, qPrintable(error));
    QCOMPARE(value->type, MarshalValue::Type::Code);
    QCOMPARE(value->code->name, QStringLiteral("<module>"));
    QCOMPARE(value->code->filename, QStringLiteral("/app/m.py"));
    QCOMPARE(describe(value->code->consts), QStringLiteral("('doc', None)"));
    QCOMPARE(value->code->code.size(), 8);

    // The same bytes read with another layout misalign and must fail cleanly.
    for (int other = 0; other < 3; ++other) {
        if (other == layout) {
            continue;
        }
        MarshalReader reader(data, MarshalReader::CodeLayout(other));
        const auto misread = reader.read();
        QVERIFY(!misread || misread->code->filename != QStringLiteral("/app/m.py"));
    }
}

void TestMarshalReader::sharedReferences()
{
    // (x, x) where x is a FLAG_REF tuple: both items are the same node, not copies.
    const QByteArray data =
        tuple({ref(')', QByteArray(1, '\x01') + shortAscii("a")), op('r', i32(0))});
    const auto value = readAll(data);
    QVERIFY(value);
    QCOMPARE(describe(value), QStringLiteral("(('a'), ('a'))"));
    QCOMPARE(value->items[0].get(), value->items[1].get());
}

void TestMarshalReader::rejects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("empty") << QByteArray() << "truncated";
    QTest::newRow("unknown type") << op('?') << "unknown type code";
    QTest::newRow("undefined type") << op('Q') << "unknown type code";
    QTest::newRow("bare NULL") << op('0') << "NULL";
    QTest::newRow("NULL in tuple") << smallTuple({op('0')}) << "NULL";
    QTest::newRow("dict value NULL") << op('{', shortAscii("k") + op('0')) << "NULL";
    QTest::newRow("unterminated dict") << op('{', shortAscii("k") + none()) << "truncated";
    QTest::newRow("ref with no objects") << op('r', i32(0)) << "invalid reference";
    QTest::newRow("negative ref") << smallTuple({ref('i', i32(1)), op('r', i32(-1))})
                                  << "invalid reference";
    QTest::newRow("ref past the end")
        << smallTuple({ref('i', i32(1)), op('r', i32(1))}) << "invalid reference";
    QTest::newRow("self reference")
        << ref(')', QByteArray(1, '\x01') + op('r', i32(0))) << "unfinished";
    QTest::newRow("huge string") << op('s', i32(0x7fffffff)) << "exceeds";
    QTest::newRow("negative string") << op('u', i32(-1)) << "negative";
    QTest::newRow("huge tuple") << op('(', i32(0x7fffffff)) << "exceeds";
    QTest::newRow("huge list") << op('[', i32(100000000)) << "exceeds";
    QTest::newRow("huge set") << op('<', i32(1000)) << "exceeds";
    QTest::newRow("huge long") << op('l', i32(0x7fffffff)) << "truncated";
    QTest::newRow("long min") << op('l', i32(qint32(0x80000000))) << "out of range";
    QTest::newRow("long digit out of range")
        << op('l', i32(1) + QByteArray("\xff\xff", 2)) << "digit out of range";
    QTest::newRow("unnormalized long")
        << op('l', i32(1) + QByteArray("\x00\x00", 2)) << "unnormalized";
    QTest::newRow("bad float text") << op('f', QByteArray("\x03"
                                                          "abc",
                                                          4))
                                    << "float";
    QTest::newRow("short ascii past end") << op('z', QByteArray("\x09"
                                                                "ab",
                                                                3))
                                          << "truncated";
    QTest::newRow("code with int for co_code")
        << op('c', i32(0) + i32(0) + i32(0) + i32(0) + i32(0) + op('i', i32(1)))
        << "expected bytes";
    QTest::newRow("text file") << QByteArray("revision = 'abc'\n") << "invalid reference";
    QTest::newRow("text comment") << QByteArray("# a comment\n") << "unknown type code";
}

void TestMarshalReader::rejects()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, errorPart);
    QString error;
    const auto value = readAll(data, &error);
    QVERIFY(!value);
    QVERIFY2(error.contains(errorPart, Qt::CaseInsensitive), qPrintable(error));
}

void TestMarshalReader::everyTruncationFails()
{
    const QByteArray full = module(Layout::Py311, wordcode({{151, 0}, {100, 0}, {83, 0}}),
                                   smallTuple({unicode(QStringLiteral("d\u00f6c")), none()}),
                                   smallTuple({shortAscii("__doc__")}));
    QVERIFY(readAll(full));
    for (int size = 0; size < full.size(); ++size) {
        QString error;
        QVERIFY2(!readAll(full.left(size), &error), qPrintable(QString::number(size)));
        QVERIFY(!error.isEmpty());
    }
}

void TestMarshalReader::deepNestingIsBounded()
{
    QByteArray nested;
    for (int i = 0; i < 200000; ++i) {
        nested += QByteArray(")\x01", 2);
    }
    nested += 'N';
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(!readAll(nested, &error));
    QVERIFY2(error.contains(QStringLiteral("nested")), qPrintable(error));
    QVERIFY(timer.elapsed() < 2000);

    // Within the limit, nesting reads fine.
    MarshalReader reader(nested.right(2 * 50 + 1), MarshalReader::CodeLayout::Py311);
    QVERIFY(reader.read());
}

void TestMarshalReader::objectLimit()
{
    QByteArray many = op('[', i32(1000));
    for (int i = 0; i < 1000; ++i) {
        many += 'N';
    }
    MarshalReader reader(many, MarshalReader::CodeLayout::Py311);
    reader.setMaxObjects(100);
    QVERIFY(!reader.read());
    QVERIFY2(reader.error().contains(QStringLiteral("objects")), qPrintable(reader.error()));
    reader.setMaxObjects(MarshalReader::DefaultMaxObjects);
    QVERIFY(reader.read());
}

void TestMarshalReader::referenceDagStaysSmall()
{
    // t0 = ('x',); t(n+1) = (t(n), t(n)) by reference: 2^60 leaves if copied.
    QByteArray data;
    const int levels = 60;
    for (int i = 0; i < levels; ++i) {
        data += ref(')', QByteArray(1, '\x02'));
    }
    data += ref('z', QByteArray(1, '\x01') + "x");
    // Innermost tuple: ('x', 'x'), the second item referencing the string.
    data += op('r', i32(levels));
    for (int i = levels - 2; i >= 0; --i) {
        data += op('r', i32(i + 1));
    }
    QElapsedTimer timer;
    timer.start();
    QString error;
    const auto value = readAll(data, &error);
    QVERIFY2(value, qPrintable(error));
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(value->items.size(), size_t(2));
    QCOMPARE(value->items[0].get(), value->items[1].get());
}

QTEST_GUILESS_MAIN(TestMarshalReader)
#include "tst_marshalreader.moc"
