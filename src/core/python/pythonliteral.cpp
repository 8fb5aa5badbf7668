#include "pythonliteral.h"
#include "pythonsource.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace Revscope {

namespace {

// Beyond this many digits a 0x/0o/0b integer keeps its spelling instead of being
// converted to decimal (quadratic work; Python caps decimal conversion at 4300 digits).
constexpr qsizetype kMaxRadixDigits = 4096;
constexpr int kMaxDepth = 1000;

QString radixToDecimal(QStringView digits, int base)
{
    constexpr quint32 kLimb = 1000000000u;
    std::vector<quint32> limbs{0}; // little endian, base 1e9
    for (const QChar ch : digits) {
        const char16_t c = ch.unicode();
        quint32 carry = c <= u'9' ? quint32(c - u'0') : quint32((c | 0x20) - u'a' + 10);
        for (quint32 &limb : limbs) {
            const quint64 cur = quint64(limb) * quint64(base) + carry;
            limb = quint32(cur % kLimb);
            carry = quint32(cur / kLimb);
        }
        if (carry) {
            limbs.push_back(carry);
        }
    }
    QString out = QString::number(limbs.back());
    for (auto it = limbs.rbegin() + 1; it != limbs.rend(); ++it) {
        out += QStringLiteral("%1").arg(*it, 9, 10, QLatin1Char('0'));
    }
    return out;
}

QString negateIntText(const QString &text)
{
    if (text == QLatin1String("0")) {
        return text;
    }
    if (text.startsWith(QLatin1Char('-'))) {
        return text.mid(1);
    }
    return QLatin1Char('-') + text;
}

// Python's float(text) for the digits of a float literal (underscores removed).
// from_chars is locale independent and correctly rounded.
bool parseFloat(const QString &text, double *value)
{
    const QByteArray latin = text.toLatin1();
    const char *begin = latin.constData();
    const char *end = begin + latin.size();
    const auto result = std::from_chars(begin, end, *value, std::chars_format::general);
    if (result.ptr != end) {
        return false;
    }
    if (result.ec == std::errc::result_out_of_range) {
        // Overflow gives inf, underflow 0.0: decide by the decimal magnitude.
        long long exponent = 0;
        const qsizetype e = latin.indexOf('e') >= 0 ? latin.indexOf('e') : latin.indexOf('E');
        const QByteArray mantissa = e >= 0 ? latin.left(e) : latin;
        if (e >= 0) {
            bool negative = false;
            qsizetype i = e + 1;
            if (i < latin.size() && (latin[i] == '+' || latin[i] == '-')) {
                negative = latin[i] == '-';
                ++i;
            }
            for (; i < latin.size(); ++i) {
                exponent = std::min<long long>(exponent * 10 + (latin[i] - '0'), 1000000000LL);
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        const qsizetype dot = mantissa.indexOf('.');
        const QByteArray intPart = dot >= 0 ? mantissa.left(dot) : mantissa;
        const QByteArray fracPart = dot >= 0 ? mantissa.mid(dot + 1) : QByteArray();
        long long magnitude = 0;
        qsizetype lead = 0;
        while (lead < intPart.size() && intPart[lead] == '0') {
            ++lead;
        }
        if (lead < intPart.size()) {
            magnitude = (intPart.size() - lead - 1) + exponent;
        } else {
            qsizetype i = 0;
            while (i < fracPart.size() && fracPart[i] == '0') {
                ++i;
            }
            magnitude = -(i + 1) + exponent;
        }
        *value = magnitude > 0 ? HUGE_VAL : 0.0;
    }
    return true;
}

// Shortest round-trip digits formatted like CPython's float_repr_style 'short'.
QString formatShortest(double x, bool addDotZero, bool alwaysSign)
{
    const bool negative = std::signbit(x);
    QString sign = negative ? QStringLiteral("-") : (alwaysSign ? QStringLiteral("+") : QString());
    if (std::isnan(x)) {
        return (alwaysSign ? QStringLiteral("+") : QString()) + QStringLiteral("nan");
    }
    if (std::isinf(x)) {
        return sign + QStringLiteral("inf");
    }
    const QByteArray e = QByteArray::number(std::fabs(x), 'e', QLocale::FloatingPointShortest);
    const qsizetype ePos = e.indexOf('e');
    QByteArray digits = e.left(ePos);
    digits.replace('.', "");
    const int exp10 = e.mid(ePos + 1).toInt();
    while (digits.size() > 1 && digits.endsWith('0')) {
        digits.chop(1);
    }
    const int decpt = exp10 + 1;
    const QString d = QString::fromLatin1(digits);
    QString out;
    if (decpt <= -4 || decpt > 16) {
        out = d.left(1);
        if (d.size() > 1) {
            out += QLatin1Char('.') + d.mid(1);
        }
        const int shown = decpt - 1;
        out += QStringLiteral("e%1%2")
                   .arg(shown < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                   .arg(std::abs(shown), 2, 10, QLatin1Char('0'));
    } else if (decpt <= 0) {
        out = QStringLiteral("0.") + QString(-decpt, QLatin1Char('0')) + d;
    } else if (decpt >= d.size()) {
        out = d + QString(decpt - d.size(), QLatin1Char('0'));
        if (addDotZero) {
            out += QStringLiteral(".0");
        }
    } else {
        out = d.left(decpt) + QLatin1Char('.') + d.mid(decpt);
    }
    return sign + out;
}

QString hex(uint value, int width)
{
    return QStringLiteral("%1").arg(value, width, 16, QLatin1Char('0'));
}

QString bytesRepr(const QByteArray &bytes)
{
    const char quote = (bytes.contains('\'') && !bytes.contains('"')) ? '"' : '\'';
    QString out = QStringLiteral("b") + QLatin1Char(quote);
    for (const char ch : bytes) {
        const auto c = uchar(ch);
        if (c == uchar(quote) || c == '\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(char(c));
        } else if (c == '\t') {
            out += QStringLiteral("\\t");
        } else if (c == '\n') {
            out += QStringLiteral("\\n");
        } else if (c == '\r') {
            out += QStringLiteral("\\r");
        } else if (c < 0x20 || c >= 0x7F) {
            out += QStringLiteral("\\x") + hex(c, 2);
        } else {
            out += QLatin1Char(char(c));
        }
    }
    return out + QLatin1Char(quote);
}

QString numericKey(double value)
{
    if (std::isfinite(value) && value == std::floor(value)) {
        if (std::fabs(value) < 9.0e18) {
            return QLatin1Char('n') + QString::number(qint64(value));
        }
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return QLatin1Char('n') + QString::fromLatin1(buffer);
    }
    return QLatin1Char('f') + formatShortest(value + 0.0, true, false);
}

// Names accepted by \N{…} that we can resolve without a Unicode name database.
struct NamedChar
{
    const char *name;
    char32_t cp;
};

constexpr NamedChar kNamedChars[] = {
    {"NULL", 0x0},
    {"CHARACTER TABULATION", 0x9},
    {"LINE FEED", 0xA},
    {"LF", 0xA},
    {"CARRIAGE RETURN", 0xD},
    {"CR", 0xD},
    {"ESCAPE", 0x1B},
    {"SPACE", 0x20},
    {"EXCLAMATION MARK", 0x21},
    {"QUOTATION MARK", 0x22},
    {"NUMBER SIGN", 0x23},
    {"DOLLAR SIGN", 0x24},
    {"PERCENT SIGN", 0x25},
    {"AMPERSAND", 0x26},
    {"APOSTROPHE", 0x27},
    {"ASTERISK", 0x2A},
    {"PLUS SIGN", 0x2B},
    {"COMMA", 0x2C},
    {"HYPHEN-MINUS", 0x2D},
    {"FULL STOP", 0x2E},
    {"SOLIDUS", 0x2F},
    {"COLON", 0x3A},
    {"SEMICOLON", 0x3B},
    {"COMMERCIAL AT", 0x40},
    {"REVERSE SOLIDUS", 0x5C},
    {"LOW LINE", 0x5F},
    {"NO-BREAK SPACE", 0xA0},
    {"NBSP", 0xA0},
    {"SECTION SIGN", 0xA7},
    {"COPYRIGHT SIGN", 0xA9},
    {"REGISTERED SIGN", 0xAE},
    {"DEGREE SIGN", 0xB0},
    {"PLUS-MINUS SIGN", 0xB1},
    {"MICRO SIGN", 0xB5},
    {"PILCROW SIGN", 0xB6},
    {"MIDDLE DOT", 0xB7},
    {"MULTIPLICATION SIGN", 0xD7},
    {"DIVISION SIGN", 0xF7},
    {"POUND SIGN", 0xA3},
    {"YEN SIGN", 0xA5},
    {"EURO SIGN", 0x20AC},
    {"EN DASH", 0x2013},
    {"EM DASH", 0x2014},
    {"LEFT SINGLE QUOTATION MARK", 0x2018},
    {"RIGHT SINGLE QUOTATION MARK", 0x2019},
    {"LEFT DOUBLE QUOTATION MARK", 0x201C},
    {"RIGHT DOUBLE QUOTATION MARK", 0x201D},
    {"BULLET", 0x2022},
    {"HORIZONTAL ELLIPSIS", 0x2026},
    {"ZERO WIDTH SPACE", 0x200B},
    {"ZERO WIDTH JOINER", 0x200D},
    {"TRADE MARK SIGN", 0x2122},
    {"LEFTWARDS ARROW", 0x2190},
    {"UPWARDS ARROW", 0x2191},
    {"RIGHTWARDS ARROW", 0x2192},
    {"DOWNWARDS ARROW", 0x2193},
    {"CHECK MARK", 0x2713},
    {"HEAVY CHECK MARK", 0x2714},
    {"BALLOT X", 0x2717},
    {"BLACK STAR", 0x2605},
    {"WHITE STAR", 0x2606},
    {"SNOWMAN", 0x2603},
    {"GREEK SMALL LETTER ALPHA", 0x3B1},
    {"GREEK SMALL LETTER BETA", 0x3B2},
    {"GREEK SMALL LETTER GAMMA", 0x3B3},
    {"GREEK SMALL LETTER DELTA", 0x3B4},
    {"GREEK SMALL LETTER PI", 0x3C0},
    {"GREEK SMALL LETTER MU", 0x3BC},
    {"GREEK CAPITAL LETTER DELTA", 0x394},
    {"GREEK CAPITAL LETTER OMEGA", 0x3A9},
    {"BYTE ORDER MARK", 0xFEFF},
    {"REPLACEMENT CHARACTER", 0xFFFD},
};

// Resolves a \N{…} name (case-insensitive, as Python's lookup is); 0 if unknown.
bool lookupCharName(const QString &rawName, char32_t *cp)
{
    const QString name = rawName.toUpper();
    for (const NamedChar &entry : kNamedChars) {
        if (name == QLatin1String(entry.name)) {
            *cp = entry.cp;
            return true;
        }
    }
    static const QLatin1String capital("LATIN CAPITAL LETTER ");
    static const QLatin1String small("LATIN SMALL LETTER ");
    static const QLatin1String digit("DIGIT ");
    static const QLatin1String cjk("CJK UNIFIED IDEOGRAPH-");
    if (name.size() == capital.size() + 1 && name.startsWith(capital) &&
        name.back() >= QLatin1Char('A') && name.back() <= QLatin1Char('Z')) {
        *cp = name.back().unicode();
        return true;
    }
    if (name.size() == small.size() + 1 && name.startsWith(small) &&
        name.back() >= QLatin1Char('A') && name.back() <= QLatin1Char('Z')) {
        *cp = name.back().toLower().unicode();
        return true;
    }
    if (name.startsWith(digit)) {
        static const char *const digits[] = {"ZERO", "ONE", "TWO",   "THREE", "FOUR",
                                             "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
        for (int i = 0; i < 10; ++i) {
            if (QStringView(name).mid(digit.size()) == QLatin1String(digits[i])) {
                *cp = char32_t(u'0' + i);
                return true;
            }
        }
    }
    if (name.startsWith(cjk)) {
        bool ok = false;
        const uint value = name.mid(cjk.size()).toUInt(&ok, 16);
        if (ok && (name.size() - cjk.size() == 4 || name.size() - cjk.size() == 5) &&
            ((value >= 0x3400 && value <= 0x4DBF) || (value >= 0x4E00 && value <= 0x9FFF) ||
             (value >= 0x20000 && value <= 0x323AF))) {
            *cp = value;
            return true;
        }
    }
    return false;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') {
        return u - u'0';
    }
    if (u >= u'a' && u <= u'f') {
        return u - u'a' + 10;
    }
    if (u >= u'A' && u <= u'F') {
        return u - u'A' + 10;
    }
    return -1;
}

} // namespace

// ---- construction and access -------------------------------------------------

PythonLiteral PythonLiteral::ellipsis()
{
    PythonLiteral v;
    v.m_kind = Kind::Ellipsis;
    return v;
}

PythonLiteral PythonLiteral::boolean(bool value)
{
    PythonLiteral v;
    v.m_kind = Kind::Bool;
    v.m_bool = value;
    return v;
}

PythonLiteral PythonLiteral::integer(const QString &text)
{
    PythonLiteral v;
    v.m_kind = Kind::Int;
    v.m_text = text;
    return v;
}

PythonLiteral PythonLiteral::floating(double value)
{
    PythonLiteral v;
    v.m_kind = Kind::Float;
    v.m_real = value;
    return v;
}

PythonLiteral PythonLiteral::complex(double real, double imag)
{
    PythonLiteral v;
    v.m_kind = Kind::Complex;
    v.m_real = real;
    v.m_imag = imag;
    return v;
}

PythonLiteral PythonLiteral::string(const QString &value)
{
    PythonLiteral v;
    v.m_kind = Kind::Str;
    v.m_text = value;
    return v;
}

PythonLiteral PythonLiteral::bytes(const QByteArray &value)
{
    PythonLiteral v;
    v.m_kind = Kind::Bytes;
    v.m_bytes = value;
    return v;
}

PythonLiteral PythonLiteral::tuple(std::vector<PythonLiteral> items)
{
    PythonLiteral v;
    v.m_kind = Kind::Tuple;
    v.m_items = std::move(items);
    return v;
}

PythonLiteral PythonLiteral::list(std::vector<PythonLiteral> items)
{
    PythonLiteral v;
    v.m_kind = Kind::List;
    v.m_items = std::move(items);
    return v;
}

PythonLiteral PythonLiteral::set(std::vector<PythonLiteral> items)
{
    PythonLiteral v;
    v.m_kind = Kind::Set;
    QHash<QString, bool> seen;
    seen.reserve(qsizetype(items.size()));
    for (PythonLiteral &item : items) {
        const QString key = item.hashKey();
        if (!seen.contains(key)) {
            seen.insert(key, true);
            v.m_items.push_back(std::move(item));
        }
    }
    return v;
}

PythonLiteral PythonLiteral::dict(std::vector<PythonLiteral> keysAndValues)
{
    PythonLiteral v;
    v.m_kind = Kind::Dict;
    QHash<QString, size_t> position;
    for (size_t i = 0; i + 1 < keysAndValues.size(); i += 2) {
        const QString key = keysAndValues[i].hashKey();
        const auto it = position.constFind(key);
        if (it != position.constEnd()) {
            v.m_items[*it + 1] = std::move(keysAndValues[i + 1]);
            continue;
        }
        position.insert(key, v.m_items.size());
        v.m_items.push_back(std::move(keysAndValues[i]));
        v.m_items.push_back(std::move(keysAndValues[i + 1]));
    }
    return v;
}

bool PythonLiteral::isContainer() const
{
    return m_kind == Kind::Tuple || m_kind == Kind::List || m_kind == Kind::Set ||
           m_kind == Kind::Dict;
}

bool PythonLiteral::isNumeric() const
{
    return m_kind == Kind::Int || m_kind == Kind::Float || m_kind == Kind::Complex;
}

bool PythonLiteral::toInt64(qint64 *value) const
{
    if (m_kind == Kind::Bool) {
        *value = m_bool ? 1 : 0;
        return true;
    }
    if (m_kind != Kind::Int) {
        return false;
    }
    bool ok = false;
    const qint64 v = m_text.toLongLong(&ok, 10);
    if (ok) {
        *value = v;
    }
    return ok;
}

qsizetype PythonLiteral::size() const
{
    switch (m_kind) {
    case Kind::Str:
        return m_text.size();
    case Kind::Bytes:
        return m_bytes.size();
    case Kind::Tuple:
    case Kind::List:
    case Kind::Set:
        return qsizetype(m_items.size());
    case Kind::Dict:
        return qsizetype(m_items.size() / 2);
    default:
        return 0;
    }
}

bool PythonLiteral::isTruthy() const
{
    switch (m_kind) {
    case Kind::None:
        return false;
    case Kind::Ellipsis:
        return true;
    case Kind::Bool:
        return m_bool;
    case Kind::Int:
        return m_text != QLatin1String("0");
    case Kind::Float:
        return m_real != 0.0;
    case Kind::Complex:
        return m_real != 0.0 || m_imag != 0.0;
    default:
        return size() > 0;
    }
}

bool PythonLiteral::isHashable() const
{
    switch (m_kind) {
    case Kind::List:
    case Kind::Set:
    case Kind::Dict:
        return false;
    case Kind::Tuple:
        for (const PythonLiteral &item : m_items) {
            if (!item.isHashable()) {
                return false;
            }
        }
        return true;
    default:
        return true;
    }
}

QString PythonLiteral::typeName() const
{
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("NoneType");
    case Kind::Ellipsis:
        return QStringLiteral("ellipsis");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::Complex:
        return QStringLiteral("complex");
    case Kind::Str:
        return QStringLiteral("str");
    case Kind::Bytes:
        return QStringLiteral("bytes");
    case Kind::Tuple:
        return QStringLiteral("tuple");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Set:
        return QStringLiteral("set");
    case Kind::Dict:
        return QStringLiteral("dict");
    }
    return QString();
}

QString PythonLiteral::stringRepr(const QString &value)
{
    const QChar quote = (value.contains(QLatin1Char('\'')) && !value.contains(QLatin1Char('"')))
                            ? QLatin1Char('"')
                            : QLatin1Char('\'');
    QString out;
    out.reserve(value.size() + 2);
    out += quote;
    const qsizetype n = value.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = value.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && value.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(value.at(i), value.at(i + 1));
            ++i;
        }
        if (cp == quote.unicode() || cp == u'\\') {
            out += QLatin1Char('\\') + QChar(char16_t(cp));
        } else if (cp == u'\t') {
            out += QStringLiteral("\\t");
        } else if (cp == u'\n') {
            out += QStringLiteral("\\n");
        } else if (cp == u'\r') {
            out += QStringLiteral("\\r");
        } else if (cp < 0x20 || cp == 0x7F) {
            out += QStringLiteral("\\x") + hex(cp, 2);
        } else if (cp < 0x7F || PythonSource::isPrintable(cp)) {
            out += QString::fromUcs4(&cp, 1);
        } else if (cp <= 0xFF) {
            out += QStringLiteral("\\x") + hex(cp, 2);
        } else if (cp <= 0xFFFF) {
            out += QStringLiteral("\\u") + hex(cp, 4);
        } else {
            out += QStringLiteral("\\U") + hex(cp, 8);
        }
    }
    out += quote;
    return out;
}

QString PythonLiteral::floatRepr(double value)
{
    return formatShortest(value, true, false);
}

QString PythonLiteral::repr() const
{
    auto join = [](const std::vector<PythonLiteral> &items) {
        QStringList parts;
        for (const PythonLiteral &item : items) {
            parts << item.repr();
        }
        return parts.join(QStringLiteral(", "));
    };
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Ellipsis:
        return QStringLiteral("Ellipsis");
    case Kind::Bool:
        return m_bool ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return m_text;
    case Kind::Float:
        return floatRepr(m_real);
    case Kind::Complex:
        if (m_real == 0.0 && !std::signbit(m_real)) {
            return formatShortest(m_imag, false, false) + QLatin1Char('j');
        }
        return QLatin1Char('(') + formatShortest(m_real, false, false) +
               formatShortest(m_imag, false, true) + QStringLiteral("j)");
    case Kind::Str:
        return stringRepr(m_text);
    case Kind::Bytes:
        return bytesRepr(m_bytes);
    case Kind::Tuple:
        if (m_items.size() == 1) {
            return QLatin1Char('(') + m_items.front().repr() + QStringLiteral(",)");
        }
        return QLatin1Char('(') + join(m_items) + QLatin1Char(')');
    case Kind::List:
        return QLatin1Char('[') + join(m_items) + QLatin1Char(']');
    case Kind::Set:
        if (m_items.empty()) {
            return QStringLiteral("set()");
        }
        return QLatin1Char('{') + join(m_items) + QLatin1Char('}');
    case Kind::Dict: {
        QStringList parts;
        for (size_t i = 0; i + 1 < m_items.size(); i += 2) {
            parts << m_items[i].repr() + QStringLiteral(": ") + m_items[i + 1].repr();
        }
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return QString();
}

QString PythonLiteral::hashKey() const
{
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("N");
    case Kind::Ellipsis:
        return QStringLiteral("E");
    case Kind::Bool:
        return m_bool ? QStringLiteral("n1") : QStringLiteral("n0");
    case Kind::Int:
        return QLatin1Char('n') + m_text;
    case Kind::Float:
        return numericKey(m_real);
    case Kind::Complex:
        if (m_imag == 0.0) {
            return numericKey(m_real);
        }
        return QLatin1Char('c') + formatShortest(m_real + 0.0, true, false) + QLatin1Char(',') +
               formatShortest(m_imag + 0.0, true, false);
    case Kind::Str:
        return QLatin1Char('s') + m_text;
    case Kind::Bytes:
        return QLatin1Char('b') + QString::fromLatin1(m_bytes);
    case Kind::Tuple: {
        QString key = QStringLiteral("t%1(").arg(m_items.size());
        for (const PythonLiteral &item : m_items) {
            const QString itemKey = item.hashKey();
            key += QString::number(itemKey.size()) + QLatin1Char(':') + itemKey;
        }
        return key + QLatin1Char(')');
    }
    default:
        return QString(); // unhashable
    }
}

bool PythonLiteral::operator==(const PythonLiteral &other) const
{
    if (isHashable() && other.isHashable()) {
        return hashKey() == other.hashKey();
    }
    if (m_kind != other.m_kind || m_items.size() != other.m_items.size()) {
        return false;
    }
    if (m_kind == Kind::List) {
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (m_items[i] != other.m_items[i]) {
                return false;
            }
        }
        return true;
    }
    if (m_kind == Kind::Set) {
        QHash<QString, bool> keys;
        for (const PythonLiteral &item : other.m_items) {
            keys.insert(item.hashKey(), true);
        }
        for (const PythonLiteral &item : m_items) {
            if (!keys.contains(item.hashKey())) {
                return false;
            }
        }
        return true;
    }
    if (m_kind == Kind::Dict) {
        QHash<QString, size_t> keys;
        for (size_t i = 0; i + 1 < other.m_items.size(); i += 2) {
            keys.insert(other.m_items[i].hashKey(), i + 1);
        }
        for (size_t i = 0; i + 1 < m_items.size(); i += 2) {
            const auto it = keys.constFind(m_items[i].hashKey());
            if (it == keys.constEnd() || m_items[i + 1] != other.m_items[*it]) {
                return false;
            }
        }
        return true;
    }
    return false;
}

// ---- string literals --------------------------------------------------------

PythonLiteral::DecodeStatus PythonLiteral::decodeString(QStringView token, quint8 stringFlags,
                                                        int prefixLength, QString *text,
                                                        QByteArray *bytes, QString *error)
{
    const int quoteLength = (stringFlags & PythonToken::Triple) ? 3 : 1;
    const QStringView body =
        token.mid(prefixLength + quoteLength, token.size() - prefixLength - 2 * quoteLength);
    const bool isBytes = stringFlags & PythonToken::Bytes;
    const bool raw = stringFlags & PythonToken::Raw;
    DecodeStatus status = DecodeStatus::Ok;
    QString out;
    QByteArray outBytes;

    if (isBytes) {
        for (const QChar c : body) {
            if (c.unicode() >= 0x80) {
                *error = QCoreApplication::translate(
                    "PythonLiteral", "bytes can only contain ASCII literal characters");
                return DecodeStatus::SyntaxError;
            }
        }
    }
    if (raw || !body.contains(QLatin1Char('\\'))) {
        if (isBytes) {
            *bytes = body.toLatin1();
        } else {
            *text = body.toString();
        }
        return DecodeStatus::Ok;
    }

    auto append = [&](char32_t cp) {
        if (isBytes) {
            outBytes.append(char(cp & 0xFF));
        } else if (cp > 0xFFFF) {
            out += QString::fromUcs4(&cp, 1);
        } else {
            out += QChar(char16_t(cp));
        }
    };
    const qsizetype n = body.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype next = body.indexOf(QLatin1Char('\\'), i);
        const qsizetype chunkEnd = next < 0 ? n : next;
        if (chunkEnd > i) {
            if (isBytes) {
                outBytes += body.mid(i, chunkEnd - i).toLatin1();
            } else {
                out += body.mid(i, chunkEnd - i);
            }
        }
        if (next < 0 || next + 1 >= n) {
            if (next >= 0) {
                append(U'\\');
            }
            break;
        }
        const QChar d = body.at(next + 1);
        const qsizetype position = next;
        i = next + 2;
        switch (d.unicode()) {
        case u'\n':
            break;
        case u'\\':
        case u'\'':
        case u'"':
            append(d.unicode());
            break;
        case u'a':
            append(7);
            break;
        case u'b':
            append(8);
            break;
        case u'f':
            append(12);
            break;
        case u'n':
            append(10);
            break;
        case u'r':
            append(13);
            break;
        case u't':
            append(9);
            break;
        case u'v':
            append(11);
            break;
        case u'0':
        case u'1':
        case u'2':
        case u'3':
        case u'4':
        case u'5':
        case u'6':
        case u'7': {
            char32_t value = d.unicode() - u'0';
            for (int k = 0;
                 k < 2 && i < n && body.at(i) >= QLatin1Char('0') && body.at(i) <= QLatin1Char('7');
                 ++k, ++i) {
                value = value * 8 + (body.at(i).unicode() - u'0');
            }
            append(value);
            break;
        }
        case u'x':
        case u'u':
        case u'U': {
            if (isBytes && d != QLatin1Char('x')) {
                append(U'\\');
                append(d.unicode());
                break;
            }
            const int digits = d == QLatin1Char('x') ? 2 : (d == QLatin1Char('u') ? 4 : 8);
            char32_t value = 0;
            int k = 0;
            for (; k < digits && i < n && hexValue(body.at(i)) >= 0; ++k, ++i) {
                value = value * 16 + char32_t(hexValue(body.at(i)));
            }
            if (k < digits) {
                *error = isBytes ? QCoreApplication::translate("PythonLiteral",
                                                               "invalid \\x escape at position %1")
                                       .arg(position)
                                 : QCoreApplication::translate(
                                       "PythonLiteral",
                                       "(unicode error) truncated \\%1 escape at position %2")
                                       .arg(d == QLatin1Char('x')   ? QStringLiteral("xXX")
                                            : d == QLatin1Char('u') ? QStringLiteral("uXXXX")
                                                                    : QStringLiteral("UXXXXXXXX"))
                                       .arg(position);
                return DecodeStatus::SyntaxError;
            }
            if (value > 0x10FFFF) {
                *error =
                    QCoreApplication::translate(
                        "PythonLiteral", "(unicode error) illegal Unicode character at position %1")
                        .arg(position);
                return DecodeStatus::SyntaxError;
            }
            append(value);
            break;
        }
        case u'N': {
            if (isBytes) {
                append(U'\\');
                append(U'N');
                break;
            }
            const qsizetype close =
                i < n && body.at(i) == QLatin1Char('{') ? body.indexOf(QLatin1Char('}'), i) : -1;
            if (close < 0 || close == i + 1) {
                *error = QCoreApplication::translate(
                             "PythonLiteral",
                             "(unicode error) malformed \\N character escape at position %1")
                             .arg(position);
                return DecodeStatus::SyntaxError;
            }
            const QString name = body.mid(i + 1, close - i - 1).toString();
            char32_t cp = 0;
            if (lookupCharName(name, &cp)) {
                append(cp);
            } else {
                // Keep it verbatim: Python knows more names than we do.
                out += body.mid(position, close + 1 - position);
                if (status == DecodeStatus::Ok) {
                    *error =
                        QCoreApplication::translate(
                            "PythonLiteral", "the \\N{%1} escape cannot be resolved without Python")
                            .arg(name);
                }
                status = DecodeStatus::Unsupported;
            }
            i = close + 1;
            break;
        }
        default:
            // Unknown escapes stay as written (a DeprecationWarning in Python).
            append(U'\\');
            append(d.unicode());
            break;
        }
    }
    if (isBytes) {
        *bytes = outBytes;
    } else {
        *text = out;
    }
    return status;
}

// ---- the literal parser -----------------------------------------------------

namespace {

// Follows ast.literal_eval() node by node: Constant, Tuple, List, Set, Dict,
// set(), unary +/- on a number, and number +/- imaginary number. Anything else
// stops the parse; literal_eval would reject the whole value anyway.
class LiteralParser
{
public:
    LiteralParser(QStringView source, const PythonToken *begin, const PythonToken *end)
        : m_source(source)
    {
        m_tokens.reserve(size_t(end - begin));
        for (const PythonToken *t = begin; t != end; ++t) {
            if (t->type == PythonToken::Comment || t->type == PythonToken::NonLogicalNewline) {
                continue;
            }
            if (t->type == PythonToken::EndMarker) {
                break;
            }
            m_tokens.push_back(t);
        }
        // A trailing NEWLINE ends the expression, as in eval mode.
        while (!m_tokens.empty() && (m_tokens.back()->type == PythonToken::Newline ||
                                     m_tokens.back()->type == PythonToken::Dedent)) {
            m_tokens.pop_back();
        }
    }

    PythonLiteralParse run()
    {
        for (const PythonToken *t : m_tokens) {
            if (t->type == PythonToken::Newline || t->type == PythonToken::Indent ||
                t->type == PythonToken::Dedent || t->type == PythonToken::Error) {
                fail(t, QCoreApplication::translate("PythonLiteral", "invalid syntax"),
                     PythonLiteralParse::SyntaxError);
                return m_result;
            }
        }
        if (m_tokens.empty()) {
            m_result.status = PythonLiteralParse::SyntaxError;
            m_result.error = QCoreApplication::translate("PythonLiteral", "no value");
            return m_result;
        }
        Expr value;
        bool sawComma = false;
        std::vector<Expr> items;
        if (!parseSequence(0, &items, &sawComma)) {
            return m_result;
        }
        if (items.empty()) {
            fail(peek(), QCoreApplication::translate("PythonLiteral", "invalid syntax"),
                 PythonLiteralParse::SyntaxError);
            return m_result;
        }
        if (sawComma) {
            std::vector<PythonLiteral> values;
            for (Expr &item : items) {
                values.push_back(std::move(item.value));
            }
            value.value = PythonLiteral::tuple(std::move(values));
        } else {
            value = std::move(items.front());
        }
        m_result.status = PythonLiteralParse::Ok;
        m_result.value = std::move(value.value);
        m_result.error.clear();
        return m_result;
    }

private:
    enum class Shape { Constant, Unary, BinOp, Other };
    struct Expr
    {
        PythonLiteral value;
        Shape shape = Shape::Other;
    };

    const PythonToken *peek() const { return m_pos < m_tokens.size() ? m_tokens[m_pos] : nullptr; }
    QStringView text(const PythonToken *t) const { return m_source.mid(t->offset, t->length); }
    bool isOp(const PythonToken *t, char16_t c) const
    {
        return t && PythonTokenizer::isOp(*t, m_source, c);
    }
    bool isName(const PythonToken *t, const char *name) const
    {
        return t && PythonTokenizer::isName(*t, m_source, QLatin1String(name));
    }

    bool fail(const PythonToken *at, const QString &why,
              PythonLiteralParse::Status status = PythonLiteralParse::NotLiteral)
    {
        if (!at && !m_tokens.empty()) {
            at = m_tokens.back();
        }
        m_result.status = status;
        m_result.error = why;
        m_result.line = at ? at->line : 0;
        m_result.column = at ? at->column : 0;
        return false;
    }

    // What an unexpected token makes of the value, for the "not a literal" message.
    QString describe(const PythonToken *t, bool afterValue) const
    {
        if (!t) {
            return QCoreApplication::translate("PythonLiteral", "an incomplete expression");
        }
        const QString s = text(t).toString();
        switch (t->type) {
        case PythonToken::Name:
            if (s == QLatin1String("for") || s == QLatin1String("async")) {
                return QCoreApplication::translate("PythonLiteral", "a comprehension");
            }
            if (PythonTokenizer::isKeyword(s)) {
                return QCoreApplication::translate("PythonLiteral", "a '%1' expression").arg(s);
            }
            return QCoreApplication::translate("PythonLiteral", "name '%1'").arg(s);
        case PythonToken::Op:
            if (afterValue && s == QLatin1String("(")) {
                return QCoreApplication::translate("PythonLiteral", "a call");
            }
            if (afterValue && s == QLatin1String("[")) {
                return QCoreApplication::translate("PythonLiteral", "a subscript");
            }
            if (s == QLatin1String(".")) {
                return QCoreApplication::translate("PythonLiteral", "attribute access");
            }
            if (s == QLatin1String("*") && !afterValue) {
                return QCoreApplication::translate("PythonLiteral", "a starred expression");
            }
            if (s == QLatin1String(":=")) {
                return QCoreApplication::translate("PythonLiteral", "an assignment expression");
            }
            return QCoreApplication::translate("PythonLiteral", "operator '%1'").arg(s);
        case PythonToken::String:
            if (t->stringFlags & PythonToken::Formatted) {
                return QCoreApplication::translate("PythonLiteral", "an f-string");
            }
            return QCoreApplication::translate("PythonLiteral",
                                               "a string where an operator was expected");
        default:
            return QCoreApplication::translate("PythonLiteral", "'%1'").arg(s);
        }
    }

    // A token that cannot follow a complete value ("1 2", "'a' x") is a syntax error;
    // an operator or a keyword like "if" continues a valid, non-literal expression.
    bool failAfterValue(const PythonToken *t)
    {
        bool syntax = false;
        if (t && (t->type == PythonToken::Number || t->type == PythonToken::String)) {
            syntax = true;
        } else if (t && t->type == PythonToken::Name) {
            static const char *const continuations[] = {"if", "else", "for", "async", "not",
                                                        "in", "is",   "and", "or"};
            syntax = true;
            for (const char *word : continuations) {
                if (isName(t, word)) {
                    syntax = t == m_tokens.back(); // "1 or" is incomplete
                }
            }
        }
        return fail(t, describe(t, true),
                    syntax ? PythonLiteralParse::SyntaxError : PythonLiteralParse::NotLiteral);
    }

    // Items up to `closing` (0: the end of the tokens), commas between, one trailing
    // comma allowed. The closing bracket is consumed.
    bool parseSequence(char16_t closing, std::vector<Expr> *items, bool *sawComma)
    {
        for (;;) {
            const PythonToken *t = peek();
            if (closing ? isOp(t, closing) : !t) {
                break;
            }
            Expr item;
            if (!parseExpr(&item)) {
                return false;
            }
            items->push_back(std::move(item));
            t = peek();
            if (isOp(t, u',')) {
                ++m_pos;
                *sawComma = true;
                continue;
            }
            if (closing ? isOp(t, closing) : !t) {
                break;
            }
            return failAfterValue(t);
        }
        if (closing) {
            ++m_pos;
        }
        return true;
    }

    bool parseExpr(Expr *out)
    {
        if (!parseUnary(out)) {
            return false;
        }
        for (;;) {
            const PythonToken *op = peek();
            if (!(isOp(op, u'+') || isOp(op, u'-'))) {
                return true;
            }
            ++m_pos;
            Expr right;
            if (!parseUnary(&right)) {
                return false;
            }
            // literal_eval: (signed int or float) +/- (imaginary constant), nothing more.
            const bool leftOk = (out->shape == Shape::Constant || out->shape == Shape::Unary) &&
                                (out->value.kind() == PythonLiteral::Kind::Int ||
                                 out->value.kind() == PythonLiteral::Kind::Float);
            const bool rightOk = right.shape == Shape::Constant &&
                                 right.value.kind() == PythonLiteral::Kind::Complex;
            if (!leftOk || !rightOk) {
                return fail(op, describe(op, true));
            }
            double left = out->value.floatValue();
            if (out->value.kind() == PythonLiteral::Kind::Int &&
                !parseFloat(out->value.intText(), &left)) {
                return fail(op, QCoreApplication::translate(
                                    "PythonLiteral", "an integer too large to convert to float"));
            }
            if (std::isinf(left) && out->value.kind() == PythonLiteral::Kind::Int) {
                return fail(op, QCoreApplication::translate(
                                    "PythonLiteral", "an integer too large to convert to float"));
            }
            const bool add = isOp(op, u'+');
            const double real = add ? left + right.value.real() : left - right.value.real();
            const double imag = add ? 0.0 + right.value.imag() : 0.0 - right.value.imag();
            out->value = PythonLiteral::complex(real, imag);
            out->shape = Shape::BinOp;
        }
    }

    bool parseUnary(Expr *out)
    {
        const PythonToken *t = peek();
        if (isOp(t, u'+') || isOp(t, u'-')) {
            ++m_pos;
            const PythonToken *operandToken = peek();
            Expr operand;
            if (!parsePrimary(&operand)) {
                return false;
            }
            if (operand.shape != Shape::Constant || !operand.value.isNumeric()) {
                return fail(t, QCoreApplication::translate("PythonLiteral", "operator '%1' on %2")
                                   .arg(text(t).toString(),
                                        operandToken ? text(operandToken).toString() : QString()));
            }
            if (isOp(t, u'-')) {
                const PythonLiteral &v = operand.value;
                switch (v.kind()) {
                case PythonLiteral::Kind::Int:
                    operand.value = PythonLiteral::integer(negateIntText(v.intText()));
                    break;
                case PythonLiteral::Kind::Float:
                    operand.value = PythonLiteral::floating(-v.floatValue());
                    break;
                default:
                    operand.value = PythonLiteral::complex(-v.real(), -v.imag());
                    break;
                }
            }
            out->value = std::move(operand.value);
            out->shape = Shape::Unary;
            return true;
        }
        return parsePrimary(out);
    }

    bool parsePrimary(Expr *out)
    {
        if (!parseAtom(out)) {
            return false;
        }
        const PythonToken *t = peek();
        if (isOp(t, u'(') || isOp(t, u'[') || isOp(t, u'.')) {
            return fail(t, describe(t, true));
        }
        return true;
    }

    bool parseAtom(Expr *out)
    {
        const PythonToken *t = peek();
        if (!t) {
            return fail(nullptr, QCoreApplication::translate("PythonLiteral", "invalid syntax"),
                        PythonLiteralParse::SyntaxError);
        }
        switch (t->type) {
        case PythonToken::Number:
            ++m_pos;
            if (!parseNumber(t, &out->value)) {
                return false;
            }
            out->shape = Shape::Constant;
            return true;
        case PythonToken::String:
            return parseStrings(out);
        case PythonToken::Name:
            if (isName(t, "None")) {
                out->value = PythonLiteral::none();
            } else if (isName(t, "True")) {
                out->value = PythonLiteral::boolean(true);
            } else if (isName(t, "False")) {
                out->value = PythonLiteral::boolean(false);
            } else if (isName(t, "set") && m_pos + 2 < m_tokens.size() &&
                       isOp(m_tokens[m_pos + 1], u'(') && isOp(m_tokens[m_pos + 2], u')')) {
                m_pos += 3;
                out->value = PythonLiteral::set({});
                out->shape = Shape::Other;
                return true;
            } else {
                return fail(t, describe(t, false));
            }
            ++m_pos;
            out->shape = Shape::Constant;
            return true;
        case PythonToken::Op:
            break;
        default:
            return fail(t, describe(t, false));
        }

        const QStringView op = text(t);
        if (op == QLatin1String(",") || op == QLatin1String(")") || op == QLatin1String("]") ||
            op == QLatin1String("}") || op == QLatin1String(":") || op == QLatin1String("=") ||
            op == QLatin1String(";") || op == QLatin1String(".")) {
            return fail(t, QCoreApplication::translate("PythonLiteral", "invalid syntax"),
                        PythonLiteralParse::SyntaxError);
        }
        if (op == QLatin1String("...")) {
            ++m_pos;
            out->value = PythonLiteral::ellipsis();
            out->shape = Shape::Constant;
            return true;
        }
        if (op.size() != 1 || (op[0] != u'(' && op[0] != u'[' && op[0] != u'{')) {
            return fail(t, describe(t, false));
        }
        if (++m_depth > kMaxDepth) {
            return fail(t, QCoreApplication::translate("PythonLiteral", "too deeply nested"));
        }
        ++m_pos;
        const char16_t open = op[0].unicode();
        bool ok = false;
        if (open == u'(') {
            std::vector<Expr> items;
            bool sawComma = false;
            ok = parseSequence(u')', &items, &sawComma);
            if (ok) {
                if (items.size() == 1 && !sawComma) {
                    *out = std::move(items.front()); // parentheses are no node
                } else {
                    out->value = PythonLiteral::tuple(values(std::move(items)));
                    out->shape = Shape::Other;
                }
            }
        } else if (open == u'[') {
            std::vector<Expr> items;
            bool sawComma = false;
            ok = parseSequence(u']', &items, &sawComma);
            if (ok) {
                out->value = PythonLiteral::list(values(std::move(items)));
                out->shape = Shape::Other;
            }
        } else {
            ok = parseBrace(out);
        }
        --m_depth;
        return ok;
    }

    static std::vector<PythonLiteral> values(std::vector<Expr> items)
    {
        std::vector<PythonLiteral> result;
        result.reserve(items.size());
        for (Expr &item : items) {
            result.push_back(std::move(item.value));
        }
        return result;
    }

    bool requireHashable(const PythonToken *at, const PythonLiteral &value)
    {
        if (value.isHashable()) {
            return true;
        }
        PythonLiteral::Kind kind = value.kind();
        if (kind == PythonLiteral::Kind::Tuple) {
            for (const PythonLiteral &item : value.items()) {
                if (!item.isHashable()) {
                    return requireHashable(at, item);
                }
            }
        }
        return fail(at, QCoreApplication::translate("PythonLiteral", "unhashable type: '%1'")
                            .arg(value.typeName()));
    }

    bool parseBrace(Expr *out)
    {
        out->shape = Shape::Other;
        if (isOp(peek(), u'}')) {
            ++m_pos;
            out->value = PythonLiteral::dict({});
            return true;
        }
        const PythonToken *firstToken = peek();
        Expr first;
        if (!parseExpr(&first)) {
            return false;
        }
        if (isOp(peek(), u':')) {
            std::vector<PythonLiteral> entries;
            const PythonToken *keyToken = firstToken;
            Expr key = std::move(first);
            for (;;) {
                if (!requireHashable(keyToken, key.value)) {
                    return false;
                }
                if (!isOp(peek(), u':')) {
                    return fail(peek(), describe(peek(), true), PythonLiteralParse::SyntaxError);
                }
                ++m_pos;
                Expr value;
                if (!parseExpr(&value)) {
                    return false;
                }
                entries.push_back(std::move(key.value));
                entries.push_back(std::move(value.value));
                const PythonToken *t = peek();
                if (isOp(t, u'}')) {
                    ++m_pos;
                    break;
                }
                if (!isOp(t, u',')) {
                    return failAfterValue(t);
                }
                ++m_pos;
                if (isOp(peek(), u'}')) {
                    ++m_pos;
                    break;
                }
                keyToken = peek();
                key = Expr();
                if (!parseExpr(&key)) {
                    return false;
                }
            }
            out->value = PythonLiteral::dict(std::move(entries));
            return true;
        }
        std::vector<Expr> items;
        items.push_back(std::move(first));
        const PythonToken *t = peek();
        if (isOp(t, u',')) {
            ++m_pos;
            bool sawComma = true;
            if (!parseSequence(u'}', &items, &sawComma)) {
                return false;
            }
        } else if (isOp(t, u'}')) {
            ++m_pos;
        } else {
            return failAfterValue(t);
        }
        for (const Expr &item : items) {
            if (!requireHashable(firstToken, item.value)) {
                return false;
            }
        }
        out->value = PythonLiteral::set(values(std::move(items)));
        return true;
    }

    bool parseNumber(const PythonToken *t, PythonLiteral *out)
    {
        QString digits;
        digits.reserve(t->length);
        for (const QChar c : text(t)) {
            if (c != QLatin1Char('_')) {
                digits += c;
            }
        }
        const QChar last = digits.back();
        if (last == QLatin1Char('j') || last == QLatin1Char('J')) {
            double imag = 0;
            if (!parseFloat(digits.chopped(1), &imag)) {
                return fail(t, QCoreApplication::translate("PythonLiteral", "invalid number"),
                            PythonLiteralParse::SyntaxError);
            }
            *out = PythonLiteral::complex(0.0, imag);
            return true;
        }
        if (digits.size() > 2 && digits[0] == QLatin1Char('0')) {
            const char16_t x = digits[1].unicode() | 0x20;
            const int base = x == u'x' ? 16 : (x == u'o' ? 8 : (x == u'b' ? 2 : 0));
            if (base) {
                const QStringView body = QStringView(digits).mid(2);
                *out = PythonLiteral::integer(
                    body.size() > kMaxRadixDigits ? digits.toLower() : radixToDecimal(body, base));
                return true;
            }
        }
        if (digits.contains(QLatin1Char('.')) || digits.contains(QLatin1Char('e')) ||
            digits.contains(QLatin1Char('E'))) {
            double value = 0;
            if (!parseFloat(digits, &value)) {
                return fail(t, QCoreApplication::translate("PythonLiteral", "invalid number"),
                            PythonLiteralParse::SyntaxError);
            }
            *out = PythonLiteral::floating(value);
            return true;
        }
        qsizetype lead = 0;
        while (lead + 1 < digits.size() && digits[lead] == QLatin1Char('0')) {
            ++lead;
        }
        *out = PythonLiteral::integer(digits.mid(lead));
        return true;
    }

    bool parseStrings(Expr *out)
    {
        const size_t first = m_pos;
        size_t last = m_pos;
        while (last < m_tokens.size() && m_tokens[last]->type == PythonToken::String) {
            ++last;
        }
        const bool isBytes = m_tokens[first]->stringFlags & PythonToken::Bytes;
        for (size_t i = first; i < last; ++i) {
            if (bool(m_tokens[i]->stringFlags & PythonToken::Bytes) != isBytes) {
                return fail(m_tokens[i],
                            QCoreApplication::translate("PythonLiteral",
                                                        "cannot mix bytes and nonbytes literals"),
                            PythonLiteralParse::SyntaxError);
            }
        }
        for (size_t i = first; i < last; ++i) {
            if (m_tokens[i]->stringFlags & PythonToken::Formatted) {
                return fail(m_tokens[i],
                            QCoreApplication::translate("PythonLiteral", "an f-string"));
            }
        }
        QString str;
        QByteArray bytes;
        for (size_t i = first; i < last; ++i) {
            const PythonToken *t = m_tokens[i];
            QString partText;
            QByteArray partBytes;
            QString error;
            const auto status = PythonLiteral::decodeString(
                text(t), t->stringFlags, t->prefixLength, &partText, &partBytes, &error);
            if (status == PythonLiteral::DecodeStatus::SyntaxError) {
                return fail(t, error, PythonLiteralParse::SyntaxError);
            }
            if (status == PythonLiteral::DecodeStatus::Unsupported) {
                return fail(t, error);
            }
            str += partText;
            bytes += partBytes;
        }
        m_pos = last;
        out->value = isBytes ? PythonLiteral::bytes(bytes) : PythonLiteral::string(str);
        out->shape = Shape::Constant;
        return true;
    }

    QStringView m_source;
    std::vector<const PythonToken *> m_tokens;
    size_t m_pos = 0;
    int m_depth = 0;
    PythonLiteralParse m_result;
};

} // namespace

PythonLiteralParse PythonLiteral::parse(QStringView source, const PythonToken *begin,
                                        const PythonToken *end)
{
    LiteralParser parser(source, begin, end);
    return parser.run();
}

PythonLiteralParse PythonLiteral::parse(const QString &expression)
{
    // ast.literal_eval() strips leading spaces and tabs before parsing.
    qsizetype start = 0;
    while (start < expression.size() &&
           (expression[start] == QLatin1Char(' ') || expression[start] == QLatin1Char('\t'))) {
        ++start;
    }
    const QString text = expression.mid(start);
    PythonTokenizer tokenizer(text);
    std::vector<PythonToken> tokens;
    for (;;) {
        const PythonToken t = tokenizer.next();
        if (t.type == PythonToken::Error) {
            PythonLiteralParse result;
            result.status = PythonLiteralParse::SyntaxError;
            result.error = tokenizer.errorMessage();
            result.line = tokenizer.errorLine();
            result.column = tokenizer.errorColumn();
            return result;
        }
        if (t.type == PythonToken::EndMarker) {
            break;
        }
        tokens.push_back(t);
    }
    return parse(text, tokens.data(), tokens.data() + tokens.size());
}

} // namespace Revscope
