#include "buildcontext.h"

#include "project/directoryreader.h"

#include <QCoreApplication>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace Revscope {

namespace {

struct Walker
{
    QList<ContextEntry> *entries;
    Findings *findings;

    void walk(const QString &absolute, const QString &relative, int parent)
    {
        QList<DirectoryEntry> list;
        QString error;
        if (!DirectoryReader::list(absolute, &list, &error, DirectoryReader::Order::Sorted)) {
            const QString message = QCoreApplication::translate(
                                        "BuildContext", "Cannot list %1 of the build context: %2")
                                        .arg(absolute, error);
            findings->append(Finding::make(QStringLiteral("unreadable-file"), Severity::Warning,
                                           message, absolute));
            return;
        }
        // Go sorts names by bytes; UTF-16 order only differs for characters
        // outside the BMP, which names here practically never hold.
        for (const DirectoryEntry &item : std::as_const(list)) {
            ContextEntry entry;
            entry.path = relative.isEmpty() ? item.name : relative + u'/' + item.name;
            entry.parent = parent;
            const QString path = absolute + u'/' + item.name;
            switch (item.type) {
            case DirectoryEntry::Type::Directory:
                entry.type = ContextEntry::Type::Directory;
                break;
            case DirectoryEntry::Type::SymLink:
                entry.type = ContextEntry::Type::SymLink;
                break;
            case DirectoryEntry::Type::File:
                entry.type = ContextEntry::Type::File;
                break;
            case DirectoryEntry::Type::Other:
                // Sockets, FIFOs and devices are sent as they are; treat them as files.
                entry.type = ContextEntry::Type::File;
                break;
            }
            if (entry.type != ContextEntry::Type::Directory) {
                struct stat info;
                const QByteArray native = path.toLocal8Bit();
                if (::lstat(native.constData(), &info) == 0) {
                    entry.size = qint64(info.st_size);
                }
                if (entry.type == ContextEntry::Type::SymLink) {
                    char target[4096];
                    const ssize_t n = ::readlink(native.constData(), target, sizeof(target));
                    if (n > 0) {
                        entry.linkTarget = QString::fromLocal8Bit(target, qsizetype(n));
                    }
                }
            }
            const int index = int(entries->size());
            entries->append(entry);
            if (entry.type == ContextEntry::Type::Directory) {
                walk(path, entry.path, index);
            }
            (*entries)[index].subtreeEnd = int(entries->size());
        }
    }
};

} // namespace

BuildContext BuildContext::scan(const QString &directory, const DockerIgnore &ignore)
{
    BuildContext context;
    context.m_root = directory;
    context.m_ignore = ignore;
    Walker walker{&context.m_entries, &context.m_findings};
    walker.walk(directory, QString(), -1);
    context.applyIgnore();
    return context;
}

BuildContext BuildContext::fromPaths(const QStringList &paths, const DockerIgnore &ignore)
{
    QHash<QString, bool> nodes; // path -> folder
    for (const QString &item : paths) {
        QString path = item;
        bool directory = false;
        while (path.endsWith(u'/')) {
            path.chop(1);
            directory = true;
        }
        if (path.isEmpty()) {
            continue;
        }
        nodes.insert(path, nodes.value(path) || directory);
        qsizetype slash = path.indexOf(u'/');
        while (slash > 0) {
            nodes.insert(path.left(slash), true);
            slash = path.indexOf(u'/', slash + 1);
        }
    }
    // Depth-first order with names sorted: compare with '/' lowest.
    QStringList sorted = nodes.keys();
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        const qsizetype n = std::min(a.size(), b.size());
        for (qsizetype i = 0; i < n; ++i) {
            const QChar x = a.at(i);
            const QChar y = b.at(i);
            if (x != y) {
                if (x == u'/') {
                    return true;
                }
                if (y == u'/') {
                    return false;
                }
                return x < y;
            }
        }
        return a.size() < b.size();
    });
    BuildContext context;
    context.m_ignore = ignore;
    QHash<QString, int> index;
    for (const QString &path : std::as_const(sorted)) {
        ContextEntry entry;
        entry.path = path;
        entry.type = nodes.value(path) ? ContextEntry::Type::Directory : ContextEntry::Type::File;
        const qsizetype slash = path.lastIndexOf(u'/');
        entry.parent = slash > 0 ? index.value(path.left(slash), -1) : -1;
        index.insert(path, int(context.m_entries.size()));
        context.m_entries.append(entry);
    }
    // Subtree ends: an entry's subtree stops at the first later entry not inside it.
    for (qsizetype i = context.m_entries.size() - 1; i >= 0; --i) {
        ContextEntry &entry = context.m_entries[i];
        qsizetype end = i + 1;
        while (end < context.m_entries.size()) {
            // Children are contiguous: skip each child's own subtree.
            if (context.m_entries.at(end).parent != int(i)) {
                break;
            }
            end = context.m_entries.at(end).subtreeEnd;
        }
        entry.subtreeEnd = int(end);
    }
    context.applyIgnore();
    return context;
}

void BuildContext::applyIgnore()
{
    QList<DockerIgnore::WalkEntry> walkEntries;
    walkEntries.reserve(m_entries.size());
    m_index.reserve(m_entries.size());
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const ContextEntry &entry = m_entries.at(i);
        walkEntries.append({entry.path, entry.isDirectory(), entry.parent});
        m_index.insert(entry.path, int(i));
    }
    const std::vector<DockerIgnore::WalkResult> results = m_ignore.walk(walkEntries);
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        ContextEntry &entry = m_entries[i];
        entry.sent = results[size_t(i)].sent;
        entry.excluded = results[size_t(i)].excluded;
        entry.pattern = results[size_t(i)].pattern;
    }
}

int BuildContext::fileCount() const
{
    int count = 0;
    for (const ContextEntry &entry : m_entries) {
        if (!entry.isDirectory()) {
            ++count;
        }
    }
    return count;
}

} // namespace Revscope
