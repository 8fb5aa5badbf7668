#include "imageexplainer.h"

#include "image/gopath.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Revscope {

PathExplanation ImageExplainer::explain(const ImageSimulation &simulation,
                                        const QString &contextPath)
{
    PathExplanation out;
    QString path = contextPath.trimmed();
    path.replace(u'\\', u'/');
    path = GoPath::clean(path);
    while (path.startsWith(u'/')) {
        path.remove(0, 1);
    }
    if (path.startsWith(QLatin1String("./"))) {
        path.remove(0, 2);
    }
    out.contextPath = path;
    if (path.isEmpty() || path == u"." || !simulation.buildContext) {
        out.sentences.append(QCoreApplication::translate(
            "ImageExplainer", "Type a path relative to the build context, e.g. back/alembic.ini."));
        return out;
    }

    const BuildContext &context = *simulation.buildContext;
    const DockerIgnore &ignore = context.ignore();
    const int index = context.indexOf(path);
    int pattern = -1;
    if (index >= 0) {
        const ContextEntry &entry = context.entries().at(index);
        out.inContext = true;
        out.directory = entry.isDirectory();
        out.excluded = !entry.sent;
        pattern = entry.pattern;
    } else {
        out.excluded = ignore.isExcluded(path, &pattern);
    }
    if (pattern >= 0 && pattern < ignore.patterns().size()) {
        const IgnorePattern &p = ignore.patterns().at(pattern);
        out.ignoreFile = p.file;
        out.ignoreLine = p.line;
        out.ignorePattern = p.rawText;
    }

    const QString prefix = path + u'/';
    for (const ContextFileFate &fate : simulation.files) {
        const bool mine =
            fate.contextPath == path || (out.directory && fate.contextPath.startsWith(prefix));
        if (!mine) {
            continue;
        }
        if (fate.included) {
            out.placements.append(PathExplanation::Placement{
                fate.contextPath, fate.imagePath, fate.reasonLine, fate.reasonText, fate.viaStage});
        } else if (fate.kind == ContextFileFate::Kind::RemovedByRun && out.removedByLine == 0) {
            out.removedByLine = fate.reasonLine;
            out.removedByText = fate.reasonText;
        }
    }

    // The sentences, computed into locals first so no translate() call nests.
    const QString ignoreName =
        out.ignoreFile.isEmpty() ? QString() : QFileInfo(out.ignoreFile).fileName();
    const QString lineText = QString::number(out.ignoreLine);
    if (!out.inContext) {
        out.sentences.append(
            QCoreApplication::translate("ImageExplainer", "%1 is not in the build context %2.")
                .arg(path, simulation.context));
    }
    if (out.excluded) {
        out.sentences.append(
            QCoreApplication::translate("ImageExplainer",
                                        "Excluded by %1 line %2 “%3”: it is not sent to the "
                                        "builder, so no COPY can put it in the image.")
                .arg(ignoreName, lineText, out.ignorePattern));
        return out;
    }
    if (!out.ignorePattern.isEmpty()) {
        out.sentences.append(QCoreApplication::translate("ImageExplainer",
                                                         "Sent to the builder: %1 line %2 “%3” "
                                                         "is the last pattern that matches it.")
                                 .arg(ignoreName, lineText, out.ignorePattern));
    } else if (simulation.ignoreFile.isEmpty()) {
        out.sentences.append(QCoreApplication::translate(
            "ImageExplainer", "Sent to the builder: there is no ignore file."));
    } else {
        const QString name = QFileInfo(simulation.ignoreFile).fileName();
        out.sentences.append(
            QCoreApplication::translate("ImageExplainer",
                                        "Sent to the builder: no pattern of %1 matches it.")
                .arg(name));
    }
    if (!out.inContext) {
        return out;
    }
    for (const PathExplanation::Placement &placement : std::as_const(out.placements)) {
        const QString line = QString::number(placement.line);
        if (placement.viaStage.isEmpty()) {
            out.sentences.append(
                QCoreApplication::translate("ImageExplainer", "%1 → %2 by Dockerfile line %3: %4")
                    .arg(placement.contextPath, placement.imagePath, line, placement.instruction));
        } else {
            out.sentences.append(
                QCoreApplication::translate("ImageExplainer",
                                            "%1 → %2 through stage %3, Dockerfile line %4: %5")
                    .arg(placement.contextPath, placement.imagePath, placement.viaStage, line,
                         placement.instruction));
        }
    }
    if (out.removedByLine > 0) {
        const QString line = QString::number(out.removedByLine);
        out.sentences.append(
            QCoreApplication::translate("ImageExplainer",
                                        "Removed from the image by Dockerfile line %1: %2")
                .arg(line, out.removedByText));
    }
    if (out.placements.isEmpty() && out.removedByLine == 0) {
        out.sentences.append(QCoreApplication::translate(
            "ImageExplainer", "No COPY or ADD of the target stage copies it: not in the image."));
    }
    return out;
}

} // namespace Revscope
