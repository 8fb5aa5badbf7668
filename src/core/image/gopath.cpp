#include "gopath.h"

#include <QStringList>

namespace Revscope {

namespace {

// Reads one (possibly surrogate-paired) code point of `text` at `i`.
char32_t codePointAt(QStringView text, qsizetype i, qsizetype *length)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(c, text.at(i + 1));
    }
    *length = 1;
    return c.unicode();
}

// One escaped-or-plain character inside a class: Go's getEsc.
bool classChar(QStringView chunk, qsizetype *pos, char32_t *out)
{
    qsizetype i = *pos;
    if (i >= chunk.size() || chunk.at(i) == u'-' || chunk.at(i) == u']') {
        return false;
    }
    if (chunk.at(i) == u'\\') {
        ++i;
        if (i >= chunk.size()) {
            return false;
        }
    }
    qsizetype length = 1;
    *out = codePointAt(chunk, i, &length);
    i += length;
    *pos = i;
    // A class must be closed: running out of pattern here is malformed.
    return i < chunk.size();
}

// Go's scanChunk: leading stars, then the chunk up to the next star outside a class.
void scanChunk(QStringView *pattern, bool *star, QStringView *chunk)
{
    *star = false;
    while (!pattern->isEmpty() && pattern->at(0) == u'*') {
        *pattern = pattern->mid(1);
        *star = true;
    }
    bool inRange = false;
    qsizetype i = 0;
    for (; i < pattern->size(); ++i) {
        const QChar c = pattern->at(i);
        if (c == u'\\') {
            if (i + 1 < pattern->size()) {
                ++i;
            }
        } else if (c == u'[') {
            inRange = true;
        } else if (c == u']') {
            inRange = false;
        } else if (c == u'*' && !inRange) {
            break;
        }
    }
    *chunk = pattern->left(i);
    *pattern = pattern->mid(i);
}

// Go's matchChunk: matches `chunk` at the start of `s`; keeps parsing after a
// mismatch so that a malformed chunk is always reported.
bool matchChunk(QStringView chunk, QStringView s, QStringView *rest, bool *bad)
{
    bool failed = false;
    qsizetype ci = 0;
    qsizetype si = 0;
    while (ci < chunk.size()) {
        if (!failed && si >= s.size()) {
            failed = true;
        }
        const QChar c = chunk.at(ci);
        if (c == u'[') {
            char32_t r = 0;
            if (!failed) {
                qsizetype length = 1;
                r = codePointAt(s, si, &length);
                si += length;
            }
            ++ci;
            bool negated = false;
            if (ci < chunk.size() && chunk.at(ci) == u'^') {
                negated = true;
                ++ci;
            }
            bool matched = false;
            int ranges = 0;
            for (;;) {
                if (ci < chunk.size() && chunk.at(ci) == u']' && ranges > 0) {
                    ++ci;
                    break;
                }
                char32_t lo = 0;
                if (!classChar(chunk, &ci, &lo)) {
                    *bad = true;
                    return false;
                }
                char32_t hi = lo;
                if (chunk.at(ci) == u'-') {
                    ++ci;
                    if (!classChar(chunk, &ci, &hi)) {
                        *bad = true;
                        return false;
                    }
                }
                if (lo <= r && r <= hi) {
                    matched = true;
                }
                ++ranges;
            }
            if (matched == negated) {
                failed = true;
            }
        } else if (c == u'?') {
            if (!failed) {
                if (s.at(si) == u'/') {
                    failed = true;
                }
                qsizetype length = 1;
                codePointAt(s, si, &length);
                si += length;
            }
            ++ci;
        } else {
            if (c == u'\\') {
                ++ci;
                if (ci >= chunk.size()) {
                    *bad = true;
                    return false;
                }
            }
            if (!failed) {
                if (chunk.at(ci) != s.at(si)) {
                    failed = true;
                }
                ++si;
            }
            ++ci;
        }
    }
    if (failed) {
        return false;
    }
    *rest = s.mid(si);
    return true;
}

} // namespace

QString GoPath::clean(QStringView path)
{
    if (path.isEmpty()) {
        return QStringLiteral(".");
    }
    const bool rooted = path.at(0) == u'/';
    QList<QStringView> out;
    int dotdots = 0; // leading ".." kept in a relative path
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf(u'/', start);
        if (end < 0) {
            end = path.size();
        }
        const QStringView segment = path.mid(start, end - start);
        start = end + 1;
        if (segment.isEmpty() || segment == u".") {
            continue;
        }
        if (segment == u"..") {
            if (out.size() > dotdots) {
                out.removeLast();
            } else if (!rooted) {
                out.append(segment);
                ++dotdots;
            }
            continue;
        }
        out.append(segment);
    }
    QString result;
    if (rooted) {
        result.append(u'/');
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (i > 0) {
            result.append(u'/');
        }
        result.append(out.at(i));
    }
    if (result.isEmpty()) {
        return QStringLiteral(".");
    }
    return result;
}

bool GoPath::match(QStringView pattern, QStringView name, bool *badPattern)
{
    bool bad = false;
    if (badPattern) {
        *badPattern = false;
    }
    auto fail = [&](bool isBad) {
        if (badPattern) {
            *badPattern = isBad;
        }
        return false;
    };
    while (!pattern.isEmpty()) {
        bool star = false;
        QStringView chunk;
        scanChunk(&pattern, &star, &chunk);
        if (star && chunk.isEmpty()) {
            // A trailing '*' matches the rest unless it holds a '/'.
            return !name.contains(u'/');
        }
        QStringView rest;
        const bool ok = matchChunk(chunk, name, &rest, &bad);
        if (bad) {
            return fail(true);
        }
        if (ok && (rest.isEmpty() || !pattern.isEmpty())) {
            name = rest;
            continue;
        }
        bool found = false;
        if (star) {
            for (qsizetype i = 0; i < name.size() && name.at(i) != u'/'; ++i) {
                QStringView tail;
                const bool okTail = matchChunk(chunk, name.mid(i + 1), &tail, &bad);
                if (bad) {
                    return fail(true);
                }
                if (okTail) {
                    if (pattern.isEmpty() && !tail.isEmpty()) {
                        continue;
                    }
                    name = tail;
                    found = true;
                    break;
                }
            }
        }
        if (found) {
            continue;
        }
        // Before answering "no", make sure the rest of the pattern is well formed.
        while (!pattern.isEmpty()) {
            scanChunk(&pattern, &star, &chunk);
            QStringView ignored;
            matchChunk(chunk, QStringView(), &ignored, &bad);
            if (bad) {
                return fail(true);
            }
        }
        return fail(false);
    }
    return name.isEmpty();
}

bool GoPath::isBadPattern(QStringView pattern)
{
    bool bad = false;
    match(pattern, u".", &bad);
    return bad;
}

bool GoPath::hasWildcard(QStringView pattern)
{
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\') {
            ++i;
        } else if (c == u'*' || c == u'?' || c == u'[') {
            return true;
        }
    }
    return false;
}

QString GoPath::join(const QString &a, const QString &b)
{
    if (a.isEmpty()) {
        return clean(b);
    }
    if (b.isEmpty()) {
        return clean(a);
    }
    return clean(QString(a + u'/' + b));
}

QString GoPath::dir(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return clean(QStringView(path).left(slash + 1));
}

QString GoPath::baseName(const QString &path)
{
    if (path.isEmpty()) {
        return QStringLiteral(".");
    }
    QStringView view(path);
    while (view.size() > 1 && view.endsWith(u'/')) {
        view.chop(1);
    }
    if (view == u"/") {
        return QStringLiteral("/");
    }
    const qsizetype slash = view.lastIndexOf(u'/');
    return view.mid(slash + 1).toString();
}

} // namespace Revscope
