#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace Revscope {

// One token; its text is source.mid(offset, length). Tokens never own text, so
// tokenizing allocates nothing per token.
struct PythonToken
{
    enum Type : quint8 {
        EndMarker,
        Name, // identifiers and keywords
        Number,
        String,            // a whole string literal, prefix and quotes included (f-strings too)
        Op,                // operators and punctuation, longest match ("**=", "->", ":=", "...")
        Comment,           // only with Trivia::Include
        Newline,           // end of a logical line
        NonLogicalNewline, // blank or comment line, or a break inside brackets (Trivia::Include)
        Indent,
        Dedent,
        Error, // see PythonTokenizer::errorMessage(); nothing follows but EndMarker
    };
    enum StringFlag : quint8 {
        Raw = 0x01,
        Bytes = 0x02,
        Formatted = 0x04, // f-string (or t-string): never a constant
        Unicode = 0x08,   // explicit u prefix
        Triple = 0x10,
    };

    Type type = EndMarker;
    quint8 stringFlags = 0;  // StringFlag bits, for String tokens
    quint8 prefixLength = 0; // letters before the opening quote, for String tokens
    int line = 0;            // 1-based
    int column = 0;          // 0-based, in UTF-16 code units
    int endLine = 0;         // line of the last character (differs for multi-line strings)
    qsizetype offset = 0;
    qsizetype length = 0;
};

// A linear-time tokenizer following CPython's rules (tokenizer.c), with f-strings
// scanned the PEP 701 way so nested quotes of Python 3.12+ are understood.
// The input is expected with LF line endings (see PythonSource); a stray CR is
// treated as white space.
class PythonTokenizer
{
public:
    enum class Trivia { Skip, Include };

    explicit PythonTokenizer(QStringView source, Trivia trivia = Trivia::Skip);

    // The next token. After EndMarker or Error, returns EndMarker forever.
    PythonToken next();

    QStringView source() const { return m_source; }
    QStringView text(const PythonToken &token) const
    {
        return m_source.mid(token.offset, token.length);
    }

    bool hasError() const { return !m_errorMessage.isEmpty(); }
    QString errorMessage() const { return m_errorMessage; }
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }

    // All tokens up to and including EndMarker or the first Error.
    static QList<PythonToken> tokenize(QStringView source, Trivia trivia = Trivia::Skip);

    // Helpers for consumers.
    static bool isOp(const PythonToken &token, QStringView source, char16_t op)
    {
        return token.type == PythonToken::Op && token.length == 1 && source[token.offset] == op;
    }
    static bool isOp(const PythonToken &token, QStringView source, QLatin1String op)
    {
        return token.type == PythonToken::Op && token.length == op.size() &&
               source.mid(token.offset, token.length) == op;
    }
    static bool isName(const PythonToken &token, QStringView source, QLatin1String name)
    {
        return token.type == PythonToken::Name && token.length == name.size() &&
               source.mid(token.offset, token.length) == name;
    }
    static bool isKeyword(QStringView name);

private:
    struct Bracket
    {
        char16_t ch;
        int line;
        int column;
    };

    PythonToken make(PythonToken::Type type, const char16_t *start, int line, int column) const;
    PythonToken fail(const QString &message, int line, int column);
    PythonToken failAt(const QString &message, const char16_t *at);
    int columnOf(const char16_t *at) const { return int(at - m_lineStart); }
    void newLine(const char16_t *afterNewline)
    {
        ++m_line;
        m_lineStart = afterNewline;
    }

    bool processIndentation(PythonToken *token, bool *emitted);
    bool scanNumber(const char16_t *start);
    bool scanString(quint8 flags, int startLine, int startColumn, int nesting, bool *triple);
    bool scanPlainStringBody(char16_t quote, bool triple, int startLine);
    bool scanFStringBody(char16_t quote, bool triple, bool raw, int startLine, int nesting);
    bool scanReplacementField(char16_t quote, bool triple, int startLine, int nesting);
    bool scanFormatSpec(char16_t quote, bool triple, int startLine, int nesting);
    bool scanNestedToken(int nesting); // a name or string inside an f-string field
    bool setError(const QString &message, int line, int column);

    QStringView m_source;
    const char16_t *m_begin = nullptr;
    const char16_t *m_pos = nullptr;
    const char16_t *m_end = nullptr;
    const char16_t *m_lineStart = nullptr;
    int m_line = 1;
    bool m_includeTrivia = false;
    bool m_atLineStart = true;
    bool m_lineHasTokens = false;
    bool m_finished = false;
    int m_pendingDedents = 0;
    int m_stringColumn = 0;        // start of the string being scanned, for error reports
    std::vector<int> m_indents;    // column of each open indentation level; [0] is 0
    std::vector<int> m_altIndents; // the same with tabs counted as 1, to detect TabError
    std::vector<Bracket> m_brackets;
    QString m_errorMessage;
    int m_errorLine = 0;
    int m_errorColumn = 0;
};

} // namespace Revscope
