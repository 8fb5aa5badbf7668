#pragma once

#include "image/imagesimulator.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// Why one build-context path ends up (or not) in the image: the ignore line
// that decides whether it is sent, then each COPY/ADD that places it, or the
// RUN line that removes it again.
struct PathExplanation
{
    QString contextPath; // cleaned, relative to the context
    bool inContext = false;
    bool directory = false;

    bool excluded = false; // not sent to the builder
    QString ignoreFile;    // the deciding pattern's file and line; empty when no pattern matched
    int ignoreLine = 0;
    QString ignorePattern;

    struct Placement
    {
        QString contextPath; // the file placed (for a folder: one of its files)
        QString imagePath;
        int line = 0; // Dockerfile line
        QString instruction;
        QString viaStage;
    };
    QList<Placement> placements; // for a folder: every file under it
    int removedByLine = 0;       // a RUN line that deleted the copy
    QString removedByText;

    // The explanation as sentences, for display.
    QStringList sentences;
};

class ImageExplainer
{
public:
    // `contextPath` is relative to the simulation's context ('/' or '\' separated,
    // "./" and a leading '/' allowed, as in a .dockerignore).
    static PathExplanation explain(const ImageSimulation &simulation, const QString &contextPath);
};

} // namespace Revscope
