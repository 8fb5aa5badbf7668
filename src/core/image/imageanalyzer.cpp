#include "imageanalyzer.h"

#include "image/gopath.h"
#include "image/shellword.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace Revscope {

namespace {

bool isBytecodePath(const QString &path)
{
    return path.endsWith(QStringLiteral(".pyc")) || path.endsWith(QStringLiteral(".pyo")) ||
           path.contains(QStringLiteral("/__pycache__/"));
}

} // namespace

bool ImageAnalyzer::findAlembic(const QString &commandLine, QString *config)
{
    static const QRegularExpression alembic(
        QStringLiteral("(?:^|[\\s;&|/(\"'])alembic(?:\\s+([^;&|\\n\"']*))?"));
    QRegularExpressionMatchIterator it = alembic.globalMatch(commandLine);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QStringList words = ShellWord::splitShell(m.captured(1));
        // A path ending in "alembic" (a folder) is not the command: it needs a subcommand.
        if (words.isEmpty()) {
            continue;
        }
        QString value;
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString &w = words.at(i);
            if ((w == u"-c" || w == u"--config") && i + 1 < words.size()) {
                value = words.at(i + 1);
            } else if (w.startsWith(QStringLiteral("--config="))) {
                value = w.mid(9);
            }
        }
        const bool runs = words.contains(QStringLiteral("upgrade")) ||
                          words.contains(QStringLiteral("downgrade")) ||
                          words.contains(QStringLiteral("current")) ||
                          words.contains(QStringLiteral("stamp")) || !value.isEmpty();
        if (runs) {
            if (config) {
                *config = value;
            }
            return true;
        }
    }
    return false;
}

Findings ImageAnalyzer::analyze(const ImageTarget &target, const Inspection &inspection,
                                const QList<ImageTarget> &others)
{
    Findings findings;
    const ImageSimulation &sim = target.simulation;
    if (!sim.buildContext) {
        return findings;
    }
    const BuildContext &context = *sim.buildContext;
    const QString contextRoot = context.root();
    const QString where =
        target.service.isEmpty() ? QFileInfo(sim.dockerfile).fileName() : target.service;

    // --- The command that runs Alembic (directly, or from a start script in the image).
    QString commandText = (target.entrypoint + target.command).join(u' ');
    QString commandFile = target.commandFile;
    int commandLine = target.commandLine;
    QString configArg;
    bool runsAlembic = findAlembic(commandText, &configArg);
    if (!runsAlembic) {
        const QStringList words = target.entrypoint + target.command;
        for (const QString &word : words) {
            for (const QString &candidate : ShellWord::splitShell(word)) {
                if (!candidate.endsWith(QStringLiteral(".sh")) && !candidate.contains(u'/')) {
                    continue;
                }
                const QString imagePath = candidate.startsWith(u'/')
                                              ? GoPath::clean(candidate)
                                              : GoPath::join(target.workdir, candidate);
                const ImageNode *node = sim.find(imagePath);
                if (!node || node->directory || node->origin != ImageNode::Origin::Context) {
                    continue;
                }
                const QString script =
                    contextRoot + u'/' + context.entries().at(node->contextIndex).path;
                QFile file(script);
                if (file.size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
                    continue;
                }
                const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
                for (qsizetype i = 0; i < lines.size() && !runsAlembic; ++i) {
                    if (!lines.at(i).trimmed().startsWith(u'#') &&
                        findAlembic(lines.at(i), &configArg)) {
                        runsAlembic = true;
                        commandFile = script;
                        commandLine = int(i + 1);
                        commandText = lines.at(i).trimmed();
                    }
                }
            }
        }
    }

    if (runsAlembic) {
        const QString configName = configArg.isEmpty() ? QStringLiteral("alembic.ini") : configArg;
        const QString configPath = configName.startsWith(u'/')
                                       ? GoPath::clean(configName)
                                       : GoPath::join(target.workdir, configName);
        const ImageNode *config = sim.find(configPath);
        // The service's own bind mount supplies the config at run time (a
        // development compose file): it runs, and image-volume-masks tells
        // about the image that lacks it when another compose file runs it.
        bool mounted = false;
        for (const ComposeVolume &volume : target.volumes) {
            const QString prefix =
                volume.target == u"/" ? QStringLiteral("/") : volume.target + u'/';
            mounted = mounted ||
                      (volume.type == u"bind" && configPath.startsWith(prefix) &&
                       QFileInfo::exists(volume.source + u'/' + configPath.mid(prefix.size())));
        }
        if ((!config || config->directory) && !mounted) {
            // Candidates in the context: the project's Alembic configs.
            QStringList candidates;
            for (const EnvironmentInspection &env : inspection.environments) {
                if (env.environment.configFile.startsWith(contextRoot + u'/')) {
                    candidates.append(env.environment.configFile.mid(contextRoot.size() + 1));
                }
            }
            const QString message =
                QCoreApplication::translate(
                    "ImageAnalyzer",
                    "%1 runs “%2” in %3, but %4 is not in the image: no COPY puts it there, so "
                    "Alembic fails with “No 'script_location' key found in configuration”.")
                    .arg(where, commandText.simplified(), target.workdir, configPath);
            Finding finding = Finding::make(QStringLiteral("image-missing-config"), Severity::Error,
                                            message, commandFile, commandLine);
            if (!candidates.isEmpty()) {
                finding.fix = QCoreApplication::translate(
                                  "ImageAnalyzer",
                                  "Copy the config into the image, e.g. “COPY %1 %2”, together "
                                  "with its script_location folder.")
                                  .arg(candidates.first(), configPath);
            }
            findings.append(finding);

            // Does another compose file run the same service with a bind mount hiding the gap?
            for (const ImageTarget &other : others) {
                if (other.service != target.service || other.composeFile == target.composeFile ||
                    other.service.isEmpty()) {
                    continue;
                }
                for (const ComposeVolume &volume : other.volumes) {
                    if (volume.type != u"bind") {
                        continue;
                    }
                    const QString prefix =
                        volume.target == u"/" ? QStringLiteral("/") : volume.target + u'/';
                    if (!configPath.startsWith(prefix)) {
                        continue;
                    }
                    const QString host = volume.source + u'/' + configPath.mid(prefix.size());
                    if (!QFileInfo::exists(host)) {
                        continue;
                    }
                    const QString otherName = QFileInfo(other.composeFile).fileName();
                    const QString thisName = QFileInfo(target.composeFile).fileName();
                    const QString sourceText =
                        volume.source.startsWith(inspection.root + u'/')
                            ? QStringLiteral("./") + volume.source.mid(inspection.root.size() + 1)
                            : volume.source;
                    const QString mask =
                        QCoreApplication::translate(
                            "ImageAnalyzer",
                            "Service %1 works under %2 only because %3 is mounted at %4; %5 has "
                            "no such mount, and its image lacks %6.")
                            .arg(target.service, otherName, sourceText, volume.target, thisName,
                                 configPath);
                    Finding masks =
                        Finding::make(QStringLiteral("image-volume-masks"), Severity::Warning, mask,
                                      volume.file, volume.line);
                    masks.fix = QCoreApplication::translate(
                        "ImageAnalyzer", "Test the image without the mount, or copy the files the "
                                         "mount provides in the Dockerfile.");
                    findings.append(masks);
                }
            }
        } else if (config && !config->directory && config->origin == ImageNode::Origin::Context) {
            const QString hostConfig =
                contextRoot + u'/' + context.entries().at(config->contextIndex).path;
            for (const EnvironmentInspection &env : inspection.environments) {
                if (env.environment.configFile != hostConfig) {
                    continue;
                }
                const QString raw = env.environment.scriptLocationRaw;
                const QString hostConfigDir = QFileInfo(hostConfig).absolutePath();
                QString scriptDir;
                if (raw.startsWith(u'/')) {
                    scriptDir = raw.startsWith(hostConfigDir + u'/')
                                    ? GoPath::join(GoPath::dir(configPath),
                                                   raw.mid(hostConfigDir.size() + 1))
                                    : raw;
                } else {
                    // Alembic takes a relative script_location against the working directory.
                    scriptDir = GoPath::join(target.workdir, raw);
                }
                const ImageNode *envPy = sim.find(scriptDir + QStringLiteral("/env.py"));
                QStringList missing;
                for (const Revision &revision : env.graph.nodes()) {
                    if (revision.origin != RevisionOrigin::Source || revision.file.isEmpty() ||
                        !revision.file.startsWith(env.environment.scriptLocation + u'/')) {
                        continue;
                    }
                    const QString imagePath =
                        scriptDir + u'/' +
                        revision.file.mid(env.environment.scriptLocation.size() + 1);
                    if (!sim.find(imagePath)) {
                        missing.append(imagePath);
                    }
                }
                if (!envPy || !missing.isEmpty()) {
                    const QString what =
                        !envPy ? scriptDir + QStringLiteral("/env.py") : missing.first();
                    const QString message =
                        QCoreApplication::translate(
                            "ImageAnalyzer",
                            "%1 uses %2 (script_location %3), but %4 is not in the image (%5 "
                            "revision file(s) missing): Alembic cannot load the migrations.")
                            .arg(where, configPath, scriptDir, what,
                                 QString::number(missing.size()));
                    Finding finding =
                        Finding::make(QStringLiteral("image-missing-scripts"), Severity::Error,
                                      message, commandFile, commandLine);
                    finding.environment = env.label;
                    finding.fix = QCoreApplication::translate(
                                      "ImageAnalyzer", "Copy the script_location folder to %1.")
                                      .arg(scriptDir);
                    findings.append(finding);
                }
            }
        }
    }

    // --- Bytecode that reaches the image.
    QHash<QString, const BytecodeInfo *> bytecodeByPath;
    for (const BytecodeInfo &info : inspection.bytecode) {
        bytecodeByPath.insert(info.path, &info);
    }
    int copied = 0;
    const ImageNode *first = nullptr;
    QStringList strayRevisions;
    for (const ImageNode &node : sim.image) {
        if (node.directory || node.origin != ImageNode::Origin::Context ||
            !isBytecodePath(node.path)) {
            continue;
        }
        ++copied;
        if (!first) {
            first = &node;
        }
        const QString host = contextRoot + u'/' + context.entries().at(node.contextIndex).path;
        const BytecodeInfo *info = bytecodeByPath.value(host);
        if (info && info->status == BytecodeStatus::Stray && !info->revision().isEmpty() &&
            !strayRevisions.contains(info->revision())) {
            strayRevisions.append(info->revision());
        }
    }
    if (copied > 0) {
        QString message =
            QCoreApplication::translate("ImageAnalyzer",
                                        "%n file(s) of bytecode reach the image of %1 (first: "
                                        "%2, by line %3).",
                                        nullptr, copied)
                .arg(where, first->path, QString::number(first->line));
        if (!strayRevisions.isEmpty()) {
            const int strayCount = static_cast<int>(strayRevisions.size());
            message += u' ' + QCoreApplication::translate(
                                  "ImageAnalyzer",
                                  "They define %n revision(s) no source file defines: %1; with "
                                  "sourceless on, or as stale caches, Alembic can load them.",
                                  nullptr, strayCount)
                                  .arg(strayRevisions.join(QStringLiteral(", ")));
        }
        Finding finding =
            Finding::make(QStringLiteral("image-bytecode-copied"),
                          strayRevisions.isEmpty() ? Severity::Warning : Severity::Error, message,
                          sim.dockerfile, first->line);
        finding.fix = QCoreApplication::translate(
            "ImageAnalyzer", "Add “**/__pycache__” and “**/*.pyc” to the ignore file.");
        findings.append(finding);
    }

    // --- An ignore file without a rule for bytecode at any depth.
    bool hasPython = false;
    for (const ContextEntry &entry : context.entries()) {
        if (entry.path.endsWith(QStringLiteral(".py"))) {
            hasPython = true;
            break;
        }
    }
    const DockerIgnore &ignore = context.ignore();
    if (hasPython &&
        (!ignore.isExcluded(QStringLiteral("pkg/__pycache__/mod.cpython-312.pyc")) ||
         !ignore.isExcluded(QStringLiteral("pkg/sub/__pycache__/mod.cpython-312.pyc")))) {
        const QString file = sim.ignoreFile.isEmpty()
                                 ? contextRoot + QStringLiteral("/.dockerignore")
                                 : sim.ignoreFile;
        const QString message =
            sim.ignoreFile.isEmpty()
                ? QCoreApplication::translate(
                      "ImageAnalyzer",
                      "The build context of %1 has no .dockerignore, so every __pycache__ "
                      "folder is sent and can be copied into the image.")
                      .arg(where)
                : QCoreApplication::translate(
                      "ImageAnalyzer",
                      "%1 has no rule that excludes __pycache__ folders at every depth "
                      "(“__pycache__” and “*.pyc” only match at the context root).")
                      .arg(QFileInfo(file).fileName());
        Finding finding = Finding::make(QStringLiteral("dockerignore-no-bytecode-rule"),
                                        Severity::Warning, message, file, 0);
        finding.fix =
            QCoreApplication::translate("ImageAnalyzer", "Add “**/__pycache__” and “**/*.pyc”.");
        findings.append(finding);
    }
    return findings;
}

} // namespace Revscope
