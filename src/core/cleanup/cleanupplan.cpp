#include "cleanupplan.h"

#include <QDir>

namespace Revscope {

int CleanupPlan::enabledCount() const
{
    int count = 0;
    for (const CleanupAction &action : actions) {
        count += action.enabled ? 1 : 0;
    }
    return count;
}

qint64 CleanupPlan::enabledBytes() const
{
    qint64 bytes = 0;
    for (const CleanupAction &action : actions) {
        if (action.enabled && action.kind == CleanupAction::Kind::Trash) {
            bytes += action.bytes;
        }
    }
    return bytes;
}

QString CleanupPlan::relativePath(const QString &path) const
{
    if (root.isEmpty() || path.isEmpty()) {
        return path;
    }
    const QString relative = QDir(root).relativeFilePath(path);
    if (relative.startsWith(QLatin1String("../")) || relative == QLatin1String("..")) {
        return QDir::cleanPath(path);
    }
    return relative;
}

QString cleanupKindName(CleanupAction::Kind kind)
{
    switch (kind) {
    case CleanupAction::Kind::Trash:
        return QStringLiteral("trash");
    case CleanupAction::Kind::RemoveFolder:
        return QStringLiteral("remove-folder");
    case CleanupAction::Kind::EditIgnore:
        return QStringLiteral("edit");
    }
    return {};
}

} // namespace Revscope
