#pragma once

#include "analysis/finding.h"
#include "graph/revision.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Revscope {

struct ScriptReadResult
{
    // false: Alembic would not load this file as a revision (no revision id, no
    // down_revision, a syntax error, an undecodable file), or its id cannot be known
    // without running Python (non-literal, non-string or empty). The findings say why.
    bool isRevision = false;
    Revision revision;      // origin Source, file absolute
    QString docRevisionId;  // "Revision ID:" from the docstring, empty if none
    QStringList docRevises; // "Revises:" split on commas/whitespace
    Findings findings;
};

// Reads an Alembic migration script statically, with Alembic 1.8.1's semantics
// (Script._from_filename, Script.doc, Revision.__init__, util.to_tuple), never
// running Python: only literal module-level assignments count, plus string
// constants imported from the project's own modules (`branch_labels =
// (cli.EXPAND_BRANCH,)` after `from pkg.db.migration import cli`, read from a
// module-level `EXPAND_BRANCH = 'expand'` in pkg/db/migration/cli.py found in a
// folder above the script).
class ScriptReader
{
public:
    // fileTemplate: the environment's file_template; envLabel goes into
    // Finding::environment.
    static ScriptReadResult read(const QString &path, const QString &fileTemplate,
                                 const QString &envLabel);
    // The same for bytes that need not be on disk (a blob from git); `path` names it.
    static ScriptReadResult readBytes(const QByteArray &bytes, const QString &path,
                                      const QString &fileTemplate, const QString &envLabel);

    // Alembic's Script.doc: the stripped docstring up to its first blank line.
    static QString docSummary(const QString &docstring);

    // Whether `fileName` (".py" included or not) is what `fileTemplate` gives for
    // `revisionId`. *checkable is false when the template cannot be checked (no
    // %(rev)s, a path separator, an unknown key or malformed); the result is then true.
    static bool fileNameFitsTemplate(const QString &fileName, const QString &fileTemplate,
                                     const QString &revisionId, bool *checkable = nullptr);

    // The file name Alembic would generate, without ".py"; empty when it cannot be
    // rendered (e.g. %(epoch)s, or date fields without a parsable create date).
    static QString expectedFileName(const QString &fileTemplate, const QString &revisionId,
                                    const QString &message, const QString &createDate);
};

} // namespace Revscope
