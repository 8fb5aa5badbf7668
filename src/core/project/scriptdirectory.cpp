#include "scriptdirectory.h"

#include "project/directoryreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace Revscope {

namespace {

// Alembic's _sourceless_rev_file / _only_source_rev_file:
//   (?!\.\#|__init__)(.*\.py)(c|o)?$
struct RevisionFileMatch
{
    bool matched = false;
    QString pyName; // group(1): the name up to and including ".py"
    QChar suffix;   // 'c', 'o' or null
};

RevisionFileMatch matchRevisionFile(const QString &name, bool sourceless)
{
    RevisionFileMatch match;
    // ".*" never crosses a newline; such names cannot be loaded anyway.
    if (name.startsWith(QLatin1String(".#")) || name.startsWith(QLatin1String("__init__")) ||
        name.contains(QLatin1Char('\n'))) {
        return match;
    }
    if (name.endsWith(QLatin1String(".py"))) {
        match.matched = true;
        match.pyName = name;
    } else if (sourceless &&
               (name.endsWith(QLatin1String(".pyc")) || name.endsWith(QLatin1String(".pyo")))) {
        match.matched = true;
        match.pyName = name.chopped(1);
        match.suffix = name.back();
    }
    return match;
}

QString stemOf(const QString &name)
{
    // Python's name.split(".")[0]
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    return dot < 0 ? name : name.left(dot);
}

bool appearsInside(const QString &path, const QString &root)
{
    return path == root ||
           path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

class Lister
{
public:
    Lister(const AlembicEnvironment &env, Findings *findings) : m_env(env), m_findings(findings)
    {
        if (!env.root.isEmpty()) {
            m_root = QDir::cleanPath(env.root);
            m_canonicalRoot = DirectoryReader::canonicalPath(m_root);
        }
    }

    QList<ScriptFile> run();

private:
    struct Candidate
    {
        QString dir;  // folder Alembic joins the name to
        QString name; // may be "__pycache__/x.pyc" in the 1.8.1 listing
        DirectoryEntry::Type type;
        QString realPath;
    };

    void add(const QString &code, Severity severity, const QString &message, const QString &file,
             const QString &fix = QString());
    bool followable(const QString &folder, const QString &what);
    void listFlat(const QString &location, QList<Candidate> *candidates);
    void listRecursive(const QString &location, QList<Candidate> *candidates);
    QString realPathOf(const QString &canonicalDir, const QString &dir, const QString &name,
                       DirectoryEntry::Type type) const;
    bool isDirectory(const QString &path, DirectoryEntry::Type type) const
    {
        return type == DirectoryEntry::Type::Directory ||
               (type == DirectoryEntry::Type::SymLink && DirectoryReader::isDirectory(path));
    }

    const AlembicEnvironment &m_env;
    Findings *m_findings;
    QString m_root;
    QString m_canonicalRoot;
};

void Lister::add(const QString &code, Severity severity, const QString &message,
                 const QString &file, const QString &fix)
{
    if (!m_findings) {
        return;
    }
    Finding finding;
    finding.code = code;
    finding.severity = severity;
    finding.message = message;
    finding.environment = m_env.label;
    finding.file = file;
    finding.fix = fix;
    m_findings->append(finding);
}

// Whether `folder` may be read: not a path inside the project that a symlink
// sends outside it.
bool Lister::followable(const QString &folder, const QString &what)
{
    if (m_canonicalRoot.isEmpty() || !appearsInside(folder, m_root)) {
        return true;
    }
    const QString canonical = DirectoryReader::canonicalPath(folder);
    if (canonical.isEmpty() || DirectoryReader::isInside(canonical, m_canonicalRoot)) {
        return true;
    }
    add(QStringLiteral("unreadable-file"), Severity::Warning,
        QCoreApplication::translate(
            "Revscope::ScriptDirectory",
            "%1 %2 is a symbolic link to %3, outside the project; Revscope does not follow it, "
            "so its scripts are not inspected.")
            .arg(what, folder, canonical),
        folder);
    return false;
}

QString Lister::realPathOf(const QString &canonicalDir, const QString &dir, const QString &name,
                           DirectoryEntry::Type type) const
{
    if (type != DirectoryEntry::Type::SymLink && !canonicalDir.isEmpty()) {
        return canonicalDir + QLatin1Char('/') + name;
    }
    const QString full = dir + QLatin1Char('/') + name;
    const QString canonical = DirectoryReader::canonicalPath(full);
    // os.path.realpath() of a dangling link still yields a path.
    return canonical.isEmpty() ? QDir::cleanPath(full) : canonical;
}

// Alembic 1.8.1: os.listdir(vers), then with sourceless the __pycache__
// entries whose stem is not among the folder's names. The folder's own
// (unsorted) order is kept: it decides the order of heads, and so the order
// `alembic history` prints.
void Lister::listFlat(const QString &location, QList<Candidate> *candidates)
{
    QList<DirectoryEntry> entries;
    QString error;
    if (!DirectoryReader::list(location, &entries, &error, DirectoryReader::Order::Directory)) {
        add(QStringLiteral("unreadable-file"), Severity::Error,
            QCoreApplication::translate(
                "Revscope::ScriptDirectory",
                "Cannot read version location %1: %2. Alembic stops with the same error.")
                .arg(location, error),
            location);
        return;
    }
    const QString canonicalDir = DirectoryReader::canonicalPath(location);
    QSet<QString> stems;
    for (const DirectoryEntry &entry : std::as_const(entries)) {
        candidates->append(Candidate{location, entry.name, entry.type,
                                     realPathOf(canonicalDir, location, entry.name, entry.type)});
        stems.insert(stemOf(entry.name));
    }
    if (!m_env.sourceless) {
        return;
    }
    const QString cache = location + QStringLiteral("/__pycache__");
    if (!DirectoryReader::exists(cache) ||
        !followable(cache,
                    QCoreApplication::translate("Revscope::ScriptDirectory", "Bytecode folder"))) {
        return;
    }
    QList<DirectoryEntry> cached;
    if (!DirectoryReader::list(cache, &cached, &error, DirectoryReader::Order::Directory)) {
        add(QStringLiteral("unreadable-file"), Severity::Error,
            QCoreApplication::translate("Revscope::ScriptDirectory",
                                        "Cannot read %1: %2. Alembic stops with the same error.")
                .arg(cache, error),
            cache);
        return;
    }
    const QString canonicalCache = DirectoryReader::canonicalPath(cache);
    for (const DirectoryEntry &entry : std::as_const(cached)) {
        if (stems.contains(stemOf(entry.name))) {
            continue;
        }
        candidates->append(Candidate{location, QStringLiteral("__pycache__/") + entry.name,
                                     entry.type,
                                     realPathOf(canonicalCache, cache, entry.name, entry.type)});
    }
}

// Newer Alembic: os.walk(vers) top-down with folders and files sorted;
// symlinked folders are listed but not entered.
void Lister::listRecursive(const QString &location, QList<Candidate> *candidates)
{
    struct Pending
    {
        QString path;
        QString canonical;
        bool top;
    };
    QList<Pending> stack{{location, DirectoryReader::canonicalPath(location), true}};
    while (!stack.isEmpty()) {
        const Pending current = stack.takeLast();
        QList<DirectoryEntry> entries;
        QString error;
        if (!DirectoryReader::list(current.path, &entries, &error)) {
            // os.walk() skips folders it cannot read.
            add(QStringLiteral("unreadable-file"),
                current.top ? Severity::Error : Severity::Warning,
                QCoreApplication::translate(
                    "Revscope::ScriptDirectory",
                    "Cannot read folder %1: %2; Alembic skips it, so its scripts are not loaded.")
                    .arg(current.path, error),
                current.path);
            continue;
        }
        QList<DirectoryEntry> files;
        QList<DirectoryEntry> dirs;
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            if (isDirectory(current.path + QLatin1Char('/') + entry.name, entry.type)) {
                dirs.append(entry);
            } else {
                files.append(entry);
            }
        }
        if (!QFileInfo(current.path).fileName().endsWith(QLatin1String("__pycache__"))) {
            QSet<QString> stems;
            for (const DirectoryEntry &file : std::as_const(files)) {
                candidates->append(
                    Candidate{current.path, file.name, file.type,
                              realPathOf(current.canonical, current.path, file.name, file.type)});
                stems.insert(stemOf(file.name));
            }
            const QString cache = current.path + QStringLiteral("/__pycache__");
            if (m_env.sourceless && DirectoryReader::exists(cache) &&
                followable(cache, QCoreApplication::translate("Revscope::ScriptDirectory",
                                                              "Bytecode folder"))) {
                QList<DirectoryEntry> cached;
                if (DirectoryReader::list(cache, &cached, &error)) {
                    const QString canonicalCache = DirectoryReader::canonicalPath(cache);
                    for (const DirectoryEntry &entry : std::as_const(cached)) {
                        if (!stems.contains(stemOf(entry.name))) {
                            candidates->append(Candidate{
                                cache, entry.name, entry.type,
                                realPathOf(canonicalCache, cache, entry.name, entry.type)});
                        }
                    }
                }
            }
        }
        if (!m_env.recursiveVersionLocations) {
            break;
        }
        // Push in reverse so the first folder by name is walked first.
        for (qsizetype i = dirs.size() - 1; i >= 0; --i) {
            const DirectoryEntry &dir = dirs.at(i);
            if (dir.type == DirectoryEntry::Type::SymLink) {
                continue;
            }
            stack.append(Pending{current.path + QLatin1Char('/') + dir.name,
                                 current.canonical.isEmpty()
                                     ? QString()
                                     : current.canonical + QLatin1Char('/') + dir.name,
                                 false});
        }
    }
}

QList<ScriptFile> Lister::run()
{
    QList<ScriptFile> files;
    if (!m_env.usable || m_env.scriptLocation.isEmpty()) {
        return files;
    }
    const bool recursive = m_env.recursiveVersionLocations;

    QStringList locations;
    if (m_env.versionLocationsSet) {
        for (const QString &location : m_env.versionLocations) {
            if (DirectoryReader::exists(location)) {
                locations.append(location);
            } else {
                add(QStringLiteral("config-error"), Severity::Warning,
                    QCoreApplication::translate(
                        "Revscope::ScriptDirectory",
                        "Version location %1 does not exist; Alembic skips it.")
                        .arg(location),
                    m_env.configFile);
            }
        }
    } else {
        const QString versions =
            m_env.versionLocations.value(0, m_env.scriptLocation + QStringLiteral("/versions"));
        if (DirectoryReader::exists(versions)) {
            locations.append(versions);
        } else {
            add(QStringLiteral("config-error"), Severity::Warning,
                QCoreApplication::translate(
                    "Revscope::ScriptDirectory",
                    "The versions folder %1 does not exist: Alembic 1.8.1 stops with "
                    "FileNotFoundError, newer releases see no revisions.")
                    .arg(versions),
                m_env.configFile,
                QCoreApplication::translate("Revscope::ScriptDirectory",
                                            "Create the folder, or set version_locations."));
        }
    }

    QSet<QString> loaded;
    for (const QString &location : std::as_const(locations)) {
        if (!followable(location, QCoreApplication::translate("Revscope::ScriptDirectory",
                                                              "Version location"))) {
            continue;
        }
        if (!DirectoryReader::isDirectory(location)) {
            add(QStringLiteral("config-error"), Severity::Error,
                QCoreApplication::translate(
                    "Revscope::ScriptDirectory",
                    "Version location %1 is not a folder; Alembic stops with NotADirectoryError.")
                    .arg(location),
                m_env.configFile);
            continue;
        }
        QList<Candidate> candidates;
        if (recursive) {
            listRecursive(location, &candidates);
        } else {
            listFlat(location, &candidates);
        }
        int duplicates = 0;
        for (const Candidate &candidate : std::as_const(candidates)) {
            if (loaded.contains(candidate.realPath)) {
                ++duplicates;
                continue;
            }
            loaded.insert(candidate.realPath);

            // Alembic 1.8.1 matches the listed name in the version folder;
            // the os.walk releases match the real file's name in its folder.
            QString dir = candidate.dir;
            QString name = candidate.name;
            if (recursive) {
                const QFileInfo real(candidate.realPath);
                dir = real.absolutePath();
                name = real.fileName();
            }
            const RevisionFileMatch match = matchRevisionFile(name, m_env.sourceless);
            if (!match.matched) {
                continue;
            }
            if (!match.suffix.isNull()) {
                const bool pyExists =
                    DirectoryReader::exists(dir + QLatin1Char('/') + match.pyName);
                const bool pycExists = DirectoryReader::exists(dir + QLatin1Char('/') +
                                                               match.pyName + QLatin1Char('c'));
                if (pyExists || (match.suffix == QLatin1Char('o') && pycExists)) {
                    continue;
                }
            }
            const QString path = QDir::cleanPath(candidate.dir + QLatin1Char('/') + candidate.name);
            if (isDirectory(path, candidate.type)) {
                add(QStringLiteral("unreadable-file"), Severity::Error,
                    QCoreApplication::translate(
                        "Revscope::ScriptDirectory",
                        "%1 is a folder named like a revision script; Alembic fails trying to load "
                        "it.")
                        .arg(path),
                    path,
                    QCoreApplication::translate("Revscope::ScriptDirectory",
                                                "Rename or move the folder."));
                continue;
            }
            // A regular file the folder listed exists; only links can dangle.
            if (candidate.type != DirectoryEntry::Type::File && !DirectoryReader::exists(path)) {
                add(QStringLiteral("unreadable-file"), Severity::Warning,
                    QCoreApplication::translate(
                        "Revscope::ScriptDirectory",
                        "%1 is a broken symbolic link; Alembic loads its bytecode from __pycache__ "
                        "if there is one, and otherwise fails.")
                        .arg(path),
                    path);
                continue;
            }
            files.append(ScriptFile{path, !match.suffix.isNull()});
        }
        if (duplicates > 0) {
            add(QStringLiteral("config-error"), Severity::Info,
                QCoreApplication::translate(
                    "Revscope::ScriptDirectory",
                    "%n file(s) in %1 were already loaded from another version location; Alembic "
                    "loads each file once and warns \"loaded twice\".",
                    nullptr, duplicates)
                    .arg(location),
                m_env.configFile,
                QCoreApplication::translate("Revscope::ScriptDirectory",
                                            "Make version_locations list each folder once."));
        }
    }
    return files;
}

} // namespace

QList<ScriptFile> ScriptDirectory::listScriptFiles(const AlembicEnvironment &env,
                                                   Findings *findings)
{
    return Lister(env, findings).run();
}

} // namespace Revscope
