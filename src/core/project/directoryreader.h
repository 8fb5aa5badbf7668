#pragma once

#include <QList>
#include <QString>

namespace Revscope {

struct DirectoryEntry
{
    enum class Type { File, Directory, SymLink, Other };
    QString name;
    Type type = Type::Other; // from the directory itself: a symlink is not followed
};

// Lists folders with one readdir() pass and no per-entry stat() when the file
// system reports entry types, which keeps scans of big trees fast.
class DirectoryReader
{
public:
    enum class Order {
        Sorted,    // by name, Python's sorted() order (by code point)
        Directory, // as readdir() returns them, like Python's os.listdir()
    };

    // Entries of `path` except "." and "..". False with `error` set when the
    // folder cannot be read.
    static bool list(const QString &path, QList<DirectoryEntry> *entries, QString *error,
                     Order order = Order::Sorted);

    // What a symlink points at: Directory, File, Other, or SymLink when dangling.
    static DirectoryEntry::Type targetType(const QString &path);

    // Python's os.path.exists(): follows symlinks.
    static bool exists(const QString &path);
    static bool isDirectory(const QString &path); // follows symlinks

    // realpath(); empty when it cannot be resolved.
    static QString canonicalPath(const QString &path);
    static bool isInside(const QString &canonicalPath, const QString &canonicalRoot);
};

} // namespace Revscope
