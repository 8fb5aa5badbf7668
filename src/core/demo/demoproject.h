#pragma once

#include <QString>
#include <QStringList>

namespace Revscope {

// The bundled demo project: a small service whose Alembic history reproduces
// the squashed-revision and missing-config incidents. It is embedded in the
// binary and copied to a writable folder on demand, because the tools it
// demonstrates (Alembic, Docker, Revscope's own cleanup) need real files.
class DemoProject
{
public:
    // QStandardPaths::AppLocalDataLocation + "/demo".
    static QString defaultLocation();

    // Copies the demo into targetDir and builds its SQLite database.
    // Without reset, an existing demo copy is kept as it is and only missing
    // files are restored. With reset, the contents of a demo copy are deleted
    // first. A non-empty folder that is not a demo copy is never touched.
    // Returns false and sets *error (if given) on failure.
    static bool materialize(const QString &targetDir, bool reset, QString *error);

    // True if dir holds the marker file that materialize() writes.
    static bool isDemoCopy(const QString &dir);

    // Name of the marker file in the root of a demo copy.
    static QString markerFileName();

    // Relative paths of the embedded demo files, sorted, with '/'.
    static QStringList embeddedFiles();

    // The demo's database, relative to its root, and the SQL it is built from.
    static QString databasePath();
    static QString databaseSqlPath();

    // Splits an SQL script (as `sqlite3 .dump` writes it) into statements,
    // honouring quotes and `--` / `/* */` comments. Exposed for testing.
    static QStringList splitSqlStatements(const QString &script);
};

} // namespace Revscope
