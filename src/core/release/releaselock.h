#pragma once

#include "analysis/finding.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Revscope {

struct Inspection;

// One released revision: the script that defined it when the lock was written.
struct LockEntry
{
    QString environment; // environment label, as in Finding::environment
    QString revision;
    QString sha256; // lower-case hex of the script's bytes
    QString file;   // script relative to the project root, '/' separated
    int line = 0;   // line of the lock file naming it (when read)
};

// The lock file of released migrations (`revscope.lock` at the project
// root): the Alembic counterpart of atlas.sum or Flyway checksums. Text, one
// revision a line, so a review shows exactly which released script moved:
//
//   revscope.lock/1
//   [alembic.ini]
//   001 <sha256> migrations/versions/001_first.py
//
// Sections are environment labels, sorted; entries are sorted by revision id.
// Blank lines and lines starting with '#' are ignored.
class ReleaseLock
{
public:
    static QString fileName() { return QStringLiteral("revscope.lock"); }
    static QByteArray formatLine() { return QByteArrayLiteral("revscope.lock/1"); }

    // Every source revision of every environment of `inspection`, hashed now.
    static ReleaseLock fromInspection(const Inspection &inspection);
    // Parses lock text; problems (an unknown format line, a malformed entry)
    // go to `findings` as config-error with the file and line.
    static ReleaseLock parse(const QByteArray &data, const QString &path, Findings *findings);

    QByteArray serialize() const;

    const QList<LockEntry> &entries() const { return m_entries; }
    void append(const LockEntry &entry) { m_entries.append(entry); }

    // Lower-case hex sha256 of a file's bytes; empty when it cannot be read.
    static QString hashFile(const QString &path);

private:
    void sort();

    QList<LockEntry> m_entries;
};

} // namespace Revscope
