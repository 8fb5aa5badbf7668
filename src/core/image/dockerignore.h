#pragma once

#include "analysis/finding.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace Revscope {

// One pattern of a .dockerignore (or of `COPY --exclude`), compiled the way
// moby/patternmatcher compiles it.
struct IgnorePattern
{
    enum class Kind { Exact, Prefix, Suffix, Regexp };

    QString pattern; // cleaned, without the leading '!'
    bool exception = false;
    QString rawText; // the line as written, trimmed (for "why" messages)
    QString file;    // the ignore file, empty for patterns given in code
    int line = 0;    // 1-based line in `file`, 0 when unknown
    Kind kind = Kind::Exact;
    QRegularExpression regexp; // for Kind::Regexp

    bool matches(QStringView path) const;
};

// A .dockerignore with Docker's semantics: the file is read as
// ignorefile.ReadAll reads it, patterns compiled as patternmatcher.New
// compiles them, and exclusion decided as BuildKit's context walk decides it
// (fsutil filterFS.Walk with MatchesUsingParentResults): anchored at the
// context root, '*' and '?' never cross '/', `**`, `!` exceptions, last match
// wins, and a pattern that matched a folder keeps matching everything in it.
class DockerIgnore
{
public:
    DockerIgnore() = default;

    // Reads the text of an ignore file. `fileName` is used for locations only.
    static DockerIgnore fromText(const QByteArray &text, const QString &fileName = QString());
    // Reads `path`; a missing file gives an empty, valid matcher.
    static DockerIgnore fromFile(const QString &path);
    // The pattern list as given to patternmatcher.New (already read).
    static DockerIgnore fromPatterns(const QStringList &patterns,
                                     const QString &fileName = QString());

    // ignorefile.ReadAll: the patterns of a file's text, '!' kept, in order.
    // `lines` receives each pattern's 1-based line number.
    static QStringList readPatterns(const QByteArray &text, QList<int> *lines = nullptr);

    // The ignore file that applies to a Dockerfile: `<dockerfile>.dockerignore`
    // beside it when it exists, otherwise `<context>/.dockerignore` (which may
    // be missing). The two are never merged.
    static QString ignoreFileFor(const QString &dockerfile, const QString &contextDir);

    // False when a pattern is malformed; Docker then fails the build.
    bool isValid() const { return m_errors.isEmpty(); }
    // One `dockerignore-invalid-pattern` error per bad pattern, with file and line.
    const Findings &errors() const { return m_errors; }
    const QList<IgnorePattern> &patterns() const { return m_patterns; }
    bool isEmpty() const { return m_patterns.isEmpty(); }
    bool hasExceptions() const { return m_hasExceptions; }
    QString fileName() const { return m_fileName; }

    // One step of the walk: the verdict for `path` given its parent folder's
    // per-pattern results (`parentMatched` empty for a top-level entry, or when
    // unknown: then ancestors are tested as patternmatcher does).
    struct Verdict
    {
        bool excluded = false;
        int pattern = -1; // index of the pattern that decided, -1 when none matched
    };
    Verdict evaluate(QStringView path, const std::vector<char> &parentMatched,
                     std::vector<char> *matched) const;

    // Whether BuildKit skips an excluded folder without looking inside: true
    // when no exception could re-include anything below it.
    bool skipsExcludedDirectory(QStringView dir) const;

    // The walk over a whole tree. Entries come parents first; `parent` indexes
    // the entry list (-1 for top-level entries).
    struct WalkEntry
    {
        QString path;
        bool directory = false;
        int parent = -1;
    };
    struct WalkResult
    {
        bool excluded = false; // the entry itself was excluded (or its folder skipped)
        bool sent = false;     // part of the context sent to the builder
        int pattern = -1;      // deciding pattern (for skipped entries: the folder's)
    };
    std::vector<WalkResult> walk(const QList<WalkEntry> &entries) const;

    // BuildKit's verdict for one path, taken as a file whose ancestors are
    // folders: true when it is not sent.
    bool isExcluded(const QString &path, int *decidingPattern = nullptr) const;

    // The deprecated whole-path functions, for comparison with Docker's own
    // tests: MatchesOrParentMatches tests every ancestor, Matches (the
    // package-level function) cleans the path and tests one ancestor.
    bool matchesOrParentMatches(const QString &path) const;
    bool legacyMatches(const QString &path) const;

private:
    void addPattern(const QString &text, const QString &rawText, int line);

    QList<IgnorePattern> m_patterns;
    Findings m_errors;
    QString m_fileName;
    bool m_hasExceptions = false;
    bool m_onlyLiteralExceptions = true;
};

} // namespace Revscope
