#pragma once

#include "cleanup/cleanupplan.h"

#include <QByteArray>
#include <QString>

namespace Revscope {

struct Inspection;

// Computes the plan. Reads the file system (hashes, folder listings) but
// never changes it. Symbolic links are never followed: a symlink in a
// __pycache__, a symlinked __pycache__ and anything that resolves outside
// the root are listed in `skipped`; a .py source is never an action.
class CleanupPlanner
{
public:
    static CleanupPlan plan(const Inspection &inspection,
                            const CleanupOptions &options = CleanupOptions());

    // The unified diff turning `before` into `after` for `name` (relative):
    // `fileExisted` false diffs against /dev/null.
    static QString unifiedDiff(const QString &name, const QByteArray &before,
                               const QByteArray &after, bool fileExisted);
    // sha256 of a file's content, hex; empty when it cannot be read.
    static QString fileSha256(const QString &path);
};

} // namespace Revscope
