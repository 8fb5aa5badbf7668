#include "bytecodescanner.h"

#include "project/directoryreader.h"
#include "project/projectscanner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace Revscope {

namespace {

const QString kCacheFolder = QStringLiteral("__pycache__");

QString joined(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? folder + name : folder + QLatin1Char('/') + name;
}

bool appearsInside(const QString &path, const QString &root)
{
    return path == root ||
           path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

// Collects bytecode paths; reading happens afterwards, in parallel.
class Collector
{
public:
    Collector(const QString &root, const AlembicEnvironments &environments,
              const BytecodeScanLimits &limits)
        : m_root(root), m_environments(environments), m_limits(limits)
    {
        m_canonicalRoot = DirectoryReader::canonicalPath(root);
    }

    void run();

    struct Found
    {
        QString path;
        bool inVersionLocation = false;
        QList<int> environments;
    };
    QList<Found> m_found;
    Findings m_findings;

private:
    void scanLocation(int environment, const QString &location, bool recursive);
    void scanProject();
    // Lists `folder` (a __pycache__ or any other folder) and records its
    // bytecode files. Returns the entries, or false when unreadable.
    bool listFolder(const QString &folder, const QString &canonical, int environment,
                    QList<DirectoryEntry> *entries, bool reportErrors);
    void consider(const QString &folder, const QString &canonicalFolder,
                  const DirectoryEntry &entry, int environment);
    bool isVirtualenv(const QString &path, const QString &name,
                      const QList<DirectoryEntry> &entries) const;
    bool insideRoot(const QString &path, QString *canonical) const;
    bool full();

    QString m_root;
    QString m_canonicalRoot;
    const AlembicEnvironments &m_environments;
    BytecodeScanLimits m_limits;
    QHash<QString, int> m_seen; // canonical file path -> index in m_found
    int m_folders = 0;
    bool m_fileLimitReported = false;
    bool m_folderLimitReported = false;
    QSet<QString> m_outsideReported;
    // Canonical version-location folders already listed -> their sub-folders.
    QHash<QString, QList<DirectoryEntry>> m_scannedFolders;
};

bool Collector::full()
{
    if (m_found.size() < m_limits.maxFiles) {
        return false;
    }
    if (!m_fileLimitReported) {
        m_fileLimitReported = true;
        m_findings.append(Finding::make(
            QStringLiteral("unreadable-file"), Severity::Info,
            QCoreApplication::translate("Revscope::BytecodeScanner",
                                        "More than %1 bytecode files under %2; only the first %1 "
                                        "are inspected.")
                .arg(m_limits.maxFiles)
                .arg(m_root),
            m_root));
    }
    return true;
}

// Whether `path` may be read: anything not under the root by its path, or
// what resolves inside the root.
bool Collector::insideRoot(const QString &path, QString *canonical) const
{
    *canonical = DirectoryReader::canonicalPath(path);
    if (m_canonicalRoot.isEmpty() || !appearsInside(path, m_root)) {
        return true;
    }
    return !canonical->isEmpty() && DirectoryReader::isInside(*canonical, m_canonicalRoot);
}

void Collector::consider(const QString &folder, const QString &canonicalFolder,
                         const DirectoryEntry &entry, int environment)
{
    if (!BytecodeScanner::isBytecodeName(entry.name)) {
        return;
    }
    const QString path = joined(folder, entry.name);
    QString canonical;
    if (entry.type == DirectoryEntry::Type::SymLink) {
        if (DirectoryReader::targetType(path) != DirectoryEntry::Type::File) {
            return;
        }
        if (!insideRoot(path, &canonical)) {
            if (!m_outsideReported.contains(path)) {
                m_outsideReported.insert(path);
                m_findings.append(Finding::make(
                    QStringLiteral("unreadable-file"), Severity::Info,
                    QCoreApplication::translate(
                        "Revscope::BytecodeScanner",
                        "%1 is a symbolic link to %2, outside the project; Revscope does not "
                        "follow it, so this bytecode is not inspected.")
                        .arg(path, canonical),
                    path));
            }
            return;
        }
    } else if (entry.type == DirectoryEntry::Type::File) {
        canonical = canonicalFolder.isEmpty() ? path : joined(canonicalFolder, entry.name);
    } else {
        return;
    }
    const auto it = m_seen.constFind(canonical);
    if (it != m_seen.cend()) {
        Found &found = m_found[it.value()];
        if (environment >= 0) {
            found.inVersionLocation = true;
            if (!found.environments.contains(environment)) {
                found.environments.append(environment);
            }
        }
        return;
    }
    if (full()) {
        return;
    }
    Found found;
    found.path = QDir::cleanPath(path);
    if (environment >= 0) {
        found.inVersionLocation = true;
        found.environments.append(environment);
    }
    m_seen.insert(canonical, int(m_found.size()));
    m_found.append(found);
}

bool Collector::listFolder(const QString &folder, const QString &canonical, int environment,
                           QList<DirectoryEntry> *entries, bool reportErrors)
{
    QString error;
    // Unsorted: the files found are sorted once at the end, and a folder of
    // thousands of migrations need not be sorted for a handful of .pyc files.
    if (!DirectoryReader::list(folder, entries, &error, DirectoryReader::Order::Directory)) {
        if (reportErrors) {
            m_findings.append(
                Finding::make(QStringLiteral("unreadable-file"),
                              environment >= 0 ? Severity::Warning : Severity::Info,
                              QCoreApplication::translate(
                                  "Revscope::BytecodeScanner",
                                  "Cannot read folder %1: %2. Bytecode inside it is not inspected.")
                                  .arg(folder, error),
                              folder));
        }
        return false;
    }
    for (const DirectoryEntry &entry : std::as_const(*entries)) {
        consider(folder, canonical, entry, environment);
    }
    return true;
}

// One version location: its own legacy files, its __pycache__, and with
// recursive_version_locations every folder below, as Alembic walks them
// (symlinked folders not entered).
void Collector::scanLocation(int environment, const QString &location, bool recursive)
{
    QString canonical;
    if (!DirectoryReader::isDirectory(location) || !insideRoot(location, &canonical)) {
        return;
    }
    QList<QString> stack{location};
    QList<QString> canonicals{canonical};
    QList<DirectoryEntry> entries;
    QList<DirectoryEntry> cached;
    while (!stack.isEmpty()) {
        const QString folder = stack.takeLast();
        const QString folderCanonical = canonicals.takeLast();
        // The script listing already reports unreadable version locations.
        if (!listFolder(folder, folderCanonical, environment, &entries, false)) {
            continue;
        }
        QStringList children;
        QList<DirectoryEntry> &folders = m_scannedFolders[folderCanonical];
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            if (entry.type == DirectoryEntry::Type::Directory ||
                entry.type == DirectoryEntry::Type::SymLink) {
                folders.append(entry);
            }
            const QString path = joined(folder, entry.name);
            if (entry.name == kCacheFolder) {
                QString cacheCanonical;
                if (DirectoryReader::isDirectory(path) && insideRoot(path, &cacheCanonical)) {
                    // With sourceless the script listing reports it already.
                    listFolder(path, cacheCanonical, environment, &cached,
                               !m_environments.at(environment).sourceless);
                }
                continue;
            }
            if (recursive && entry.type == DirectoryEntry::Type::Directory) {
                children.append(entry.name);
            }
        }
        if (++m_folders > m_limits.maxFolders) {
            break;
        }
        for (qsizetype i = children.size() - 1; i >= 0; --i) {
            stack.append(joined(folder, children.at(i)));
            canonicals.append(folderCanonical.isEmpty() ? QString()
                                                        : joined(folderCanonical, children.at(i)));
        }
    }
}

bool Collector::isVirtualenv(const QString &path, const QString &name,
                             const QList<DirectoryEntry> &entries) const
{
    if (std::any_of(entries.cbegin(), entries.cend(), [](const DirectoryEntry &entry) {
            return entry.name == QLatin1String("pyvenv.cfg");
        })) {
        return true;
    }
    if (name != QLatin1String("venv") && name != QLatin1String(".venv") &&
        name != QLatin1String("env")) {
        return false;
    }
    const QString python = path + QStringLiteral("/bin/python");
    return DirectoryReader::exists(python) || QFileInfo(python).isSymLink();
}

// The rest of the tree, the way ProjectScanner walks it.
void Collector::scanProject()
{
    struct Pending
    {
        QString path;
        QString canonical;
    };
    QList<Pending> stack{{m_root, m_canonicalRoot}};
    QSet<QString> visited;
    QList<DirectoryEntry> entries;
    QList<DirectoryEntry> cached;
    while (!stack.isEmpty()) {
        const Pending current = stack.takeLast();
        if (!current.canonical.isEmpty()) {
            if (visited.contains(current.canonical)) {
                continue;
            }
            visited.insert(current.canonical);
        }
        if (++m_folders > m_limits.maxFolders) {
            if (!m_folderLimitReported) {
                m_folderLimitReported = true;
                m_findings.append(Finding::make(
                    QStringLiteral("unreadable-file"), Severity::Info,
                    QCoreApplication::translate("Revscope::BytecodeScanner",
                                                "%1 has more than %2 folders; bytecode outside "
                                                "the version locations was looked for in the "
                                                "first %2 only.")
                        .arg(m_root)
                        .arg(m_limits.maxFolders),
                    m_root));
            }
            return;
        }
        const bool isRoot = current.path == m_root;
        const auto scanned = m_scannedFolders.constFind(current.canonical);
        if (!current.canonical.isEmpty() && scanned != m_scannedFolders.constEnd()) {
            // A version location: its files were considered already, and a
            // folder of thousands of migrations need not be listed twice.
            entries = *scanned;
        } else {
            // ProjectScanner reports unreadable folders of the same walk.
            if (!listFolder(current.path, current.canonical, -1, &entries, false)) {
                continue;
            }
            if (!isRoot &&
                isVirtualenv(current.path, QFileInfo(current.path).fileName(), entries)) {
                continue;
            }
        }
        QList<Pending> children;
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            if (entry.type != DirectoryEntry::Type::Directory &&
                entry.type != DirectoryEntry::Type::SymLink) {
                continue;
            }
            const QString path = joined(current.path, entry.name);
            QString canonical;
            if (entry.type == DirectoryEntry::Type::SymLink) {
                if (!DirectoryReader::isDirectory(path) || !insideRoot(path, &canonical)) {
                    continue;
                }
            } else {
                canonical =
                    current.canonical.isEmpty() ? QString() : joined(current.canonical, entry.name);
            }
            if (entry.name == kCacheFolder) {
                // Bytecode lives here; nothing below it is ever Python's.
                if (!canonical.isEmpty() && !visited.contains(canonical)) {
                    visited.insert(canonical);
                    listFolder(path, canonical, -1, &cached, true);
                }
                continue;
            }
            if (ProjectScanner::isSkippedFolderName(entry.name)) {
                continue;
            }
            children.append(Pending{path, canonical});
        }
        for (qsizetype i = children.size() - 1; i >= 0; --i) {
            stack.append(children.at(i));
        }
    }
}

void Collector::run()
{
    for (int e = 0; e < m_environments.size(); ++e) {
        const AlembicEnvironment &env = m_environments.at(e);
        if (env.scriptLocation.isEmpty()) {
            continue;
        }
        QStringList locations = env.versionLocations;
        if (locations.isEmpty()) {
            locations.append(env.scriptLocation + QStringLiteral("/versions"));
        }
        for (const QString &location : std::as_const(locations)) {
            scanLocation(e, QDir::cleanPath(location), env.recursiveVersionLocations);
        }
    }
    m_folders = 0;
    scanProject();
}

bool sameUint32(quint32 recorded, qint64 actual)
{
    return recorded == quint32(quint64(actual) & 0xFFFFFFFFu);
}

void classify(BytecodeInfo *info, qint64 maxFileSize)
{
    const QString &source = info->name.sourcePath;
    const QFileInfo sourceInfo(source);
    info->sourceExists = sourceInfo.isFile();
    if (!info->pyc.ok) {
        info->status = BytecodeStatus::Corrupt;
        return;
    }
    if (!info->sourceExists) {
        info->status = BytecodeStatus::Stray;
        return;
    }
    info->status = BytecodeStatus::Ok;
    const PycHeader &header = info->pyc.header;
    if (header.invalidation == PycInvalidation::Timestamp) {
        // CPython compares int(st_mtime) and st_size, both truncated to 32 bits.
        const qint64 mtime = sourceInfo.lastModified().toSecsSinceEpoch();
        const qint64 size = sourceInfo.size();
        if (!sameUint32(header.sourceMtime, mtime)) {
            info->status = BytecodeStatus::Stale;
            info->staleReason =
                QCoreApplication::translate("Revscope::BytecodeScanner",
                                            "the source was modified at %1, the bytecode was "
                                            "compiled from a version modified at %2")
                    .arg(QDateTime::fromSecsSinceEpoch(mtime, Qt::UTC).toString(Qt::ISODate),
                         QDateTime::fromSecsSinceEpoch(header.sourceMtime, Qt::UTC)
                             .toString(Qt::ISODate));
        } else if (header.headerSize >= 12 && !sameUint32(header.sourceSize, size)) {
            info->status = BytecodeStatus::Stale;
            info->staleReason = QCoreApplication::translate(
                                    "Revscope::BytecodeScanner",
                                    "the source is %1 bytes, the bytecode was compiled from %2")
                                    .arg(size)
                                    .arg(header.sourceSize);
        }
        return;
    }
    if (sourceInfo.size() > maxFileSize) {
        return; // too big to hash; not worth a guess either way
    }
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QByteArray hash = PycFile::sourceHash(file.readAll(), header.magic);
    if (!hash.isEmpty() && hash != header.sourceHash) {
        info->status = BytecodeStatus::Stale;
        info->staleReason = QCoreApplication::translate(
            "Revscope::BytecodeScanner",
            "the source's hash no longer matches the one recorded in the bytecode");
    }
}

} // namespace

QString bytecodeStatusName(BytecodeStatus status)
{
    switch (status) {
    case BytecodeStatus::Ok:
        return QStringLiteral("ok");
    case BytecodeStatus::Stray:
        return QStringLiteral("stray");
    case BytecodeStatus::Stale:
        return QStringLiteral("stale");
    case BytecodeStatus::Corrupt:
        return QStringLiteral("corrupt");
    }
    return QString();
}

QString pycInvalidationName(PycInvalidation invalidation)
{
    switch (invalidation) {
    case PycInvalidation::Timestamp:
        return QStringLiteral("timestamp");
    case PycInvalidation::CheckedHash:
        return QStringLiteral("checked-hash");
    case PycInvalidation::UncheckedHash:
        return QStringLiteral("unchecked-hash");
    }
    return QString();
}

QString pycFieldSourceName(PycFieldSource source)
{
    switch (source) {
    case PycFieldSource::None:
        return QString();
    case PycFieldSource::Assignment:
        return QStringLiteral("assignment");
    case PycFieldSource::Docstring:
        return QStringLiteral("docstring");
    case PycFieldSource::FileName:
        return QStringLiteral("file_name");
    }
    return QString();
}

bool BytecodeScanner::isBytecodeName(const QString &fileName)
{
    return (fileName.endsWith(QLatin1String(".pyc")) || fileName.endsWith(QLatin1String(".pyo"))) &&
           fileName.size() > 4;
}

BytecodeName BytecodeScanner::parseName(const QString &path)
{
    BytecodeName name;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString folder = slash < 0 ? QString() : path.left(slash);
    const QString file = slash < 0 ? path : path.mid(slash + 1);
    const qsizetype folderSlash = folder.lastIndexOf(QLatin1Char('/'));
    const QString folderName = folderSlash < 0 ? folder : folder.mid(folderSlash + 1);
    if (folderName != kCacheFolder) {
        // Python 2 style: x.pyc beside x.py.
        name.legacy = true;
        name.sourcePath = (slash < 0 ? QString() : folder + QLatin1Char('/')) + file.chopped(1);
        return name;
    }
    // importlib.util.source_from_cache(): <stem>.<tag>[.opt-N].pyc
    const QStringList parts = file.split(QLatin1Char('.'));
    if (parts.size() >= 3) {
        name.cacheTag = parts.at(1);
    }
    if (parts.size() == 4 && parts.at(2).startsWith(QLatin1String("opt-"))) {
        name.optimization = parts.at(2).mid(4);
    }
    const QString parent = folderSlash < 0 ? QString() : folder.left(folderSlash + 1);
    name.sourcePath = parent + parts.first() + QStringLiteral(".py");
    return name;
}

BytecodeInfo BytecodeScanner::inspectFile(const QString &path, qint64 maxFileSize)
{
    BytecodeInfo info;
    info.path = path;
    info.name = parseName(path);
    const qint64 size = QFileInfo(path).size();
    if (size > maxFileSize) {
        info.pyc.path = path;
        info.pyc.error =
            QCoreApplication::translate("Revscope::BytecodeScanner",
                                        "the file is %1 bytes, more than any migration's bytecode")
                .arg(size);
    } else {
        info.pyc = PycFile::read(path);
    }
    classify(&info, maxFileSize);
    return info;
}

BytecodeScan BytecodeScanner::scan(const QString &root, const AlembicEnvironments &environments,
                                   const BytecodeScanLimits &limits)
{
    BytecodeScan result;
    const QString cleanRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    Collector collector(cleanRoot, environments, limits);
    collector.run();
    result.findings = collector.m_findings;

    const QList<Collector::Found> &found = collector.m_found;
    result.files.resize(found.size());
    QList<int> indexes(found.size());
    for (int i = 0; i < indexes.size(); ++i) {
        indexes[i] = i;
    }
    QtConcurrent::blockingMap(indexes, [&](int i) {
        BytecodeInfo info = inspectFile(found.at(i).path, limits.maxFileSize);
        info.inVersionLocation = found.at(i).inVersionLocation;
        info.environments = found.at(i).environments;
        if (!info.environments.isEmpty()) {
            info.environment = environments.at(info.environments.first()).label;
        }
        result.files[i] = std::move(info);
    });
    std::sort(result.files.begin(), result.files.end(),
              [](const BytecodeInfo &a, const BytecodeInfo &b) { return a.path < b.path; });
    return result;
}

} // namespace Revscope
