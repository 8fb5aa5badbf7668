#include "imagescanner.h"

#include "image/imageanalyzer.h"
#include "inspection/inspection.h"
#include "project/directoryreader.h"
#include "project/projectscanner.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <algorithm>
#include <memory>

namespace Revscope {

namespace {

QString joined(const QString &folder, const QString &name)
{
    return folder.endsWith(u'/') ? folder + name : folder + u'/' + name;
}

bool sameFinding(const Finding &a, const Finding &b)
{
    return a.code == b.code && a.file == b.file && a.line == b.line && a.message == b.message;
}

// Simulates requests, walking each (context, ignore file) pair once.
class Simulator
{
public:
    ImageSimulation simulate(const ImageBuildRequest &request)
    {
        const QString ignoreFile = DockerIgnore::ignoreFileFor(request.dockerfile, request.context);
        const QString key = request.context + QChar(0) + ignoreFile;
        std::shared_ptr<const BuildContext> context = m_contexts.value(key);
        if (!context) {
            context = std::make_shared<const BuildContext>(
                BuildContext::scan(request.context, DockerIgnore::fromFile(ignoreFile)));
            m_contexts.insert(key, context);
        }
        return ImageSimulator::simulate(request, context);
    }

private:
    QHash<QString, std::shared_ptr<const BuildContext>> m_contexts;
};

int buildErrors(const ImageSimulation &simulation)
{
    int count = 0;
    for (const Finding &finding : simulation.findings) {
        if (finding.code == u"image-build-error") {
            ++count;
        }
    }
    return count;
}

ImageTarget composeTarget(Simulator &simulator, const ComposeService &service,
                          const QString &composeFile)
{
    ImageBuildRequest request;
    request.dockerfile = service.dockerfile;
    request.context = service.context;
    request.target = service.target;
    request.buildArgs = service.args;
    request.hasInlineDockerfile = service.hasInlineDockerfile;
    request.dockerfileText = service.dockerfileInline;
    ImageTarget target;
    target.simulation = simulator.simulate(request);
    target.applyService(&service);
    target.composeFile = composeFile;
    return target;
}

ImageTarget dockerfileTarget(Simulator &simulator, const QString &dockerfile,
                             const QString &context)
{
    ImageBuildRequest request;
    request.dockerfile = dockerfile;
    request.context = context;
    ImageTarget target;
    target.simulation = simulator.simulate(request);
    target.applyService(nullptr);
    return target;
}

// Main compose files (overrides are read with theirs).
QStringList mainComposeFiles(const QStringList &composeFiles)
{
    QStringList main;
    for (const QString &file : composeFiles) {
        if (!QFileInfo(file).fileName().contains(QStringLiteral(".override."))) {
            main.append(file);
        }
    }
    return main;
}

// Every service of the project's compose files, for image-volume-masks.
QList<ImageTarget> serviceVolumes(const QStringList &composeFiles,
                                  const QHash<QString, QString> &environment,
                                  QList<ComposeFile> *loaded = nullptr)
{
    QList<ImageTarget> others;
    for (const QString &file : mainComposeFiles(composeFiles)) {
        const ComposeFile compose = ComposeFile::load(ComposeFile::withOverride(file), environment);
        for (const ComposeService &service : compose.services()) {
            ImageTarget other;
            other.service = service.name;
            other.composeFile = file;
            other.volumes = service.volumes;
            others.append(other);
        }
        if (loaded) {
            loaded->append(compose);
        }
    }
    return others;
}

void analyze(ImageScan &scan, const Inspection &inspection, const QList<ImageTarget> &others)
{
    for (ImageTarget &target : scan.targets) {
        target.findings = target.simulation.findings;
        const Findings checks = ImageAnalyzer::analyze(target, inspection, others);
        for (const Finding &finding : checks) {
            const bool known =
                std::any_of(target.findings.cbegin(), target.findings.cend(),
                            [&](const Finding &other) { return sameFinding(finding, other); });
            if (!known) {
                target.findings.append(finding);
            }
        }
    }
}

} // namespace

bool ImageScanner::isDockerfileName(const QString &name)
{
    if (name.endsWith(QLatin1String(".dockerignore"))) {
        return false;
    }
    return name == QLatin1String("Dockerfile") || name.startsWith(QLatin1String("Dockerfile.")) ||
           (name.endsWith(QLatin1String(".Dockerfile")) && name.size() > 11);
}

bool ImageScanner::isComposeFileName(const QString &name)
{
    return name == QLatin1String("compose.yaml") || name == QLatin1String("compose.yml") ||
           name == QLatin1String("compose.override.yaml") ||
           name == QLatin1String("compose.override.yml") ||
           (name.startsWith(QLatin1String("docker-compose")) &&
            (name.endsWith(QLatin1String(".yml")) || name.endsWith(QLatin1String(".yaml"))));
}

void ImageScanner::discover(const QString &root, const QSet<QString> &skip,
                            QStringList *dockerfiles, QStringList *composeFiles)
{
    struct Pending
    {
        QString path;
        int depth;
    };
    QList<Pending> stack{{root, 1}};
    QList<DirectoryEntry> entries;
    while (!stack.isEmpty()) {
        const Pending current = stack.takeLast();
        QString error;
        // Unreadable folders are the project scanner's to report.
        if (!DirectoryReader::list(current.path, &entries, &error,
                                   DirectoryReader::Order::Directory)) {
            continue;
        }
        if (current.depth > 1 &&
            std::any_of(entries.cbegin(), entries.cend(), [](const DirectoryEntry &entry) {
                return entry.name == QLatin1String("pyvenv.cfg");
            })) {
            continue;
        }
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            const QString path = joined(current.path, entry.name);
            DirectoryEntry::Type type = entry.type;
            if (type == DirectoryEntry::Type::SymLink) {
                // A symlinked file counts; a symlinked folder is not entered.
                type = DirectoryReader::targetType(path);
                if (type != DirectoryEntry::Type::File) {
                    continue;
                }
            }
            if (type == DirectoryEntry::Type::File) {
                if (isDockerfileName(entry.name)) {
                    dockerfiles->append(path);
                } else if (isComposeFileName(entry.name)) {
                    composeFiles->append(path);
                }
            } else if (type == DirectoryEntry::Type::Directory && current.depth < kMaxDepth &&
                       !entry.name.startsWith(u'.') &&
                       !ProjectScanner::isSkippedFolderName(entry.name) && !skip.contains(path)) {
                stack.append(Pending{path, current.depth + 1});
            }
        }
    }
    dockerfiles->sort();
    composeFiles->sort();
}

ImageScan ImageScanner::scan(const Inspection &inspection, const QStringList &dockerfiles,
                             const QStringList &composeFiles,
                             const QHash<QString, QString> &environment)
{
    ImageScan scan;
    scan.dockerfiles = dockerfiles;
    scan.composeFiles = composeFiles;
    if (dockerfiles.isEmpty() && composeFiles.isEmpty()) {
        return scan;
    }
    Simulator simulator;
    QList<ComposeFile> loaded;
    const QList<ImageTarget> others = serviceVolumes(composeFiles, environment, &loaded);
    const QStringList mainFiles = mainComposeFiles(composeFiles);
    QSet<QString> built;
    for (int i = 0; i < loaded.size(); ++i) {
        const ComposeFile &compose = loaded.at(i);
        scan.findings += compose.findings();
        for (const ComposeService &service : compose.services()) {
            if (!service.hasBuild) {
                continue;
            }
            if (!service.hasInlineDockerfile) {
                built.insert(QDir::cleanPath(service.dockerfile));
            }
            scan.targets.append(composeTarget(simulator, service, mainFiles.at(i)));
        }
    }
    for (const QString &dockerfile : dockerfiles) {
        if (built.contains(QDir::cleanPath(dockerfile))) {
            continue;
        }
        ImageTarget target = dockerfileTarget(simulator, dockerfile, inspection.root);
        const QString folder = QFileInfo(dockerfile).absolutePath();
        if (folder != inspection.root && buildErrors(target.simulation) > 0) {
            // `docker build path/` rather than `docker build -f path/Dockerfile .`?
            ImageTarget own = dockerfileTarget(simulator, dockerfile, folder);
            if (buildErrors(own.simulation) < buildErrors(target.simulation)) {
                target = own;
            }
        }
        scan.targets.append(target);
    }
    analyze(scan, inspection, others);
    return scan;
}

ImageScan ImageScanner::scanCompose(const Inspection &inspection, const QString &composeFile,
                                    const QString &service, const QStringList &projectComposeFiles,
                                    const QHash<QString, QString> &environment)
{
    ImageScan scan;
    scan.composeFiles = {composeFile};
    Simulator simulator;
    const ComposeFile compose = ComposeFile::load({composeFile}, environment);
    scan.findings += compose.findings();
    for (const ComposeService &s : compose.services()) {
        if (s.hasBuild && (service.isEmpty() || s.name == service)) {
            scan.targets.append(composeTarget(simulator, s, composeFile));
        }
    }
    analyze(scan, inspection, serviceVolumes(projectComposeFiles, environment));
    return scan;
}

ImageScan ImageScanner::scanDockerfile(const Inspection &inspection, const QString &dockerfile,
                                       const QString &context,
                                       const QStringList &projectComposeFiles,
                                       const QHash<QString, QString> &environment)
{
    ImageScan scan;
    scan.dockerfiles = {dockerfile};
    Simulator simulator;
    scan.targets.append(dockerfileTarget(simulator, dockerfile, context));
    analyze(scan, inspection, serviceVolumes(projectComposeFiles, environment));
    return scan;
}

Findings ImageScanner::untargetedFindings(const Inspection &inspection)
{
    Findings out;
    if (inspection.imageFiles.isEmpty()) {
        return out;
    }
    const QSet<QString> files(inspection.imageFiles.cbegin(), inspection.imageFiles.cend());
    for (const Finding &finding : inspection.findings) {
        if (!files.contains(finding.file)) {
            continue;
        }
        bool targeted = false;
        for (const ImageTarget &target : inspection.images) {
            targeted = targeted || std::any_of(target.findings.cbegin(), target.findings.cend(),
                                               [&finding](const Finding &other) {
                                                   return sameFinding(finding, other);
                                               });
        }
        if (!targeted) {
            out.append(finding);
        }
    }
    return out;
}

QHash<QString, QString> ImageScanner::systemEnvironment()
{
    QHash<QString, QString> environment;
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    const QStringList keys = process.keys();
    for (const QString &key : keys) {
        environment.insert(key, process.value(key));
    }
    return environment;
}

} // namespace Revscope
