#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One commit between two refs and the files it added and deleted (paths
// relative to the project folder, '/' separated; a rename counts as both).
struct CommitChange
{
    QString id; // full hex
    QString summary;
    QStringList added;
    QStringList deleted;
};

// Reads a project folder as it is at a git ref with libgit2, without
// touching the work tree, index or HEAD.
class GitSnapshot
{
public:
    // Whether `folder` lies inside a git repository.
    static bool isRepository(const QString &folder);

    // Writes the files an inspection reads (config files, Python scripts and
    // bytecode) of `folder` as of `ref` into `target`, at the same relative
    // paths. False with a one-sentence `error` (unknown ref, a shallow clone
    // missing the commit, not a repository).
    static bool extract(const QString &folder, const QString &ref, const QString &target,
                        QString *error);

    // The commits reachable from `to` but not from `from`, oldest first,
    // limited to changes under `folder`. Empty when the history is not
    // available (a shallow clone).
    static QList<CommitChange> changes(const QString &folder, const QString &from,
                                       const QString &to, QString *error);
};

} // namespace Revscope
