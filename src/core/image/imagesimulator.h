#pragma once

#include "analysis/finding.h"
#include "image/buildcontext.h"
#include "image/dockerfile.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Revscope {

// Where one path of the simulated image came from.
struct ImageNode
{
    enum class Origin {
        Context,   // a build-context entry (contextIndex)
        Heredoc,   // a COPY <<NAME here-document
        Created,   // a folder made by WORKDIR or as a COPY destination
        FromStage, // copied from a stage or image whose content is not known here
    };

    QString path; // absolute image path
    bool directory = false;
    Origin origin = Origin::Created;
    int contextIndex = -1; // BuildContext::entries() index for Origin::Context
    QString heredoc;       // here-document name
    int line = 0;          // Dockerfile line of the instruction that put it there
    QString instruction;   // that instruction's text
    QString viaStage;      // non-empty when it came by COPY --from=<stage>
    QString stagePath;     // its path in that stage (or image)
    // Set on the members of a tar archive ADD extracted ("from archive
    // <archive>"; their origin is Created), and on the destination folder it
    // was extracted into, where archiveMember is empty and contextIndex is
    // the archive's entry.
    QString archive;       // the archive's context path
    QString archiveMember; // the member's path inside the archive
    bool symlink = false;  // a symbolic link, copied as a link
    QString linkTarget;    // its target as written in the link
};

// What a RUN line does to the simulation.
struct RunStep
{
    int line = 0;
    QString text;
    bool simulated = false; // a recognised bytecode clean-up that was applied
    QString effect;         // what was applied, e.g. "removed 3 file(s): rm -f *.pyc"
    int removed = 0;
};

// The fate of one regular file (or symlink) of the build context in the final image.
struct ContextFileFate
{
    QString contextPath;
    qint64 size = 0;
    bool included = false;
    QString imagePath; // set when included
    // Why: the deciding line. For an ignored file the ignore file and pattern
    // line, for a copied one the Dockerfile line, for a file a RUN removed
    // that RUN line; all empty for "not copied".
    QString reasonFile;
    int reasonLine = 0;
    QString reasonText;
    QString viaStage; // set when it arrived through COPY --from
    enum class Kind { Copied, Ignored, NotCopied, RemovedByRun } kind = Kind::NotCopied;
};

struct ImageBuildRequest
{
    QString dockerfile; // absolute path of the Dockerfile
    QString context;    // absolute path of the context folder
    QString target;     // stage name or index; empty: the last stage
    QHash<QString, QString> buildArgs;
    QString dockerfileText; // compose dockerfile_inline: used instead of reading `dockerfile`
    bool hasInlineDockerfile = false;
};

// The image a Dockerfile would build, as far as it can be known without
// building: every path the COPY/ADD instructions of the target stage (and of
// the stages it copies from) put there, with the line that did it.
struct ImageSimulation
{
    QString dockerfile;
    QString context;
    QString ignoreFile; // the ignore file used; empty when there is none
    QStringList stages; // stage names ("" for an unnamed one), in file order
    int targetStage = -1;
    QString workdir = QStringLiteral("/");
    QString user;
    QStringList cmd; // exec form; a shell form is ["/bin/sh", "-c", "..."]
    int cmdLine = 0;
    QStringList entrypoint;
    int entrypointLine = 0;
    QStringList volumes;         // VOLUME targets of the target stage
    QHash<QString, QString> env; // ENV of the target stage
    bool pythonDontWriteBytecode = false;
    int pythonDontWriteBytecodeLine = 0;

    QList<ImageNode> image;       // the final file system, sorted by path ('/' excluded)
    QList<ContextFileFate> files; // every non-folder context entry, once per placement
    QList<RunStep> runs;          // RUN lines of the target stage and the stages it uses
    // ADD lines that extract a local tar archive, one per archive: simulated
    // when its members were read, otherwise "extracted, contents not read".
    QList<RunStep> extractions;
    Findings findings;   // Dockerfile / ignore file / COPY problems
    bool failed = false; // BuildKit would stop with an error

    std::shared_ptr<const BuildContext> buildContext;

    const ImageNode *find(const QString &imagePath) const;
    // Image paths a context path lands at.
    QStringList imagePathsOf(const QString &contextPath) const;
};

// Simulates BuildKit building a Dockerfile's target stage: context filtered
// by the ignore file, stages, ARG/ENV expansion, WORKDIR, COPY/ADD (with
// --from, --parents, --exclude, --link, globs, heredocs), and RUN lines that
// delete files (`find … -name __pycache__ -exec rm …`, `find … -name
// '*.pyc' -delete`, `find … | xargs rm`, `pyclean`, `rm [-rf] <path or
// glob>`). Other RUN lines are listed as not simulated. ADD extracts local
// tar archives (plain and gzip read; bzip2 and xz recognised only); source
// symlinks are followed within the context.
class ImageSimulator
{
public:
    static ImageSimulation simulate(const ImageBuildRequest &request);
    // With a context already walked (the Dockerfile is still read from disk
    // unless the request carries inline text).
    static ImageSimulation simulate(const ImageBuildRequest &request,
                                    std::shared_ptr<const BuildContext> context);
};

} // namespace Revscope
