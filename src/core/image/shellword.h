#pragma once

#include <QChar>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Revscope {

// The variables visible to one Dockerfile instruction: ENV plus the ARGs in
// scope. A variable can be set to the empty string, which differs from unset.
class BuildVariables
{
public:
    void set(const QString &name, const QString &value) { m_values.insert(name, value); }
    void unset(const QString &name) { m_values.remove(name); }
    bool isSet(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }
    const QHash<QString, QString> &values() const { return m_values; }

private:
    QHash<QString, QString> m_values;
};

// BuildKit's word expansion (frontend/dockerfile/shell/lex.go ProcessWord):
// quotes removed, the escape character honoured, `$VAR`, `${VAR}`,
// `${VAR:-w}`, `${VAR-w}`, `${VAR:+w}`, `${VAR+w}`, `${VAR:?e}`, `${VAR?e}`,
// `${VAR#p}`, `${VAR%p}` (shortest prefix/suffix) expanded.
class ShellWord
{
public:
    // Expands one word. `error` is set for `${VAR:?message}` on an unset or
    // empty variable and for an unterminated `${`.
    static QString expand(const QString &word, const BuildVariables &variables,
                          QChar escape = u'\\', QString *error = nullptr);

    // BuildKit's parseWords: splits at whitespace outside quotes, keeping the
    // quotes and escapes in the words (for ENV / ARG / LABEL key=value lists).
    static QStringList splitWords(const QString &text, QChar escape = u'\\');

    // Splits a command line the way `sh` would for a simple command (quotes
    // removed, no expansion), for recognising RUN lines and compose commands.
    static QStringList splitShell(const QString &text);
};

} // namespace Revscope
