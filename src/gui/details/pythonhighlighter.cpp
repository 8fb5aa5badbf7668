#include "pythonhighlighter.h"

#include <QPalette>
#include <QSet>

namespace Revscope {

namespace {

const QSet<QString> &keywords()
{
    static const QSet<QString> words = {
        QStringLiteral("and"),    QStringLiteral("as"),       QStringLiteral("assert"),
        QStringLiteral("async"),  QStringLiteral("await"),    QStringLiteral("break"),
        QStringLiteral("class"),  QStringLiteral("continue"), QStringLiteral("def"),
        QStringLiteral("del"),    QStringLiteral("elif"),     QStringLiteral("else"),
        QStringLiteral("except"), QStringLiteral("finally"),  QStringLiteral("for"),
        QStringLiteral("from"),   QStringLiteral("global"),   QStringLiteral("if"),
        QStringLiteral("import"), QStringLiteral("in"),       QStringLiteral("is"),
        QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),
        QStringLiteral("or"),     QStringLiteral("pass"),     QStringLiteral("raise"),
        QStringLiteral("return"), QStringLiteral("try"),      QStringLiteral("while"),
        QStringLiteral("with"),   QStringLiteral("yield")};
    return words;
}

const QSet<QString> &builtins()
{
    static const QSet<QString> words = {QStringLiteral("None"), QStringLiteral("True"),
                                        QStringLiteral("False")};
    return words;
}

bool isStringPrefix(const QString &word)
{
    static const QSet<QString> prefixes = {
        QStringLiteral("r"),  QStringLiteral("u"),  QStringLiteral("f"),  QStringLiteral("b"),
        QStringLiteral("br"), QStringLiteral("rb"), QStringLiteral("fr"), QStringLiteral("rf")};
    return word.size() <= 2 && prefixes.contains(word.toLower());
}

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QTextCharFormat makeFormat(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold) {
        format.setFontWeight(QFont::DemiBold);
    }
    format.setFontItalic(italic);
    return format;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QPalette());
}

void PythonHighlighter::setPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (dark) {
        m_formats[Keyword] = makeFormat(QColor(0xcf, 0x8e, 0x6d));
        m_formats[Builtin] = makeFormat(QColor(0xcf, 0x8e, 0x6d), false, true);
        m_formats[String] = makeFormat(QColor(0x6a, 0xab, 0x73));
        m_formats[Comment] = makeFormat(QColor(0x7a, 0x7e, 0x85), false, true);
        m_formats[Number] = makeFormat(QColor(0x2a, 0xac, 0xb8));
        m_formats[Decorator] = makeFormat(QColor(0xb3, 0xae, 0x60));
        m_formats[Definition] = makeFormat(QColor(0x56, 0xa8, 0xf5));
    } else {
        m_formats[Keyword] = makeFormat(QColor(0x00, 0x33, 0xb3));
        m_formats[Builtin] = makeFormat(QColor(0x00, 0x33, 0xb3), false, true);
        m_formats[String] = makeFormat(QColor(0x06, 0x7d, 0x17));
        m_formats[Comment] = makeFormat(QColor(0x8c, 0x8c, 0x8c), false, true);
        m_formats[Number] = makeFormat(QColor(0x17, 0x50, 0xeb));
        m_formats[Decorator] = makeFormat(QColor(0x9e, 0x88, 0x0d));
        m_formats[Definition] = makeFormat(QColor(0x00, 0x62, 0x7a));
    }
    if (document()) {
        rehighlight();
    }
}

int PythonHighlighter::highlightString(const QString &text, int start, int from, QChar quote,
                                       bool triple)
{
    const int n = int(text.size());
    int i = from;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (c == quote) {
            if (!triple) {
                setFormat(start, i + 1 - start, m_formats[String]);
                return i + 1;
            }
            if (i + 2 < n && text.at(i + 1) == quote && text.at(i + 2) == quote) {
                setFormat(start, i + 3 - start, m_formats[String]);
                return i + 3;
            }
        }
        ++i;
    }
    setFormat(start, n - start, m_formats[String]);
    const bool continued = text.endsWith(QLatin1Char('\\')) && i == n + 1;
    if (triple) {
        setCurrentBlockState(quote == QLatin1Char('"') ? InTripleDouble : InTripleSingle);
    } else if (continued) {
        setCurrentBlockState(quote == QLatin1Char('"') ? InDouble : InSingle);
    }
    return -1;
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    const int n = int(text.size());
    int i = 0;

    switch (previousBlockState()) {
    case InTripleSingle:
        i = highlightString(text, 0, 0, QLatin1Char('\''), true);
        break;
    case InTripleDouble:
        i = highlightString(text, 0, 0, QLatin1Char('"'), true);
        break;
    case InSingle:
        i = highlightString(text, 0, 0, QLatin1Char('\''), false);
        break;
    case InDouble:
        i = highlightString(text, 0, 0, QLatin1Char('"'), false);
        break;
    default:
        break;
    }

    bool nameFollows = false; // after `def` / `class`
    bool lineStart = true;    // only whitespace so far (decorators)
    while (i >= 0 && i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, m_formats[Comment]);
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const bool triple = i + 2 < n && text.at(i + 1) == c && text.at(i + 2) == c;
            i = highlightString(text, i, i + (triple ? 3 : 1), c, triple);
            nameFollows = false;
            lineStart = false;
            continue;
        }
        if (isIdentifierStart(c)) {
            int end = i + 1;
            while (end < n && isIdentifierChar(text.at(end))) {
                ++end;
            }
            const QString word = text.mid(i, end - i);
            if (end < n &&
                (text.at(end) == QLatin1Char('"') || text.at(end) == QLatin1Char('\'')) &&
                isStringPrefix(word)) {
                const QChar quote = text.at(end);
                const bool triple =
                    end + 2 < n && text.at(end + 1) == quote && text.at(end + 2) == quote;
                i = highlightString(text, i, end + (triple ? 3 : 1), quote, triple);
                nameFollows = false;
                lineStart = false;
                continue;
            }
            if (nameFollows) {
                setFormat(i, end - i, m_formats[Definition]);
                nameFollows = false;
            } else if (keywords().contains(word)) {
                setFormat(i, end - i, m_formats[Keyword]);
                nameFollows = word == QLatin1String("def") || word == QLatin1String("class");
            } else if (builtins().contains(word)) {
                setFormat(i, end - i, m_formats[Builtin]);
            }
            i = end;
            lineStart = false;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text.at(i + 1).isDigit())) {
            int end = i + 1;
            while (end < n) {
                const QChar d = text.at(end);
                const bool sign =
                    (d == QLatin1Char('+') || d == QLatin1Char('-')) &&
                    (text.at(end - 1) == QLatin1Char('e') ||
                     text.at(end - 1) == QLatin1Char('E')) &&
                    !text.mid(i, 2).startsWith(QLatin1String("0x"), Qt::CaseInsensitive);
                if (!(d.isLetterOrNumber() || d == QLatin1Char('_') || d == QLatin1Char('.') ||
                      sign)) {
                    break;
                }
                ++end;
            }
            setFormat(i, end - i, m_formats[Number]);
            i = end;
            lineStart = false;
            continue;
        }
        if (c == QLatin1Char('@') && lineStart) {
            int end = i + 1;
            while (end < n &&
                   (isIdentifierChar(text.at(end)) || text.at(end) == QLatin1Char('.'))) {
                ++end;
            }
            setFormat(i, end - i, m_formats[Decorator]);
            i = end;
            lineStart = false;
            continue;
        }
        if (!c.isSpace()) {
            lineStart = false;
            nameFollows = false;
        }
        ++i;
    }
}

} // namespace Revscope
