#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Revscope {

// A name git resolves to a commit, to offer as one side of a comparison.
struct GitRef
{
    enum class Kind { Head, Branch, RemoteBranch, Tag, Commit };
    Kind kind = Kind::Commit;
    QString name;    // what to pass on: "HEAD", "main", "origin/main", "v1.4.0", a short id
    QString commit;  // full hex of the commit it names
    QString summary; // that commit's first line
    QDateTime time;  // that commit's time
};

// Lists the refs of the repository holding a folder with libgit2, read-only.
class GitRefs
{
public:
    // HEAD, then local branches, remote branches (by name), tags (newest
    // commit first, then by name, descending) and the `recentCommits` newest
    // commits reachable from HEAD (short ids). Empty when `folder` is not in
    // a repository.
    static QList<GitRef> list(const QString &folder, int recentCommits = 20);
};

} // namespace Revscope
