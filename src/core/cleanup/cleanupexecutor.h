#pragma once

#include "cleanup/cleanupplan.h"
#include "journal/journal.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Revscope {

// What happened to one action of a plan, or to one entry of an undo.
struct CleanupOutcome
{
    enum class Status {
        Done,
        Skipped, // left alone on purpose (changed since planned, a symlink, ...)
        Failed,  // tried and failed; a run stops at the first failure
        NotRun,  // not tried: the run stopped before it
    };
    CleanupAction::Kind kind = CleanupAction::Kind::Trash;
    QString path; // absolute original path
    QString reason;
    qint64 bytes = 0;
    QString sha256;
    Status status = Status::NotRun;
    QString destination; // where it went (apply) or came from (undo)
    QString message;     // why it was skipped or failed
};

struct CleanupResult
{
    qint64 journalId = 0; // 0: nothing was journaled (nothing to do, or no journal)
    QList<CleanupOutcome> outcomes;
    QString error; // why the run stopped (or undo was refused); empty when it did not

    int count(CleanupOutcome::Status status) const;
    // Everything enabled was done (apply) or restored (undo).
    bool ok() const;
};

// Runs a CleanupPlan: files go to the desktop trash, or to the quarantine
// (AppDataLocation/quarantine/<operation id>/...) when the trash cannot take
// them or the quarantine is preferred. Every action is journaled before and
// after it touches the disk, so a run stopped part-way (or a crash) leaves a
// journal that undo can follow. Right before each action the file is checked
// again (not a symlink, inside the root after resolving, same size, mtime and
// sha256 as planned) and skipped if anything differs.
class CleanupExecutor
{
public:
    explicit CleanupExecutor(Journal *journal);

    void setPreferQuarantine(bool prefer) { m_preferQuarantine = prefer; }
    // Default: AppDataLocation + "/quarantine".
    void setQuarantineRoot(const QString &folder) { m_quarantineRoot = folder; }
    QString quarantineRoot() const { return m_quarantineRoot; }

    // Called for each enabled action after its "begin" entry is journaled and
    // right before it touches the disk; returning false makes it fail as if
    // the move had failed (tests use it to stop a run part-way).
    using ActionHook = std::function<bool(int index, const CleanupAction &action)>;
    void setActionHook(ActionHook hook) { m_hook = std::move(hook); }

    CleanupResult execute(const CleanupPlan &plan);

    // Restores what journal operation `operationId` (a cleanup) did, byte for
    // byte, newest action first. Never overwrites a file that appeared at an
    // original path since; marks the operation undone when everything is
    // back. Safe to repeat after a partial undo.
    CleanupResult undo(qint64 operationId);

    // The newest cleanup of `root` that changed something and is not undone.
    static std::optional<JournalOperation> latestCleanup(const Journal &journal,
                                                         const QString &root);

private:
    CleanupOutcome runAction(qint64 operationId, int index, const CleanupAction &action,
                             const CleanupPlan &plan, bool *stop);
    bool moveAway(qint64 operationId, const CleanupAction &action, const CleanupPlan &plan,
                  CleanupOutcome *outcome, bool *stop);
    bool journal(qint64 operationId, const JournalFileEntry &entry, CleanupOutcome *outcome,
                 bool *stop);

    Journal *m_journal;
    QString m_quarantineRoot;
    bool m_preferQuarantine = false;
    ActionHook m_hook;
    QString m_canonicalRoot;
};

} // namespace Revscope
