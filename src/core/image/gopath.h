#pragma once

#include <QString>
#include <QStringView>

namespace Revscope {

// Go's `path` semantics on '/'-separated paths, as Docker's tools apply them:
// what `filepath.Clean` and `filepath.Match` do on Linux. Docker's behaviour
// hangs on these details (a trailing '/' vanishes, `[!a]` is not a negation).
class GoPath
{
public:
    // filepath.Clean: collapses "//", drops "." segments, resolves "x/..",
    // turns "/.." into "/", removes a trailing '/', and gives "." for "".
    static QString clean(QStringView path);

    // filepath.Match: '*' and '?' never match '/', classes `[a-z]`, `[^a]`,
    // '\' escapes. `badPattern` is set (and false returned) when the pattern is
    // malformed anywhere, as Go reports ErrBadPattern.
    static bool match(QStringView pattern, QStringView name, bool *badPattern = nullptr);

    // Whether filepath.Match would reject the pattern (Docker checks this with
    // `filepath.Match(pattern, ".")`).
    static bool isBadPattern(QStringView pattern);

    // Whether the text has an unescaped '*', '?' or '['.
    static bool hasWildcard(QStringView pattern);

    // path.Join(a, b) followed by Clean.
    static QString join(const QString &a, const QString &b);
    static QString dir(const QString &path);      // path.Dir
    static QString baseName(const QString &path); // path.Base
};

} // namespace Revscope
