#pragma once

#include "project/alembicenvironment.h"
#include "project/inifile.h"
#include "project/pyprojectfile.h"

#include <QString>
#include <QStringList>

namespace Revscope {

// Turns Alembic configuration into AlembicEnvironment values with Alembic's
// own rules: Alembic 1.8.1's Config / ScriptDirectory.from_config, plus what
// later releases added (path_separator, "newline", recursive_version_locations,
// pyproject.toml [tool.alembic] with the ini taking precedence).
//
// Alembic runs from the folder it is started in; Revscope assumes the folder
// of the config file, as `alembic` is normally run next to its alembic.ini.
class AlembicConfig
{
public:
    // The ini file as Alembic reads it: ConfigParser({"here": <its folder>}).
    static IniFile readIni(const QString &path);

    // The environment of `alembic -c <ini> -n <section>`. `pyproject` (may be
    // null) is the pyproject.toml beside the ini, consulted for keys the ini
    // does not set. `root` is the scan root, for the label and the symlink limit.
    static AlembicEnvironment fromIni(const IniFile &ini, const QString &section,
                                      const PyProjectFile *pyproject, const QString &root);

    // The environment of a pyproject.toml [tool.alembic] with no alembic.ini beside it.
    static AlembicEnvironment fromPyProject(const PyProjectFile &pyproject, const QString &root);

    // Sections of `ini` that are environments: every section that sets
    // script_location itself, plus [alembic] (the section used without
    // --name) when it can be one. `alembicIni`: the file is an alembic.ini,
    // so [alembic] is expected; `withPyProject`: a pyproject.toml with
    // [tool.alembic] sits beside it and supplies what [alembic] lacks.
    static QStringList environmentSections(const IniFile &ini, bool alembicIni, bool withPyProject);

    // version_locations / prepend_sys_path separator keyword -> character,
    // as Alembic maps it ("space", "newline", "os", ":", ";"); false if invalid.
    static bool separatorFor(const QString &keyword, QChar *separator);
};

// Config file relative to `root` with '/' separators, plus "#<section>" for a
// section other than [alembic] / [tool.alembic].
QString environmentLabel(const AlembicEnvironment &env, const QString &root);

} // namespace Revscope
