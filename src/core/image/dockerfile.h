#pragma once

#include "analysis/finding.h"

#include <QByteArray>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// A here-document of a COPY/ADD/RUN line (`<<EOF`, `<<-EOF`, `<<"EOF"`).
struct DockerHeredoc
{
    QString name;
    QString content;    // every line with its '\n'; leading tabs kept (see chomp)
    bool expand = true; // false when the name was quoted
    bool chomp = false; // `<<-`: leading tabs are stripped
};

// One instruction of a Dockerfile, as BuildKit's parser splits it.
struct DockerInstruction
{
    QString keyword;   // upper case: "COPY"
    QStringList flags; // as written: "--from=builder", "--link"
    QString arguments; // the text after the keyword and flags
    QStringList args;  // JSON form: its strings; else whitespace-separated words
                       // (RUN/CMD/ENTRYPOINT shell form: one element, the command)
    bool jsonForm = false;
    QList<DockerHeredoc> heredocs;
    int line = 0;    // 1-based first line
    int endLine = 0; // last line, heredoc bodies included
    QString text;    // the instruction on one line, continuations joined

    // The value of `--name=value` (the last one); `present` tells a bare flag
    // (`--link`) from an absent one.
    QString flag(const QString &name, bool *present = nullptr) const;
    QStringList flagValues(const QString &name) const; // every `--name=` (repeatable flags)
};

// A Dockerfile parsed with BuildKit's syntax: parser directives (`# escape=`,
// `# syntax=`), comments, line continuations (joined without a space),
// heredocs, JSON and shell forms. It never runs anything. Problems become
// `dockerfile-error` findings with file and line.
class Dockerfile
{
public:
    static Dockerfile parse(const QByteArray &text, const QString &fileName = QString());
    static Dockerfile fromFile(const QString &path);

    QString fileName() const { return m_fileName; }
    QChar escape() const { return m_escape; }
    QString syntax() const { return m_syntax; }
    const QList<DockerInstruction> &instructions() const { return m_instructions; }
    const Findings &findings() const { return m_findings; }
    // False when BuildKit would refuse the file.
    bool isValid() const { return m_valid; }

    static bool isKnownInstruction(const QString &keyword);

private:
    void error(int line, const QString &message);

    QString m_fileName;
    QChar m_escape = u'\\';
    QString m_syntax;
    QList<DockerInstruction> m_instructions;
    Findings m_findings;
    bool m_valid = true;
};

} // namespace Revscope
