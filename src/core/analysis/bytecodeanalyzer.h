#pragma once

#include "analysis/finding.h"
#include "graph/revisiongraph.h"
#include "project/bytecodescanner.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Revscope {

// Findings about the bytecode of a project: stray-bytecode, stale-bytecode,
// corrupt-bytecode (one per file) and bytecode-only-revision (one per
// revision that only bytecode in a version location defines). Each message
// says what Alembic does with the file with sourceless on and off, and that a
// Docker COPY of the folder carries it into an image.
class BytecodeAnalyzer
{
public:
    // What the analyzer needs to know of one environment.
    struct Environment
    {
        QString label;
        bool sourceless = false;
        const RevisionGraph *graph = nullptr; // may be null
        // Revisions a database is stamped at; a bytecode-only one among them
        // is an error whatever `sourceless` says.
        QStringList stampedRevisions;
    };

    // `environments` indexes match BytecodeInfo::environments.
    static Findings analyze(const BytecodeInfos &files, const QList<Environment> &environments);
};

} // namespace Revscope
