#include "shellword.h"

#include "gopath.h"

#include <QCoreApplication>

namespace Revscope {

namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

class Expander
{
public:
    Expander(const QString &text, const BuildVariables &variables, QChar escape)
        : m_text(text), m_variables(variables), m_escape(escape)
    {}

    // Processes until `stop` (not consumed) or the end.
    QString process(QChar stop = QChar())
    {
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (!stop.isNull() && c == stop) {
                break;
            }
            if (c == u'\'') {
                ++m_pos;
                while (m_pos < m_text.size() && m_text.at(m_pos) != u'\'') {
                    out += m_text.at(m_pos++);
                }
                if (m_pos < m_text.size()) {
                    ++m_pos;
                }
            } else if (c == u'"') {
                ++m_pos;
                out += doubleQuoted();
            } else if (c == u'$') {
                out += variable();
            } else if (c == m_escape) {
                ++m_pos;
                if (m_pos < m_text.size()) {
                    out += m_text.at(m_pos++);
                } else {
                    out += c;
                }
            } else {
                out += c;
                ++m_pos;
            }
        }
        return out;
    }

    QString error() const { return m_error; }

private:
    QString doubleQuoted()
    {
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == u'"') {
                ++m_pos;
                return out;
            }
            if (c == u'$') {
                out += variable();
            } else if (c == m_escape && m_pos + 1 < m_text.size()) {
                const QChar next = m_text.at(m_pos + 1);
                if (next == u'"' || next == u'$' || next == m_escape) {
                    out += next;
                } else {
                    out += c;
                    out += next;
                }
                m_pos += 2;
            } else {
                out += c;
                ++m_pos;
            }
        }
        return out;
    }

    QString variable()
    {
        ++m_pos; // '$'
        if (m_pos >= m_text.size()) {
            return QStringLiteral("$");
        }
        const QChar c = m_text.at(m_pos);
        if (c == u'{') {
            ++m_pos;
            QString name;
            while (m_pos < m_text.size() && isNameChar(m_text.at(m_pos))) {
                name += m_text.at(m_pos++);
            }
            if (m_pos >= m_text.size()) {
                m_error =
                    QCoreApplication::translate("ShellWord", "missing “}” in “%1”").arg(m_text);
                return QString();
            }
            const QChar op = m_text.at(m_pos);
            if (op == u'}') {
                ++m_pos;
                return m_variables.value(name);
            }
            QString modifier(op);
            ++m_pos;
            if (op == u':' && m_pos < m_text.size()) {
                modifier += m_text.at(m_pos++);
            } else if ((op == u'#' || op == u'%' || op == u'/') && m_pos < m_text.size() &&
                       m_text.at(m_pos) == op) {
                modifier += m_text.at(m_pos++);
            }
            const QString word = process(u'}');
            if (m_pos < m_text.size()) {
                ++m_pos; // '}'
            } else {
                m_error =
                    QCoreApplication::translate("ShellWord", "missing “}” in “%1”").arg(m_text);
            }
            const bool set = m_variables.isSet(name);
            const QString value = m_variables.value(name);
            if (modifier == u":-") {
                return value.isEmpty() ? word : value;
            }
            if (modifier == u"-") {
                return set ? value : word;
            }
            if (modifier == u":+") {
                return value.isEmpty() ? QString() : word;
            }
            if (modifier == u"+") {
                return set ? word : QString();
            }
            if (modifier == u":?" || modifier == u"?") {
                if (modifier == u":?" ? value.isEmpty() : !set) {
                    m_error =
                        word.isEmpty()
                            ? QCoreApplication::translate("ShellWord", "%1: not set").arg(name)
                            : QStringLiteral("%1: %2").arg(name, word);
                }
                return value;
            }
            if (modifier == u"#" || modifier == u"##") {
                return trimPrefix(value, word, modifier.size() == 2);
            }
            if (modifier == u"%" || modifier == u"%%") {
                return trimSuffix(value, word, modifier.size() == 2);
            }
            if (modifier == u"/" || modifier == u"//") {
                const qsizetype slash = word.indexOf(u'/');
                const QString pattern = slash < 0 ? word : word.left(slash);
                const QString replacement = slash < 0 ? QString() : word.mid(slash + 1);
                QString result = value;
                if (pattern.isEmpty()) {
                    return result;
                }
                if (modifier.size() == 2) {
                    return result.replace(pattern, replacement);
                }
                const qsizetype at = result.indexOf(pattern);
                if (at >= 0) {
                    result.replace(at, pattern.size(), replacement);
                }
                return result;
            }
            m_error = QCoreApplication::translate("ShellWord", "unsupported modifier “%1” in “%2”")
                          .arg(modifier, m_text);
            return value;
        }
        if (isNameChar(c)) {
            QString name;
            while (m_pos < m_text.size() && isNameChar(m_text.at(m_pos))) {
                name += m_text.at(m_pos++);
            }
            return m_variables.value(name);
        }
        return QStringLiteral("$");
    }

    static QString trimPrefix(const QString &value, const QString &pattern, bool longest)
    {
        if (longest) {
            for (qsizetype n = value.size(); n >= 0; --n) {
                if (GoPath::match(pattern, value.left(n))) {
                    return value.mid(n);
                }
            }
        } else {
            for (qsizetype n = 0; n <= value.size(); ++n) {
                if (GoPath::match(pattern, value.left(n))) {
                    return value.mid(n);
                }
            }
        }
        return value;
    }

    static QString trimSuffix(const QString &value, const QString &pattern, bool longest)
    {
        if (longest) {
            for (qsizetype n = 0; n <= value.size(); ++n) {
                if (GoPath::match(pattern, value.mid(n))) {
                    return value.left(n);
                }
            }
        } else {
            for (qsizetype n = value.size(); n >= 0; --n) {
                if (GoPath::match(pattern, value.mid(n))) {
                    return value.left(n);
                }
            }
        }
        return value;
    }

    const QString &m_text;
    const BuildVariables &m_variables;
    QChar m_escape;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

QString ShellWord::expand(const QString &word, const BuildVariables &variables, QChar escape,
                          QString *error)
{
    Expander expander(word, variables, escape);
    const QString result = expander.process();
    if (error) {
        *error = expander.error();
    }
    return result;
}

QStringList ShellWord::splitWords(const QString &text, QChar escape)
{
    QStringList words;
    QString word;
    QChar quote;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!inWord) {
            if (c.isSpace()) {
                continue;
            }
            inWord = true;
        }
        if (c == escape && i + 1 < text.size() && quote != u'\'') {
            word += c;
            word += text.at(++i);
            continue;
        }
        if (quote.isNull()) {
            if (c.isSpace()) {
                words.append(word);
                word.clear();
                inWord = false;
                continue;
            }
            if (c == u'\'' || c == u'"') {
                quote = c;
            }
        } else if (c == quote) {
            quote = QChar();
        }
        word += c;
    }
    if (inWord) {
        words.append(word);
    }
    return words;
}

QStringList ShellWord::splitShell(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quote.isNull()) {
            if (c.isSpace()) {
                if (inWord) {
                    words.append(word);
                    word.clear();
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == u'\'' || c == u'"') {
                quote = c;
            } else if (c == u'\\' && i + 1 < text.size()) {
                word += text.at(++i);
            } else {
                word += c;
            }
        } else if (c == quote) {
            quote = QChar();
        } else if (quote == u'"' && c == u'\\' && i + 1 < text.size() &&
                   QStringView(u"\"\\$`").contains(text.at(i + 1))) {
            word += text.at(++i);
        } else {
            word += c;
        }
    }
    if (inWord) {
        words.append(word);
    }
    return words;
}

} // namespace Revscope
