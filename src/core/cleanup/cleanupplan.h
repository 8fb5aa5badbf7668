#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One thing a cleanup would do. Nothing is deleted: files go to the trash or
// the quarantine, folders are removed only when empty, and edits keep the
// original so undo can put it back.
struct CleanupAction
{
    enum class Kind {
        Trash,        // move a bytecode file to the trash (or the quarantine)
        RemoveFolder, // remove a __pycache__ folder the plan leaves empty
        EditIgnore,   // add bytecode rules to an effective .dockerignore
    };

    Kind kind = Kind::Trash;
    QString path;   // absolute, as reached from the root (no symlink on the way)
    QString reason; // the finding code: stray-bytecode, stale-bytecode, ...
    qint64 bytes = 0;
    QString sha256;  // hex, of the file's content; empty for folders and new files
    QDateTime mtime; // of the file when planned
    bool enabled = true;
    QString revision; // the revision a bytecode file defines, when known

    // EditIgnore: the file's content when planned (fileExisted false: no
    // file yet), the content after the edit and the patterns added.
    bool fileExisted = false;
    QByteArray originalContent;
    QByteArray newContent;
    QStringList additions;
    QString diff; // unified diff, paths relative to the root
};

// A path the cleanup leaves alone on purpose, with why.
struct CleanupSkip
{
    QString path; // absolute
    QString why;  // one sentence
};

// What a cleanup would do, computed from an Inspection by CleanupPlanner and
// run by CleanupExecutor. A value: the GUI may untick actions (`enabled`).
struct CleanupPlan
{
    QString root; // absolute, as in the Inspection
    QList<CleanupAction> actions;
    QList<CleanupSkip> skipped;

    int enabledCount() const;
    qint64 enabledBytes() const;
    // `path` relative to the root with '/' separators.
    QString relativePath(const QString &path) const;
};

// "trash", "remove-folder", "edit": the JSON `actions[].kind`.
QString cleanupKindName(CleanupAction::Kind kind);

struct CleanupOptions
{
    enum class Scope {
        VersionLocations, // bytecode in the environments' version locations
        Project,          // the whole project except virtualenvs
    };
    Scope scope = Scope::VersionLocations;
    bool includeStale = false; // also bytecode whose source changed since compiling
    bool dockerignore = true;  // add missing bytecode rules to effective .dockerignore files
};

} // namespace Revscope
