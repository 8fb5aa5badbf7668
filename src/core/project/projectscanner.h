#pragma once

#include "analysis/finding.h"
#include "project/alembicenvironment.h"

#include <QString>

namespace Revscope {

struct ProjectScan
{
    QString root;                     // absolute, cleaned
    AlembicEnvironments environments; // sorted by label
    // Problems of the scan itself (unreadable folders, ...). Each
    // environment's own findings stay in AlembicEnvironment::findings.
    Findings findings;
};

// Finds the Alembic environments under a folder: every alembic.ini, every
// other *.ini with a section that sets script_location (one environment per
// such section, as used with `alembic -c FILE --name SECTION`), and every
// pyproject.toml with [tool.alembic]. A pyproject.toml beside an ini is read
// together with it, as Alembic 1.16+ does, rather than on its own.
//
// Version control, virtualenv, cache and build folders are not entered. A
// symlinked folder is followed only when it resolves inside the root, and
// each real folder is read once, so symlink loops end.
class ProjectScanner
{
public:
    static ProjectScan scan(const QString &root);

    // The environments of one config file (an .ini or a pyproject.toml) as
    // `alembic -c FILE [--name SECTION]` would use it. Problems that stop the
    // file from being read at all go to `findings`.
    static AlembicEnvironments loadConfig(const QString &configFile, const QString &root,
                                          Findings *findings);

    // Folder names never entered (besides virtualenvs, found by content).
    static bool isSkippedFolderName(const QString &name);
};

} // namespace Revscope
