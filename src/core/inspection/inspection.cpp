#include "inspection.h"

#include <QDir>

#include <algorithm>

namespace Revscope {

QString Inspection::relativePath(const QString &path) const
{
    if (path.isEmpty()) {
        return path;
    }
    // Nearly every path is a clean one under the root: skip QDir's general case.
    if (path.size() > root.size() + 1 && path.startsWith(root) &&
        path.at(root.size()) == QLatin1Char('/') && !path.contains(QLatin1String("/."))) {
        return path.mid(root.size() + 1);
    }
    const QString relative = QDir(root).relativeFilePath(path);
    if (relative.startsWith(QLatin1String("../")) || relative == QLatin1String("..")) {
        return QDir::cleanPath(path);
    }
    return relative;
}

int Inspection::count(Severity severity) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [severity](const Finding &f) { return f.severity == severity; }));
}

} // namespace Revscope
