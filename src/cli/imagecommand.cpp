#include "imagecommand.h"

#include "commandoptions.h"
#include "image/imagejson.h"
#include "image/imagescanner.h"
#include "inspection/inspector.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"
#include "report/textreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace Revscope {

namespace {

QString relative(const QString &root, const QString &path)
{
    if (path.isEmpty()) {
        return path;
    }
    if (path == root) {
        return QStringLiteral(".");
    }
    if (path.startsWith(root + u'/')) {
        return path.mid(root.size() + 1);
    }
    return path;
}

QStringList composeFilesOf(const Inspection &inspection)
{
    QStringList files;
    for (const QString &file : inspection.imageFiles) {
        if (ImageScanner::isComposeFileName(QFileInfo(file).fileName())) {
            files.append(file);
        }
    }
    return files;
}

} // namespace

int ImageCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "ImageCommand",
        "Show which files of the build context land where in the Docker image, and why, "
        "with Docker's .dockerignore and BuildKit's COPY semantics; then check that the "
        "image holds what Alembic needs."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("ImageCommand",
                                    "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("ImageCommand", "Show this help."));
    const QCommandLineOption compose(
        QStringLiteral("compose"),
        QCoreApplication::translate("ImageCommand", "Compose file to read."),
        QStringLiteral("FILE"));
    const QCommandLineOption service(
        QStringLiteral("service"),
        QCoreApplication::translate("ImageCommand", "Compose service to show."),
        QStringLiteral("NAME"));
    const QCommandLineOption dockerfile(
        QStringLiteral("dockerfile"),
        QCoreApplication::translate("ImageCommand", "Dockerfile to build."),
        QStringLiteral("FILE"));
    const QCommandLineOption contextOption(
        QStringLiteral("context"),
        QCoreApplication::translate("ImageCommand",
                                    "Build context of --dockerfile (default: PATH)."),
        QStringLiteral("DIR"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("ImageCommand", "text (default) or json."),
        QStringLiteral("text|json"), QStringLiteral("text"));
    parser.addOptions({help, compose, service, dockerfile, contextOption, format});
    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("image"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    bool asJson = false;
    if (!CommandOptions::textOrJson(parser.value(format), QStringLiteral("image"), &asJson, err)) {
        return 2;
    }
    if (parser.isSet(compose) && parser.isSet(dockerfile)) {
        err << QCoreApplication::translate(
                   "ImageCommand",
                   "revscope image: use either --compose or --dockerfile, not both.")
            << '\n';
        return 2;
    }
    const QStringList positional = parser.positionalArguments();
    const QString root =
        QDir::cleanPath(QFileInfo(positional.isEmpty() ? QDir::currentPath() : positional.first())
                            .absoluteFilePath());
    if (!QFileInfo(root).isDir()) {
        err << QCoreApplication::translate("ImageCommand",
                                           "revscope image: %1 is not a readable folder.")
                   .arg(root)
            << '\n';
        return 2;
    }
    auto absolute = [&](const QString &path) {
        return QDir::cleanPath(QFileInfo(path).isAbsolute() ? path
                                                            : QDir::current().filePath(path));
    };

    InspectOptions options;
    options.root = root;
    const InspectionPtr inspection = Inspector::inspect(options);

    // The project's own targets come with the inspection; a named compose
    // file or Dockerfile is simulated here.
    ImageScan scan;
    if (parser.isSet(dockerfile)) {
        const QString file = absolute(parser.value(dockerfile));
        if (!QFileInfo(file).isFile()) {
            err << QCoreApplication::translate("ImageCommand",
                                               "revscope image: cannot read the Dockerfile %1.")
                       .arg(file)
                << '\n';
            return 2;
        }
        const QString context =
            parser.isSet(contextOption) ? absolute(parser.value(contextOption)) : root;
        if (!QFileInfo(context).isDir()) {
            err << QCoreApplication::translate(
                       "ImageCommand",
                       "revscope image: the build context %1 is not a readable folder.")
                       .arg(context)
                << '\n';
            return 2;
        }
        scan = ImageScanner::scanDockerfile(*inspection, file, context, composeFilesOf(*inspection),
                                            ImageScanner::systemEnvironment());
    } else if (parser.isSet(compose)) {
        const QString file = absolute(parser.value(compose));
        if (!QFileInfo(file).isFile()) {
            err << QCoreApplication::translate("ImageCommand",
                                               "revscope image: cannot read the compose file %1.")
                       .arg(file)
                << '\n';
            return 2;
        }
        scan = ImageScanner::scanCompose(*inspection, file, parser.value(service),
                                         composeFilesOf(*inspection),
                                         ImageScanner::systemEnvironment());
        if (scan.targets.isEmpty() && parser.isSet(service)) {
            err << QCoreApplication::translate(
                       "ImageCommand",
                       "revscope image: %1 has no service “%2” with a build section.")
                       .arg(file, parser.value(service))
                << '\n';
            return 2;
        }
    } else {
        if (parser.isSet(service)) {
            err << QCoreApplication::translate("ImageCommand",
                                               "revscope image: --service needs --compose.")
                << '\n';
            return 2;
        }
        if (parser.isSet(contextOption)) {
            err << QCoreApplication::translate("ImageCommand",
                                               "revscope image: --context needs --dockerfile.")
                << '\n';
            return 2;
        }
        scan.targets = inspection->images;
        scan.findings = ImageScanner::untargetedFindings(*inspection);
    }
    const QList<ImageTarget> &targets = scan.targets;
    const Findings &projectFindings = scan.findings;

    bool failing = false;
    for (const ImageTarget &target : targets) {
        for (const Finding &finding : target.findings) {
            failing = failing || finding.severity == Severity::Error;
        }
    }
    for (const Finding &finding : projectFindings) {
        failing = failing || finding.severity == Severity::Error;
    }

    if (asJson) {
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            return 2;
        }
        out.flush();
        JsonWriter json(&stdoutFile);
        json.beginObject();
        json.key(QLatin1String("schema"));
        json.value(QLatin1String("revscope.image/1"));
        json.key(QLatin1String("root"));
        json.value(root);
        json.key(QLatin1String("targets"));
        json.beginArray();
        for (const ImageTarget &target : targets) {
            ImageJson::writeTarget(json, *inspection, target);
        }
        json.endArray();
        // An extension of revscope.image/1: problems of no one target (a
        // compose file that is not valid YAML has no services).
        json.key(QLatin1String("findings"));
        json.beginArray();
        for (const Finding &finding : projectFindings) {
            JsonReport::writeFinding(json, *inspection, finding);
        }
        json.endArray();
        json.endObject();
        json.flush(); // the writer ends the document with its newline
        return failing ? 1 : 0;
    }

    for (const Finding &finding : std::as_const(projectFindings)) {
        out << QStringLiteral("%1:%2: %3: %4: %5\n")
                   .arg(relative(root, finding.file), QString::number(finding.line),
                        TextReport::severityWord(finding.severity), finding.code, finding.message);
    }
    for (const ImageTarget &t : targets) {
        const ImageSimulation &sim = t.simulation;
        out << QCoreApplication::translate("ImageCommand", "Image of %1").arg(t.label(root))
            << '\n';
        out << QCoreApplication::translate("ImageCommand",
                                           "  Dockerfile %1, context %2, ignore file %3")
                   .arg(relative(root, sim.dockerfile), relative(root, sim.context),
                        sim.ignoreFile.isEmpty()
                            ? QCoreApplication::translate("ImageCommand", "(none)")
                            : relative(root, sim.ignoreFile))
            << '\n';
        out << QCoreApplication::translate("ImageCommand", "  working directory %1, command: %2")
                   .arg(t.workdir, (t.entrypoint + t.command).join(u' '))
            << '\n';
        if (sim.pythonDontWriteBytecode) {
            out << QCoreApplication::translate(
                       "ImageCommand",
                       "  PYTHONDONTWRITEBYTECODE is set (line %1): no new bytecode at run time.")
                       .arg(sim.pythonDontWriteBytecodeLine)
                << '\n';
        }
        for (const RunStep &step : sim.runs) {
            out << QStringLiteral("  RUN line %1: %2\n")
                       .arg(QString::number(step.line), step.effect);
        }
        const QString contextPrefix =
            sim.context == root ? QString() : relative(root, sim.context) + u'/';
        for (const ContextFileFate &fate : sim.files) {
            out << QStringLiteral("  %1 %2 -> %3  [%4]\n")
                       .arg(fate.included ? QStringLiteral("+") : QStringLiteral("-"),
                            contextPrefix + fate.contextPath,
                            fate.included ? fate.imagePath : QStringLiteral("(not in image)"),
                            ImageJson::reason(*inspection, fate));
        }
        for (const ImageNode &node : sim.image) {
            if (node.origin == ImageNode::Origin::FromStage) {
                out << QCoreApplication::translate("ImageCommand",
                                                   "  %1 <- from stage %2: %3 (line %4)")
                           .arg(node.path, node.viaStage, node.stagePath,
                                QString::number(node.line))
                    << '\n';
            }
        }
        for (const Finding &finding : t.findings) {
            out << QStringLiteral("  %1:%2: %3: %4: %5\n")
                       .arg(relative(root, finding.file), QString::number(finding.line),
                            TextReport::severityWord(finding.severity), finding.code,
                            finding.message);
        }
    }
    if (targets.isEmpty()) {
        out << QCoreApplication::translate(
                   "ImageCommand",
                   "No Dockerfile or compose service with a build section under %1.")
                   .arg(root)
            << '\n';
    }
    return failing ? 1 : 0;
}

} // namespace Revscope
