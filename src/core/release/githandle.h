#pragma once

// Owning handles for libgit2 objects, and the process-wide libgit2 setup,
// shared by the code that reads git repositories. Internal to the core.

#include <QFile>
#include <QFileInfo>
#include <QString>

#include <git2.h>

namespace Revscope {
namespace Git {

// libgit2 keeps global state: initialised once per process and never shut
// down, so repositories may be read from any thread.
inline void init()
{
    static const int once = git_libgit2_init();
    Q_UNUSED(once)
}

// The message of libgit2's last error on this thread, or empty.
inline QString lastError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message).trimmed() : QString();
}

// Frees its libgit2 object with `Free` when it goes out of scope.
template <typename T, void (*Free)(T *)>
struct Handle
{
    T *p = nullptr;
    Handle() = default;
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    ~Handle()
    {
        if (p) {
            Free(p);
        }
    }
};

using Repository = Handle<git_repository, git_repository_free>;
using Object = Handle<git_object, git_object_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Diff = Handle<git_diff, git_diff_free>;
using Reference = Handle<git_reference, git_reference_free>;
using BranchIterator = Handle<git_branch_iterator, git_branch_iterator_free>;

// Opens the repository holding `folder` (searching upwards); false when there is none.
inline bool openHolding(const QString &folder, Repository &repo)
{
    init();
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    return !canonical.isEmpty() &&
           git_repository_open_ext(&repo.p, QFile::encodeName(canonical).constData(), 0, nullptr) ==
               0;
}

} // namespace Git
} // namespace Revscope
