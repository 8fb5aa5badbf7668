#include "inspection.h"

#include <QDir>

#include <algorithm>

namespace Revscope {

namespace {

// "/." anywhere: a "." or ".." segment (or a hidden name) that QDir must judge.
bool hasDotSegment(QStringView path)
{
    for (qsizetype i = 0; i + 1 < path.size(); ++i) {
        if (path[i] == u'/' && path[i + 1] == u'.') {
            return true;
        }
    }
    return false;
}

} // namespace

QString Inspection::relativePath(const QString &path) const
{
    if (path.isEmpty()) {
        return path;
    }
    // Nearly every path is a clean one under the root: skip QDir's general case.
    if (path.size() > root.size() + 1 && path.at(root.size()) == QLatin1Char('/') &&
        path.startsWith(root) && !hasDotSegment(QStringView(path).mid(root.size()))) {
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
