#pragma once

#include "analysis/finding.h"

#include <QList>
#include <QString>

namespace Revscope {

// The finding codes of the command-line contract, with a one-line title each.
// Used for SARIF rules, help pages and filters.
struct FindingKind
{
    QString code;
    QString area; // files, config, graph, bytecode, database, release, image
    Severity defaultSeverity;
    QString title;
};

class FindingCatalog
{
public:
    static const QList<FindingKind> &kinds();
    // The kind for `code`; a generic entry for codes the catalog doesn't know.
    static FindingKind kind(const QString &code);
};

} // namespace Revscope
