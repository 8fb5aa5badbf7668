#pragma once

#include "analysis/finding.h"
#include "release/gitsnapshot.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

struct Inspection;

struct RewiredRevision
{
    QString id;
    QStringList from; // down_revisions before
    QStringList to;   // and after
};

// Removed revisions and the revision inferred to replace them.
struct SquashMapping
{
    QString replacedBy;
    QStringList removed; // sorted
    bool confirmed = false;
    QString evidence; // why it was inferred, in words
};

struct EnvironmentDiff
{
    QString config; // environment label
    QStringList removed;
    QStringList added;
    QList<RewiredRevision> rewired; // sorted by id
    QStringList edited;             // script bytes changed
    QList<SquashMapping> squash;    // sorted by replacedBy
    // Squash checks; files are absolute paths inside the `to` inspection.
    Findings findings;
};

// Compares the revision graphs of two inspections of the same project (two
// git refs extracted, or two folders), environment by environment (matched
// by label), and infers and checks the squash mapping.
class RevisionDiff
{
public:
    // `commits`: the commits between the two, when known (git), used as
    // evidence that one revision replaced others.
    static QList<EnvironmentDiff> compare(const Inspection &from, const Inspection &to,
                                          const QList<CommitChange> &commits = {});

    // The squash checks of `diff` (environment `diff.config` of the two
    // inspections) with the mapping `diff.squash`.
    static Findings check(const EnvironmentDiff &diff, const Inspection &from,
                          const Inspection &to);

    // `diff` with `mapping` as its squash mapping and the squash checks run
    // again. Entries keep their `confirmed` flag; ids the diff did not remove
    // are dropped (an id named twice goes to the later entry), entries with
    // the same replacement are joined, and entries left empty are dropped.
    static EnvironmentDiff withMapping(const EnvironmentDiff &diff,
                                       const QList<SquashMapping> &mapping, const Inspection &from,
                                       const Inspection &to);

    // `current` with each of `given` (marked confirmed) standing for its
    // replacement: it replaces the entry of the same replacement and takes
    // the removed ids it names from the others, which otherwise stay.
    static QList<SquashMapping> merged(const QList<SquashMapping> &current,
                                       const QList<SquashMapping> &given);

    // Why `entry` cannot be part of the squash mapping of `diff`: its
    // replacement is not a revision of the newer version, or it names an id
    // the diff did not remove. Empty when it can.
    static QString validate(const EnvironmentDiff &diff, const Inspection &to,
                            const SquashMapping &entry);

    // Whether a docstring message says the revision squashes or replaces others.
    static bool mentionsSquash(const QString &message);
};

} // namespace Revscope
