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

    // Whether a docstring message says the revision squashes or replaces others.
    static bool mentionsSquash(const QString &message);
};

} // namespace Revscope
