#pragma once

#include "analysis/finding.h"
#include "image/dockerignore.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One entry of a build context.
struct ContextEntry
{
    enum class Type { File, Directory, SymLink };

    QString path; // relative to the context, '/' separated
    Type type = Type::File;
    int parent = -1;    // index of the folder entry, -1 at the top
    int subtreeEnd = 0; // entries [index + 1, subtreeEnd) are inside this one
    qint64 size = 0;
    bool sent = false;     // in the context BuildKit sends (survives .dockerignore)
    bool excluded = false; // excluded itself, or inside a folder skipped as excluded
    int pattern = -1;      // deciding ignore pattern (DockerIgnore::patterns()), -1 none
    QString linkTarget;    // a symlink's target as written in the link

    bool isDirectory() const { return type == Type::Directory; }
};

// A build context folder as BuildKit sends it: walked depth first with names
// in byte order, filtered with the ignore file's walk semantics. Symlinks
// are entries of their own and are never followed, so the walk cannot leave
// the context.
class BuildContext
{
public:
    BuildContext() = default;

    // Walks `directory` (absolute). Unreadable folders give findings.
    static BuildContext scan(const QString &directory, const DockerIgnore &ignore);
    // A context made of listed paths (a trailing '/' marks an empty folder),
    // for tests and previews; folders are implied.
    static BuildContext fromPaths(const QStringList &paths, const DockerIgnore &ignore);

    QString root() const { return m_root; }
    const QList<ContextEntry> &entries() const { return m_entries; }
    const DockerIgnore &ignore() const { return m_ignore; }
    const Findings &findings() const { return m_findings; }

    // Index of `path` ("" is the root: -1 is returned for it, and for unknown paths).
    int indexOf(const QString &path) const { return m_index.value(path, -1); }
    int fileCount() const;

private:
    void applyIgnore();

    QString m_root;
    QList<ContextEntry> m_entries;
    QHash<QString, int> m_index;
    DockerIgnore m_ignore;
    Findings m_findings;
};

} // namespace Revscope
