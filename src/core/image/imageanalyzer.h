#pragma once

#include "analysis/finding.h"
#include "image/imagetarget.h"
#include "inspection/inspection.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// The Alembic-aware image checks: image-missing-config, image-missing-scripts,
// image-bytecode-copied, image-volume-masks and dockerignore-no-bytecode-rule.
// `others` are the other targets of the project (a service of another
// compose file that bind-mounts what this image lacks gives image-volume-masks).
class ImageAnalyzer
{
public:
    static Findings analyze(const ImageTarget &target, const Inspection &inspection,
                            const QList<ImageTarget> &others = {});

    // The alembic invocation of a command line (also inside `sh -c "…"`):
    // true when found, with its `-c`/`--config` value (empty when absent).
    static bool findAlembic(const QString &commandLine, QString *config);
};

} // namespace Revscope
