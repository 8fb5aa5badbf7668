#include "python/pythonsource.h"

#include <QTest>

using namespace Revscope;

class TestPythonSource : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void codingDeclaration_data();
    void codingDeclaration();
    void canonicalEncoding_data();
    void canonicalEncoding();
};

void TestPythonSource::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("text");      // expected text when ok
    QTest::addColumn<QString>("encoding");  // expected encoding when ok
    QTest::addColumn<int>("errorLine");     // expected line when not ok
    QTest::addColumn<QString>("errorPart"); // substring of the error when not ok

    const QString e = QStringLiteral("\u00e9");
    QTest::newRow("plain utf-8") << QByteArray("x = 1\n") << true << QStringLiteral("x = 1\n")
                                 << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("utf-8 text") << QByteArray("x = '\xc3\xa9'\n") << true
                                << QStringLiteral("x = '") + e + QStringLiteral("'\n")
                                << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("astral utf-8") << QByteArray("x = '\xf0\x9f\x98\x80'\n") << true
                                  << QStringLiteral("x = '\U0001F600'\n") << QStringLiteral("utf-8")
                                  << 0 << QString();
    QTest::newRow("bom") << QByteArray("\xef\xbb\xbfx = '\xc3\xa9'\n") << true
                         << QStringLiteral("x = '") + e + QStringLiteral("'\n")
                         << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("bom with utf-8 cookie")
        << QByteArray("\xef\xbb\xbf# -*- coding: utf-8 -*-\nx = 1\n") << true
        << QStringLiteral("# -*- coding: utf-8 -*-\nx = 1\n") << QStringLiteral("utf-8") << 0
        << QString();
    QTest::newRow("bom with UTF_8 cookie")
        << QByteArray("\xef\xbb\xbf# coding: UTF_8\n") << true
        << QStringLiteral("# coding: UTF_8\n") << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("bom with utf-8-sig cookie")
        << QByteArray("\xef\xbb\xbf# coding: utf-8-sig\n") << true
        << QStringLiteral("# coding: utf-8-sig\n") << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("bom with utf8 cookie is an error (CPython compares normal names)")
        << QByteArray("\xef\xbb\xbf# coding: utf8\nx = 1\n") << false << QString() << QString() << 1
        << QStringLiteral("encoding problem: utf8 with BOM");
    QTest::newRow("bom with latin-1 cookie")
        << QByteArray("\xef\xbb\xbf# coding: latin-1\nx = 1\n") << false << QString() << QString()
        << 1 << QStringLiteral("encoding problem: iso-8859-1 with BOM");
    QTest::newRow("pep 263 latin-1 line 1")
        << QByteArray("# -*- coding: latin-1 -*-\nx = '\xe9'\n") << true
        << QStringLiteral("# -*- coding: latin-1 -*-\nx = '") + e + QStringLiteral("'\n")
        << QStringLiteral("iso-8859-1") << 0 << QString();
    QTest::newRow("pep 263 coding= form")
        << QByteArray("# coding=latin1\nx = '\xe9'\n") << true
        << QStringLiteral("# coding=latin1\nx = '") + e + QStringLiteral("'\n")
        << QStringLiteral("iso-8859-1") << 0 << QString();
    QTest::newRow("vim line 2 after shebang")
        << QByteArray("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\nx = '\xe9'\n")
        << true
        << QStringLiteral("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\nx = '") +
               e + QStringLiteral("'\n")
        << QStringLiteral("iso-8859-1") << 0 << QString();
    QTest::newRow("line 2 cookie ignored after code")
        << QByteArray("x = 1\n# coding: latin-1\ny = '\xe9'\n") << false << QString() << QString()
        << 3 << QStringLiteral("binary or undecodable file");
    QTest::newRow("line 3 cookie ignored")
        << QByteArray("#\n#\n# coding: latin-1\ny = '\xe9'\n") << false << QString() << QString()
        << 4 << QStringLiteral("not valid UTF-8");
    QTest::newRow("cookie not in a comment is no cookie")
        << QByteArray("coding = 'coding: latin-1'\ny = '\xe9'\n") << false << QString() << QString()
        << 2 << QStringLiteral("0xe9");
    QTest::newRow("cp1252") << QByteArray("# coding: cp1252\nx = '\x80'\n") << true
                            << QStringLiteral("# coding: cp1252\nx = '\u20ac'\n")
                            << QStringLiteral("cp1252") << 0 << QString();
    QTest::newRow("windows-1252 undefined byte")
        << QByteArray("# coding: windows-1252\n\nx = '\x81'\n") << false << QString() << QString()
        << 3 << QStringLiteral("not valid cp1252");
    QTest::newRow("ascii ok") << QByteArray("# coding: ascii\nx = 1\n") << true
                              << QStringLiteral("# coding: ascii\nx = 1\n")
                              << QStringLiteral("ascii") << 0 << QString();
    QTest::newRow("ascii rejects high bytes")
        << QByteArray("# coding: us-ascii\nx = '\xe9'\n") << false << QString() << QString() << 2
        << QStringLiteral("not valid ascii");
    QTest::newRow("iso-8859-15 through the system codecs")
        << QByteArray("# coding: iso-8859-15\nx = '\xa4'\n") << true
        << QStringLiteral("# coding: iso-8859-15\nx = '\u20ac'\n") << QStringLiteral("iso-8859-15")
        << 0 << QString();
    QTest::newRow("unknown encoding")
        << QByteArray("# -*- coding: klingon-8 -*-\nx = 1\n") << false << QString() << QString()
        << 1 << QStringLiteral("unknown encoding: klingon-8");
    QTest::newRow("crlf") << QByteArray("x = 1\r\ny = 2\r\n") << true
                          << QStringLiteral("x = 1\ny = 2\n") << QStringLiteral("utf-8") << 0
                          << QString();
    QTest::newRow("lone cr") << QByteArray("x = 1\ry = 2\r") << true
                             << QStringLiteral("x = 1\ny = 2\n") << QStringLiteral("utf-8") << 0
                             << QString();
    QTest::newRow("mixed endings")
        << QByteArray("a\r\n\rb\n\r\nc") << true << QStringLiteral("a\n\nb\n\nc")
        << QStringLiteral("utf-8") << 0 << QString();
    QTest::newRow("nul byte") << QByteArray("x = 1\ny = 2\0\n", 13) << false << QString()
                              << QString() << 2 << QStringLiteral("binary or undecodable file");
    QTest::newRow("nul byte after crlf lines")
        << QByteArray("a\r\nb\r\n\0", 7) << false << QString() << QString() << 3
        << QStringLiteral("NUL byte");
    QTest::newRow("binary junk") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << false
                                 << QString() << QString() << 3 << QStringLiteral("NUL");
    QTest::newRow("invalid start byte")
        << QByteArray("a = 1\nb = 2\nc = '\xff'\n") << false << QString() << QString() << 3
        << QStringLiteral("byte 0xff on line 3");
    QTest::newRow("encoded surrogate") << QByteArray("x = '\xed\xa0\x80'\n") << false << QString()
                                       << QString() << 1 << QStringLiteral("0xed");
    QTest::newRow("overlong") << QByteArray("x = '\xc0\x80'\n") << false << QString() << QString()
                              << 1 << QStringLiteral("0xc0");
    QTest::newRow("truncated at eof") << QByteArray("x = 1\n\xe2\x82") << false << QString()
                                      << QString() << 2 << QStringLiteral("0xe2");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false << QString()
                                    << QString() << 1 << QStringLiteral("0xf4");
    QTest::newRow("empty") << QByteArray() << true << QString() << QStringLiteral("utf-8") << 0
                           << QString();
}

void TestPythonSource::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(int, errorLine);
    QFETCH(QString, errorPart);

    const PythonSourceText result = PythonSource::decode(bytes);
    QCOMPARE(result.ok, ok);
    if (ok) {
        QCOMPARE(result.text, text);
        QCOMPARE(result.encoding, encoding);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.hasBom, bytes.startsWith("\xef\xbb\xbf"));
    } else {
        QVERIFY2(result.error.contains(errorPart), qPrintable(result.error));
        QCOMPARE(result.errorLine, errorLine);
        QVERIFY(result.text.isEmpty());
    }
}

void TestPythonSource::codingDeclaration_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("declared");
    QTest::addColumn<int>("line");

    QTest::newRow("emacs") << QByteArray("# -*- coding: latin-1 -*-\n") << QByteArray("latin-1")
                           << 1;
    QTest::newRow("vim") << QByteArray("# vim: set fileencoding=utf-8 :\n") << QByteArray("utf-8")
                         << 1;
    QTest::newRow("line 2 after blank")
        << QByteArray("\n# coding: cp1252\n") << QByteArray("cp1252") << 2;
    QTest::newRow("line 2 after code")
        << QByteArray("x = 1\n# coding: cp1252\n") << QByteArray() << 0;
    QTest::newRow("indented comment")
        << QByteArray("   \t# coding: ascii\n") << QByteArray("ascii") << 1;
    QTest::newRow("coding without separator")
        << QByteArray("# coding latin-1\n") << QByteArray() << 0;
    QTest::newRow("first of several")
        << QByteArray("# codingx coding: a.b-c_d rest\n") << QByteArray("a.b-c_d") << 1;
    QTest::newRow("after bom") << QByteArray("\xef\xbb\xbf# coding: utf-8\n") << QByteArray("utf-8")
                               << 1;
    QTest::newRow("crlf lines") << QByteArray("#!python\r\n# coding: latin-1\r\n")
                                << QByteArray("latin-1") << 2;
}

void TestPythonSource::codingDeclaration()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, declared);
    QFETCH(int, line);
    int actualLine = 0;
    QCOMPARE(PythonSource::codingDeclaration(bytes, &actualLine), declared);
    QCOMPARE(actualLine, line);
}

void TestPythonSource::canonicalEncoding_data()
{
    QTest::addColumn<QByteArray>("declared");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("utf-8") << QByteArray("utf-8") << QStringLiteral("utf-8");
    QTest::newRow("UTF8") << QByteArray("UTF8") << QStringLiteral("utf-8");
    QTest::newRow("utf-8-unix (emacs)") << QByteArray("utf-8-unix") << QStringLiteral("utf-8");
    QTest::newRow("latin-1") << QByteArray("latin-1") << QStringLiteral("iso-8859-1");
    QTest::newRow("ISO-8859-1") << QByteArray("ISO-8859-1") << QStringLiteral("iso-8859-1");
    QTest::newRow("l1") << QByteArray("l1") << QStringLiteral("iso-8859-1");
    QTest::newRow("cp1252") << QByteArray("cp1252") << QStringLiteral("cp1252");
    QTest::newRow("windows-1252") << QByteArray("windows-1252") << QStringLiteral("cp1252");
    QTest::newRow("ascii") << QByteArray("ascii") << QStringLiteral("ascii");
    QTest::newRow("us-ascii") << QByteArray("us-ascii") << QStringLiteral("ascii");
    QTest::newRow("utf-8-sig via alias") << QByteArray("utf_8_sig") << QStringLiteral("utf-8");
    QTest::newRow("other") << QByteArray("shift_jis") << QString();
}

void TestPythonSource::canonicalEncoding()
{
    QFETCH(QByteArray, declared);
    QFETCH(QString, canonical);
    QCOMPARE(PythonSource::canonicalEncoding(declared), canonical);
}

QTEST_GUILESS_MAIN(TestPythonSource)
#include "tst_pythonsource.moc"
