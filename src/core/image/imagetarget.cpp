#include "imagetarget.h"

#include <QFileInfo>

namespace Revscope {

namespace {

QString relativeTo(const QString &root, const QString &path)
{
    if (!root.isEmpty() && path.startsWith(root + u'/')) {
        return path.mid(root.size() + 1);
    }
    return path;
}

} // namespace

void ImageTarget::applyService(const ComposeService *composeService)
{
    entrypoint = simulation.entrypoint;
    command = simulation.cmd;
    commandFile = simulation.dockerfile;
    commandLine = simulation.cmdLine ? simulation.cmdLine : simulation.entrypointLine;
    workdir = simulation.workdir;
    if (!composeService) {
        return;
    }
    service = composeService->name;
    composeFile = composeService->file;
    serviceLine = composeService->line;
    volumes = composeService->volumes;
    if (!composeService->workingDir.isEmpty()) {
        workdir = composeService->workingDir;
    }
    if (composeService->entrypointSet) {
        entrypoint = composeService->entrypoint;
        command.clear(); // a compose entrypoint clears the image CMD
        commandFile = composeService->file;
        commandLine = composeService->entrypointLine;
    }
    if (composeService->commandSet) {
        command = composeService->command;
        commandFile = composeService->file;
        commandLine = composeService->commandLine;
    }
}

QString ImageTarget::label(const QString &root) const
{
    if (service.isEmpty()) {
        return relativeTo(root, simulation.dockerfile);
    }
    return QStringLiteral("%1 (%2)").arg(service, relativeTo(root, composeFile));
}

} // namespace Revscope
