#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace Revscope {

// Where git says an unknown revision went.
struct TriageAnswer
{
    enum class Kind {
        NoRepository, // the folder is not in a git repository: nothing to say
        Deleted,      // a commit removed the script that defined it
        OnBranch,     // another branch's tip still defines it
        NoHistory,    // a shallow clone: the history that could tell is missing
        NotFound,     // searched and not found (maybe within the walk's bounds only)
    };
    // What the unknown revision is to the user, for the advice at the end.
    enum class Use {
        DatabaseRow, // a database is stamped at it: advise a stamp
        Reference,   // a down_revision / depends_on names it: advise re-pointing
    };

    QString revision;
    Kind kind = Kind::NoRepository;
    QString commit; // full hex of the deleting commit
    QString summary;
    QString author;
    QDate date;
    QString branch;                  // OnBranch: "feature/x" or "origin/feature/x"
    QStringList addedInCommit;       // Deleted: revisions the deleting commit added
    QString replacedBy;              // set by the caller (a squash mapping), may stay empty
    bool searchLimitReached = false; // NotFound: the walk stopped at its bounds

    QString shortCommit() const { return commit.left(7); }
    // One plain sentence, e.g. "deleted in 3f2a1c9 'Squash migrations'
    // (2026-02-08, Jane Doe); replaced by b891cb8863b5 → stamp the database to
    // b891cb8863b5". Empty for NoRepository.
    QString text(Use use) const;
};

// Finds, with libgit2, which commit deleted the script defining a revision
// id, or which branch still has it. Read-only; never touches the work tree.
class GitTriage
{
public:
    struct Limits
    {
        int maxCommits = 2000;
        int timeBudgetMs = 3000;
        // Set from another thread to stop early: the walk ends as if it
        // reached its bounds (answers not yet found are NotFound, limited).
        const std::atomic_bool *cancel = nullptr;
    };

    // Triages all `ids` with a single walk from HEAD, newest first, looking at
    // scripts under `versionLocations` (absolute folders; those outside the
    // repository are ignored). One answer per id, in order. Every answer is
    // NoRepository when `folder` is not in a git repository.
    static QList<TriageAnswer> triage(const QString &folder, const QStringList &versionLocations,
                                      const QStringList &ids, const Limits &limits);
    static QList<TriageAnswer> triage(const QString &folder, const QStringList &versionLocations,
                                      const QStringList &ids)
    {
        return triage(folder, versionLocations, ids, Limits());
    }

    // Whether a script text assigns `revision = '<id>'` (optionally annotated).
    static bool definesRevision(const QByteArray &script, const QString &id);
    // The id a script text assigns to `revision`, empty when none.
    static QString revisionOf(const QByteArray &script);
};

} // namespace Revscope
