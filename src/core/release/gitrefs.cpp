#include "gitrefs.h"

#include "githandle.h"

#include <algorithm>

namespace Revscope {

using namespace Git;

namespace {

// Fills the commit fields of `ref` from the commit `oid`; false when it is not there.
bool describe(git_repository *repo, const git_oid *oid, GitRef *ref)
{
    Commit commit;
    if (git_commit_lookup(&commit.p, repo, oid) != 0) {
        return false;
    }
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, oid);
    ref->commit = QString::fromLatin1(hex);
    ref->summary = QString::fromUtf8(git_commit_summary(commit.p));
    ref->time = QDateTime::fromSecsSinceEpoch(git_commit_time(commit.p), Qt::OffsetFromUTC,
                                              git_commit_time_offset(commit.p) * 60);
    return true;
}

// The commit a reference finally points to (tags peeled).
bool peeledCommit(git_reference *reference, git_oid *oid)
{
    Object object;
    if (git_reference_peel(&object.p, reference, GIT_OBJECT_COMMIT) != 0) {
        return false;
    }
    git_oid_cpy(oid, git_object_id(object.p));
    return true;
}

void appendBranches(git_repository *repo, git_branch_t type, GitRef::Kind kind, QList<GitRef> *refs)
{
    BranchIterator branches;
    if (git_branch_iterator_new(&branches.p, repo, type) != 0) {
        return;
    }
    QList<GitRef> found;
    git_reference *raw = nullptr;
    git_branch_t rawType;
    while (git_branch_next(&raw, &rawType, branches.p) == 0) {
        Reference branch;
        branch.p = raw;
        const char *name = nullptr;
        git_oid oid;
        // A symbolic one (origin/HEAD) repeats another branch.
        if (!git_reference_target(branch.p) || git_branch_name(&name, branch.p) != 0 || !name ||
            !peeledCommit(branch.p, &oid)) {
            continue;
        }
        GitRef ref;
        ref.kind = kind;
        ref.name = QString::fromUtf8(name);
        if (describe(repo, &oid, &ref)) {
            found.append(ref);
        }
    }
    std::sort(found.begin(), found.end(),
              [](const GitRef &a, const GitRef &b) { return a.name < b.name; });
    refs->append(found);
}

void appendTags(git_repository *repo, QList<GitRef> *refs)
{
    git_strarray names = {nullptr, 0};
    if (git_tag_list(&names, repo) != 0) {
        return;
    }
    QList<GitRef> found;
    for (size_t i = 0; i < names.count; ++i) {
        const QByteArray full = QByteArrayLiteral("refs/tags/") + names.strings[i];
        Reference reference;
        git_oid oid;
        if (git_reference_lookup(&reference.p, repo, full.constData()) != 0 ||
            !peeledCommit(reference.p, &oid)) {
            continue; // a tag of a tree or blob
        }
        GitRef ref;
        ref.kind = GitRef::Kind::Tag;
        ref.name = QString::fromUtf8(names.strings[i]);
        if (describe(repo, &oid, &ref)) {
            found.append(ref);
        }
    }
    git_strarray_dispose(&names);
    std::sort(found.begin(), found.end(), [](const GitRef &a, const GitRef &b) {
        return a.time != b.time ? a.time > b.time : a.name > b.name;
    });
    refs->append(found);
}

void appendRecentCommits(git_repository *repo, int count, QList<GitRef> *refs)
{
    Revwalk walk;
    if (count <= 0 || git_revwalk_new(&walk.p, repo) != 0 || git_revwalk_push_head(walk.p) != 0) {
        return;
    }
    git_revwalk_sorting(walk.p, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_oid oid;
    for (int i = 0; i < count && git_revwalk_next(&oid, walk.p) == 0; ++i) {
        GitRef ref;
        ref.kind = GitRef::Kind::Commit;
        Object object;
        git_buf shortId = {nullptr, 0, 0};
        if (!describe(repo, &oid, &ref) ||
            git_object_lookup(&object.p, repo, &oid, GIT_OBJECT_COMMIT) != 0 ||
            git_object_short_id(&shortId, object.p) != 0) {
            break; // a shallow clone ends here
        }
        ref.name = QString::fromLatin1(shortId.ptr, qsizetype(shortId.size));
        git_buf_dispose(&shortId);
        refs->append(ref);
    }
}

} // namespace

QList<GitRef> GitRefs::list(const QString &folder, int recentCommits)
{
    QList<GitRef> refs;
    Repository repo;
    if (!Git::openHolding(folder, repo)) {
        return refs;
    }
    Reference head;
    git_oid oid;
    if (git_repository_head(&head.p, repo.p) == 0 && peeledCommit(head.p, &oid)) {
        GitRef ref;
        ref.kind = GitRef::Kind::Head;
        ref.name = QStringLiteral("HEAD");
        if (describe(repo.p, &oid, &ref)) {
            refs.append(ref);
        }
    }
    appendBranches(repo.p, GIT_BRANCH_LOCAL, GitRef::Kind::Branch, &refs);
    appendBranches(repo.p, GIT_BRANCH_REMOTE, GitRef::Kind::RemoteBranch, &refs);
    appendTags(repo.p, &refs);
    appendRecentCommits(repo.p, recentCommits, &refs);
    return refs;
}

} // namespace Revscope
