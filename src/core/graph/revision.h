#pragma once

#include <QString>
#include <QStringList>

namespace Revscope {

// Where a revision of the graph comes from.
enum class RevisionOrigin {
    Source,   // a .py script
    Bytecode, // only a .pyc defines it
    Missing,  // a ghost: referenced, defined nowhere
};

QString originName(RevisionOrigin origin);

// One revision as Alembic would see it, plus where each fact was read.
struct Revision
{
    QString id;
    QStringList downRevisions; // empty for a base
    QStringList dependsOn;
    QStringList branchLabels;
    QString message;    // first docstring line
    QString createDate; // "Create Date:" of the docstring, verbatim
    RevisionOrigin origin = RevisionOrigin::Source;
    QString file; // absolute path; empty for ghosts
    int line = 0; // line of the `revision = ...` assignment
    int downRevisionLine = 0;
    int dependsOnLine = 0;
    int branchLabelsLine = 0;

    bool isBase() const { return downRevisions.isEmpty(); }
};

using Revisions = QList<Revision>;

} // namespace Revscope
