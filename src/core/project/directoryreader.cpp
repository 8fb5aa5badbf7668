#include "directoryreader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>
#endif

namespace Revscope {

namespace {

// File names are nearly always ASCII: decode those directly, the rest as Qt
// decodes file names (the locale's encoding, UTF-8 here).
QString decodeName(const char *name)
{
    const size_t length = std::strlen(name);
    for (size_t i = 0; i < length; ++i) {
        if (static_cast<unsigned char>(name[i]) >= 0x80) {
            return QFile::decodeName(QByteArray(name, qsizetype(length)));
        }
    }
    return QString::fromLatin1(name, qsizetype(length));
}

// Python compares str by code point; QString's operator< compares UTF-16
// units, which differs only between surrogates and U+E000..U+FFFF.
bool codePointLess(const QString &a, const QString &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = a.at(i).unicode();
        const char16_t y = b.at(i).unicode();
        if (x == y) {
            continue;
        }
        const bool xs = QChar::isSurrogate(x);
        const bool ys = QChar::isSurrogate(y);
        if (xs != ys) {
            return ys; // a surrogate starts a code point above every BMP one
        }
        return x < y;
    }
    return a.size() < b.size();
}

#ifdef Q_OS_UNIX
DirectoryEntry::Type typeOfMode(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return DirectoryEntry::Type::Directory;
    }
    if (S_ISREG(mode)) {
        return DirectoryEntry::Type::File;
    }
    if (S_ISLNK(mode)) {
        return DirectoryEntry::Type::SymLink;
    }
    return DirectoryEntry::Type::Other;
}
#endif

} // namespace

bool DirectoryReader::list(const QString &path, QList<DirectoryEntry> *entries, QString *error,
                           Order order)
{
    entries->clear();
#ifdef Q_OS_UNIX
    const QByteArray encoded = QFile::encodeName(path);
    DIR *dir = ::opendir(encoded.constData());
    if (!dir) {
        if (error) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
        }
        return false;
    }
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) {
            continue;
        }
        DirectoryEntry item;
        item.name = decodeName(name);
        switch (entry->d_type) {
        case DT_DIR:
            item.type = DirectoryEntry::Type::Directory;
            break;
        case DT_REG:
            item.type = DirectoryEntry::Type::File;
            break;
        case DT_LNK:
            item.type = DirectoryEntry::Type::SymLink;
            break;
        case DT_UNKNOWN: {
            struct stat st;
            const QByteArray full = encoded + '/' + QByteArray(name);
            item.type = ::lstat(full.constData(), &st) == 0 ? typeOfMode(st.st_mode)
                                                            : DirectoryEntry::Type::Other;
            break;
        }
        default:
            item.type = DirectoryEntry::Type::Other;
            break;
        }
        entries->append(item);
    }
    const int readError = errno;
    ::closedir(dir);
    if (readError != 0) {
        if (error) {
            *error = QString::fromLocal8Bit(std::strerror(readError));
        }
        return false;
    }
#else
    const QFileInfo info(path);
    if (!info.isDir() || !info.isReadable()) {
        if (error) {
            *error = QStringLiteral("cannot open folder");
        }
        return false;
    }
    QDirIterator it(path, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        DirectoryEntry item;
        item.name = fi.fileName();
        if (fi.isSymLink()) {
            item.type = DirectoryEntry::Type::SymLink;
        } else if (fi.isDir()) {
            item.type = DirectoryEntry::Type::Directory;
        } else if (fi.isFile()) {
            item.type = DirectoryEntry::Type::File;
        }
        entries->append(item);
    }
#endif
    if (order == Order::Sorted) {
        std::sort(entries->begin(), entries->end(),
                  [](const DirectoryEntry &a, const DirectoryEntry &b) {
                      return codePointLess(a.name, b.name);
                  });
    }
    return true;
}

DirectoryEntry::Type DirectoryReader::targetType(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return DirectoryEntry::Type::SymLink;
    }
    return typeOfMode(st.st_mode);
#else
    const QFileInfo info(path);
    if (!info.exists()) {
        return DirectoryEntry::Type::SymLink;
    }
    return info.isDir()
               ? DirectoryEntry::Type::Directory
               : (info.isFile() ? DirectoryEntry::Type::File : DirectoryEntry::Type::Other);
#endif
}

bool DirectoryReader::exists(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0;
#else
    return QFileInfo::exists(path);
#endif
}

bool DirectoryReader::isDirectory(const QString &path)
{
    return targetType(path) == DirectoryEntry::Type::Directory;
}

QString DirectoryReader::canonicalPath(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

bool DirectoryReader::isInside(const QString &canonicalPath, const QString &canonicalRoot)
{
    if (canonicalPath.isEmpty() || canonicalRoot.isEmpty()) {
        return false;
    }
    if (canonicalPath == canonicalRoot) {
        return true;
    }
    if (canonicalRoot.endsWith(QLatin1Char('/'))) {
        return canonicalPath.startsWith(canonicalRoot);
    }
    return canonicalPath.startsWith(canonicalRoot) &&
           canonicalPath.at(canonicalRoot.size()) == QLatin1Char('/');
}

} // namespace Revscope
