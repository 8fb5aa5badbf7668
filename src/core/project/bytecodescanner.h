#pragma once

#include "analysis/finding.h"
#include "project/alembicenvironment.h"
#include "python/pycfile.h"

#include <QList>
#include <QString>

namespace Revscope {

// How a .pyc relates to the source it was compiled from.
enum class BytecodeStatus {
    Ok,      // the source is there and unchanged since compiling
    Stray,   // no source file
    Stale,   // the source changed since it was compiled
    Corrupt, // the .pyc cannot be read
};

// "ok", "stray", "stale", "corrupt": the JSON `bytecode[].status`.
QString bytecodeStatusName(BytecodeStatus status);
// "timestamp", "checked-hash", "unchecked-hash".
QString pycInvalidationName(PycInvalidation invalidation);
// "assignment", "docstring", "file_name"; empty for None.
QString pycFieldSourceName(PycFieldSource source);

// A bytecode file's name, PEP 3147 or legacy.
struct BytecodeName
{
    QString sourcePath;   // the .py it is compiled from (absolute when `path` is)
    QString cacheTag;     // "cpython-311"; empty for a legacy file
    QString optimization; // "1" of ".opt-1"; empty when none
    bool legacy = false;  // beside its source rather than in __pycache__
};

// One .pyc / .pyo found in the project, read and compared with its source.
struct BytecodeInfo
{
    QString path; // absolute, as reached from the root
    BytecodeName name;
    bool sourceExists = false;
    BytecodeStatus status = BytecodeStatus::Corrupt;
    QString staleReason; // why it is stale, in plain words
    PycFile pyc;         // header and module summary; pyc.error when corrupt

    bool inVersionLocation = false;
    // Indexes (into the environments scanned) of the environments whose
    // version locations hold the file; the first one names it.
    QList<int> environments;
    QString environment; // label of the first of them; empty outside version locations

    QString sourcePath() const { return sourceExists ? name.sourcePath : QString(); }
    QString pythonVersion() const { return pyc.header.pythonVersion; }
    // The revision the file defines. A guess from the file name alone counts
    // only in a version location, where every file is meant to be a revision.
    QString revision() const
    {
        return pyc.module.revisionSource != PycFieldSource::FileName || inVersionLocation
                   ? pyc.module.revision
                   : QString();
    }
};

using BytecodeInfos = QList<BytecodeInfo>;

struct BytecodeScan
{
    BytecodeInfos files; // sorted by path
    Findings findings;   // unreadable folders, limits reached
};

// Bounds of a bytecode scan, so huge trees finish in bounded time and memory.
struct BytecodeScanLimits
{
    static constexpr qint64 kMaxFileSize = 64ll * 1024 * 1024;
    int maxFiles = 20000;              // bytecode files read
    int maxFolders = 200000;           // folders listed
    qint64 maxFileSize = kMaxFileSize; // bigger files are reported corrupt, unread
};

// Finds and classifies the bytecode of a project: `__pycache__/<stem>.<tag>
// [.opt-N].pyc` (PEP 3147) and legacy `<stem>.pyc` / `.pyo` files, first in
// every version location of every environment (recursively with
// recursive_version_locations), then in the rest of the tree, where
// version control, virtualenv and build folders are not entered. Symbolic
// links are followed only when they stay inside the root; each real file is
// reported once. Reading never executes anything.
class BytecodeScanner
{
public:
    static BytecodeScan scan(const QString &root, const AlembicEnvironments &environments,
                             const BytecodeScanLimits &limits = BytecodeScanLimits());

    // Reads one file and compares it with its source (in its folder).
    static BytecodeInfo inspectFile(const QString &path,
                                    qint64 maxFileSize = BytecodeScanLimits::kMaxFileSize);

    // Whether `fileName` is a bytecode name (".pyc" / ".pyo").
    static bool isBytecodeName(const QString &fileName);
    // The source a bytecode path is compiled from, as importlib maps it:
    // `d/__pycache__/x.cpython-311.pyc` -> `d/x.py`, legacy `d/x.pyc` -> `d/x.py`.
    static BytecodeName parseName(const QString &path);
};

} // namespace Revscope
