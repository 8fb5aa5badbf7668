#pragma once

#include "database/versiontablereader.h"
#include "inspection/inspection.h"

#include <QString>

#include <atomic>
#include <functional>

namespace Revscope {

struct InspectOptions
{
    QString root;
    // Only this config file (absolute, or relative to root); empty: every
    // environment found under root.
    QString configFile;

    // Which database to read the version table of; no URL: none.
    struct Database
    {
        // An SQLAlchemy URL for every inspected environment, or the word
        // `ini`: each environment's own `sqlalchemy.url`.
        QString url;
        // Folder a relative SQLite path of `url` is taken against (SQLAlchemy
        // takes it against the working directory, the default when empty).
        // With `ini` it is always the config's folder, where Alembic runs.
        QString baseDir;
        QString versionTable; // empty: "alembic_version"
        QString schema;       // empty: the connection's default
        ConnectionSettings settings;

        bool isSet() const { return !url.isEmpty(); }
        bool fromIni() const { return url == QLatin1String("ini"); }
    };
    Database database;
};

// Builds an Inspection: scan, read scripts, build graphs, analyze. Pure
// function of the file system (and, when asked, of the database's version
// table, read on the calling thread); safe to call from any thread.
class Inspector
{
public:
    // done/total count script files; `what` names the current step.
    using Progress = std::function<void(int done, int total, const QString &what)>;

    static InspectionPtr inspect(const InspectOptions &options, const Progress &progress = {},
                                 const std::atomic_bool *cancel = nullptr);
};

} // namespace Revscope
