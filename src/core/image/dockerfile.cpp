#include "dockerfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Revscope {

namespace {

QString leftTrimmed(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && text.at(i).isSpace()) {
        ++i;
    }
    return text.mid(i);
}

bool isCommentLine(const QString &line)
{
    return leftTrimmed(line).startsWith(u'#');
}

// Removes a continuation escape at the end of `line`; false when the line ends
// the instruction. BuildKit: `([^E])E[ \t]*$|^E[ \t]*$`.
bool stripContinuation(QString *line, QChar escape)
{
    qsizetype end = line->size();
    while (end > 0 && (line->at(end - 1) == u' ' || line->at(end - 1) == u'\t')) {
        --end;
    }
    if (end == 0 || line->at(end - 1) != escape) {
        return false;
    }
    if (end >= 2 && line->at(end - 2) == escape) {
        return false; // an escaped escape character
    }
    line->truncate(end - 1);
    return true;
}

// Splits leading `--flag[=value]` words off `rest`.
QStringList takeFlags(QString *rest, QChar escape)
{
    QStringList flags;
    for (;;) {
        *rest = leftTrimmed(*rest);
        if (!rest->startsWith(QStringLiteral("--"))) {
            break;
        }
        qsizetype i = 0;
        QChar quote;
        QString word;
        for (; i < rest->size(); ++i) {
            const QChar c = rest->at(i);
            if (quote.isNull() && c.isSpace()) {
                break;
            }
            if (c == escape && i + 1 < rest->size() && quote != u'\'') {
                word += rest->at(++i);
                continue;
            }
            if (quote.isNull() && (c == u'"' || c == u'\'')) {
                quote = c;
                continue;
            }
            if (c == quote) {
                quote = QChar();
                continue;
            }
            word += c;
        }
        *rest = rest->mid(i);
        if (word == u"--") {
            break;
        }
        flags.append(word);
    }
    return flags;
}

QStringList whitespaceWords(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return text.split(space, Qt::SkipEmptyParts);
}

} // namespace

QString DockerInstruction::flag(const QString &name, bool *present) const
{
    const QString bare = QStringLiteral("--") + name;
    const QString prefix = bare + u'=';
    QString value;
    bool found = false;
    for (const QString &f : flags) {
        if (f == bare) {
            found = true;
            value.clear();
        } else if (f.startsWith(prefix)) {
            found = true;
            value = f.mid(prefix.size());
        }
    }
    if (present) {
        *present = found;
    }
    return value;
}

QStringList DockerInstruction::flagValues(const QString &name) const
{
    const QString prefix = QStringLiteral("--") + name + u'=';
    QStringList values;
    for (const QString &f : flags) {
        if (f.startsWith(prefix)) {
            values.append(f.mid(prefix.size()));
        }
    }
    return values;
}

bool Dockerfile::isKnownInstruction(const QString &keyword)
{
    static const QStringList known = {
        QStringLiteral("ADD"),    QStringLiteral("ARG"),        QStringLiteral("CMD"),
        QStringLiteral("COPY"),   QStringLiteral("ENTRYPOINT"), QStringLiteral("ENV"),
        QStringLiteral("EXPOSE"), QStringLiteral("FROM"),       QStringLiteral("HEALTHCHECK"),
        QStringLiteral("LABEL"),  QStringLiteral("MAINTAINER"), QStringLiteral("ONBUILD"),
        QStringLiteral("RUN"),    QStringLiteral("SHELL"),      QStringLiteral("STOPSIGNAL"),
        QStringLiteral("USER"),   QStringLiteral("VOLUME"),     QStringLiteral("WORKDIR")};
    return known.contains(keyword);
}

void Dockerfile::error(int line, const QString &message)
{
    m_valid = false;
    m_findings.append(Finding::make(QStringLiteral("dockerfile-error"), Severity::Error, message,
                                    m_fileName, line));
}

Dockerfile Dockerfile::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Dockerfile dockerfile;
        dockerfile.m_fileName = path;
        dockerfile.m_valid = false;
        const QString message = QCoreApplication::translate("Dockerfile", "Cannot read %1: %2")
                                    .arg(path, file.errorString());
        dockerfile.m_findings.append(
            Finding::make(QStringLiteral("unreadable-file"), Severity::Error, message, path));
        return dockerfile;
    }
    return parse(file.readAll(), path);
}

Dockerfile Dockerfile::parse(const QByteArray &text, const QString &fileName)
{
    Dockerfile df;
    df.m_fileName = fileName;
    QStringList lines = QString::fromUtf8(text).split(u'\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast();
    }
    for (QString &line : lines) {
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
    }
    if (!lines.isEmpty() && lines.first().startsWith(QChar(0xFEFF))) {
        lines.first().remove(0, 1);
    }

    // Parser directives: only at the very top, stopping at the first other line.
    static const QRegularExpression directive(
        QStringLiteral("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$"));
    QStringList seen;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = directive.match(lines.at(i).trimmed());
        if (!m.hasMatch()) {
            break;
        }
        const QString key = m.captured(1).toLower();
        if (key != u"escape" && key != u"syntax" && key != u"check") {
            break;
        }
        if (seen.contains(key)) {
            df.error(int(i + 1), QCoreApplication::translate(
                                     "Dockerfile", "Only one “%1” parser directive can be used.")
                                     .arg(key));
            continue;
        }
        seen.append(key);
        const QString value = m.captured(2);
        if (key == u"escape") {
            if (value != u"\\" && value != u"`") {
                df.error(int(i + 1),
                         QCoreApplication::translate(
                             "Dockerfile", "Invalid escape character “%1”: use “\\” or “`”.")
                             .arg(value));
            } else {
                df.m_escape = value.at(0);
            }
        } else if (key == u"syntax") {
            df.m_syntax = value;
        }
    }

    static const QRegularExpression heredocWord(QStringLiteral("^(\\d*)<<(-?)([^<]*)$"));
    qsizetype i = 0;
    while (i < lines.size()) {
        const QString first = leftTrimmed(lines.at(i));
        const int startLine = int(i + 1);
        ++i;
        if (first.startsWith(u'#') || first.trimmed().isEmpty()) {
            continue;
        }
        QString line = first;
        bool continued = stripContinuation(&line, df.m_escape);
        if (!continued && line.trimmed().isEmpty()) {
            continue;
        }
        while (continued && i < lines.size()) {
            QString next = lines.at(i);
            ++i;
            if (isCommentLine(next) || next.trimmed().isEmpty()) {
                continue;
            }
            continued = stripContinuation(&next, df.m_escape);
            line += next;
        }
        line = line.trimmed();
        if (line.isEmpty()) {
            continue;
        }

        DockerInstruction instruction;
        instruction.line = startLine;
        instruction.text = line;
        qsizetype space = 0;
        while (space < line.size() && !line.at(space).isSpace()) {
            ++space;
        }
        instruction.keyword = line.left(space).toUpper();
        QString rest = line.mid(space);
        if (!isKnownInstruction(instruction.keyword)) {
            df.error(startLine,
                     QCoreApplication::translate("Dockerfile", "Unknown instruction “%1”.")
                         .arg(line.left(space)));
            instruction.endLine = int(i);
            continue;
        }
        const QString &kw = instruction.keyword;
        const bool takesFlags =
            kw == u"COPY" || kw == u"ADD" || kw == u"FROM" || kw == u"RUN" || kw == u"HEALTHCHECK";
        if (takesFlags) {
            instruction.flags = takeFlags(&rest, df.m_escape);
        }
        instruction.arguments = rest.trimmed();

        const bool maybeJson = kw == u"COPY" || kw == u"ADD" || kw == u"RUN" || kw == u"CMD" ||
                               kw == u"ENTRYPOINT" || kw == u"VOLUME" || kw == u"SHELL";
        bool json = false;
        if (maybeJson && instruction.arguments.startsWith(u'[')) {
            QJsonParseError parseError;
            const QJsonDocument doc =
                QJsonDocument::fromJson(instruction.arguments.toUtf8(), &parseError);
            if (parseError.error == QJsonParseError::NoError && doc.isArray()) {
                json = true;
                const QJsonArray array = doc.array();
                for (const QJsonValue &value : array) {
                    if (!value.isString()) {
                        df.error(startLine,
                                 QCoreApplication::translate(
                                     "Dockerfile", "%1: the JSON array may only hold strings.")
                                     .arg(kw));
                        json = false;
                        break;
                    }
                    instruction.args.append(value.toString());
                }
            }
        }
        instruction.jsonForm = json;
        if (!json) {
            instruction.args.clear();
            if (kw == u"RUN" || kw == u"CMD" || kw == u"ENTRYPOINT" || kw == u"SHELL") {
                if (!instruction.arguments.isEmpty()) {
                    instruction.args.append(instruction.arguments);
                }
            } else {
                instruction.args = whitespaceWords(instruction.arguments);
            }
        }

        // Heredocs: the next lines, up to the terminator, are their bodies.
        if ((kw == u"COPY" || kw == u"ADD" || kw == u"RUN") && !json &&
            instruction.arguments.contains(QStringLiteral("<<"))) {
            const QStringList words = whitespaceWords(instruction.arguments);
            for (const QString &word : words) {
                const QRegularExpressionMatch m = heredocWord.match(word);
                if (!m.hasMatch() || m.captured(3).isEmpty()) {
                    continue;
                }
                DockerHeredoc heredoc;
                heredoc.chomp = !m.captured(2).isEmpty();
                QString name = m.captured(3);
                if (name.contains(u'"') || name.contains(u'\'')) {
                    heredoc.expand = false;
                    name.remove(u'"');
                    name.remove(u'\'');
                }
                heredoc.name = name;
                bool terminated = false;
                while (i < lines.size()) {
                    const QString body = lines.at(i);
                    ++i;
                    QString candidate = body;
                    if (heredoc.chomp) {
                        while (candidate.startsWith(u'\t')) {
                            candidate.remove(0, 1);
                        }
                    }
                    if (candidate == heredoc.name) {
                        terminated = true;
                        break;
                    }
                    heredoc.content += (heredoc.chomp ? candidate : body) + u'\n';
                }
                if (!terminated) {
                    df.error(startLine,
                             QCoreApplication::translate(
                                 "Dockerfile", "Unterminated heredoc “<<%1”: no line “%1” ends it.")
                                 .arg(heredoc.name));
                    break;
                }
                instruction.heredocs.append(heredoc);
            }
        }
        instruction.endLine = int(i);
        if (kw == u"COPY" || kw == u"ADD") {
            if (instruction.args.size() < 2) {
                df.error(startLine, QCoreApplication::translate("Dockerfile",
                                                                "%1 needs at least a source and a "
                                                                "destination.")
                                        .arg(kw));
                continue;
            }
        }
        df.m_instructions.append(instruction);
    }

    bool hasFrom = false;
    for (const DockerInstruction &instruction : std::as_const(df.m_instructions)) {
        if (instruction.keyword == u"FROM") {
            hasFrom = true;
            break;
        }
        if (instruction.keyword != u"ARG") {
            df.error(instruction.line, QCoreApplication::translate(
                                           "Dockerfile", "%1 before the first FROM: only ARG may "
                                                         "come first.")
                                           .arg(instruction.keyword));
            break;
        }
    }
    if (!hasFrom && df.m_valid) {
        df.error(
            lines.isEmpty() ? 0 : 1,
            QCoreApplication::translate("Dockerfile", "No FROM instruction: nothing to build."));
    }
    return df;
}

} // namespace Revscope
