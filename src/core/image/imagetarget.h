#pragma once

#include "analysis/finding.h"
#include "image/composefile.h"
#include "image/imagesimulator.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// One image to check: a compose service (or a bare Dockerfile) and what it
// runs. Compose `command`/`entrypoint`/`working_dir` override the image's.
struct ImageTarget
{
    QString service;     // empty for a bare Dockerfile
    QString composeFile; // absolute; empty for a bare Dockerfile
    int serviceLine = 0;
    ImageSimulation simulation;
    QStringList entrypoint; // effective
    QStringList command;    // effective
    QString commandFile;    // where the effective command is written
    int commandLine = 0;
    QString workdir; // effective working directory
    QList<ComposeVolume> volumes;
    // The simulation's findings (Dockerfile, ignore file, COPY problems) and
    // the image checks' (ImageAnalyzer), in that order.
    Findings findings;

    // Fills the effective fields from the image and the compose service (may be null).
    void applyService(const ComposeService *composeService);

    // "api (docker-compose.prod.yml)" for a service, the Dockerfile's path
    // for a bare Dockerfile; paths are made relative to `root`.
    QString label(const QString &root) const;
};

} // namespace Revscope
