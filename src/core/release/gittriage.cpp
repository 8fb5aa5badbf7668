#include "gittriage.h"

#include "githandle.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Revscope {

using namespace Git;

namespace {

QString oidHex(const git_oid *oid)
{
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, oid);
    return QString::fromLatin1(hex);
}

QByteArray blobText(git_repository *repo, const git_oid *oid)
{
    Blob blob;
    if (git_blob_lookup(&blob.p, repo, oid) != 0) {
        return {}; // a partial clone without the blob
    }
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.p)),
                      qsizetype(git_blob_rawsize(blob.p)));
}

// The tree at `prefix` ("" for the whole tree, else "a/b") inside `root`.
bool subtreeOid(git_tree *root, const QByteArray &prefix, git_oid *oid)
{
    if (!root) {
        return false;
    }
    if (prefix.isEmpty()) {
        git_oid_cpy(oid, git_tree_id(root));
        return true;
    }
    TreeEntry entry;
    if (git_tree_entry_bypath(&entry.p, root, prefix.constData()) != 0 ||
        git_tree_entry_type(entry.p) != GIT_OBJECT_TREE) {
        return false;
    }
    git_oid_cpy(oid, git_tree_entry_id(entry.p));
    return true;
}

bool isScript(const char *path)
{
    return path && QByteArray(path).endsWith(".py");
}

QByteArray baseName(const char *path)
{
    const QByteArray full(path);
    const auto slash = full.lastIndexOf('/');
    return slash < 0 ? full : full.mid(slash + 1);
}

// The cheap filter before the exact check: the file is named after the id, or
// its text mentions it.
bool mayDefine(const QByteArray &name, const QByteArray &text, const QString &id)
{
    const QByteArray latin = id.toLatin1();
    return name.startsWith(latin + '_') || name == latin + ".py" || text.contains(latin);
}

struct Script
{
    QByteArray name;
    QByteArray text;
};

struct Change
{
    QByteArray oldName;
    QByteArray newName;
    git_oid oldId;
    git_oid newId;
    bool gone = false; // a script removed or rewritten
    bool come = false; // a script added or rewritten
};

struct BranchWalk
{
    git_repository *repo = nullptr;
    const QSet<QByteArray> *known = nullptr; // blob ids already in HEAD's tree
    QList<Script> scripts;
};

int collectScripts(const char *, const git_tree_entry *entry, void *payload)
{
    auto *walk = static_cast<BranchWalk *>(payload);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
        return 0;
    }
    const char *name = git_tree_entry_name(entry);
    if (!isScript(name)) {
        return 0;
    }
    const QByteArray raw(reinterpret_cast<const char *>(git_tree_entry_id(entry)->id),
                         GIT_OID_RAWSZ);
    if (walk->known && walk->known->contains(raw)) {
        return 0;
    }
    walk->scripts.append({QByteArray(name), blobText(walk->repo, git_tree_entry_id(entry))});
    return 0;
}

int collectBlobIds(const char *, const git_tree_entry *entry, void *payload)
{
    if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
        static_cast<QSet<QByteArray> *>(payload)->insert(QByteArray(
            reinterpret_cast<const char *>(git_tree_entry_id(entry)->id), GIT_OID_RAWSZ));
    }
    return 0;
}

} // namespace

QString TriageAnswer::text(Use use) const
{
    switch (kind) {
    case Kind::NoRepository:
        return {};
    case Kind::Deleted: {
        const QString day = date.toString(Qt::ISODate);
        if (replacedBy.isEmpty()) {
            return QCoreApplication::translate("GitTriage", "deleted in %1 '%2' (%3, %4)")
                .arg(shortCommit(), summary, day, author);
        }
        QString result;
        if (use == Use::DatabaseRow) {
            result = QCoreApplication::translate(
                "GitTriage",
                "deleted in %1 '%2' (%3, %4); replaced by %5 → stamp the database to %5");
        } else {
            result = QCoreApplication::translate(
                "GitTriage",
                "deleted in %1 '%2' (%3, %4); replaced by %5 → point the reference at %5");
        }
        return result.arg(shortCommit(), summary, day, author, replacedBy);
    }
    case Kind::OnBranch:
        return QCoreApplication::translate("GitTriage", "defined on branch %1 (not merged here)")
            .arg(branch);
    case Kind::NoHistory:
        return QCoreApplication::translate(
                   "GitTriage", "no history to search: this is a shallow clone (run `git fetch "
                                "--unshallow` to find the commit that removed %1)")
            .arg(revision);
    case Kind::NotFound:
        if (searchLimitReached) {
            return QCoreApplication::translate(
                       "GitTriage", "no commit among the newest ones searched removed a script "
                                    "defining %1, and no branch defines it")
                .arg(revision);
        }
        return QCoreApplication::translate(
                   "GitTriage", "no commit in the history removed a script defining %1, and no "
                                "branch defines it")
            .arg(revision);
    }
    return {};
}

bool GitTriage::definesRevision(const QByteArray &script, const QString &id)
{
    return !id.isEmpty() && revisionOf(script) == id;
}

QString GitTriage::revisionOf(const QByteArray &script)
{
    static const QRegularExpression assignment(
        QStringLiteral("^revision\\s*(?::\\s*[A-Za-z_][\\w\\[\\], |]*)?=\\s*['\"]([^'\"]+)['\"]"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = assignment.match(QString::fromUtf8(script));
    return match.hasMatch() ? match.captured(1) : QString();
}

QList<TriageAnswer> GitTriage::triage(const QString &folder, const QStringList &versionLocations,
                                      const QStringList &ids, const Limits &limits)
{
    QList<TriageAnswer> answers;
    for (const QString &id : ids) {
        TriageAnswer answer;
        answer.revision = id;
        answers.append(answer);
    }
    if (ids.isEmpty()) {
        return answers;
    }
    Repository repo;
    if (!Git::openHolding(folder, repo)) {
        return answers;
    }
    const char *workdir = git_repository_workdir(repo.p);
    if (!workdir) {
        return answers;
    }
    const QString top = QFileInfo(QFile::decodeName(workdir)).canonicalFilePath();
    QList<QByteArray> prefixes;
    for (const QString &location : versionLocations) {
        // The folder may be gone from the work tree; clean the path instead.
        const QString resolved = QFileInfo(location).exists()
                                     ? QFileInfo(location).canonicalFilePath()
                                     : QDir::cleanPath(QFileInfo(location).absoluteFilePath());
        QString relative = QDir(top).relativeFilePath(resolved);
        if (relative == QLatin1String("..") || relative.startsWith(QLatin1String("../")) ||
            QDir::isAbsolutePath(relative)) {
            continue;
        }
        if (relative == QLatin1String(".")) {
            relative.clear();
        }
        if (!prefixes.contains(relative.toUtf8())) {
            prefixes.append(relative.toUtf8());
        }
    }
    for (TriageAnswer &answer : answers) {
        answer.kind = TriageAnswer::Kind::NotFound;
    }
    if (prefixes.isEmpty()) {
        return answers;
    }

    QList<int> pending;
    for (int i = 0; i < answers.size(); ++i) {
        pending.append(i);
    }
    QElapsedTimer timer;
    timer.start();
    bool limitReached = false;
    const auto stopped = [&limits] { return limits.cancel && limits.cancel->load(); };

    // Newest first: the latest deletion is the one that explains today's state.
    Revwalk walk;
    if (git_revwalk_new(&walk.p, repo.p) == 0 && git_revwalk_push_head(walk.p) == 0) {
        git_revwalk_sorting(walk.p, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
        git_oid oid;
        int count = 0;
        while (!pending.isEmpty() && git_revwalk_next(&oid, walk.p) == 0) {
            if (++count > limits.maxCommits || timer.elapsed() > limits.timeBudgetMs || stopped()) {
                limitReached = true;
                break;
            }
            Commit commit;
            if (git_commit_lookup(&commit.p, repo.p, &oid) != 0 ||
                git_commit_parentcount(commit.p) == 0) {
                continue;
            }
            Commit parent;
            Tree tree;
            Tree parentTree;
            if (git_commit_parent(&parent.p, commit.p, 0) != 0 ||
                git_commit_tree(&parentTree.p, parent.p) != 0 ||
                git_commit_tree(&tree.p, commit.p) != 0) {
                continue; // a shallow boundary: the parent is not here
            }
            // Blob ids first; texts are read only for commits that remove a script.
            QList<Change> changes;
            bool removesScript = false;
            for (const QByteArray &prefix : std::as_const(prefixes)) {
                git_oid before;
                git_oid after;
                if (!subtreeOid(parentTree.p, prefix, &before)) {
                    continue;
                }
                const bool hasAfter = subtreeOid(tree.p, prefix, &after);
                if (hasAfter && git_oid_equal(&before, &after)) {
                    continue; // the common case: nothing changed there
                }
                Tree beforeTree;
                Tree afterTree;
                if (git_tree_lookup(&beforeTree.p, repo.p, &before) != 0 ||
                    (hasAfter && git_tree_lookup(&afterTree.p, repo.p, &after) != 0)) {
                    continue;
                }
                Diff diff;
                if (git_diff_tree_to_tree(&diff.p, repo.p, beforeTree.p, afterTree.p, nullptr) !=
                    0) {
                    continue;
                }
                const size_t deltas = git_diff_num_deltas(diff.p);
                for (size_t d = 0; d < deltas; ++d) {
                    const git_diff_delta *delta = git_diff_get_delta(diff.p, d);
                    Change change;
                    change.gone = (delta->status == GIT_DELTA_DELETED ||
                                   delta->status == GIT_DELTA_MODIFIED) &&
                                  isScript(delta->old_file.path);
                    change.come =
                        (delta->status == GIT_DELTA_ADDED || delta->status == GIT_DELTA_MODIFIED) &&
                        isScript(delta->new_file.path);
                    if (!change.gone && !change.come) {
                        continue;
                    }
                    change.oldName = baseName(delta->old_file.path);
                    change.newName = baseName(delta->new_file.path);
                    git_oid_cpy(&change.oldId, &delta->old_file.id);
                    git_oid_cpy(&change.newId, &delta->new_file.id);
                    removesScript = removesScript || change.gone;
                    changes.append(change);
                }
            }
            if (!removesScript) {
                continue;
            }
            QList<Script> removed;
            QList<Script> present; // new side of every changed script
            QStringList added;
            for (const Change &change : std::as_const(changes)) {
                QString oldRevision;
                if (change.gone) {
                    Script script{change.oldName, blobText(repo.p, &change.oldId)};
                    oldRevision = revisionOf(script.text);
                    removed.append(script);
                }
                if (change.come) {
                    Script script{change.newName, blobText(repo.p, &change.newId)};
                    const QString newRevision = revisionOf(script.text);
                    if (!newRevision.isEmpty() && newRevision != oldRevision &&
                        !added.contains(newRevision)) {
                        added.append(newRevision);
                    }
                    present.append(script);
                }
            }
            if (removed.isEmpty()) {
                continue;
            }
            for (auto it = pending.begin(); it != pending.end();) {
                const QString &id = answers.at(*it).revision;
                const auto defines = [&id](const Script &script) {
                    return mayDefine(script.name, script.text, id) &&
                           definesRevision(script.text, id);
                };
                // A move inside the locations re-adds it: not a deletion.
                if (std::none_of(removed.cbegin(), removed.cend(), defines) ||
                    std::any_of(present.cbegin(), present.cend(), defines)) {
                    ++it;
                    continue;
                }
                TriageAnswer &answer = answers[*it];
                answer.kind = TriageAnswer::Kind::Deleted;
                answer.commit = oidHex(&oid);
                answer.summary = QString::fromUtf8(git_commit_summary(commit.p));
                const git_signature *author = git_commit_author(commit.p);
                if (author) {
                    answer.author = QString::fromUtf8(author->name);
                    answer.date =
                        QDateTime::fromSecsSinceEpoch(author->when.time, Qt::OffsetFromUTC,
                                                      author->when.offset * 60)
                            .date();
                }
                answer.addedInCommit = added;
                it = pending.erase(it);
            }
        }
    }

    // Not deleted here: maybe it lives on a branch that was never merged.
    if (!pending.isEmpty()) {
        Tree headTree;
        Reference head;
        QSet<QByteArray> known;
        git_oid headCommit;
        bool hasHead = false;
        if (git_repository_head(&head.p, repo.p) == 0 && git_reference_target(head.p)) {
            git_oid_cpy(&headCommit, git_reference_target(head.p));
            hasHead = true;
            Commit commit;
            if (git_commit_lookup(&commit.p, repo.p, &headCommit) == 0) {
                git_commit_tree(&headTree.p, commit.p);
            }
        }
        QHash<QByteArray, QByteArray> headSubtrees; // prefix -> raw oid
        for (const QByteArray &prefix : std::as_const(prefixes)) {
            git_oid sub;
            Tree subtree;
            if (subtreeOid(headTree.p, prefix, &sub) &&
                git_tree_lookup(&subtree.p, repo.p, &sub) == 0) {
                headSubtrees.insert(
                    prefix, QByteArray(reinterpret_cast<const char *>(sub.id), GIT_OID_RAWSZ));
                git_tree_walk(subtree.p, GIT_TREEWALK_PRE, collectBlobIds, &known);
            }
        }
        for (const git_branch_t type : {GIT_BRANCH_LOCAL, GIT_BRANCH_REMOTE}) {
            BranchIterator branches;
            if (pending.isEmpty() || git_branch_iterator_new(&branches.p, repo.p, type) != 0) {
                continue;
            }
            git_reference *raw = nullptr;
            git_branch_t rawType;
            while (!pending.isEmpty() && git_branch_next(&raw, &rawType, branches.p) == 0) {
                Reference branch;
                branch.p = raw;
                if (timer.elapsed() > limits.timeBudgetMs || stopped()) {
                    limitReached = true;
                    break;
                }
                const git_oid *target = git_reference_target(branch.p);
                const char *name = nullptr;
                if (!target || (hasHead && git_oid_equal(target, &headCommit)) ||
                    git_branch_name(&name, branch.p) != 0 || !name) {
                    continue; // symbolic (origin/HEAD) or the checked-out commit itself
                }
                Commit commit;
                Tree tree;
                if (git_commit_lookup(&commit.p, repo.p, target) != 0 ||
                    git_commit_tree(&tree.p, commit.p) != 0) {
                    continue;
                }
                BranchWalk branchWalk;
                branchWalk.repo = repo.p;
                branchWalk.known = &known;
                for (const QByteArray &prefix : std::as_const(prefixes)) {
                    git_oid sub;
                    Tree subtree;
                    if (!subtreeOid(tree.p, prefix, &sub) ||
                        headSubtrees.value(prefix) ==
                            QByteArray(reinterpret_cast<const char *>(sub.id), GIT_OID_RAWSZ) ||
                        git_tree_lookup(&subtree.p, repo.p, &sub) != 0) {
                        continue;
                    }
                    git_tree_walk(subtree.p, GIT_TREEWALK_PRE, collectScripts, &branchWalk);
                }
                for (auto it = pending.begin(); it != pending.end();) {
                    const QString &id = answers.at(*it).revision;
                    const bool found =
                        std::any_of(branchWalk.scripts.cbegin(), branchWalk.scripts.cend(),
                                    [&id](const Script &script) {
                                        return mayDefine(script.name, script.text, id) &&
                                               definesRevision(script.text, id);
                                    });
                    if (!found) {
                        ++it;
                        continue;
                    }
                    answers[*it].kind = TriageAnswer::Kind::OnBranch;
                    answers[*it].branch = QString::fromUtf8(name);
                    it = pending.erase(it);
                }
            }
        }
    }

    const bool shallow = git_repository_is_shallow(repo.p) == 1;
    for (const int index : std::as_const(pending)) {
        answers[index].kind =
            shallow ? TriageAnswer::Kind::NoHistory : TriageAnswer::Kind::NotFound;
        answers[index].searchLimitReached = limitReached;
    }
    return answers;
}

} // namespace Revscope
