#include "cleanupplanner.h"

#include "image/dockerignore.h"
#include "inspection/inspection.h"
#include "project/bytecodescanner.h"
#include "project/directoryreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

const QString kCacheFolder = QStringLiteral("__pycache__");
const QString kCacheRule = QStringLiteral("**/__pycache__");
const QString kBytecodeRule = QStringLiteral("**/*.py[cod]");
constexpr int kMaxFolders = 200000;

QString joined(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? folder + name : folder + QLatin1Char('/') + name;
}

class Planner
{
public:
    Planner(const Inspection &inspection, const CleanupOptions &options)
        : m_inspection(inspection), m_options(options)
    {
        m_plan.root = inspection.root;
        m_canonicalRoot = DirectoryReader::canonicalPath(inspection.root);
        for (const BytecodeInfo &info : inspection.bytecode) {
            m_bytecode.insert(QDir::cleanPath(info.path), &info);
        }
    }

    CleanupPlan run()
    {
        if (m_canonicalRoot.isEmpty()) {
            return m_plan;
        }
        QStringList starts;
        if (m_options.scope == CleanupOptions::Scope::Project) {
            starts.append(m_inspection.root);
        } else {
            for (const EnvironmentInspection &environment : m_inspection.environments) {
                for (const QString &location : environment.environment.versionLocations) {
                    starts.append(QDir::cleanPath(location));
                }
            }
            std::sort(starts.begin(), starts.end());
            starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        }
        for (const QString &start : std::as_const(starts)) {
            walk(start);
        }
        if (m_options.dockerignore) {
            planIgnoreFiles();
        }
        return m_plan;
    }

private:
    // Whether `path` is reached from the root without any symbolic link and
    // stays inside it: its real path is the root's real path plus the same
    // relative path.
    bool confined(const QString &path, QString *why) const
    {
        const QString relative = QDir(m_inspection.root).relativeFilePath(path);
        if (relative.startsWith(QLatin1String("../")) || relative == QLatin1String("..") ||
            QDir::isAbsolutePath(relative)) {
            *why = QCoreApplication::translate("CleanupPlanner", "outside the project root");
            return false;
        }
        const QString canonical = DirectoryReader::canonicalPath(path);
        if (canonical.isEmpty()) {
            *why = QCoreApplication::translate("CleanupPlanner", "cannot be resolved");
            return false;
        }
        if (!DirectoryReader::isInside(canonical, m_canonicalRoot)) {
            *why =
                QCoreApplication::translate("CleanupPlanner", "resolves outside the project root");
            return false;
        }
        const QString expected =
            relative == QLatin1String(".") ? m_canonicalRoot : joined(m_canonicalRoot, relative);
        if (canonical != expected) {
            *why = QCoreApplication::translate(
                "CleanupPlanner", "reached through a symbolic link (links are never followed)");
            return false;
        }
        return true;
    }

    void skip(const QString &path, const QString &why) { m_plan.skipped.append({path, why}); }

    static bool isVirtualenv(const QString &path, const QString &name,
                             const QList<DirectoryEntry> &entries)
    {
        for (const DirectoryEntry &entry : entries) {
            if (entry.name == QLatin1String("pyvenv.cfg")) {
                return true;
            }
        }
        static const QStringList names = {
            QStringLiteral("venv"), QStringLiteral(".venv"), QStringLiteral(".git"),
            QStringLiteral(".hg"),  QStringLiteral(".svn"),  QStringLiteral("node_modules"),
            QStringLiteral(".tox"), QStringLiteral(".nox"),  QStringLiteral("site-packages")};
        if (names.contains(name)) {
            return true;
        }
        return name == QLatin1String("env") &&
               DirectoryReader::exists(path + QStringLiteral("/bin/python"));
    }

    void walk(const QString &start)
    {
        if (m_walked.contains(start) || !DirectoryReader::exists(start)) {
            return;
        }
        QString why;
        if (!confined(start, &why)) {
            skip(start, why);
            return;
        }
        QStringList stack{start};
        QList<DirectoryEntry> entries;
        QString error;
        while (!stack.isEmpty() && m_folders < kMaxFolders) {
            const QString folder = stack.takeLast();
            if (m_walked.contains(folder)) {
                continue;
            }
            m_walked.insert(folder);
            ++m_folders;
            if (!DirectoryReader::list(folder, &entries, &error)) {
                continue;
            }
            QStringList children;
            for (const DirectoryEntry &entry : std::as_const(entries)) {
                const QString path = joined(folder, entry.name);
                if (entry.name == kCacheFolder) {
                    if (entry.type == DirectoryEntry::Type::SymLink) {
                        if (inScope(path + QStringLiteral("/x.pyc"))) {
                            skip(path, QCoreApplication::translate(
                                           "CleanupPlanner",
                                           "a symbolic link used as __pycache__; links are never "
                                           "followed, so neither it nor its target is touched"));
                        }
                    } else if (entry.type == DirectoryEntry::Type::Directory) {
                        planCacheFolder(path);
                    }
                    continue;
                }
                if (entry.type == DirectoryEntry::Type::Directory) {
                    children.append(path);
                } else if (BytecodeScanner::isBytecodeName(entry.name)) {
                    if (entry.type == DirectoryEntry::Type::SymLink) {
                        if (inScope(path)) {
                            skip(path, QCoreApplication::translate(
                                           "CleanupPlanner",
                                           "a symbolic link; links are never followed, so neither "
                                           "it nor its target is touched"));
                        }
                    } else if (entry.type == DirectoryEntry::Type::File) {
                        planFile(path);
                    }
                }
            }
            for (qsizetype i = children.size() - 1; i >= 0; --i) {
                const QString &child = children.at(i);
                QList<DirectoryEntry> inner;
                if (DirectoryReader::list(child, &inner, &error) &&
                    isVirtualenv(child, QFileInfo(child).fileName(), inner)) {
                    continue;
                }
                stack.append(child);
            }
        }
    }

    // Whether a path would be in scope if it were a bytecode file: in
    // version-location scope, only under a version location.
    bool inScope(const QString &path) const
    {
        if (m_options.scope == CleanupOptions::Scope::Project) {
            return true;
        }
        for (const EnvironmentInspection &environment : m_inspection.environments) {
            for (const QString &location : environment.environment.versionLocations) {
                const QString clean = QDir::cleanPath(location);
                if (path.startsWith(clean + QLatin1Char('/'))) {
                    return true;
                }
            }
        }
        return false;
    }

    void planCacheFolder(const QString &folder)
    {
        QList<DirectoryEntry> entries;
        QString error;
        if (!DirectoryReader::list(folder, &entries, &error)) {
            if (inScope(joined(folder, QStringLiteral("x.pyc")))) {
                skip(folder, QCoreApplication::translate("CleanupPlanner", "cannot be listed: %1")
                                 .arg(error));
            }
            return;
        }
        bool allPlanned = !entries.isEmpty();
        bool anyStale = false;
        for (const DirectoryEntry &entry : std::as_const(entries)) {
            const QString path = joined(folder, entry.name);
            if (entry.type == DirectoryEntry::Type::SymLink) {
                allPlanned = false;
                if (inScope(path)) {
                    skip(path, QCoreApplication::translate(
                                   "CleanupPlanner",
                                   "a symbolic link in __pycache__; links are never followed, so "
                                   "neither it nor its target is touched"));
                }
                continue;
            }
            if (entry.type != DirectoryEntry::Type::File ||
                !BytecodeScanner::isBytecodeName(entry.name)) {
                allPlanned = false;
                continue;
            }
            const CleanupAction *action = planFile(path);
            allPlanned = allPlanned && action;
            anyStale = anyStale || (action && action->reason == QLatin1String("stale-bytecode"));
        }
        if (allPlanned) {
            CleanupAction action;
            action.kind = CleanupAction::Kind::RemoveFolder;
            action.path = folder;
            action.reason =
                anyStale ? QStringLiteral("stale-bytecode") : QStringLiteral("stray-bytecode");
            action.mtime = QFileInfo(folder).lastModified().toUTC();
            m_plan.actions.append(action);
        }
    }

    // Plans one regular bytecode file; the action added, or null.
    const CleanupAction *planFile(const QString &path)
    {
        const auto found = m_bytecode.constFind(QDir::cleanPath(path));
        if (found == m_bytecode.constEnd()) {
            return nullptr; // not inspected (a folder the inspection does not enter)
        }
        const BytecodeInfo &info = **found;
        if (m_options.scope == CleanupOptions::Scope::VersionLocations && !info.inVersionLocation) {
            return nullptr;
        }
        QString reason;
        if (info.status == BytecodeStatus::Stray) {
            reason = QStringLiteral("stray-bytecode");
        } else if (info.status == BytecodeStatus::Stale && m_options.includeStale) {
            reason = QStringLiteral("stale-bytecode");
        } else {
            return nullptr;
        }
        // Belt and braces: a source file is never an action.
        if (path.endsWith(QLatin1String(".py"))) {
            skip(path,
                 QCoreApplication::translate("CleanupPlanner", "a Python source is never removed"));
            return nullptr;
        }
        QString why;
        if (!confined(path, &why)) {
            skip(path, why);
            return nullptr;
        }
        const QFileInfo fileInfo(path);
        if (fileInfo.isSymLink() || !fileInfo.isFile()) {
            skip(path, QCoreApplication::translate("CleanupPlanner", "not a regular file"));
            return nullptr;
        }
        CleanupAction action;
        action.kind = CleanupAction::Kind::Trash;
        action.path = path;
        action.reason = reason;
        action.bytes = fileInfo.size();
        action.mtime = fileInfo.lastModified().toUTC();
        action.sha256 = CleanupPlanner::fileSha256(path);
        action.revision = info.revision();
        if (action.sha256.isEmpty()) {
            skip(path, QCoreApplication::translate("CleanupPlanner", "cannot be read"));
            return nullptr;
        }
        m_plan.actions.append(action);
        return &m_plan.actions.last();
    }

    void planIgnoreFiles()
    {
        QStringList files;
        for (const Finding &finding : m_inspection.findings) {
            if (finding.code != QLatin1String("dockerignore-no-bytecode-rule") ||
                finding.file.isEmpty()) {
                continue;
            }
            const QString file =
                QDir::cleanPath(QDir(m_inspection.root).absoluteFilePath(finding.file));
            if (!files.contains(file)) {
                files.append(file);
            }
        }
        std::sort(files.begin(), files.end());
        for (const QString &file : std::as_const(files)) {
            planIgnoreFile(file);
        }
    }

    void planIgnoreFile(const QString &file)
    {
        const QFileInfo info(file);
        const bool exists = info.exists() || info.isSymLink();
        QString why;
        if (info.isSymLink()) {
            skip(file, QCoreApplication::translate(
                           "CleanupPlanner",
                           "a symbolic link; links are never followed, so it is not edited"));
            return;
        }
        if (!confined(exists ? file : info.absolutePath(), &why)) {
            skip(file, why);
            return;
        }
        QByteArray content;
        if (exists) {
            QFile in(file);
            if (!info.isFile() || !in.open(QIODevice::ReadOnly)) {
                skip(file, QCoreApplication::translate("CleanupPlanner", "cannot be read"));
                return;
            }
            content = in.readAll();
        }
        const DockerIgnore ignore = DockerIgnore::fromText(content, file);
        QStringList additions;
        if (!ignore.isExcluded(QStringLiteral("pkg/sub/__pycache__"))) {
            additions.append(kCacheRule);
        }
        if (!ignore.isExcluded(QStringLiteral("pkg/sub/mod.pyc")) ||
            !ignore.isExcluded(QStringLiteral("pkg/sub/mod.pyo"))) {
            additions.append(kBytecodeRule);
        }
        if (additions.isEmpty()) {
            return;
        }
        QByteArray after = content;
        if (!after.isEmpty() && !after.endsWith('\n')) {
            after.append('\n');
        }
        for (const QString &line : std::as_const(additions)) {
            after.append(line.toUtf8()).append('\n');
        }
        CleanupAction action;
        action.kind = CleanupAction::Kind::EditIgnore;
        action.path = file;
        action.reason = QStringLiteral("dockerignore-no-bytecode-rule");
        action.fileExisted = exists;
        action.bytes = exists ? content.size() : 0;
        action.sha256 =
            exists ? QString::fromLatin1(
                         QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex())
                   : QString();
        action.mtime = exists ? info.lastModified().toUTC() : QDateTime();
        action.originalContent = content;
        action.newContent = after;
        action.additions = additions;
        action.diff =
            CleanupPlanner::unifiedDiff(m_plan.relativePath(file), content, after, exists);
        m_plan.actions.append(action);
    }

    const Inspection &m_inspection;
    CleanupOptions m_options;
    CleanupPlan m_plan;
    QString m_canonicalRoot;
    QHash<QString, const BytecodeInfo *> m_bytecode;
    QSet<QString> m_walked;
    int m_folders = 0;
};

QList<QByteArray> linesOf(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast(); // the text ended with a newline (or was empty)
    }
    return lines;
}

} // namespace

CleanupPlan CleanupPlanner::plan(const Inspection &inspection, const CleanupOptions &options)
{
    return Planner(inspection, options).run();
}

QString CleanupPlanner::fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

// Only appending edits are planned, so the diff is one hunk at the end: up
// to three lines of context, the additions, and the missing final newline
// of `before` shown the way diff(1) shows it.
QString CleanupPlanner::unifiedDiff(const QString &name, const QByteArray &before,
                                    const QByteArray &after, bool fileExisted)
{
    const QList<QByteArray> oldLines = linesOf(before);
    const QList<QByteArray> newLines = linesOf(after);
    QByteArray diff;
    diff += fileExisted ? "--- a/" + name.toUtf8() + '\n' : QByteArray("--- /dev/null\n");
    diff += "+++ b/" + name.toUtf8() + '\n';
    qsizetype common = 0;
    while (common < oldLines.size() && common < newLines.size() &&
           oldLines.at(common) == newLines.at(common)) {
        ++common;
    }
    const bool oldMissingNewline = !before.isEmpty() && !before.endsWith('\n');
    if (oldMissingNewline && common == oldLines.size()) {
        --common; // the last old line changes: it gains its newline
    }
    const qsizetype context = std::min<qsizetype>(3, common);
    const qsizetype start = common - context; // 0-based first line of the hunk
    const qsizetype oldCount = oldLines.size() - start;
    const qsizetype newCount = newLines.size() - start;
    const auto range = [](qsizetype first, qsizetype count) {
        return QByteArray::number(count == 0 ? first : first + 1) + ',' + QByteArray::number(count);
    };
    diff += "@@ -" + range(start, oldCount) + " +" + range(start, newCount) + " @@\n";
    for (qsizetype i = start; i < common; ++i) {
        diff += ' ' + oldLines.at(i) + '\n';
    }
    for (qsizetype i = common; i < oldLines.size(); ++i) {
        diff += '-' + oldLines.at(i) + '\n';
    }
    if (oldMissingNewline) {
        diff += "\\ No newline at end of file\n";
    }
    for (qsizetype i = common; i < newLines.size(); ++i) {
        diff += '+' + newLines.at(i) + '\n';
    }
    return QString::fromUtf8(diff);
}

} // namespace Revscope
