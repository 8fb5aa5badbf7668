#include "projectwatcher.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace Revscope {

ProjectWatcher::ProjectWatcher(QObject *parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(400);
    connect(&m_settle, &QTimer::timeout, this, &ProjectWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectWatcher::onChange);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ProjectWatcher::onChange);
}

void ProjectWatcher::setSettleTime(int milliseconds)
{
    m_settle.setInterval(milliseconds);
}

QStringList ProjectWatcher::watchedPaths() const
{
    return m_watcher.files() + m_watcher.directories();
}

void ProjectWatcher::stop()
{
    m_settle.stop();
    const QStringList paths = watchedPaths();
    if (!paths.isEmpty()) {
        m_watcher.removePaths(paths);
    }
}

void ProjectWatcher::watch(const InspectionPtr &inspection)
{
    stop();
    if (!inspection) {
        return;
    }
    const QStringList paths = pathsOf(*inspection);
    if (!paths.isEmpty()) {
        m_watcher.addPaths(paths);
    }
}

void ProjectWatcher::onChange(const QString &path)
{
    // Editors save by replacing a file: the watch on the old inode is gone,
    // so watch the path again if something is there now.
    if (!m_watcher.files().contains(path) && !m_watcher.directories().contains(path) &&
        QFileInfo::exists(path)) {
        m_watcher.addPath(path);
    }
    m_settle.start();
}

QStringList ProjectWatcher::pathsOf(const Inspection &inspection, int limit)
{
    QStringList paths;
    QSet<QString> seen;
    auto add = [&](const QString &path) {
        if (path.isEmpty() || paths.size() >= limit || seen.contains(path)) {
            return;
        }
        seen.insert(path);
        if (QFileInfo::exists(path)) {
            paths << path;
        }
    };
    // A new alembic.ini or pyproject.toml at the root changes the environments.
    add(inspection.root);
    for (const EnvironmentInspection &env : inspection.environments) {
        const AlembicEnvironment &e = env.environment;
        add(e.configFile);
        add(e.pyprojectFile);
        add(e.scriptLocation);
        const QStringList locations =
            e.versionLocations.isEmpty() && !e.scriptLocation.isEmpty()
                ? QStringList{e.scriptLocation + QStringLiteral("/versions")}
                : e.versionLocations;
        for (const QString &location : locations) {
            add(location);
            add(location + QStringLiteral("/__pycache__"));
        }
        // Revision files are watched one by one: a folder's watch sees files
        // come and go, not their contents change.
        for (const Revision &revision : env.graph.nodes()) {
            add(revision.file);
        }
    }
    // Dockerfiles, compose files and ignore files decide the Image tab.
    for (const QString &file : inspection.imageFiles) {
        add(file);
    }
    for (const ImageTarget &target : inspection.images) {
        add(target.simulation.ignoreFile);
    }
    for (const BytecodeInfo &file : inspection.bytecode) {
        if (file.inVersionLocation) {
            add(QFileInfo(file.path).absolutePath());
        }
    }
    return paths;
}

} // namespace Revscope
