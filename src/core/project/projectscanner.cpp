#include "projectscanner.h"

#include "project/alembicconfig.h"
#include "project/directoryreader.h"
#include "project/inifile.h"
#include "project/pyprojectfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

// A non-alembic .ini bigger than this is not an Alembic config.
constexpr qint64 kMaxOtherIniSize = 1024 * 1024;

QString joined(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? folder + name : folder + QLatin1Char('/') + name;
}

QString cleanAbsolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// Config files found in one folder.
struct FolderConfigs
{
    bool alembicIni = false;
    bool pyproject = false;
    QStringList otherInis;
};

bool isOtherIni(const QString &name)
{
    return name != QLatin1String("alembic.ini") &&
           name.endsWith(QLatin1String(".ini"), Qt::CaseInsensitive) && name.size() > 4;
}

// Whether a pyproject.toml is an Alembic config of its own.
bool pyprojectRelevant(const PyProjectFile &pyproject)
{
    return pyproject.hasToolAlembic() || (pyproject.hasError() && pyproject.mentionsToolAlembic());
}

// Whether Alembic 1.16+ run with the ini beside it would read it: always,
// so a broken one matters even without [tool.alembic].
bool pairedWithIni(const PyProjectFile &pyproject)
{
    return pyproject.hasToolAlembic() || pyproject.hasError();
}

void sortByLabel(AlembicEnvironments *environments)
{
    std::stable_sort(
        environments->begin(), environments->end(),
        [](const AlembicEnvironment &a, const AlembicEnvironment &b) { return a.label < b.label; });
}

// Environments of the configs of one folder. `pyproject` may be null.
void environmentsOfIni(const IniFile &ini, bool alembicIni, const PyProjectFile *pyproject,
                       const QString &root, AlembicEnvironments *out)
{
    const bool paired = pyproject && pairedWithIni(*pyproject);
    const QStringList sections =
        AlembicConfig::environmentSections(ini, alembicIni, paired && pyproject->hasToolAlembic());
    for (const QString &section : sections) {
        out->append(AlembicConfig::fromIni(ini, section, paired ? pyproject : nullptr, root));
    }
}

IniFile readOtherIni(const QString &path, bool *candidate)
{
    *candidate = false;
    QFile file(path);
    if (file.size() > kMaxOtherIniSize || !file.open(QIODevice::ReadOnly)) {
        return IniFile();
    }
    const QByteArray data = file.readAll();
    // Cheap test first: option names are case-insensitive.
    if (!data.toLower().contains("script_location")) {
        return IniFile();
    }
    *candidate = true;
    return IniFile::fromData(data, path,
                             {{QStringLiteral("here"), QFileInfo(path).absolutePath()}});
}

class Scanner
{
public:
    explicit Scanner(const QString &root) : m_root(root) {}

    void run(ProjectScan *scan);

private:
    struct Pending
    {
        QString path;      // as reached from the root
        QString canonical; // real path
    };

    void walk(QList<Pending> *stack);
    void collect(const QString &folder, const QString &name);
    bool isVirtualenvByName(const QString &path, const QString &name) const;

    QString m_root;
    QString m_canonicalRoot;
    QSet<QString> m_visited;
    QList<Pending> m_links; // symlinked folders inside the root, walked after the real tree
    QMap<QString, FolderConfigs> m_configs;
    Findings m_findings;
};

bool Scanner::isVirtualenvByName(const QString &path, const QString &name) const
{
    if (name != QLatin1String("venv") && name != QLatin1String(".venv") &&
        name != QLatin1String("env")) {
        return false;
    }
    // bin/python is usually a symlink, dangling in a venv copied from elsewhere.
    const QString python = path + QStringLiteral("/bin/python");
    return DirectoryReader::exists(path + QStringLiteral("/pyvenv.cfg")) ||
           DirectoryReader::exists(python) || QFileInfo(python).isSymLink();
}

void Scanner::collect(const QString &folder, const QString &name)
{
    if (name == QLatin1String("alembic.ini")) {
        m_configs[folder].alembicIni = true;
    } else if (name == QLatin1String("pyproject.toml")) {
        m_configs[folder].pyproject = true;
    } else if (isOtherIni(name)) {
        m_configs[folder].otherInis.append(name);
    }
}

void Scanner::walk(QList<Pending> *stack)
{
    QList<DirectoryEntry> entries;
    while (!stack->isEmpty()) {
        const Pending current = stack->takeLast();
        if (m_visited.contains(current.canonical)) {
            continue;
        }
        m_visited.insert(current.canonical);
        const bool isRoot = current.path == m_root;

        QString error;
        // Unsorted: only the sub-folders need an order (sorted below), and a
        // versions folder may hold thousands of files.
        if (!DirectoryReader::list(current.path, &entries, &error,
                                   DirectoryReader::Order::Directory)) {
            m_findings.append(Finding::make(
                QStringLiteral("unreadable-file"), isRoot ? Severity::Error : Severity::Warning,
                QCoreApplication::translate(
                    "Revscope::ProjectScanner",
                    "Cannot read folder %1: %2. Alembic environments inside it are not found.")
                    .arg(current.path, error),
                current.path));
            continue;
        }
        if (!isRoot) {
            const bool virtualenv =
                std::any_of(entries.cbegin(), entries.cend(), [](const DirectoryEntry &entry) {
                    return entry.name == QLatin1String("pyvenv.cfg");
                });
            if (virtualenv) {
                continue;
            }
        }
        QList<Pending> children;
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            DirectoryEntry::Type type = entry.type;
            if (type == DirectoryEntry::Type::File) {
                collect(current.path, entry.name);
                continue;
            }
            if (type != DirectoryEntry::Type::Directory && type != DirectoryEntry::Type::SymLink) {
                continue;
            }
            const QString path = joined(current.path, entry.name);
            if (type == DirectoryEntry::Type::SymLink) {
                type = DirectoryReader::targetType(path);
                if (type == DirectoryEntry::Type::File) {
                    collect(current.path, entry.name);
                    continue;
                }
                if (type != DirectoryEntry::Type::Directory ||
                    ProjectScanner::isSkippedFolderName(entry.name)) {
                    continue;
                }
                const QString canonical = DirectoryReader::canonicalPath(path);
                if (DirectoryReader::isInside(canonical, m_canonicalRoot)) {
                    m_links.append(Pending{path, canonical});
                }
                continue;
            }
            if (ProjectScanner::isSkippedFolderName(entry.name) ||
                isVirtualenvByName(path, entry.name)) {
                continue;
            }
            children.append(Pending{path, joined(current.canonical, entry.name)});
        }
        std::sort(children.begin(), children.end(),
                  [](const Pending &a, const Pending &b) { return a.path < b.path; });
        // Reversed, so folders are walked in name order.
        for (qsizetype i = children.size() - 1; i >= 0; --i) {
            stack->append(children.at(i));
        }
    }
}

void Scanner::run(ProjectScan *scan)
{
    scan->root = m_root;
    m_canonicalRoot = DirectoryReader::canonicalPath(m_root);
    if (m_canonicalRoot.isEmpty() || !DirectoryReader::isDirectory(m_root)) {
        scan->findings.append(
            Finding::make(QStringLiteral("unreadable-file"), Severity::Error,
                          QCoreApplication::translate("Revscope::ProjectScanner",
                                                      "%1 is not a folder that can be read.")
                              .arg(m_root),
                          m_root));
        return;
    }

    QList<Pending> stack{Pending{m_root, m_canonicalRoot}};
    walk(&stack);
    // Symlinked folders last, so a folder reachable both ways is reported
    // under its real path.
    while (!m_links.isEmpty()) {
        const QList<Pending> links = m_links;
        m_links.clear();
        for (const Pending &link : links) {
            if (!m_visited.contains(link.canonical)) {
                stack.append(link);
                walk(&stack);
            }
        }
    }

    AlembicEnvironments environments;
    for (auto it = m_configs.cbegin(); it != m_configs.cend(); ++it) {
        const QString &folder = it.key();
        const FolderConfigs &configs = it.value();
        PyProjectFile pyproject;
        if (configs.pyproject) {
            pyproject = PyProjectFile::read(joined(folder, QStringLiteral("pyproject.toml")));
        }
        const PyProjectFile *beside = configs.pyproject ? &pyproject : nullptr;
        if (configs.alembicIni) {
            const IniFile ini =
                AlembicConfig::readIni(joined(folder, QStringLiteral("alembic.ini")));
            environmentsOfIni(ini, true, beside, m_root, &environments);
        } else if (configs.pyproject && pyprojectRelevant(pyproject)) {
            environments.append(AlembicConfig::fromPyProject(pyproject, m_root));
        }
        for (const QString &name : configs.otherInis) {
            bool candidate = false;
            const IniFile ini = readOtherIni(joined(folder, name), &candidate);
            if (candidate) {
                environmentsOfIni(ini, false, beside, m_root, &environments);
            }
        }
    }
    sortByLabel(&environments);
    scan->environments = environments;
    scan->findings += m_findings;
}

} // namespace

bool ProjectScanner::isSkippedFolderName(const QString &name)
{
    static const QSet<QString> skipped{
        QStringLiteral(".git"),  QStringLiteral("node_modules"), QStringLiteral("__pycache__"),
        QStringLiteral(".tox"),  QStringLiteral(".mypy_cache"),  QStringLiteral(".pytest_cache"),
        QStringLiteral("build"), QStringLiteral("dist"),         QStringLiteral("site-packages"),
    };
    return skipped.contains(name);
}

ProjectScan ProjectScanner::scan(const QString &root)
{
    ProjectScan result;
    Scanner(cleanAbsolute(root)).run(&result);
    return result;
}

AlembicEnvironments ProjectScanner::loadConfig(const QString &configFile, const QString &root,
                                               Findings *findings)
{
    AlembicEnvironments environments;
    const QString rootPath = root.isEmpty() ? QString() : cleanAbsolute(root);
    const QString path = QDir::cleanPath(QDir(rootPath).absoluteFilePath(configFile));
    const QFileInfo info(path);
    if (!info.isFile()) {
        if (findings) {
            findings->append(Finding::make(
                QStringLiteral("unreadable-file"), Severity::Error,
                info.exists() ? QCoreApplication::translate("Revscope::ProjectScanner",
                                                            "Config file %1 is not a file.")
                                    .arg(path)
                              : QCoreApplication::translate("Revscope::ProjectScanner",
                                                            "Config file %1 does not exist.")
                                    .arg(path),
                path));
        }
        return environments;
    }
    const QString folder = info.absolutePath();
    const QString pyprojectPath = folder + QStringLiteral("/pyproject.toml");
    const QString alembicIniPath = folder + QStringLiteral("/alembic.ini");

    if (info.fileName() == QLatin1String("pyproject.toml")) {
        const PyProjectFile pyproject = PyProjectFile::read(path);
        if (QFileInfo(alembicIniPath).isFile()) {
            const IniFile ini = AlembicConfig::readIni(alembicIniPath);
            environmentsOfIni(ini, true, &pyproject, rootPath, &environments);
        } else {
            environments.append(AlembicConfig::fromPyProject(pyproject, rootPath));
        }
    } else {
        PyProjectFile pyproject;
        const bool hasPyproject = QFileInfo(pyprojectPath).isFile();
        if (hasPyproject) {
            pyproject = PyProjectFile::read(pyprojectPath);
        }
        const IniFile ini = AlembicConfig::readIni(path);
        // Named explicitly, so it is an Alembic config like an alembic.ini.
        environmentsOfIni(ini, true, hasPyproject ? &pyproject : nullptr, rootPath, &environments);
    }
    sortByLabel(&environments);
    return environments;
}

} // namespace Revscope
