#include "pythonsource.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cstring>

namespace Revscope {

namespace {

bool isBlankOrCommentLine(const char *s, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char c = s[i];
        if (c == '#' || c == '\n' || c == '\r') {
            return true;
        }
        if (c != ' ' && c != '\t' && c != '\f') {
            return false;
        }
    }
    return true;
}

bool isCodingNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

// CPython's get_coding_spec(): only a comment line can declare the encoding.
QByteArray codingSpec(const char *s, qsizetype size)
{
    qsizetype i = 0;
    for (; i < size; ++i) {
        if (s[i] == '#') {
            break;
        }
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f') {
            return QByteArray();
        }
    }
    for (; i + 6 < size; ++i) {
        if (std::memcmp(s + i, "coding", 6) != 0) {
            continue;
        }
        qsizetype t = i + 6;
        if (s[t] != ':' && s[t] != '=') {
            continue;
        }
        do {
            ++t;
        } while (t < size && (s[t] == ' ' || s[t] == '\t'));
        const qsizetype begin = t;
        while (t < size && isCodingNameChar(s[t])) {
            ++t;
        }
        if (begin < t) {
            return QByteArray(s + begin, t - begin);
        }
    }
    return QByteArray();
}

// CPython's get_normal_name(): looks at the first 12 characters only.
QByteArray normalName(const QByteArray &name)
{
    QByteArray buf;
    for (qsizetype i = 0; i < name.size() && i < 12; ++i) {
        const char c = name.at(i);
        buf.append(c == '_' ? '-' : (c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c));
    }
    if (buf == "utf-8" || buf.startsWith("utf-8-")) {
        return QByteArrayLiteral("utf-8");
    }
    if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" ||
        buf.startsWith("latin-1-") || buf.startsWith("iso-8859-1-") ||
        buf.startsWith("iso-latin-1-")) {
        return QByteArrayLiteral("iso-8859-1");
    }
    return name;
}

// encodings.normalize_encoding(): runs of punctuation become one '_'.
QByteArray normalizeEncoding(const QByteArray &name)
{
    QByteArray out;
    bool punct = false;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') {
            c = char(c - 'A' + 'a');
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
            if (punct && !out.isEmpty()) {
                out.append('_');
            }
            out.append(c);
            punct = false;
        } else {
            punct = true;
        }
    }
    return out;
}

struct Alias
{
    const char *alias;
    const char *canonical;
};

// The subset of encodings.aliases that we decode natively.
constexpr Alias kAliases[] = {
    {"utf_8", "utf-8"},
    {"u8", "utf-8"},
    {"utf", "utf-8"},
    {"utf8", "utf-8"},
    {"utf8_ucs2", "utf-8"},
    {"utf8_ucs4", "utf-8"},
    {"cp65001", "utf-8"},
    {"utf_8_sig", "utf-8-sig"},
    {"latin_1", "iso-8859-1"},
    {"8859", "iso-8859-1"},
    {"cp819", "iso-8859-1"},
    {"csisolatin1", "iso-8859-1"},
    {"ibm819", "iso-8859-1"},
    {"iso8859", "iso-8859-1"},
    {"iso8859_1", "iso-8859-1"},
    {"iso_8859_1", "iso-8859-1"},
    {"iso_8859_1_1987", "iso-8859-1"},
    {"iso_ir_100", "iso-8859-1"},
    {"l1", "iso-8859-1"},
    {"latin", "iso-8859-1"},
    {"latin1", "iso-8859-1"},
    {"ascii", "ascii"},
    {"646", "ascii"},
    {"ansi_x3.4_1968", "ascii"},
    {"ansi_x3_4_1968", "ascii"},
    {"ansi_x3.4_1986", "ascii"},
    {"cp367", "ascii"},
    {"csascii", "ascii"},
    {"ibm367", "ascii"},
    {"iso646_us", "ascii"},
    {"iso_646.irv_1991", "ascii"},
    {"iso_ir_6", "ascii"},
    {"us", "ascii"},
    {"us_ascii", "ascii"},
    {"cp1252", "cp1252"},
    {"1252", "cp1252"},
    {"windows_1252", "cp1252"},
};

// cp1252 bytes 0x80..0x9f; 0 marks the five bytes Python's codec rejects.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// 1-based line of a byte offset, counting "\r\n", "\n" and lone "\r" as one break each.
int lineOfOffset(const QByteArray &bytes, qsizetype offset)
{
    int line = 1;
    const char *data = bytes.constData();
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
        } else if (data[i] == '\r' && (i + 1 >= bytes.size() || data[i + 1] != '\n')) {
            ++line;
        }
    }
    return line;
}

// Offset of the first byte that strict UTF-8 (no surrogates, no overlongs) rejects,
// or -1. Strict like CPython's decoder, which Qt's is not guaranteed to be.
qsizetype firstInvalidUtf8(const char *data, qsizetype size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    while (i < size) {
        // Eight ASCII bytes at a time: the common case for source code.
        if (i + 8 <= size) {
            quint64 chunk;
            std::memcpy(&chunk, s + i, 8);
            if ((chunk & Q_UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c == 0xE0) {
            extra = 2;
            lo = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            extra = 2;
        } else if (c == 0xED) {
            extra = 2;
            hi = 0x9F;
        } else if (c == 0xF0) {
            extra = 3;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            extra = 3;
        } else if (c == 0xF4) {
            extra = 3;
            hi = 0x8F;
        } else {
            return i;
        }
        if (i + extra >= size) {
            return i; // truncated sequence at the end of the file
        }
        if (s[i + 1] < lo || s[i + 1] > hi) {
            return i;
        }
        for (int k = 2; k <= extra; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
                return i;
            }
        }
        i += extra + 1;
    }
    return -1;
}

QString normalizeNewlines(QString text)
{
    if (!text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QString out;
    out.resize(text.size());
    const QChar *in = text.constData();
    const qsizetype n = text.size();
    QChar *o = out.data();
    qsizetype w = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (in[i] == QLatin1Char('\r')) {
            o[w++] = QLatin1Char('\n');
            if (i + 1 < n && in[i + 1] == QLatin1Char('\n')) {
                ++i;
            }
        } else {
            o[w++] = in[i];
        }
    }
    out.truncate(w);
    return out;
}

QString hexByte(unsigned char c)
{
    return QStringLiteral("%1").arg(uint(c), 2, 16, QLatin1Char('0'));
}

PythonSourceText failure(const QString &message, int line)
{
    PythonSourceText result;
    result.error = message;
    result.errorLine = line;
    return result;
}

} // namespace

QByteArray PythonSource::codingDeclaration(const QByteArray &bytes, int *line)
{
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype start = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    for (int lineNo = 1; lineNo <= 2 && start < size; ++lineNo) {
        qsizetype end = start;
        while (end < size && data[end] != '\n' && data[end] != '\r') {
            ++end;
        }
        const QByteArray spec = codingSpec(data + start, end - start);
        if (!spec.isEmpty()) {
            if (line) {
                *line = lineNo;
            }
            return spec;
        }
        // Line 2 counts only when line 1 holds nothing but a comment.
        if (!isBlankOrCommentLine(data + start, end - start)) {
            break;
        }
        if (end < size && data[end] == '\r' && end + 1 < size && data[end + 1] == '\n') {
            ++end;
        }
        start = end + 1;
    }
    return QByteArray();
}

QString PythonSource::canonicalEncoding(const QByteArray &declared)
{
    const QByteArray normal = normalName(declared);
    if (normal == "utf-8") {
        return QStringLiteral("utf-8");
    }
    if (normal == "iso-8859-1") {
        return QStringLiteral("iso-8859-1");
    }
    const QByteArray key = normalizeEncoding(declared);
    QByteArray keyNoDots = key;
    keyNoDots.replace('.', '_');
    for (const Alias &alias : kAliases) {
        if (key == alias.alias || keyNoDots == alias.alias) {
            return QString::fromLatin1(alias.canonical);
        }
    }
    return QString();
}

PythonSourceText PythonSource::decode(const QByteArray &bytes)
{
    PythonSourceText result;
    result.hasBom = bytes.startsWith("\xEF\xBB\xBF");
    result.encoding = QStringLiteral("utf-8");

    int declarationLine = 0;
    const QByteArray declared = codingDeclaration(bytes, &declarationLine);
    QString canonical = QStringLiteral("utf-8");
    if (!declared.isEmpty()) {
        if (result.hasBom && normalName(declared) != "utf-8") {
            return failure(
                QCoreApplication::translate("PythonSource", "encoding problem: %1 with BOM")
                    .arg(QString::fromLatin1(normalName(declared))),
                declarationLine);
        }
        canonical = canonicalEncoding(declared);
        if (canonical.isEmpty()) {
            if (!QStringDecoder(declared.constData()).isValid()) {
                return failure(QCoreApplication::translate("PythonSource", "unknown encoding: %1")
                                   .arg(QString::fromLatin1(declared)),
                               declarationLine);
            }
            canonical = QString::fromLatin1(declared);
        }
    }

    if (const void *nul = std::memchr(bytes.constData(), 0, size_t(bytes.size()))) {
        const qsizetype offset = static_cast<const char *>(nul) - bytes.constData();
        const int line = lineOfOffset(bytes, offset);
        return failure(QCoreApplication::translate(
                           "PythonSource", "binary or undecodable file: NUL byte on line %1")
                           .arg(line),
                       line);
    }

    const qsizetype skip = result.hasBom ? 3 : 0;
    const char *data = bytes.constData() + skip;
    const qsizetype size = bytes.size() - skip;
    QString text;
    if (canonical == QLatin1String("utf-8") || canonical == QLatin1String("utf-8-sig")) {
        const qsizetype bad = firstInvalidUtf8(data, size);
        if (bad >= 0) {
            const int line = lineOfOffset(bytes, bad + skip);
            return failure(
                QCoreApplication::translate(
                    "PythonSource",
                    "binary or undecodable file: byte 0x%1 on line %2 is not valid UTF-8")
                    .arg(hexByte(uchar(data[bad])))
                    .arg(line),
                line);
        }
        text = QString::fromUtf8(data, size);
    } else if (canonical == QLatin1String("iso-8859-1")) {
        text = QString::fromLatin1(data, size);
    } else if (canonical == QLatin1String("ascii") || canonical == QLatin1String("cp1252")) {
        const bool ascii = canonical == QLatin1String("ascii");
        text.resize(size);
        QChar *out = text.data();
        for (qsizetype i = 0; i < size; ++i) {
            const auto c = uchar(data[i]);
            char16_t u = c;
            if (c >= 0x80 && (ascii || (c < 0xA0 && kCp1252High[c - 0x80] == 0))) {
                const int line = lineOfOffset(bytes, i + skip);
                return failure(
                    QCoreApplication::translate(
                        "PythonSource",
                        "binary or undecodable file: byte 0x%1 on line %2 is not valid %3")
                        .arg(hexByte(c))
                        .arg(line)
                        .arg(canonical),
                    line);
            }
            if (c >= 0x80 && c < 0xA0) {
                u = kCp1252High[c - 0x80];
            }
            out[i] = QChar(u);
        }
    } else {
        QStringDecoder decoder(declared.constData());
        text = decoder.decode(QByteArrayView(data, size));
        if (decoder.hasError()) {
            return failure(QCoreApplication::translate("PythonSource",
                                                       "binary or undecodable file: not valid %1")
                               .arg(canonical),
                           0);
        }
    }

    result.ok = true;
    result.encoding = canonical == QLatin1String("utf-8-sig") ? QStringLiteral("utf-8") : canonical;
    result.text = normalizeNewlines(std::move(text));
    return result;
}

bool PythonSource::isPrintable(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return codePoint == 0x20;
    default:
        return true;
    }
}

} // namespace Revscope
