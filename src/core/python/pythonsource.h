#pragma once

#include <QByteArray>
#include <QString>

namespace Revscope {

// The text of a Python source file, decoded the way CPython decodes it.
struct PythonSourceText
{
    bool ok = false;
    QString text;     // LF line endings only ("\r\n" and lone "\r" become "\n")
    QString encoding; // "utf-8", "iso-8859-1", "cp1252", "ascii", or the declared name
    bool hasBom = false;
    QString error;     // empty when ok; a plain, translated sentence fragment
    int errorLine = 0; // 1-based; 0 when the problem concerns the whole file
};

class PythonSource
{
public:
    // UTF-8 by default; a UTF-8 BOM; a PEP 263 coding declaration on line 1, or on
    // line 2 when line 1 is blank or a comment. NUL bytes and undecodable bytes are
    // errors, as they are for CPython.
    static PythonSourceText decode(const QByteArray &bytes);

    // The raw name of the PEP 263 declaration, empty when there is none.
    // `line` receives 1 or 2.
    static QByteArray codingDeclaration(const QByteArray &bytes, int *line = nullptr);

    // CPython's name normalisation followed by its codec alias lookup for the codecs
    // handled natively: returns "utf-8", "utf-8-sig", "iso-8859-1", "cp1252", "ascii",
    // or an empty string for anything else.
    static QString canonicalEncoding(const QByteArray &declared);

    // Python's str.isprintable() for one code point.
    static bool isPrintable(char32_t codePoint);
};

} // namespace Revscope
