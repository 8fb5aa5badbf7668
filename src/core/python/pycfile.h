#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Revscope {

// How a .pyc says it is validated against its source (PEP 552).
enum class PycInvalidation { Timestamp, CheckedHash, UncheckedHash };

struct PycHeader
{
    quint32 magic = 0;     // the 2-byte magic number (little-endian word), without \r\n
    QString pythonVersion; // "3.11"; empty for an unknown magic number
    PycInvalidation invalidation = PycInvalidation::Timestamp;
    quint32 sourceMtime = 0; // timestamp pycs
    quint32 sourceSize = 0;  // timestamp pycs, 3.3+
    QByteArray sourceHash;   // hash pycs: 8 bytes
    int headerSize = 0;      // 8, 12 or 16
};

// Where a recovered revision field came from.
enum class PycFieldSource {
    None,       // not found
    Assignment, // the module's own `name = <constant>` bytecode
    Docstring,  // "Revision ID:" / "Revises:" of the docstring
    FileName,   // the file name's leading id (<rev>_<slug>.<tag>.pyc)
};

// What the module code object of a .pyc says.
struct PycModule
{
    QString docstring;
    QString filename; // co_filename: where it was compiled, e.g. /app/alembic/versions/x.py
    QStringList names;
    QStringList stringConstants;

    QString revision;
    QStringList downRevisions;
    QStringList dependsOn;
    QStringList branchLabels;
    PycFieldSource revisionSource = PycFieldSource::None;
    PycFieldSource downRevisionSource = PycFieldSource::None;
    bool hasDownRevision = false; // the module binds down_revision (None counts)
    QString message;              // Alembic's doc: docstring up to the first blank line
    QString createDate;
};

// A .pyc file read statically: header (PEP 3147/552) and marshalled module.
// Never executes anything; bounded in time and memory on any input.
struct PycFile
{
    QString path;
    bool ok = false;
    QString error; // why it is corrupt, when !ok (header may still be filled)
    bool headerOk = false;
    PycHeader header;
    PycModule module;

    static PycFile read(const QString &path);
    static PycFile fromBytes(const QByteArray &bytes, const QString &path);

    // CPython's _imp.source_hash() for this magic number's Python version.
    static QByteArray sourceHash(const QByteArray &source, quint32 magic);
    // "3.11" for a magic number; empty when unknown.
    static QString versionForMagic(quint32 magic);
};

} // namespace Revscope
