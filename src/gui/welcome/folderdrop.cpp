#include "folderdrop.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace Revscope {

QString FolderDrop::folderFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls()) {
        return QString();
    }
    const QList<QUrl> urls = mime->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile()) {
        return QString();
    }
    const QFileInfo info(urls.first().toLocalFile());
    if (!info.isDir()) {
        return QString();
    }
    return QDir::cleanPath(info.absoluteFilePath());
}

} // namespace Revscope
