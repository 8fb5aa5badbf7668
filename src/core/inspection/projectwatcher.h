#pragma once

#include "inspection/inspection.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace Revscope {

// Watches what an Inspection was read from (config files, script and version
// folders, their __pycache__ folders, the project root) and says `changed()`
// once a burst of changes has settled, so a view can reload without reacting
// to every file an editor or `alembic revision` touches.
class ProjectWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit ProjectWatcher(QObject *parent = nullptr);

    // Replaces what is watched. A null inspection stops watching.
    void watch(const InspectionPtr &inspection);
    void stop();

    // Quiet time after the last change before `changed()` (default 400 ms).
    void setSettleTime(int milliseconds);
    QStringList watchedPaths() const;

    // The paths an inspection depends on: existing files and folders only,
    // at most `limit` of them (inotify watches are a per-user resource).
    static QStringList pathsOf(const Inspection &inspection, int limit = 2000);

Q_SIGNALS:
    void changed();

private:
    void onChange(const QString &path);

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace Revscope
