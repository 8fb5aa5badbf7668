#pragma once

#include "analysis/finding.h"
#include "database/dbstate.h"
#include "graph/revisiongraph.h"
#include "image/imagetarget.h"
#include "project/alembicenvironment.h"
#include "project/bytecodescanner.h"

#include <QList>
#include <QString>

#include <memory>

namespace Revscope {

// What Revscope knows about one Alembic environment.
struct EnvironmentInspection
{
    AlembicEnvironment environment;
    QString label;  // "back/alembic.ini", or "back/alembic.ini#name" for a named section
    QString config; // config file relative to the root, '/' separated
    RevisionGraph graph;
    // The database's version table against this graph; null when no
    // database was asked for (InspectOptions::database).
    std::shared_ptr<const DbStateCalculator> database;

    // The contract's `db_state`; None without a database.
    DbState dbState(const QString &revisionId) const
    {
        return database ? database->state(revisionId) : DbState::None;
    }
};

// Everything Revscope knows about a project: one immutable value, built off
// the GUI thread by Inspector and only read by the front ends.
struct Inspection
{
    QString root; // absolute, cleaned
    QList<EnvironmentInspection> environments;
    // Every .pyc / .pyo of the project, sorted by path. BytecodeInfo::environments
    // index `environments`.
    BytecodeInfos bytecode;
    // The Docker images the project builds (compose services with a build
    // section, then Dockerfiles no service builds), simulated; each target's
    // findings are in `findings` too. See ImageScanner.
    QList<ImageTarget> images;
    // The Dockerfiles and compose files found, absolute, sorted; empty when
    // the project has none.
    QStringList imageFiles;
    Findings findings; // every finding, most severe first, then by file and line

    // `path` relative to the root with '/' separators; paths outside the root
    // stay absolute.
    QString relativePath(const QString &path) const;

    int count(Severity severity) const;
};

using InspectionPtr = std::shared_ptr<const Inspection>;

} // namespace Revscope
