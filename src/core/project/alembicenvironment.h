#pragma once

#include "analysis/finding.h"

#include <QString>
#include <QStringList>

namespace Revscope {

// One Alembic environment: a config file (alembic.ini section or
// pyproject.toml [tool.alembic]) resolved with Alembic's rules.
// All paths are absolute and cleaned.
struct AlembicEnvironment
{
    QString configFile;        // alembic.ini or pyproject.toml
    QString section;           // ini section ("alembic" by default); "tool.alembic" for pyproject
    QString pyprojectFile;     // pyproject.toml consulted alongside the ini, if any
    QString scriptLocation;    // resolved folder
    QString scriptLocationRaw; // as written, after interpolation
    int scriptLocationLine = 0;
    QStringList versionLocations;     // resolved folders, in Alembic's order
    bool versionLocationsSet = false; // false: <script_location>/versions
    bool sourceless = false;
    bool recursiveVersionLocations = false;
    QString fileTemplate = QStringLiteral("%(rev)s_%(slug)s");
    QStringList prependSysPath;
    QString sqlalchemyUrl;
    int sqlalchemyUrlLine = 0;
    Findings findings; // config-error, script-location-missing

    // Scan root the environment was found under (absolute, cleaned); script
    // listing never follows a symlinked folder out of it. Empty: no limit.
    QString root;
    // Config file relative to root, '/' separated, "#<section>" appended for a
    // section other than [alembic]: the JSON `config` key and Finding::environment.
    QString label;

    // Whether Alembic could load this environment's scripts at all.
    bool usable = true;
};

using AlembicEnvironments = QList<AlembicEnvironment>;

} // namespace Revscope
