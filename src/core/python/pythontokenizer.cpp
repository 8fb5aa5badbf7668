#include "pythontokenizer.h"
#include "pythonsource.h"

#include <QChar>
#include <QCoreApplication>

namespace Revscope {

namespace {

// CPython's limits (tokenizer.h): deeper nesting is a SyntaxError there too, and
// the bounds keep every consumer's recursion shallow.
constexpr int kMaxIndent = 100;
constexpr int kMaxBrackets = 200;
constexpr int kMaxFStringNesting = 150;
constexpr int kTabSize = 8;

enum CharClass : quint8 {
    IdentStart = 0x01,
    IdentContinue = 0x02,
    Digit = 0x04,
    HexDigit = 0x08,
};

struct AsciiTable
{
    quint8 flags[128] = {};
    constexpr AsciiTable()
    {
        for (int c = 'a'; c <= 'z'; ++c) {
            flags[c] = IdentStart | IdentContinue;
        }
        for (int c = 'A'; c <= 'Z'; ++c) {
            flags[c] = IdentStart | IdentContinue;
        }
        flags[int('_')] = IdentStart | IdentContinue;
        for (int c = '0'; c <= '9'; ++c) {
            flags[c] = IdentContinue | Digit | HexDigit;
        }
        for (int c = 'a'; c <= 'f'; ++c) {
            flags[c] |= HexDigit;
        }
        for (int c = 'A'; c <= 'F'; ++c) {
            flags[c] |= HexDigit;
        }
    }
};

constexpr AsciiTable kAscii;

inline bool hasClass(char16_t c, quint8 cls)
{
    return c < 128 && (kAscii.flags[c] & cls);
}

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

// ASCII letters, digits, '_' and anything non-ASCII: CPython's
// is_potential_identifier_char().
inline bool isPotentialIdentifierChar(char16_t c)
{
    return c >= 128 || hasClass(c, IdentContinue);
}

char32_t codePointAt(const char16_t *p, const char16_t *end, int *units)
{
    if (QChar::isHighSurrogate(p[0]) && p + 1 < end && QChar::isLowSurrogate(p[1])) {
        *units = 2;
        return QChar::surrogateToUcs4(p[0], p[1]);
    }
    *units = 1;
    return p[0];
}

// Approximates XID_Start / XID_Continue with general categories (plus the
// Other_ID_Start / Other_ID_Continue code points): CPython's rule without NFKC.
bool isUnicodeIdentifierStart(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_Letter:
        return true;
    default:
        break;
    }
    return cp == 0x1885 || cp == 0x1886 || cp == 0x2118 || cp == 0x212E || cp == 0x309B ||
           cp == 0x309C;
}

bool isUnicodeIdentifierContinue(char32_t cp)
{
    if (isUnicodeIdentifierStart(cp)) {
        return true;
    }
    switch (QChar::category(cp)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Number_DecimalDigit:
    case QChar::Punctuation_Connector:
        return true;
    default:
        break;
    }
    return cp == 0x00B7 || cp == 0x0387 || (cp >= 0x1369 && cp <= 0x1371) || cp == 0x19DA;
}

// Prefix letters -> StringFlag bits; false when the letters are no valid prefix
// (then they are an ordinary name followed by a string).
bool stringPrefixFlags(const char16_t *p, qsizetype length, quint8 *flags)
{
    quint8 result = 0;
    for (qsizetype i = 0; i < length; ++i) {
        quint8 bit = 0;
        switch (p[i]) {
        case u'r':
        case u'R':
            bit = PythonToken::Raw;
            break;
        case u'b':
        case u'B':
            bit = PythonToken::Bytes;
            break;
        case u'u':
        case u'U':
            bit = PythonToken::Unicode;
            break;
        case u'f':
        case u'F':
        case u't': // PEP 750 template strings scan like f-strings
        case u'T':
            bit = PythonToken::Formatted;
            break;
        default:
            return false;
        }
        if (result & bit) {
            return false;
        }
        result |= bit;
    }
    if (length == 2) {
        // Only rb/br, rf/fr (and rt/tr) combine; u never does.
        if (!(result & PythonToken::Raw) || (result & PythonToken::Unicode)) {
            return false;
        }
    }
    *flags = result;
    return true;
}

} // namespace

bool PythonTokenizer::isKeyword(QStringView name)
{
    static const char *const keywords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
    };
    for (const char *keyword : keywords) {
        if (name == QLatin1String(keyword)) {
            return true;
        }
    }
    return false;
}

PythonTokenizer::PythonTokenizer(QStringView source, Trivia trivia)
    : m_source(source), m_begin(source.utf16()), m_pos(source.utf16()),
      m_end(source.utf16() + source.size()), m_lineStart(source.utf16()),
      m_includeTrivia(trivia == Trivia::Include)
{
    m_indents.reserve(16);
    m_altIndents.reserve(16);
    m_indents.push_back(0);
    m_altIndents.push_back(0);
}

QList<PythonToken> PythonTokenizer::tokenize(QStringView source, Trivia trivia)
{
    PythonTokenizer tokenizer(source, trivia);
    QList<PythonToken> tokens;
    for (;;) {
        const PythonToken token = tokenizer.next();
        tokens.append(token);
        if (token.type == PythonToken::EndMarker || token.type == PythonToken::Error) {
            break;
        }
    }
    return tokens;
}

PythonToken PythonTokenizer::make(PythonToken::Type type, const char16_t *start, int line,
                                  int column) const
{
    PythonToken token;
    token.type = type;
    token.offset = start - m_begin;
    token.length = m_pos - start;
    token.line = line;
    token.column = column;
    token.endLine = m_line;
    return token;
}

bool PythonTokenizer::setError(const QString &message, int line, int column)
{
    if (m_errorMessage.isEmpty()) {
        m_errorMessage = message;
        m_errorLine = line;
        m_errorColumn = column;
    }
    return false;
}

PythonToken PythonTokenizer::fail(const QString &message, int line, int column)
{
    setError(message, line, column);
    m_finished = true;
    PythonToken token;
    token.type = PythonToken::Error;
    token.offset = m_pos - m_begin;
    token.line = m_errorLine;
    token.column = m_errorColumn;
    token.endLine = m_errorLine;
    return token;
}

PythonToken PythonTokenizer::failAt(const QString &message, const char16_t *at)
{
    return fail(message, m_line, columnOf(at));
}

bool PythonTokenizer::processIndentation(PythonToken *token, bool *emitted)
{
    m_atLineStart = false;
    *emitted = false;
    int col = 0;
    int altcol = 0;
    const char16_t *p = m_pos;
    for (; p < m_end; ++p) {
        if (*p == u' ') {
            ++col;
            ++altcol;
        } else if (*p == u'\t') {
            col = (col / kTabSize + 1) * kTabSize;
            ++altcol;
        } else if (*p == u'\f') {
            col = altcol = 0;
        } else {
            break;
        }
    }
    m_pos = p;
    // Blank and comment-only lines do not change the indentation.
    if (p >= m_end || *p == u'#' || *p == u'\n' || *p == u'\r') {
        return true;
    }
    // Translated only when needed: this runs for every line.
    const auto tabError = [] {
        return QCoreApplication::translate("PythonTokenizer",
                                           "inconsistent use of tabs and spaces in indentation");
    };
    if (col == m_indents.back()) {
        if (altcol != m_altIndents.back()) {
            *token = fail(tabError(), m_line, col);
            return false;
        }
        return true;
    }
    if (col > m_indents.back()) {
        if (int(m_indents.size()) >= kMaxIndent) {
            *token = fail(
                QCoreApplication::translate("PythonTokenizer", "too many levels of indentation"),
                m_line, col);
            return false;
        }
        if (altcol <= m_altIndents.back()) {
            *token = fail(tabError(), m_line, col);
            return false;
        }
        m_indents.push_back(col);
        m_altIndents.push_back(altcol);
        *token = make(PythonToken::Indent, m_lineStart, m_line, 0);
        *emitted = true;
        return true;
    }
    int dedents = 0;
    while (m_indents.size() > 1 && col < m_indents.back()) {
        m_indents.pop_back();
        m_altIndents.pop_back();
        ++dedents;
    }
    if (col != m_indents.back()) {
        *token = fail(QCoreApplication::translate(
                          "PythonTokenizer", "unindent does not match any outer indentation level"),
                      m_line, col);
        return false;
    }
    if (altcol != m_altIndents.back()) {
        *token = fail(tabError(), m_line, col);
        return false;
    }
    m_pendingDedents = dedents - 1;
    *token = make(PythonToken::Dedent, m_pos, m_line, col);
    *emitted = true;
    return true;
}

PythonToken PythonTokenizer::next()
{
    if (m_finished) {
        PythonToken token;
        token.offset = m_end - m_begin;
        token.line = token.endLine = m_line;
        token.column = columnOf(m_end);
        return token;
    }
    if (m_pendingDedents > 0) {
        --m_pendingDedents;
        return make(PythonToken::Dedent, m_pos, m_line, columnOf(m_pos));
    }
    for (;;) {
        if (m_atLineStart) {
            PythonToken token;
            bool emitted = false;
            if (!processIndentation(&token, &emitted) || emitted) {
                return token;
            }
        }
        const char16_t *p = m_pos;
        while (p < m_end && (*p == u' ' || *p == u'\t' || *p == u'\f' || *p == u'\r')) {
            ++p;
        }
        m_pos = p;
        if (p >= m_end) {
            if (!m_brackets.empty()) {
                const Bracket &open = m_brackets.back();
                return fail(QCoreApplication::translate("PythonTokenizer", "'%1' was never closed")
                                .arg(QChar(open.ch)),
                            open.line, open.column);
            }
            if (m_lineHasTokens) {
                m_lineHasTokens = false;
                return make(PythonToken::Newline, p, m_line, columnOf(p));
            }
            if (m_indents.size() > 1) {
                m_indents.pop_back();
                m_altIndents.pop_back();
                return make(PythonToken::Dedent, p, m_line, columnOf(p));
            }
            m_finished = true;
            return make(PythonToken::EndMarker, p, m_line, columnOf(p));
        }

        const char16_t c = *p;
        const int line = m_line;
        const int column = columnOf(p);

        if (c == u'#') {
            const char16_t *q = p;
            while (q < m_end && *q != u'\n') {
                ++q;
            }
            m_pos = q;
            if (m_includeTrivia) {
                return make(PythonToken::Comment, p, line, column);
            }
            continue;
        }
        if (c == u'\n') {
            m_pos = p + 1;
            const bool logical = m_lineHasTokens && m_brackets.empty();
            PythonToken token = make(
                logical ? PythonToken::Newline : PythonToken::NonLogicalNewline, p, line, column);
            newLine(m_pos);
            if (m_brackets.empty()) {
                m_atLineStart = true;
            }
            if (logical) {
                m_lineHasTokens = false;
                return token;
            }
            if (m_includeTrivia) {
                return token;
            }
            continue;
        }
        if (c == u'\\') {
            if (p + 1 < m_end && p[1] == u'\n') {
                m_pos = p + 2;
                newLine(m_pos);
                if (m_pos >= m_end) {
                    return fail(QCoreApplication::translate("PythonTokenizer",
                                                            "unexpected EOF while parsing"),
                                m_line, 0);
                }
                continue;
            }
            if (p + 1 >= m_end) {
                return fail(
                    QCoreApplication::translate("PythonTokenizer", "unexpected EOF while parsing"),
                    line, column);
            }
            return fail(
                QCoreApplication::translate(
                    "PythonTokenizer", "unexpected character after line continuation character"),
                line, column);
        }

        m_lineHasTokens = true;

        // Names, keywords and string prefixes.
        if (hasClass(c, IdentStart) || c >= 128) {
            const char16_t *q = p;
            if (c >= 128) {
                int units = 1;
                const char32_t cp = codePointAt(q, m_end, &units);
                if (!isUnicodeIdentifierStart(cp)) {
                    const QString hex =
                        QStringLiteral("%1").arg(uint(cp), 4, 16, QLatin1Char('0')).toUpper();
                    if (PythonSource::isPrintable(cp)) {
                        return fail(QCoreApplication::translate("PythonTokenizer",
                                                                "invalid character '%1' (U+%2)")
                                        .arg(QString::fromUcs4(&cp, 1), hex),
                                    line, column);
                    }
                    return fail(QCoreApplication::translate("PythonTokenizer",
                                                            "invalid non-printable character U+%1")
                                    .arg(hex),
                                line, column);
                }
                q += units;
            } else {
                ++q;
            }
            while (q < m_end) {
                const char16_t d = *q;
                if (d < 128) {
                    if (!(kAscii.flags[d] & IdentContinue)) {
                        break;
                    }
                    ++q;
                    continue;
                }
                int units = 1;
                if (!isUnicodeIdentifierContinue(codePointAt(q, m_end, &units))) {
                    break;
                }
                q += units;
            }
            quint8 flags = 0;
            if (q - p <= 2 && q < m_end && (*q == u'"' || *q == u'\'') &&
                stringPrefixFlags(p, q - p, &flags)) {
                m_pos = q;
                bool triple = false;
                if (!scanString(flags, line, column, 0, &triple)) {
                    return fail(m_errorMessage, m_errorLine, m_errorColumn);
                }
                PythonToken token = make(PythonToken::String, p, line, column);
                token.stringFlags = flags | (triple ? quint8(PythonToken::Triple) : quint8(0));
                token.prefixLength = quint8(q - p);
                return token;
            }
            m_pos = q;
            return make(PythonToken::Name, p, line, column);
        }

        if (isDigit(c) || (c == u'.' && p + 1 < m_end && isDigit(p[1]))) {
            if (!scanNumber(p)) {
                return fail(m_errorMessage, m_errorLine, m_errorColumn);
            }
            return make(PythonToken::Number, p, line, column);
        }

        if (c == u'"' || c == u'\'') {
            bool triple = false;
            if (!scanString(0, line, column, 0, &triple)) {
                return fail(m_errorMessage, m_errorLine, m_errorColumn);
            }
            PythonToken token = make(PythonToken::String, p, line, column);
            token.stringFlags = triple ? quint8(PythonToken::Triple) : quint8(0);
            return token;
        }

        // Operators and punctuation: longest match.
        const char16_t c2 = p + 1 < m_end ? p[1] : 0;
        const char16_t c3 = p + 2 < m_end ? p[2] : 0;
        int length = 1;
        switch (c) {
        case u'(':
        case u'[':
        case u'{':
            if (int(m_brackets.size()) >= kMaxBrackets) {
                return fail(
                    QCoreApplication::translate("PythonTokenizer", "too many nested parentheses"),
                    line, column);
            }
            m_brackets.push_back({c, line, column});
            break;
        case u')':
        case u']':
        case u'}': {
            if (m_brackets.empty()) {
                return fail(
                    QCoreApplication::translate("PythonTokenizer", "unmatched '%1'").arg(QChar(c)),
                    line, column);
            }
            const Bracket open = m_brackets.back();
            const char16_t expected = open.ch == u'(' ? u')' : (open.ch == u'[' ? u']' : u'}');
            if (c != expected) {
                if (open.line != line) {
                    return fail(QCoreApplication::translate(
                                    "PythonTokenizer",
                                    "closing parenthesis '%1' does not match opening "
                                    "parenthesis '%2' on line %3")
                                    .arg(QChar(c))
                                    .arg(QChar(open.ch))
                                    .arg(open.line),
                                line, column);
                }
                return fail(QCoreApplication::translate(
                                "PythonTokenizer",
                                "closing parenthesis '%1' does not match opening parenthesis '%2'")
                                .arg(QChar(c))
                                .arg(QChar(open.ch)),
                            line, column);
            }
            m_brackets.pop_back();
            break;
        }
        case u'.':
            length = (c2 == u'.' && c3 == u'.') ? 3 : 1;
            break;
        case u'*':
        case u'/':
            if (c2 == c) {
                length = c3 == u'=' ? 3 : 2;
            } else if (c2 == u'=') {
                length = 2;
            }
            break;
        case u'<':
        case u'>':
            if (c2 == c) {
                length = c3 == u'=' ? 3 : 2;
            } else if (c2 == u'=') {
                length = 2;
            }
            break;
        case u'-':
            if (c2 == u'=' || c2 == u'>') {
                length = 2;
            }
            break;
        case u'+':
        case u'%':
        case u'&':
        case u'|':
        case u'^':
        case u'@':
        case u'=':
        case u':':
            if (c2 == u'=') {
                length = 2;
            }
            break;
        case u'!':
            if (c2 != u'=') {
                return fail(QCoreApplication::translate("PythonTokenizer", "invalid syntax"), line,
                            column);
            }
            length = 2;
            break;
        case u',':
        case u';':
        case u'~':
            break;
        default: {
            const QString hex =
                QStringLiteral("%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
            if (c < 0x20 || c == 0x7F) {
                return fail(QCoreApplication::translate("PythonTokenizer",
                                                        "invalid non-printable character U+%1")
                                .arg(hex),
                            line, column);
            }
            return fail(
                QCoreApplication::translate("PythonTokenizer", "invalid character '%1' (U+%2)")
                    .arg(QChar(c))
                    .arg(hex),
                line, column);
        }
        }
        m_pos = p + length;
        return make(PythonToken::Op, p, line, column);
    }
}

bool PythonTokenizer::scanNumber(const char16_t *start)
{
    const char16_t *p = start;
    auto at = [&](const char16_t *q) -> char16_t { return q < m_end ? *q : char16_t(0); };
    auto error = [&](const QString &message, const char16_t *where) {
        return setError(message, m_line, columnOf(where));
    };
    // CPython's verify_end_of_number(): a number may touch a following keyword
    // ("1if x else 2") but no other identifier character.
    auto verifyEnd = [&](const char16_t *q, const char *kind) {
        const char16_t c = at(q);
        auto follows = [&](const char *rest) {
            const char16_t *r = q + 1;
            for (; *rest; ++rest, ++r) {
                if (at(r) != char16_t(*rest)) {
                    return false;
                }
            }
            return true;
        };
        bool keyword = false;
        switch (c) {
        case u'a':
            keyword = follows("nd");
            break;
        case u'e':
            keyword = follows("lse");
            break;
        case u'f':
            keyword = follows("or");
            break;
        case u'i': {
            const char16_t n = at(q + 1);
            keyword = n == u'f' || n == u'n' || n == u's';
            break;
        }
        case u'o':
            keyword = follows("r");
            break;
        case u'n':
            keyword = follows("ot");
            break;
        default:
            break;
        }
        if (!keyword && isPotentialIdentifierChar(c)) {
            return error(QCoreApplication::translate("PythonTokenizer", "invalid %1 literal")
                             .arg(QLatin1String(kind)),
                         q);
        }
        m_pos = q;
        return true;
    };
    // Digits with single underscores between them; p is on the first digit.
    auto decimalTail = [&](const char16_t *&q) {
        for (;;) {
            while (isDigit(at(q))) {
                ++q;
            }
            if (at(q) != u'_') {
                return true;
            }
            ++q;
            if (!isDigit(at(q))) {
                return error(
                    QCoreApplication::translate("PythonTokenizer", "invalid decimal literal"), q);
            }
        }
    };
    auto radix = [&](const char16_t *q, int base, const char *kind) {
        const auto valid = [base](char16_t d) {
            if (base == 16) {
                return hasClass(d, HexDigit);
            }
            return d >= u'0' && d < char16_t(u'0' + base);
        };
        do {
            if (at(q) == u'_') {
                ++q;
            }
            if (!valid(at(q))) {
                if (base != 16 && isDigit(at(q))) {
                    return error(QCoreApplication::translate("PythonTokenizer",
                                                             "invalid digit '%1' in %2 literal")
                                     .arg(QChar(at(q)))
                                     .arg(QLatin1String(kind)),
                                 q);
                }
                return error(QCoreApplication::translate("PythonTokenizer", "invalid %1 literal")
                                 .arg(QLatin1String(kind)),
                             q);
            }
            while (valid(at(q))) {
                ++q;
            }
        } while (at(q) == u'_');
        if (base != 16 && isDigit(at(q))) {
            return error(
                QCoreApplication::translate("PythonTokenizer", "invalid digit '%1' in %2 literal")
                    .arg(QChar(at(q)))
                    .arg(QLatin1String(kind)),
                q);
        }
        return verifyEnd(q, kind);
    };

    if (*p == u'0') {
        const char16_t x = at(p + 1) | 0x20;
        if (x == u'x') {
            return radix(p + 2, 16, "hexadecimal");
        }
        if (x == u'o') {
            return radix(p + 2, 8, "octal");
        }
        if (x == u'b') {
            return radix(p + 2, 2, "binary");
        }
    }

    bool isFloatish = false; // saw '.', exponent or 'j': leading zeros are fine then
    const char16_t *zerosEnd = nullptr;
    bool nonzero = false;
    if (*p == u'.') {
        ++p; // ".5": fraction follows
        if (!decimalTail(p)) {
            return false;
        }
        isFloatish = true;
    } else if (*p == u'0') {
        ++p;
        for (;;) {
            if (at(p) == u'_') {
                ++p;
                if (!isDigit(at(p))) {
                    return error(
                        QCoreApplication::translate("PythonTokenizer", "invalid decimal literal"),
                        p);
                }
            }
            if (at(p) != u'0') {
                break;
            }
            ++p;
        }
        zerosEnd = p;
        if (isDigit(at(p))) {
            nonzero = true;
            if (!decimalTail(p)) {
                return false;
            }
        }
        if (at(p) == u'.') {
            ++p;
            isFloatish = true;
            if (isDigit(at(p)) && !decimalTail(p)) {
                return false;
            }
        }
    } else {
        if (!decimalTail(p)) {
            return false;
        }
        if (at(p) == u'.') {
            ++p;
            isFloatish = true;
            if (isDigit(at(p)) && !decimalTail(p)) {
                return false;
            }
        }
    }
    const char16_t e = at(p);
    if (e == u'e' || e == u'E') {
        const char16_t *q = p + 1;
        if (at(q) == u'+' || at(q) == u'-') {
            ++q;
            if (!isDigit(at(q))) {
                return error(
                    QCoreApplication::translate("PythonTokenizer", "invalid decimal literal"), q);
            }
        } else if (!isDigit(at(q))) {
            // "1else": the number ends before the 'e'.
            if (nonzero && !isFloatish) {
                return error(QCoreApplication::translate(
                                 "PythonTokenizer",
                                 "leading zeros in decimal integer literals are not permitted; "
                                 "use an 0o prefix for octal integers"),
                             zerosEnd);
            }
            return verifyEnd(p, "decimal");
        }
        p = q;
        if (!decimalTail(p)) {
            return false;
        }
        isFloatish = true;
    }
    if (at(p) == u'j' || at(p) == u'J') {
        return verifyEnd(p + 1, "imaginary");
    }
    if (nonzero && !isFloatish) {
        return error(QCoreApplication::translate(
                         "PythonTokenizer",
                         "leading zeros in decimal integer literals are not permitted; "
                         "use an 0o prefix for octal integers"),
                     zerosEnd);
    }
    return verifyEnd(p, "decimal");
}

bool PythonTokenizer::scanString(quint8 flags, int startLine, int startColumn, int nesting,
                                 bool *triple)
{
    m_stringColumn = startColumn;
    const char16_t quote = *m_pos;
    *triple = m_pos + 2 < m_end && m_pos[1] == quote && m_pos[2] == quote;
    m_pos += *triple ? 3 : 1;
    if (flags & PythonToken::Formatted) {
        return scanFStringBody(quote, *triple, flags & PythonToken::Raw, startLine, nesting);
    }
    return scanPlainStringBody(quote, *triple, startLine);
}

bool PythonTokenizer::scanPlainStringBody(char16_t quote, bool triple, int startLine)
{
    const char16_t *p = m_pos;
    for (;;) {
        // The hot loop: skip ordinary characters.
        while (p < m_end && *p != quote && *p != u'\\' && *p != u'\n') {
            ++p;
        }
        if (p >= m_end) {
            m_pos = p;
            return setError(
                triple
                    ? QCoreApplication::translate(
                          "PythonTokenizer", "unterminated triple-quoted string literal (detected "
                                             "at line %1)")
                          .arg(m_line)
                    : QCoreApplication::translate(
                          "PythonTokenizer", "unterminated string literal (detected at line %1)")
                          .arg(m_line),
                startLine, m_stringColumn);
        }
        const char16_t c = *p;
        if (c == quote) {
            if (!triple) {
                m_pos = p + 1;
                return true;
            }
            if (p + 2 < m_end && p[1] == quote && p[2] == quote) {
                m_pos = p + 3;
                return true;
            }
            ++p;
        } else if (c == u'\\') {
            ++p;
            if (p < m_end) {
                if (*p == u'\n') {
                    newLine(p + 1);
                }
                ++p;
            }
        } else { // newline
            if (!triple) {
                m_pos = p;
                return setError(
                    QCoreApplication::translate("PythonTokenizer",
                                                "unterminated string literal (detected at line %1)")
                        .arg(m_line),
                    startLine, m_stringColumn);
            }
            ++p;
            newLine(p);
        }
    }
}

bool PythonTokenizer::scanFStringBody(char16_t quote, bool triple, bool raw, int startLine,
                                      int nesting)
{
    auto unterminated = [&]() {
        return setError(
            triple
                ? QCoreApplication::translate(
                      "PythonTokenizer", "unterminated triple-quoted f-string literal (detected at "
                                         "line %1)")
                      .arg(m_line)
                : QCoreApplication::translate("PythonTokenizer",
                                              "unterminated f-string literal (detected at line %1)")
                      .arg(m_line),
            startLine, m_stringColumn);
    };
    for (;;) {
        const char16_t *p = m_pos;
        while (p < m_end && *p != quote && *p != u'\\' && *p != u'\n' && *p != u'{' && *p != u'}') {
            ++p;
        }
        m_pos = p;
        if (p >= m_end) {
            return unterminated();
        }
        const char16_t c = *p;
        if (c == quote) {
            if (!triple) {
                m_pos = p + 1;
                return true;
            }
            if (p + 2 < m_end && p[1] == quote && p[2] == quote) {
                m_pos = p + 3;
                return true;
            }
            m_pos = p + 1;
        } else if (c == u'\n') {
            if (!triple) {
                return unterminated();
            }
            m_pos = p + 1;
            newLine(m_pos);
        } else if (c == u'\\') {
            const char16_t *q = p + 1;
            if (q >= m_end) {
                m_pos = q;
                continue;
            }
            if (*q == u'{' || *q == u'}') {
                m_pos = q; // a backslash does not escape a brace
                continue;
            }
            if (!raw && *q == u'N' && q + 1 < m_end && q[1] == u'{') {
                // \N{NAME}: its braces are no replacement field.
                const char16_t *r = q + 2;
                while (r < m_end && *r != u'}' && *r != quote && *r != u'\n') {
                    ++r;
                }
                m_pos = (r < m_end && *r == u'}') ? r + 1 : r;
                continue;
            }
            if (*q == u'\n') {
                newLine(q + 1);
            }
            m_pos = q + 1;
        } else if (c == u'{') {
            if (p + 1 < m_end && p[1] == u'{') {
                m_pos = p + 2;
                continue;
            }
            m_pos = p + 1;
            if (!scanReplacementField(quote, triple, startLine, nesting + 1)) {
                return false;
            }
        } else { // '}'
            if (p + 1 < m_end && p[1] == u'}') {
                m_pos = p + 2;
                continue;
            }
            return setError(QCoreApplication::translate("PythonTokenizer",
                                                        "f-string: single '}' is not allowed"),
                            m_line, columnOf(p));
        }
    }
}

bool PythonTokenizer::scanReplacementField(char16_t quote, bool triple, int startLine, int nesting)
{
    if (nesting > kMaxFStringNesting) {
        return setError(QCoreApplication::translate("PythonTokenizer",
                                                    "f-string: expressions nested too deeply"),
                        m_line, columnOf(m_pos));
    }
    int depth = 0;
    for (;;) {
        const char16_t *p = m_pos;
        if (p >= m_end) {
            return setError(triple ? QCoreApplication::translate(
                                         "PythonTokenizer",
                                         "unterminated triple-quoted f-string literal (detected "
                                         "at line %1)")
                                         .arg(m_line)
                                   : QCoreApplication::translate(
                                         "PythonTokenizer",
                                         "unterminated f-string literal (detected at line %1)")
                                         .arg(m_line),
                            startLine, m_stringColumn);
        }
        const char16_t c = *p;
        if (c == u'\n') {
            m_pos = p + 1;
            newLine(m_pos);
        } else if (c == u'#') {
            while (p < m_end && *p != u'\n') {
                ++p;
            }
            m_pos = p;
        } else if (c == u'"' || c == u'\'' || hasClass(c, IdentStart) || c >= 128) {
            if (!scanNestedToken(nesting)) {
                return false;
            }
        } else if (c == u'(' || c == u'[' || c == u'{') {
            if (++depth > kMaxBrackets) {
                return setError(
                    QCoreApplication::translate("PythonTokenizer", "too many nested parentheses"),
                    m_line, columnOf(p));
            }
            m_pos = p + 1;
        } else if (c == u')' || c == u']') {
            depth = depth > 0 ? depth - 1 : 0;
            m_pos = p + 1;
        } else if (c == u'}') {
            m_pos = p + 1;
            if (depth == 0) {
                return true;
            }
            --depth;
        } else if (depth == 0 && c == u'!' && !(p + 1 < m_end && p[1] == u'=')) {
            m_pos = p + 1; // conversion: !r, !s, !a
        } else if (depth == 0 && c == u':') {
            m_pos = p + 1;
            return scanFormatSpec(quote, triple, startLine, nesting);
        } else if (c == u'\\') {
            m_pos = p + 1;
            if (m_pos < m_end) {
                if (*m_pos == u'\n') {
                    newLine(m_pos + 1);
                }
                ++m_pos;
            }
        } else {
            m_pos = p + 1;
        }
    }
}

bool PythonTokenizer::scanFormatSpec(char16_t quote, bool triple, int startLine, int nesting)
{
    for (;;) {
        const char16_t *p = m_pos;
        if (p >= m_end || (*p == u'\n' && !triple)) {
            return setError(triple ? QCoreApplication::translate(
                                         "PythonTokenizer",
                                         "unterminated triple-quoted f-string literal (detected "
                                         "at line %1)")
                                         .arg(m_line)
                                   : QCoreApplication::translate(
                                         "PythonTokenizer",
                                         "unterminated f-string literal (detected at line %1)")
                                         .arg(m_line),
                            startLine, m_stringColumn);
        }
        const char16_t c = *p;
        if (c == quote && (!triple || (p + 2 < m_end && p[1] == quote && p[2] == quote))) {
            return setError(
                QCoreApplication::translate("PythonTokenizer", "f-string: expecting '}'"), m_line,
                columnOf(p));
        }
        if (c == u'\n') {
            m_pos = p + 1;
            newLine(m_pos);
        } else if (c == u'{') {
            m_pos = p + 1;
            if (!scanReplacementField(quote, triple, startLine, nesting + 1)) {
                return false;
            }
        } else if (c == u'}') {
            m_pos = p + 1;
            return true;
        } else if (c == u'\\' && p + 1 < m_end) {
            if (p[1] == u'\n') {
                newLine(p + 2);
            }
            m_pos = p + 2;
        } else {
            m_pos = p + 1;
        }
    }
}

bool PythonTokenizer::scanNestedToken(int nesting)
{
    const char16_t *p = m_pos;
    quint8 flags = 0;
    if (*p != u'"' && *p != u'\'') {
        const char16_t *q = p;
        while (q < m_end) {
            if (*q < 128) {
                if (!hasClass(*q, IdentContinue)) {
                    break;
                }
                ++q;
                continue;
            }
            int units = 1;
            if (!isUnicodeIdentifierContinue(codePointAt(q, m_end, &units))) {
                break;
            }
            q += units;
        }
        if (q == p) {
            m_pos = p + 1; // not part of a name: the caller's loop goes on
            return true;
        }
        m_pos = q;
        if (!(q - p <= 2 && q < m_end && (*q == u'"' || *q == u'\'') &&
              stringPrefixFlags(p, q - p, &flags))) {
            return true;
        }
    }
    bool triple = false;
    const int outerColumn = m_stringColumn;
    const bool ok = scanString(flags, m_line, columnOf(m_pos), nesting, &triple);
    if (ok) {
        m_stringColumn = outerColumn;
    }
    return ok;
}

} // namespace Revscope
