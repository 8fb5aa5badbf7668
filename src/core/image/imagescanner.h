#pragma once

#include "analysis/finding.h"
#include "image/imagetarget.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Revscope {

struct Inspection;

// The images a project builds, simulated and checked.
struct ImageScan
{
    QStringList dockerfiles;  // found, absolute, sorted
    QStringList composeFiles; // found, absolute, sorted (overrides included)
    QList<ImageTarget> targets;
    // Problems of the compose files themselves (malformed YAML, a bad
    // interpolation); the targets carry their own.
    Findings findings;
};

// Finds a project's Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`)
// and compose files (`compose.y(a)ml`, `docker-compose*.y(a)ml`), turns them
// into image targets, simulates each (ImageSimulator) and runs the image
// checks (ImageAnalyzer). Targets sharing a build context and ignore file
// share one walk of it.
class ImageScanner
{
public:
    static bool isDockerfileName(const QString &name);
    static bool isComposeFileName(const QString &name);

    // Walks `root` down to kMaxDepth folders, not entering the folders
    // ProjectScanner skips, hidden folders, virtualenvs, symlinked folders or
    // the absolute folders in `skip` (version locations: a Dockerfile never
    // lives among migrations, and they can hold thousands of files).
    static constexpr int kMaxDepth = 4;
    static void discover(const QString &root, const QSet<QString> &skip, QStringList *dockerfiles,
                         QStringList *composeFiles);

    // Every compose service with a build section (each main compose file read
    // with its override), then every Dockerfile no service builds, with the
    // project root as its context (or its own folder when only that makes its
    // COPY sources exist). `environment` feeds compose interpolation.
    static ImageScan scan(const Inspection &inspection, const QStringList &dockerfiles,
                          const QStringList &composeFiles,
                          const QHash<QString, QString> &environment);

    // The services of one compose file (read without overrides); only
    // `service` when set. `projectComposeFiles` are the project's other
    // compose files, read for image-volume-masks.
    static ImageScan scanCompose(const Inspection &inspection, const QString &composeFile,
                                 const QString &service, const QStringList &projectComposeFiles,
                                 const QHash<QString, QString> &environment);
    // One Dockerfile built with `context`.
    static ImageScan scanDockerfile(const Inspection &inspection, const QString &dockerfile,
                                    const QString &context, const QStringList &projectComposeFiles,
                                    const QHash<QString, QString> &environment);

    // Findings about the inspection's image files that belong to no target
    // (a compose file that is not valid YAML, ...).
    static Findings untargetedFindings(const Inspection &inspection);

    static QHash<QString, QString> systemEnvironment();
};

} // namespace Revscope
