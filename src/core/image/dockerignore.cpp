#include "dockerignore.h"

#include "gopath.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace Revscope {

namespace {

// Characters patternmatcher escapes because they mean something to a regexp
// but nothing to filepath.Match.
bool isRegexpMeta(QChar c)
{
    switch (c.unicode()) {
    case '.':
    case '+':
    case '(':
    case ')':
    case '|':
    case '{':
    case '}':
    case '$':
        return true;
    default:
        return false;
    }
}

// patternmatcher's Pattern.compile: the match kind, and the regexp for the
// Regexp kind. Returns false when the regexp does not compile.
bool compilePattern(IgnorePattern *p)
{
    const QString &text = p->pattern;
    QString re = QStringLiteral("^");
    IgnorePattern::Kind kind = IgnorePattern::Kind::Exact;
    qsizetype i = 0;
    bool first = true;
    while (i < text.size()) {
        const QChar c = text.at(i++);
        if (c == u'*') {
            if (i < text.size() && text.at(i) == u'*') {
                ++i;
                // "**/" is "**": the slash is eaten.
                if (i < text.size() && text.at(i) == u'/') {
                    ++i;
                }
                if (i >= text.size()) {
                    if (kind == IgnorePattern::Kind::Exact) {
                        kind = IgnorePattern::Kind::Prefix;
                    } else {
                        re += QStringLiteral(".*");
                        kind = IgnorePattern::Kind::Regexp;
                    }
                } else {
                    re += QStringLiteral("(.*/)?");
                    kind = IgnorePattern::Kind::Regexp;
                }
                if (first) {
                    kind = IgnorePattern::Kind::Suffix;
                }
            } else {
                re += QStringLiteral("[^/]*");
                kind = IgnorePattern::Kind::Regexp;
            }
        } else if (c == u'?') {
            re += QStringLiteral("[^/]");
            kind = IgnorePattern::Kind::Regexp;
        } else if (isRegexpMeta(c)) {
            re += u'\\';
            re += c;
        } else if (c == u'\\') {
            if (i < text.size()) {
                re += u'\\';
                re += text.at(i++);
                kind = IgnorePattern::Kind::Regexp;
            } else {
                re += u'\\';
            }
        } else if (c == u'[' || c == u']') {
            re += c;
            kind = IgnorePattern::Kind::Regexp;
        } else {
            re += c;
        }
        first = false;
    }
    p->kind = kind;
    if (kind != IgnorePattern::Kind::Regexp) {
        return true;
    }
    // Go's '$' only matches at the very end; PCRE's would also match before a final newline.
    re += QStringLiteral("\\z");
    p->regexp = QRegularExpression(re, QRegularExpression::DontCaptureOption);
    if (!p->regexp.isValid()) {
        return false;
    }
    p->regexp.optimize();
    return true;
}

// Go's strings.TrimSpace.
QString trimSpace(const QString &text)
{
    return text.trimmed();
}

// After removing a trailing "/**" or "/*", a pattern with none of these
// characters can only re-include paths that start with it.
bool isLiteralException(const QString &pattern)
{
    QStringView view(pattern);
    if (view.endsWith(u"/**")) {
        view.chop(3);
    } else if (view.endsWith(u"/*")) {
        view.chop(2);
    }
    for (const QChar c : view) {
        if (c == u'*' || c == u'[' || c == u']' || c == u'?' || c == u'^' || c == u'\\') {
            return false;
        }
    }
    return true;
}

} // namespace

bool IgnorePattern::matches(QStringView path) const
{
    switch (kind) {
    case Kind::Exact:
        return path == pattern;
    case Kind::Prefix:
        return path.startsWith(QStringView(pattern).chopped(2));
    case Kind::Suffix: {
        const QStringView suffix = QStringView(pattern).mid(2);
        if (path.endsWith(suffix)) {
            return true;
        }
        return !suffix.isEmpty() && suffix.at(0) == u'/' && path == suffix.mid(1);
    }
    case Kind::Regexp:
        return regexp.match(path).hasMatch();
    }
    return false;
}

QStringList DockerIgnore::readPatterns(const QByteArray &text, QList<int> *lines)
{
    QStringList patterns;
    const QString decoded = QString::fromUtf8(text);
    qsizetype start = 0;
    int lineNumber = 0;
    while (start < decoded.size()) {
        qsizetype end = decoded.indexOf(u'\n', start);
        if (end < 0) {
            end = decoded.size();
        }
        QString line = decoded.mid(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        if (lineNumber == 1 && line.startsWith(QChar(0xFEFF))) {
            line.remove(0, 1);
        }
        // '#' is a comment only in the first column, before any trimming.
        if (line.startsWith(u'#')) {
            continue;
        }
        QString pattern = trimSpace(line);
        if (pattern.isEmpty()) {
            continue;
        }
        bool invert = false;
        if (pattern.startsWith(u'!')) {
            invert = true;
            pattern = trimSpace(pattern.mid(1));
        }
        if (!pattern.isEmpty()) {
            pattern = GoPath::clean(pattern);
            if (pattern.size() > 1 && pattern.startsWith(u'/')) {
                pattern.remove(0, 1);
            }
        }
        if (invert) {
            pattern.prepend(u'!');
        }
        patterns.append(pattern);
        if (lines) {
            lines->append(lineNumber);
        }
    }
    return patterns;
}

DockerIgnore DockerIgnore::fromText(const QByteArray &text, const QString &fileName)
{
    DockerIgnore ignore;
    ignore.m_fileName = fileName;
    QList<int> lines;
    const QStringList patterns = readPatterns(text, &lines);
    const QStringList rawLines = QString::fromUtf8(text).split(u'\n');
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        const int line = lines.at(i);
        QString raw = line - 1 < rawLines.size() ? rawLines.at(line - 1).trimmed() : patterns.at(i);
        if (line == 1 && raw.startsWith(QChar(0xFEFF))) {
            raw = raw.mid(1).trimmed();
        }
        ignore.addPattern(patterns.at(i), raw, line);
    }
    return ignore;
}

DockerIgnore DockerIgnore::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        DockerIgnore ignore;
        ignore.m_fileName = path;
        if (QFileInfo::exists(path)) {
            const QString message =
                QCoreApplication::translate("DockerIgnore", "Cannot read %1: %2")
                    .arg(path, file.errorString());
            ignore.m_errors.append(
                Finding::make(QStringLiteral("unreadable-file"), Severity::Error, message, path));
        }
        return ignore;
    }
    return fromText(file.readAll(), path);
}

DockerIgnore DockerIgnore::fromPatterns(const QStringList &patterns, const QString &fileName)
{
    DockerIgnore ignore;
    ignore.m_fileName = fileName;
    for (const QString &pattern : patterns) {
        ignore.addPattern(pattern, pattern, 0);
    }
    return ignore;
}

QString DockerIgnore::ignoreFileFor(const QString &dockerfile, const QString &contextDir)
{
    const QString specific = dockerfile + QStringLiteral(".dockerignore");
    if (!dockerfile.isEmpty() && QFileInfo(specific).isFile()) {
        return specific;
    }
    return contextDir + QStringLiteral("/.dockerignore");
}

void DockerIgnore::addPattern(const QString &text, const QString &rawText, int line)
{
    // patternmatcher.New
    QString p = trimSpace(text);
    if (p.isEmpty()) {
        return;
    }
    p = GoPath::clean(p);
    IgnorePattern pattern;
    pattern.rawText = rawText;
    pattern.file = m_fileName;
    pattern.line = line;
    auto reject = [&](const QString &why) {
        const QString message =
            QCoreApplication::translate("DockerIgnore",
                                        "Invalid ignore pattern “%1”: %2. Docker refuses to "
                                        "build with this file.")
                .arg(rawText, why);
        Finding finding = Finding::make(QStringLiteral("dockerignore-invalid-pattern"),
                                        Severity::Error, message, m_fileName, line);
        finding.fix = QCoreApplication::translate(
            "DockerIgnore", "Fix or remove the pattern; escape a literal “[” as “[[]”.");
        m_errors.append(finding);
    };
    if (p.startsWith(u'!')) {
        if (p.size() == 1) {
            reject(QCoreApplication::translate("DockerIgnore",
                                               "a lone “!” is an illegal exclusion pattern"));
            return;
        }
        pattern.exception = true;
        p.remove(0, 1);
    }
    if (GoPath::isBadPattern(p)) {
        reject(QCoreApplication::translate("DockerIgnore", "syntax error in pattern"));
        return;
    }
    pattern.pattern = p;
    if (!compilePattern(&pattern)) {
        reject(QCoreApplication::translate("DockerIgnore",
                                           "the pattern does not translate to a valid "
                                           "expression (for example a reversed range)"));
        return;
    }
    if (pattern.exception) {
        m_hasExceptions = true;
        if (!isLiteralException(pattern.pattern)) {
            m_onlyLiteralExceptions = false;
        }
    }
    m_patterns.append(pattern);
}

DockerIgnore::Verdict DockerIgnore::evaluate(QStringView path,
                                             const std::vector<char> &parentMatched,
                                             std::vector<char> *matched) const
{
    Verdict verdict;
    const qsizetype count = m_patterns.size();
    const bool haveParent = !parentMatched.empty();
    if (matched) {
        matched->assign(size_t(count), 0);
    }
    bool excluded = false;
    for (qsizetype i = 0; i < count; ++i) {
        const IgnorePattern &pattern = m_patterns.at(i);
        bool match = haveParent && parentMatched[size_t(i)];
        if (!match) {
            // An inclusion is skipped once matched, an exception while nothing is.
            if (pattern.exception != excluded) {
                continue;
            }
            match = pattern.matches(path);
            if (!match && !haveParent) {
                // Without the parent's results, test every ancestor.
                qsizetype slash = path.indexOf(u'/');
                while (slash > 0 && !match) {
                    match = pattern.matches(path.left(slash));
                    slash = path.indexOf(u'/', slash + 1);
                }
            }
        }
        if (matched) {
            (*matched)[size_t(i)] = match;
        }
        if (match) {
            excluded = !pattern.exception;
            verdict.pattern = int(i);
        }
    }
    verdict.excluded = excluded;
    return verdict;
}

bool DockerIgnore::skipsExcludedDirectory(QStringView dir) const
{
    if (!m_hasExceptions) {
        return true;
    }
    if (!m_onlyLiteralExceptions) {
        return false;
    }
    const QString dirSlash = dir.toString() + u'/';
    for (const IgnorePattern &pattern : m_patterns) {
        if (pattern.exception && QString(pattern.pattern + u'/').startsWith(dirSlash)) {
            return false;
        }
    }
    return true;
}

std::vector<DockerIgnore::WalkResult> DockerIgnore::walk(const QList<WalkEntry> &entries) const
{
    const size_t n = size_t(entries.size());
    std::vector<WalkResult> results(n);
    std::vector<std::vector<char>> infos(n);
    std::vector<char> skipped(n, 0);
    std::vector<char> scratch;
    static const std::vector<char> none;
    for (size_t i = 0; i < n; ++i) {
        const WalkEntry &entry = entries.at(qsizetype(i));
        const int parent = entry.parent;
        if (parent >= 0 && skipped[size_t(parent)]) {
            skipped[i] = 1;
            results[i].excluded = true;
            results[i].pattern = results[size_t(parent)].pattern;
            continue;
        }
        const std::vector<char> &parentInfo = parent >= 0 ? infos[size_t(parent)] : none;
        std::vector<char> *info = entry.directory ? &infos[i] : &scratch;
        const Verdict verdict = evaluate(entry.path, parentInfo, info);
        results[i].excluded = verdict.excluded;
        results[i].pattern = verdict.pattern;
        if (verdict.excluded) {
            if (entry.directory && skipsExcludedDirectory(entry.path)) {
                skipped[i] = 1;
            }
            continue;
        }
        // A sent entry brings every ancestor not sent yet, even excluded ones.
        results[i].sent = true;
        for (int up = parent; up >= 0 && !results[size_t(up)].sent; up = entries.at(up).parent) {
            results[size_t(up)].sent = true;
        }
    }
    return results;
}

bool DockerIgnore::isExcluded(const QString &path, int *decidingPattern) const
{
    QList<WalkEntry> entries;
    qsizetype slash = path.indexOf(u'/');
    while (slash > 0) {
        entries.append({path.left(slash), true, int(entries.size()) - 1});
        slash = path.indexOf(u'/', slash + 1);
    }
    entries.append({path, false, int(entries.size()) - 1});
    const std::vector<WalkResult> results = walk(entries);
    if (decidingPattern) {
        *decidingPattern = results.back().pattern;
    }
    return !results.back().sent;
}

bool DockerIgnore::matchesOrParentMatches(const QString &path) const
{
    return evaluate(path, {}, nullptr).excluded;
}

bool DockerIgnore::legacyMatches(const QString &path) const
{
    const QString file = GoPath::clean(path);
    if (file == u".") {
        return false;
    }
    const QString parentPath = GoPath::dir(file);
    const QStringList parentDirs = parentPath.split(u'/');
    bool matched = false;
    for (const IgnorePattern &pattern : m_patterns) {
        if (pattern.exception != matched) {
            continue;
        }
        bool match = pattern.matches(file);
        if (!match && parentPath != u".") {
            const qsizetype dirs = pattern.pattern.count(u'/') + 1;
            if (dirs <= parentDirs.size()) {
                match = pattern.matches(parentDirs.mid(0, dirs).join(u'/'));
            }
        }
        if (match) {
            matched = !pattern.exception;
        }
    }
    return matched;
}

} // namespace Revscope
