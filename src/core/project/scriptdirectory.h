#pragma once

#include "analysis/finding.h"
#include "project/alembicenvironment.h"

#include <QList>
#include <QString>

namespace Revscope {

// A file Alembic would try to load as a revision script.
struct ScriptFile
{
    QString path;          // absolute, as listed under its version location
    bool bytecode = false; // a .pyc / .pyo (only with sourceless = true)
};

// Which files Alembic loads as revisions: ScriptDirectory._load_revisions,
// Script._list_py_dir and Script._from_filename.
class ScriptDirectory
{
public:
    // The files in the order Alembic loads them. Without
    // recursive_version_locations this follows Alembic 1.8.1 exactly: every
    // entry of each version location (sorted by name where Alembic takes the
    // folder's own order), then with sourceless the __pycache__ files whose
    // stem has no entry beside them; names starting with ".#" or "__init__"
    // skipped; .py only unless sourceless (then .pyc/.pyo without a .py, and
    // .pyo only without a .pyc); a file reached twice (same real path)
    // loaded once; missing explicit version locations skipped. With
    // recursive_version_locations it follows the newer os.walk listing
    // (sorted folders and files, symlinked folders not entered).
    //
    // A version location that is inside env.root by its path but resolves
    // outside it through a symlink is not read. Problems (unreadable
    // folders, a missing versions folder, ...) are appended to `findings`.
    static QList<ScriptFile> listScriptFiles(const AlembicEnvironment &env, Findings *findings);
};

} // namespace Revscope
