#pragma once

#include "analysis/finding.h"

#include <QString>

namespace Revscope {

// One keyword argument of `context.configure(...)` as env.py passes it.
struct EnvPyValue
{
    bool isSet = false; // a literal value was read; otherwise Alembic's default applies
    QString value;      // empty for an explicit `version_table_schema=None`
    int line = 0;       // 1-based line of the keyword, 0 when not set
    // About this keyword: a value Revscope cannot read, calls that disagree.
    // They name the file and line.
    Findings findings;
};

// What an environment's env.py tells Alembic about the version table.
struct EnvPySettings
{
    QString file;        // absolute path of env.py (whether or not it exists)
    bool exists = false; // env.py is there (and is a regular file)
    int configureCalls = 0;
    EnvPyValue versionTable;
    EnvPyValue versionTableSchema;
    // About the whole file: unreadable or unparsable (no value is read then).
    Findings findings;

    // findings, then those of both keywords.
    Findings allFindings() const
    {
        return findings + versionTable.findings + versionTableSchema.findings;
    }
};

// Reads `version_table=` and `version_table_schema=` from the keyword
// arguments of the `context.configure(...)` (or bare `configure(...)`) calls
// in an environment's env.py, statically: only string literals (and None for
// the schema) count. When several calls disagree, the first one wins, as it
// is the one a reader meets first; an info finding names the others.
class EnvPyReader
{
public:
    // Reads `<scriptLocation>/env.py`. An absent env.py gives no values and no finding.
    static EnvPySettings read(const QString &scriptLocation, const QString &envLabel);
    // Reads the file at `path`.
    static EnvPySettings readFile(const QString &path, const QString &envLabel);
    // Reads already decoded source text; `path` names it in findings.
    static EnvPySettings readText(const QString &text, const QString &path,
                                  const QString &envLabel);
};

} // namespace Revscope
