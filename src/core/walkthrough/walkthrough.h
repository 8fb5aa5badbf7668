#pragma once

#include "graph/revision.h"
#include "walkthrough/opsummary.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

struct EnvironmentInspection;

// What kind of place in the history a step stands at; a revision can be
// several at once (a merge that is also a head).
enum class StepRole {
    Base = 0x01,        // down_revision None: where a history starts
    BranchPoint = 0x02, // two or more revisions build on this one
    Merge = 0x04,       // it joins two or more lines (several down_revisions)
    Head = 0x08,        // nothing builds on it: `alembic upgrade head` ends here
    Dependency = 0x10,  // it has depends_on
    Ghost = 0x20,       // referenced but defined by no script (or only by bytecode)
};

// One stop of a walk through an environment's history.
struct WalkthroughStep
{
    QString revisionId;
    int roles = 0; // StepRole flags
    QString message;
    QString createDate; // verbatim from the docstring
    QString file;       // absolute; empty for ghosts
    QStringList parents;
    QStringList children;
    QStringList branchLabels;
    QStringList dependsOn;
    // What upgrade() (and downgrade()) do, read statically from the script.
    OpSummary changes;
    // Plain-language paragraphs, translated: what this revision is in the
    // history (a base, a branch point and what a branch is, a merge and
    // what it joins, a head, a dependency), in the order to show them.
    QStringList explanations;
    // Added: where the revision comes from, the line of its `revision =`
    // assignment (0 when unknown), and whether Alembic loads it.
    RevisionOrigin origin = RevisionOrigin::Source;
    int line = 0;
    bool loaded = true;

    bool has(StepRole role) const { return (roles & static_cast<int>(role)) != 0; }
};

// The order a newcomer reads an environment's history in: from the bases to
// the heads, parents before children (a topological order that finishes one
// branch before starting the next and is stable for a given graph).
// depends_on targets come before their dependents too; a revision that waits
// for one on another line is read after the current line ends. Between
// siblings (and between bases) the order is `alembic history` read from the
// bottom; revisions Alembic does not load (ghosts, stray bytecode) come just
// before the loaded revision that names them, or at the end. Every node of
// the graph is one step, cycles included.
//
// steps() reads every script of the environment (for `changes`): call it off
// the GUI thread for large histories.
class Walkthrough
{
public:
    static QList<WalkthroughStep> steps(const EnvironmentInspection &environment);
    // Added: with readScripts false, `changes` stays empty (no file is read)
    // and the explanations do not mention what the script does.
    static QList<WalkthroughStep> steps(const EnvironmentInspection &environment, bool readScripts);

    // Added: short translated chip text for one role ("base", "merge", ...);
    // Ghost reads "bytecode only" when `origin` is Bytecode.
    static QString roleName(StepRole role, RevisionOrigin origin = RevisionOrigin::Missing);
    // Every role set in `roles`, in a fixed order (Ghost, Base, BranchPoint,
    // Merge, Dependency, Head).
    static QList<StepRole> roles(int roles);
    // Index of the step showing `revisionId`, -1 when none.
    static int indexOf(const QList<WalkthroughStep> &steps, const QString &revisionId);
};

} // namespace Revscope
