#include "composefile.h"

#include "image/gopath.h"
#include "image/shellword.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>

namespace Revscope {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString absoluteFrom(const QString &base, const QString &path)
{
    if (path.isEmpty()) {
        return GoPath::clean(base);
    }
    if (path.startsWith(u'/')) {
        return GoPath::clean(path);
    }
    if (path == u"~" || path.startsWith(QStringLiteral("~/"))) {
        return GoPath::clean(QString(QDir::homePath() + path.mid(1)));
    }
    return GoPath::join(base, path);
}

struct Loader
{
    Findings *findings;
    QHash<QString, QString> values;
    QString file;

    void error(int line, const QString &message)
    {
        findings->append(
            Finding::make(QStringLiteral("compose-error"), Severity::Error, message, file, line));
    }

    // Interpolates every scalar in place (keys too are left alone, as Compose does).
    void interpolateTree(YAML::Node node)
    {
        if (node.IsScalar()) {
            QString problem;
            const QString value = ComposeFile::interpolate(qs(node.Scalar()), values, &problem);
            if (!problem.isEmpty()) {
                error(node.Mark().line + 1, problem);
            }
            if (value != qs(node.Scalar())) {
                node = value.toStdString();
            }
        } else if (node.IsSequence()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                interpolateTree(node[i]);
            }
        } else if (node.IsMap()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                interpolateTree(it->second);
            }
        }
    }
};

// Compose's merge of an override mapping into a base one.
void mergeInto(YAML::Node base, const YAML::Node &over, const std::string &key = std::string())
{
    if (!over.IsMap() || !base.IsMap()) {
        return;
    }
    for (auto it = over.begin(); it != over.end(); ++it) {
        const std::string name = it->first.as<std::string>();
        YAML::Node existing = base[name];
        if (key == "services" || (existing.IsMap() && it->second.IsMap() &&
                                  (key.empty() || name == "build" || key == "build"))) {
            if (!existing.IsDefined() || existing.IsNull()) {
                base[name] = YAML::Clone(it->second);
            } else {
                mergeInto(existing, it->second, key == "services" ? std::string("service") : name);
            }
            continue;
        }
        if (name == "volumes" && key == "service" && existing.IsSequence() &&
            it->second.IsSequence()) {
            // Merged by mount target: an override replaces the entry with its target.
            for (const YAML::Node &entry : it->second) {
                const YAML::Node target = entry["target"];
                bool replaced = false;
                for (std::size_t i = 0; i < existing.size(); ++i) {
                    if (target.IsDefined() && existing[i]["target"].IsDefined() &&
                        existing[i]["target"].as<std::string>() == target.as<std::string>()) {
                        existing[i] = YAML::Clone(entry);
                        replaced = true;
                    }
                }
                if (!replaced) {
                    existing.push_back(YAML::Clone(entry));
                }
            }
            continue;
        }
        base[name] = YAML::Clone(it->second);
    }
}

// Short forms to long forms, so that merging works on one shape.
void normalise(YAML::Node services)
{
    if (!services.IsMap()) {
        return;
    }
    for (auto it = services.begin(); it != services.end(); ++it) {
        YAML::Node service = it->second;
        if (!service.IsMap()) {
            continue;
        }
        YAML::Node build = service["build"];
        if (build.IsScalar()) {
            YAML::Node longForm(YAML::NodeType::Map);
            longForm["context"] = build.Scalar();
            longForm.SetStyle(YAML::EmitterStyle::Block);
            service["build"] = longForm;
        }
        YAML::Node volumes = service["volumes"];
        if (volumes.IsSequence()) {
            for (std::size_t i = 0; i < volumes.size(); ++i) {
                if (!volumes[i].IsScalar()) {
                    continue;
                }
                // SOURCE:TARGET[:MODE] or TARGET (anonymous volume).
                const QString text = qs(volumes[i].Scalar());
                const QStringList parts = text.split(u':');
                YAML::Node entry(YAML::NodeType::Map);
                entry["__line"] = volumes[i].Mark().line + 1;
                if (parts.size() == 1) {
                    entry["type"] = "volume";
                    entry["target"] = parts.at(0).toStdString();
                } else {
                    const QString source = parts.at(0);
                    const bool bind = source.startsWith(u'.') || source.startsWith(u'/') ||
                                      source.startsWith(u'~');
                    entry["type"] = bind ? "bind" : "volume";
                    entry["source"] = source.toStdString();
                    entry["target"] = parts.at(1).toStdString();
                    if (parts.size() > 2 &&
                        parts.at(2).split(u',').contains(QStringLiteral("ro"))) {
                        entry["read_only"] = true;
                    }
                }
                volumes[i] = entry;
            }
        }
    }
}

// A child of a mapping, or a null node: never yaml-cpp's invalid node, which throws.
YAML::Node at(const YAML::Node &node, const char *key)
{
    if (!node.IsDefined() || !node.IsMap()) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    const YAML::Node child = node[key];
    return child.IsDefined() ? child : YAML::Node(YAML::NodeType::Undefined);
}

QStringList commandList(const YAML::Node &node)
{
    if (node.IsSequence()) {
        QStringList list;
        for (const YAML::Node &item : node) {
            list.append(item.IsScalar() ? qs(item.Scalar()) : QString());
        }
        return list;
    }
    if (node.IsScalar()) {
        return ShellWord::splitShell(qs(node.Scalar()));
    }
    return {};
}

} // namespace

QString ComposeFile::interpolate(const QString &text, const QHash<QString, QString> &values,
                                 QString *error)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'$' || i + 1 >= text.size()) {
            out += c;
            continue;
        }
        const QChar next = text.at(i + 1);
        if (next == u'$') {
            out += u'$';
            ++i;
            continue;
        }
        if (next == u'{') {
            // Find the matching brace (defaults may nest ${...}).
            int depth = 0;
            qsizetype end = i + 1;
            for (; end < text.size(); ++end) {
                if (text.at(end) == u'{') {
                    ++depth;
                } else if (text.at(end) == u'}' && --depth == 0) {
                    break;
                }
            }
            if (end >= text.size()) {
                if (error) {
                    *error = QCoreApplication::translate("ComposeFile",
                                                         "Invalid interpolation format in “%1”.")
                                 .arg(text);
                }
                out += text.mid(i);
                break;
            }
            const QString body = text.mid(i + 2, end - i - 2);
            i = end;
            qsizetype n = 0;
            while (n < body.size() && (body.at(n).isLetterOrNumber() || body.at(n) == u'_')) {
                ++n;
            }
            const QString name = body.left(n);
            const QString op = body.mid(n, body.mid(n).startsWith(u':') ? 2 : 1);
            const QString word = interpolate(body.mid(n + op.size()), values, error);
            const bool set = values.contains(name);
            const QString value = values.value(name);
            if (op.isEmpty()) {
                out += value;
            } else if (op == u":-") {
                out += value.isEmpty() ? word : value;
            } else if (op == u"-") {
                out += set ? value : word;
            } else if (op == u":+") {
                out += value.isEmpty() ? QString() : word;
            } else if (op == u"+") {
                out += set ? word : QString();
            } else if (op == u":?" || op == u"?") {
                if (op == u":?" ? value.isEmpty() : !set) {
                    if (error) {
                        *error = QCoreApplication::translate(
                                     "ComposeFile", "Required variable %1 is missing a value: %2")
                                     .arg(name, word);
                    }
                }
                out += value;
            } else {
                if (error) {
                    *error = QCoreApplication::translate("ComposeFile",
                                                         "Invalid interpolation format in “%1”.")
                                 .arg(text);
                }
            }
            continue;
        }
        if (next.isLetter() || next == u'_') {
            qsizetype end = i + 1;
            while (end < text.size() && (text.at(end).isLetterOrNumber() || text.at(end) == u'_')) {
                ++end;
            }
            out += values.value(text.mid(i + 1, end - i - 1));
            i = end - 1;
            continue;
        }
        out += c;
    }
    return out;
}

QHash<QString, QString> ComposeFile::readEnvFile(const QString &path)
{
    QHash<QString, QString> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return values;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        if (line.startsWith(QStringLiteral("export "))) {
            line = line.mid(7).trimmed();
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            continue;
        }
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && (value.startsWith(u'"') || value.startsWith(u'\''))) {
            const QChar quote = value.at(0);
            const qsizetype close = value.indexOf(quote, 1);
            value = close > 0 ? value.mid(1, close - 1) : value.mid(1);
            if (quote == u'"') {
                value.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
                value.replace(QStringLiteral("\\\""), QStringLiteral("\""));
            }
        } else {
            const qsizetype comment = value.indexOf(QStringLiteral(" #"));
            if (comment >= 0) {
                value = value.left(comment).trimmed();
            }
        }
        values.insert(key, value);
    }
    return values;
}

QStringList ComposeFile::discover(const QString &directory)
{
    QDir dir(directory);
    QStringList found;
    const QStringList names = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        if (name == u"compose.yaml" || name == u"compose.yml" ||
            ((name.startsWith(QStringLiteral("docker-compose"))) &&
             (name.endsWith(QStringLiteral(".yml")) || name.endsWith(QStringLiteral(".yaml"))))) {
            found.append(dir.filePath(name));
        }
    }
    return found;
}

QStringList ComposeFile::withOverride(const QString &mainFile)
{
    QStringList files = {mainFile};
    const QFileInfo info(mainFile);
    const QString base = info.completeBaseName();
    if (base == u"docker-compose" || base == u"compose") {
        const QString override =
            info.absolutePath() + u'/' + base + QStringLiteral(".override.") + info.suffix();
        if (QFileInfo::exists(override)) {
            files.append(override);
        }
    }
    return files;
}

const ComposeService *ComposeFile::service(const QString &name) const
{
    for (const ComposeService &service : m_services) {
        if (service.name == name) {
            return &service;
        }
    }
    return nullptr;
}

ComposeFile ComposeFile::load(const QStringList &files, const QHash<QString, QString> &environment)
{
    ComposeFile compose;
    compose.m_files = files;
    if (files.isEmpty()) {
        return compose;
    }
    compose.m_projectDirectory = QFileInfo(files.first()).absolutePath();
    QHash<QString, QString> values =
        readEnvFile(compose.m_projectDirectory + QStringLiteral("/.env"));
    for (auto it = environment.begin(); it != environment.end(); ++it) {
        values.insert(it.key(), it.value());
    }

    YAML::Node merged;
    QHash<QString, QPair<QString, int>> declared; // service -> first file and line
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            const QString message = QCoreApplication::translate("ComposeFile", "Cannot read %1: %2")
                                        .arg(path, file.errorString());
            compose.m_findings.append(
                Finding::make(QStringLiteral("unreadable-file"), Severity::Error, message, path));
            continue;
        }
        YAML::Node root;
        try {
            root = YAML::Load(file.readAll().toStdString());
        } catch (const YAML::Exception &e) {
            const QString message =
                QCoreApplication::translate("ComposeFile", "Malformed YAML: %1").arg(qs(e.msg));
            compose.m_findings.append(Finding::make(QStringLiteral("compose-error"),
                                                    Severity::Error, message, path,
                                                    e.mark.line >= 0 ? e.mark.line + 1 : 0));
            continue;
        }
        if (!root.IsMap()) {
            if (!root.IsNull()) {
                compose.m_findings.append(Finding::make(
                    QStringLiteral("compose-error"), Severity::Error,
                    QCoreApplication::translate("ComposeFile",
                                                "A Compose file must be a mapping at the top."),
                    path, root.Mark().line + 1));
            }
            continue;
        }
        Loader loader{&compose.m_findings, values, path};
        loader.interpolateTree(root);
        YAML::Node services = root["services"];
        if (services.IsDefined() && !services.IsMap() && !services.IsNull()) {
            loader.error(
                services.Mark().line + 1,
                QCoreApplication::translate("ComposeFile", "“services” must be a mapping."));
            continue;
        }
        normalise(services);
        if (services.IsMap()) {
            for (auto it = services.begin(); it != services.end(); ++it) {
                const QString name = qs(it->first.as<std::string>());
                if (!declared.contains(name)) {
                    declared.insert(name, {path, it->first.Mark().line + 1});
                }
                if (it->second.IsMap()) {
                    // Remember where lines came from, for findings about them.
                    if (it->second["command"].IsDefined()) {
                        it->second["__command_line"] = it->second["command"].Mark().line + 1;
                    }
                    if (it->second["entrypoint"].IsDefined()) {
                        it->second["__entrypoint_line"] = it->second["entrypoint"].Mark().line + 1;
                    }
                    if (it->second["build"].IsDefined()) {
                        it->second["__build_line"] = it->second["build"].Mark().line + 1;
                    }
                    YAML::Node volumes = it->second["volumes"];
                    for (std::size_t i = 0; volumes.IsSequence() && i < volumes.size(); ++i) {
                        if (volumes[i].IsMap()) {
                            if (!volumes[i]["__line"].IsDefined()) {
                                volumes[i]["__line"] = volumes[i].Mark().line + 1;
                            }
                            volumes[i]["__file"] = path.toStdString();
                        }
                    }
                }
            }
        }
        if (!merged.IsDefined() || merged.IsNull()) {
            merged = YAML::Clone(root);
        } else {
            YAML::Node base = merged["services"];
            if (!base.IsMap()) {
                merged["services"] = YAML::Clone(services);
            } else if (services.IsMap()) {
                mergeInto(base, services, "services");
            }
        }
    }
    if (!merged.IsDefined() || !merged["services"].IsMap()) {
        return compose;
    }

    const QString project = compose.m_projectDirectory;
    const YAML::Node services = merged["services"];
    for (auto it = services.begin(); it != services.end(); ++it) {
        const YAML::Node node = it->second;
        ComposeService service;
        service.name = qs(it->first.as<std::string>());
        service.file = declared.value(service.name).first;
        service.line = declared.value(service.name).second;
        if (!node.IsMap()) {
            compose.m_services.append(service);
            continue;
        }
        auto scalar = [](const YAML::Node &n) { return n.IsScalar() ? qs(n.Scalar()) : QString(); };
        const YAML::Node build = at(node, "build");
        if (build.IsMap()) {
            service.hasBuild = true;
            service.buildLine =
                at(node, "__build_line").IsDefined() ? at(node, "__build_line").as<int>() : 0;
            service.context = absoluteFrom(project, scalar(at(build, "context")));
            if (at(build, "dockerfile_inline").IsDefined()) {
                service.hasInlineDockerfile = true;
                service.dockerfileInline = scalar(at(build, "dockerfile_inline"));
                service.dockerfile = service.context + QStringLiteral("/Dockerfile");
            } else {
                const QString dockerfile = scalar(at(build, "dockerfile"));
                service.dockerfile =
                    absoluteFrom(service.context,
                                 dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : dockerfile);
            }
            service.target = scalar(at(build, "target"));
            const YAML::Node args = at(build, "args");
            if (args.IsMap()) {
                for (auto a = args.begin(); a != args.end(); ++a) {
                    if (!a->second.IsNull()) {
                        service.args.insert(qs(a->first.as<std::string>()), scalar(a->second));
                    }
                }
            } else if (args.IsSequence()) {
                for (const YAML::Node &a : args) {
                    const QString text = scalar(a);
                    const qsizetype eq = text.indexOf(u'=');
                    if (eq > 0) {
                        service.args.insert(text.left(eq), text.mid(eq + 1));
                    }
                }
            }
        }
        service.image = scalar(at(node, "image"));
        service.workingDir = scalar(at(node, "working_dir"));
        if (at(node, "command").IsDefined() && !at(node, "command").IsNull()) {
            service.commandSet = true;
            service.command = commandList(at(node, "command"));
            service.commandLine =
                at(node, "__command_line").IsDefined() ? at(node, "__command_line").as<int>() : 0;
        }
        if (at(node, "entrypoint").IsDefined() && !at(node, "entrypoint").IsNull()) {
            service.entrypointSet = true;
            service.entrypoint = commandList(at(node, "entrypoint"));
            service.entrypointLine = at(node, "__entrypoint_line").IsDefined()
                                         ? at(node, "__entrypoint_line").as<int>()
                                         : 0;
        }
        const YAML::Node volumes = at(node, "volumes");
        if (volumes.IsSequence()) {
            for (const YAML::Node &v : volumes) {
                if (!v.IsMap()) {
                    continue;
                }
                ComposeVolume volume;
                volume.type = scalar(at(v, "type"));
                if (volume.type.isEmpty()) {
                    volume.type = QStringLiteral("volume");
                }
                volume.target = GoPath::clean(scalar(at(v, "target")));
                volume.source = scalar(at(v, "source"));
                if (volume.type == u"bind") {
                    volume.source = absoluteFrom(project, volume.source);
                }
                volume.readOnly =
                    at(v, "read_only").IsDefined() && scalar(at(v, "read_only")) == u"true";
                volume.file = at(v, "__file").IsDefined() ? scalar(at(v, "__file")) : service.file;
                volume.line = at(v, "__line").IsDefined() ? at(v, "__line").as<int>() : 0;
                service.volumes.append(volume);
            }
        }
        compose.m_services.append(service);
    }
    return compose;
}

} // namespace Revscope
