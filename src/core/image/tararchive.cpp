#include "tararchive.h"

#include "image/gopath.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>

#include <zlib.h>
#ifdef REVSCOPE_HAVE_BZIP2
#include <bzlib.h>
#endif
#ifdef REVSCOPE_HAVE_LZMA
#include <lzma.h>
#endif

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

namespace Revscope {

namespace {

constexpr qint64 kBlock = 512;
constexpr qint64 kMaxLongName = 64 * 1024;
constexpr qint64 kMaxPaxHeader = 1024 * 1024;

// A byte stream that can only go forward.
class Source
{
public:
    virtual ~Source() = default;
    // Reads up to `size` bytes; fewer only at the end of the data.
    virtual qint64 read(char *data, qint64 size) = 0;
    bool skip(qint64 size)
    {
        char scratch[16384];
        while (size > 0) {
            const qint64 chunk = std::min<qint64>(size, qint64(sizeof(scratch)));
            if (read(scratch, chunk) != chunk) {
                return false;
            }
            size -= chunk;
        }
        return true;
    }
    bool limited = false; // stopped at kMaxUncompressedBytes
    bool corrupt = false; // the compressed stream is broken
};

class PlainSource : public Source
{
public:
    explicit PlainSource(QIODevice *device) : m_device(device) {}
    qint64 read(char *data, qint64 size) override
    {
        qint64 done = 0;
        while (done < size) {
            const qint64 n = m_device->read(data + done, size - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

private:
    QIODevice *m_device;
};

// A decompressing stream; subclasses wrap one library's decoder.
class CompressedSource : public Source
{
public:
    explicit CompressedSource(QIODevice *device) : m_device(device) {}

    qint64 read(char *data, qint64 size) override
    {
        if (!m_ok || m_ended) {
            return 0;
        }
        if (m_total + size > TarArchive::kMaxUncompressedBytes) {
            limited = true;
            size = std::max<qint64>(0, TarArchive::kMaxUncompressedBytes - m_total);
        }
        char *out = data;
        qint64 outLeft = size;
        while (outLeft > 0) {
            if (m_inLeft == 0) {
                const qint64 n = m_device->read(m_input, sizeof(m_input));
                if (n <= 0) {
                    corrupt = true; // ended inside the compressed stream
                    m_ended = true;
                    break;
                }
                m_in = m_input;
                m_inLeft = n;
            }
            const Status status = decode(&m_in, &m_inLeft, &out, &outLeft);
            if (status == Status::End) {
                // Concatenated streams continue the same data.
                if (m_inLeft == 0 && m_device->atEnd()) {
                    m_ended = true;
                    break;
                }
                if (!restart()) {
                    corrupt = true;
                    m_ended = true;
                    break;
                }
            } else if (status == Status::Error) {
                corrupt = true;
                m_ended = true;
                break;
            }
        }
        const qint64 done = size - outLeft;
        m_total += done;
        return done;
    }

protected:
    enum class Status { Ok, End, Error };
    virtual Status decode(const char **in, qint64 *inLeft, char **out, qint64 *outLeft) = 0;
    virtual bool restart() = 0;
    bool m_ok = false;

private:
    QIODevice *m_device;
    bool m_ended = false;
    qint64 m_total = 0;
    const char *m_in = nullptr;
    qint64 m_inLeft = 0;
    char m_input[16384];
};

// zlib, bzip2 and liblzma streams share next_in / avail_in / next_out /
// avail_out: point them at the buffers, run one step of `decompress`, and
// move the buffers past what it consumed and produced.
template <typename Stream, typename Step>
auto stepStream(Stream &stream, const char **in, qint64 *inLeft, char **out, qint64 *outLeft,
                Step decompress)
{
    stream.next_in = reinterpret_cast<decltype(stream.next_in)>(const_cast<char *>(*in));
    stream.avail_in = static_cast<decltype(stream.avail_in)>(*inLeft);
    stream.next_out = reinterpret_cast<decltype(stream.next_out)>(*out);
    stream.avail_out = static_cast<decltype(stream.avail_out)>(*outLeft);
    const auto status = decompress();
    *in += *inLeft - qint64(stream.avail_in);
    *inLeft = qint64(stream.avail_in);
    *out += *outLeft - qint64(stream.avail_out);
    *outLeft = qint64(stream.avail_out);
    return status;
}

class GzipSource : public CompressedSource
{
public:
    explicit GzipSource(QIODevice *device) : CompressedSource(device)
    {
        std::memset(&m_stream, 0, sizeof(m_stream));
        // 15 + 32: zlib or gzip header, detected automatically.
        m_ok = inflateInit2(&m_stream, 15 + 32) == Z_OK;
    }
    ~GzipSource() override
    {
        if (m_ok) {
            inflateEnd(&m_stream);
        }
    }
    GzipSource(const GzipSource &) = delete;
    GzipSource &operator=(const GzipSource &) = delete;

protected:
    Status decode(const char **in, qint64 *inLeft, char **out, qint64 *outLeft) override
    {
        const int status = stepStream(m_stream, in, inLeft, out, outLeft,
                                      [this] { return inflate(&m_stream, Z_NO_FLUSH); });
        if (status == Z_STREAM_END) {
            return Status::End;
        }
        return status == Z_OK || status == Z_BUF_ERROR ? Status::Ok : Status::Error;
    }
    bool restart() override { return inflateReset(&m_stream) == Z_OK; }

private:
    z_stream m_stream;
};

#ifdef REVSCOPE_HAVE_BZIP2
class Bzip2Source : public CompressedSource
{
public:
    explicit Bzip2Source(QIODevice *device) : CompressedSource(device) { restart(); }
    ~Bzip2Source() override { end(); }
    Bzip2Source(const Bzip2Source &) = delete;
    Bzip2Source &operator=(const Bzip2Source &) = delete;

protected:
    Status decode(const char **in, qint64 *inLeft, char **out, qint64 *outLeft) override
    {
        const int status = stepStream(m_stream, in, inLeft, out, outLeft,
                                      [this] { return BZ2_bzDecompress(&m_stream); });
        if (status == BZ_STREAM_END) {
            return Status::End;
        }
        return status == BZ_OK ? Status::Ok : Status::Error;
    }
    bool restart() override
    {
        end();
        std::memset(&m_stream, 0, sizeof(m_stream));
        m_ok = BZ2_bzDecompressInit(&m_stream, 0, 0) == BZ_OK;
        return m_ok;
    }

private:
    void end()
    {
        if (m_ok) {
            BZ2_bzDecompressEnd(&m_stream);
            m_ok = false;
        }
    }
    bz_stream m_stream;
};
#endif

#ifdef REVSCOPE_HAVE_LZMA
class XzSource : public CompressedSource
{
public:
    explicit XzSource(QIODevice *device) : CompressedSource(device)
    {
        // LZMA_CONCATENATED reads every stream of a multi-stream file.
        m_ok = lzma_stream_decoder(&m_stream, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK;
    }
    ~XzSource() override { lzma_end(&m_stream); }
    XzSource(const XzSource &) = delete;
    XzSource &operator=(const XzSource &) = delete;

protected:
    Status decode(const char **in, qint64 *inLeft, char **out, qint64 *outLeft) override
    {
        // LZMA_FINISH only once the input is exhausted would be exact; RUN is
        // enough here because the tar end marker stops reading first.
        const lzma_ret status = stepStream(m_stream, in, inLeft, out, outLeft,
                                           [this] { return lzma_code(&m_stream, LZMA_RUN); });
        if (status == LZMA_STREAM_END) {
            return Status::End;
        }
        return status == LZMA_OK || status == LZMA_BUF_ERROR ? Status::Ok : Status::Error;
    }
    bool restart() override { return false; }

private:
    lzma_stream m_stream = LZMA_STREAM_INIT;
};
#endif

// Octal, or GNU base-256 when the top bit is set. -1 when malformed.
qint64 parseNumber(const char *field, int size)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(field);
    if (bytes[0] & 0x80) {
        qint64 value = bytes[0] & 0x7f;
        for (int i = 1; i < size; ++i) {
            if (value > (std::numeric_limits<qint64>::max() >> 8)) {
                return -1;
            }
            value = (value << 8) | bytes[i];
        }
        return value;
    }
    int i = 0;
    while (i < size && (field[i] == ' ' || field[i] == '\0')) {
        ++i;
    }
    qint64 value = 0;
    bool any = false;
    for (; i < size && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (std::numeric_limits<qint64>::max() >> 3)) {
            return -1;
        }
        value = value * 8 + (field[i] - '0');
        any = true;
    }
    for (; i < size; ++i) {
        if (field[i] != ' ' && field[i] != '\0') {
            return -1;
        }
    }
    return any ? value : 0;
}

QString field(const char *data, int size)
{
    const void *nul = std::memchr(data, 0, size_t(size));
    const int length = nul ? int(static_cast<const char *>(nul) - data) : size;
    return QString::fromUtf8(data, length);
}

bool checksumOk(const char *block)
{
    const qint64 stored = parseNumber(block + 148, 8);
    qint64 unsignedSum = 0;
    qint64 signedSum = 0;
    for (int i = 0; i < kBlock; ++i) {
        const char c = (i >= 148 && i < 156) ? ' ' : block[i];
        unsignedSum += static_cast<unsigned char>(c);
        signedSum += static_cast<signed char>(c);
    }
    return stored >= 0 && (stored == unsignedSum || stored == signedSum);
}

bool isZero(const char *block)
{
    for (int i = 0; i < kBlock; ++i) {
        if (block[i] != 0) {
            return false;
        }
    }
    return true;
}

// "len key=value\n" records of a pax extended header.
void parsePax(const QByteArray &data, QString *path, QString *link)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype space = data.indexOf(' ', pos);
        if (space < 0) {
            return;
        }
        bool ok = false;
        const qsizetype length = data.mid(pos, space - pos).toLongLong(&ok);
        if (!ok || length <= space - pos || pos + length > data.size()) {
            return;
        }
        const QByteArray record = data.mid(space + 1, length - (space - pos) - 2);
        const qsizetype eq = record.indexOf('=');
        if (eq > 0) {
            const QByteArray key = record.left(eq);
            if (key == "path") {
                *path = QString::fromUtf8(record.mid(eq + 1));
            } else if (key == "linkpath") {
                *link = QString::fromUtf8(record.mid(eq + 1));
            }
        }
        pos += length;
    }
}

QString cleanMember(const QString &name)
{
    return GoPath::clean(QString(u'/' + name)).mid(1);
}

void readTar(Source &source, TarListing *listing, bool firstIsProbe)
{
    char block[kBlock];
    qint64 headerReads = 0;
    qint64 blockNumber = 0;
    int zeroBlocks = 0;
    QString longName;
    QString longLink;
    QString paxPath;
    QString paxLink;
    auto truncated = [&]() {
        listing->error =
            source.limited
                ? QCoreApplication::translate(
                      "TarArchive", "the archive expands to more than %1 bytes; listed only the "
                                    "first members")
                      .arg(TarArchive::kMaxUncompressedBytes)
            : source.corrupt
                ? QCoreApplication::translate("TarArchive",
                                              "the compressed data is corrupt or truncated")
                : QCoreApplication::translate("TarArchive", "the archive is truncated");
    };
    auto readData = [&](qint64 size, qint64 cap, QByteArray *out) {
        if (size > cap) {
            listing->error = QCoreApplication::translate(
                                 "TarArchive", "an extended header of %1 bytes is too large")
                                 .arg(size);
            return false;
        }
        out->resize(size);
        const qint64 padded = (size + kBlock - 1) / kBlock * kBlock;
        if (source.read(out->data(), size) != size || !source.skip(padded - size)) {
            truncated();
            return false;
        }
        blockNumber += padded / kBlock;
        return true;
    };
    while (true) {
        if (++headerReads > TarArchive::kMaxHeaderReads) {
            listing->error =
                QCoreApplication::translate("TarArchive",
                                            "more than %1 headers; listed only the first members")
                    .arg(TarArchive::kMaxHeaderReads);
            return;
        }
        const qint64 n = source.read(block, kBlock);
        if (n == 0 && !source.corrupt) {
            return; // end of data on a header boundary: accepted like Go's reader
        }
        if (n < kBlock) {
            if (firstIsProbe && blockNumber == 0) {
                // Shorter than one header: not a tar, so ADD copies it as it
                // is, but a broken compressed stream is worth telling.
                if (source.corrupt) {
                    truncated();
                }
                return;
            }
            truncated();
            return;
        }
        ++blockNumber;
        if (isZero(block)) {
            if (++zeroBlocks == 2) {
                return;
            }
            continue;
        }
        zeroBlocks = 0;
        if (!checksumOk(block)) {
            if (firstIsProbe && blockNumber == 1) {
                return; // not a tar at all: ADD copies the file as it is
            }
            listing->error =
                QCoreApplication::translate("TarArchive", "malformed header at block %1")
                    .arg(blockNumber - 1);
            return;
        }
        listing->isArchive = true;
        const qint64 size = parseNumber(block + 124, 12);
        if (size < 0) {
            listing->error = QCoreApplication::translate("TarArchive", "malformed size at block %1")
                                 .arg(blockNumber - 1);
            return;
        }
        const char type = block[156];
        if (type == 'L' || type == 'K') {
            QByteArray data;
            if (!readData(size, kMaxLongName, &data)) {
                return;
            }
            (type == 'L' ? longName : longLink) = field(data.constData(), int(data.size()));
            continue;
        }
        if (type == 'x' || type == 'g') {
            QByteArray data;
            if (!readData(size, kMaxPaxHeader, &data)) {
                return;
            }
            if (type == 'x') {
                parsePax(data, &paxPath, &paxLink);
            }
            continue;
        }
        QString name = field(block, 100);
        if (std::memcmp(block + 257, "ustar", 5) == 0) {
            const QString prefix = field(block + 345, 155);
            if (!prefix.isEmpty() && block[263] == '0') {
                name = prefix + u'/' + name; // POSIX ustar; GNU uses these bytes otherwise
            }
        }
        if (!longName.isEmpty()) {
            name = longName;
        }
        if (!paxPath.isEmpty()) {
            name = paxPath;
        }
        QString link = field(block + 157, 100);
        if (!longLink.isEmpty()) {
            link = longLink;
        }
        if (!paxLink.isEmpty()) {
            link = paxLink;
        }
        longName.clear();
        longLink.clear();
        paxPath.clear();
        paxLink.clear();

        TarMember member;
        member.path = cleanMember(name);
        member.size = size;
        if (type == '5') {
            member.type = TarMember::Type::Directory;
            member.size = 0;
        } else if (type == '2') {
            member.type = TarMember::Type::SymLink;
            member.linkTarget = link;
            member.size = 0;
        } else {
            member.type = TarMember::Type::File;
            if (type == '1') {
                member.linkTarget = cleanMember(link);
                member.size = 0; // a hard link carries no data
            }
        }
        // Hard links, symlinks, folders and devices have no data blocks.
        const qint64 dataSize =
            (type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6')
                ? 0
                : size;
        if (!member.path.isEmpty()) {
            if (listing->members.size() >= TarArchive::kMaxMembers) {
                listing->error =
                    QCoreApplication::translate("TarArchive",
                                                "more than %1 members; listed only the first ones")
                        .arg(TarArchive::kMaxMembers);
                return;
            }
            listing->members.append(member);
        }
        const qint64 padded = (dataSize + kBlock - 1) / kBlock * kBlock;
        if (!source.skip(padded)) {
            truncated();
            return;
        }
        blockNumber += padded / kBlock;
    }
}

TarListing readDevice(QIODevice *device)
{
    TarListing listing;
    const QByteArray magic = device->peek(6);
    if (magic.startsWith("\x1f\x8b")) {
        listing.compression = TarListing::Compression::Gzip;
        GzipSource source(device);
        readTar(source, &listing, true);
        listing.contentsRead = listing.isArchive;
        return listing;
    }
    if (magic.startsWith("BZh")) {
        listing.compression = TarListing::Compression::Bzip2;
#ifdef REVSCOPE_HAVE_BZIP2
        Bzip2Source source(device);
        readTar(source, &listing, true);
        listing.contentsRead = listing.isArchive;
#else
        listing.isArchive = true; // contents not read
#endif
        return listing;
    }
    if (magic == QByteArray("\xfd\x37\x7a\x58\x5a\x00", 6)) {
        listing.compression = TarListing::Compression::Xz;
#ifdef REVSCOPE_HAVE_LZMA
        XzSource source(device);
        readTar(source, &listing, true);
        listing.contentsRead = listing.isArchive;
#else
        listing.isArchive = true; // contents not read
#endif
        return listing;
    }
    PlainSource source(device);
    readTar(source, &listing, true);
    listing.contentsRead = listing.isArchive;
    return listing;
}

} // namespace

TarListing TarArchive::read(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return readDevice(&file);
}

TarListing TarArchive::fromBytes(const QByteArray &bytes)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return readDevice(&buffer);
}

bool TarArchive::canRead(TarListing::Compression compression)
{
    switch (compression) {
    case TarListing::Compression::None:
    case TarListing::Compression::Gzip:
        return true;
    case TarListing::Compression::Bzip2:
#ifdef REVSCOPE_HAVE_BZIP2
        return true;
#else
        return false;
#endif
    case TarListing::Compression::Xz:
#ifdef REVSCOPE_HAVE_LZMA
        return true;
#else
        return false;
#endif
    }
    return false;
}

QString TarArchive::compressionName(TarListing::Compression compression)
{
    switch (compression) {
    case TarListing::Compression::None:
        return QStringLiteral("tar");
    case TarListing::Compression::Gzip:
        return QStringLiteral("gzip");
    case TarListing::Compression::Bzip2:
        return QStringLiteral("bzip2");
    case TarListing::Compression::Xz:
        return QStringLiteral("xz");
    }
    return QString();
}

} // namespace Revscope
