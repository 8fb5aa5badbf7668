#include "gitsnapshot.h"

#include "githandle.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>

namespace Revscope {

using namespace Git;

namespace {

// Opens the repository holding `folder`; *prefix is the folder relative to
// the work tree ("" at its top, else ending in '/').
bool openRepository(const QString &folder, Repository &repo, QString *prefix, QString *error)
{
    Git::init();
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    if (canonical.isEmpty() ||
        git_repository_open_ext(&repo.p, QFile::encodeName(canonical).constData(), 0, nullptr) !=
            0) {
        *error = QCoreApplication::translate("GitSnapshot", "%1 is not inside a git repository")
                     .arg(folder);
        return false;
    }
    const char *workdir = git_repository_workdir(repo.p);
    prefix->clear();
    if (workdir) {
        const QString top = QFileInfo(QFile::decodeName(workdir)).canonicalFilePath();
        const QString relative = QDir(top).relativeFilePath(canonical);
        if (relative != QLatin1String(".")) {
            *prefix = relative + QLatin1Char('/');
        }
    }
    return true;
}

bool resolveTree(git_repository *repo, const QString &ref, Tree &tree, QString *error)
{
    Object object;
    if (git_revparse_single(&object.p, repo, ref.toUtf8().constData()) != 0) {
        const QString detail = Git::lastError();
        if (git_repository_is_shallow(repo) == 1) {
            *error = QCoreApplication::translate(
                         "GitSnapshot",
                         "%1 cannot be found: this is a shallow clone without that history "
                         "(run 'git fetch --unshallow' first)")
                         .arg(ref);
        } else {
            *error = QCoreApplication::translate("GitSnapshot",
                                                 "%1 is not a commit of this repository (%2)")
                         .arg(ref, detail);
        }
        return false;
    }
    Object peeled;
    if (git_object_peel(&peeled.p, object.p, GIT_OBJECT_TREE) != 0) {
        *error = QCoreApplication::translate("GitSnapshot", "%1 does not name a commit (%2)")
                     .arg(ref, Git::lastError());
        return false;
    }
    tree.p = reinterpret_cast<git_tree *>(peeled.p);
    peeled.p = nullptr;
    return true;
}

bool wanted(const QString &name)
{
    static const char *const suffixes[] = {".py", ".pyc", ".pyo", ".ini", ".toml", ".cfg"};
    for (const char *suffix : suffixes) {
        if (name.endsWith(QLatin1String(suffix))) {
            return true;
        }
    }
    return false;
}

struct WalkState
{
    git_repository *repo = nullptr;
    QString target;
    QString error;
};

int writeEntry(const char *root, const git_tree_entry *entry, void *payload)
{
    auto *state = static_cast<WalkState *>(payload);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
        return 0;
    }
    const QString name = QString::fromUtf8(git_tree_entry_name(entry));
    if (!wanted(name) || git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
        return 0;
    }
    Blob blob;
    if (git_blob_lookup(&blob.p, state->repo, git_tree_entry_id(entry)) != 0) {
        return 0; // a partial clone without the blob: the file is skipped
    }
    const QString path = state->target + QLatin1Char('/') + QString::fromUtf8(root) + name;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    const auto size = qint64(git_blob_rawsize(blob.p));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(static_cast<const char *>(git_blob_rawcontent(blob.p)), size) != size) {
        state->error = QCoreApplication::translate("GitSnapshot", "cannot write %1: %2")
                           .arg(path, file.errorString());
        return -1;
    }
    return 0;
}

} // namespace

bool GitSnapshot::isRepository(const QString &folder)
{
    Repository repo;
    QString prefix;
    QString error;
    return openRepository(folder, repo, &prefix, &error);
}

bool GitSnapshot::extract(const QString &folder, const QString &ref, const QString &target,
                          QString *error)
{
    Repository repo;
    QString prefix;
    if (!openRepository(folder, repo, &prefix, error)) {
        return false;
    }
    Tree tree;
    if (!resolveTree(repo.p, ref, tree, error)) {
        return false;
    }
    Tree subtree;
    git_tree *walked = tree.p;
    if (!prefix.isEmpty()) {
        TreeEntry entry;
        const QByteArray path = prefix.chopped(1).toUtf8();
        if (git_tree_entry_bypath(&entry.p, tree.p, path.constData()) != 0 ||
            git_tree_entry_type(entry.p) != GIT_OBJECT_TREE) {
            return true; // the folder did not exist at that ref: an empty project
        }
        if (git_tree_lookup(&subtree.p, repo.p, git_tree_entry_id(entry.p)) != 0) {
            *error = Git::lastError();
            return false;
        }
        walked = subtree.p;
    }
    WalkState state;
    state.repo = repo.p;
    state.target = target;
    if (git_tree_walk(walked, GIT_TREEWALK_PRE, writeEntry, &state) != 0) {
        *error = state.error.isEmpty() ? Git::lastError() : state.error;
        return false;
    }
    return true;
}

QList<CommitChange> GitSnapshot::changes(const QString &folder, const QString &from,
                                         const QString &to, QString *error)
{
    QList<CommitChange> result;
    Repository repo;
    QString prefix;
    if (!openRepository(folder, repo, &prefix, error)) {
        return result;
    }
    Object fromObject;
    Object toObject;
    if (git_revparse_single(&fromObject.p, repo.p, from.toUtf8().constData()) != 0 ||
        git_revparse_single(&toObject.p, repo.p, to.toUtf8().constData()) != 0) {
        return result;
    }
    Object fromCommit;
    Object toCommit;
    if (git_object_peel(&fromCommit.p, fromObject.p, GIT_OBJECT_COMMIT) != 0 ||
        git_object_peel(&toCommit.p, toObject.p, GIT_OBJECT_COMMIT) != 0) {
        return result;
    }
    Revwalk walk;
    if (git_revwalk_new(&walk.p, repo.p) != 0) {
        return result;
    }
    git_revwalk_sorting(walk.p, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    if (git_revwalk_push(walk.p, git_object_id(toCommit.p)) != 0 ||
        git_revwalk_hide(walk.p, git_object_id(fromCommit.p)) != 0) {
        return result;
    }
    git_oid oid;
    while (git_revwalk_next(&oid, walk.p) == 0) {
        Commit commit;
        if (git_commit_lookup(&commit.p, repo.p, &oid) != 0) {
            break;
        }
        Tree tree;
        Tree parentTree;
        if (git_commit_tree(&tree.p, commit.p) != 0) {
            continue;
        }
        if (git_commit_parentcount(commit.p) > 0) {
            Commit parent;
            if (git_commit_parent(&parent.p, commit.p, 0) == 0) {
                git_commit_tree(&parentTree.p, parent.p);
            }
        }
        Diff diff;
        if (git_diff_tree_to_tree(&diff.p, repo.p, parentTree.p, tree.p, nullptr) != 0) {
            continue;
        }
        CommitChange change;
        char hex[GIT_OID_HEXSZ + 1] = {};
        git_oid_tostr(hex, sizeof hex, &oid);
        change.id = QString::fromLatin1(hex);
        change.summary = QString::fromUtf8(git_commit_summary(commit.p));
        const size_t count = git_diff_num_deltas(diff.p);
        for (size_t i = 0; i < count; ++i) {
            const git_diff_delta *delta = git_diff_get_delta(diff.p, i);
            const bool added = delta->status == GIT_DELTA_ADDED;
            const bool deleted = delta->status == GIT_DELTA_DELETED;
            if (!added && !deleted) {
                continue;
            }
            const QString path =
                QString::fromUtf8(added ? delta->new_file.path : delta->old_file.path);
            if (!path.startsWith(prefix)) {
                continue;
            }
            (added ? change.added : change.deleted).append(path.mid(prefix.size()));
        }
        if (!change.added.isEmpty() || !change.deleted.isEmpty()) {
            result.append(change);
        }
    }
    return result;
}

} // namespace Revscope
