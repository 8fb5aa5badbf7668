#pragma once

#include <QList>
#include <QString>

namespace Revscope {

// One member of a tar archive.
struct TarMember
{
    enum class Type { File, Directory, SymLink };

    QString path; // cleaned, relative, '/' separated
    Type type = Type::File;
    qint64 size = 0;
    QString linkTarget; // symlinks and hard links
};

// What an archive file holds, as ADD would see it.
struct TarListing
{
    enum class Compression { None, Gzip, Bzip2, Xz };

    bool isArchive = false;    // ADD extracts it (a tar, possibly compressed)
    bool contentsRead = false; // members lists everything ADD would extract
    Compression compression = Compression::None;
    QList<TarMember> members;
    QString error; // malformed, truncated or over the limits; members holds what was read
};

// A bounded reader of ustar, GNU and pax tar headers, plain or gzip
// compressed, and bzip2 or xz compressed when the library was built with
// libbz2 / liblzma (otherwise recognised by their magic bytes only). Never reads more than the
// limits, so a hostile file cannot exhaust time or memory.
class TarArchive
{
public:
    static constexpr int kMaxMembers = 100000;
    static constexpr qint64 kMaxHeaderReads = 200000;
    static constexpr qint64 kMaxUncompressedBytes = qint64(1) << 30;

    static TarListing read(const QString &fileName);
    static TarListing fromBytes(const QByteArray &bytes);
    // Whether members of archives with this compression are read.
    static bool canRead(TarListing::Compression compression);
    static QString compressionName(TarListing::Compression compression);
};

} // namespace Revscope
