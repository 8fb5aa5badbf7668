#pragma once

// Compact graph notation for tests: revisions separated by spaces, each
// `id[:down,down][|dep,dep][#label,label]`, in load order. Revision k sits in
// /project/versions/<id>.py with `revision =` on line 10k+1, down_revision on
// 10k+2, depends_on on 10k+3, branch_labels on 10k+4.

#include "graph/revision.h"

#include <QString>
#include <QStringList>

namespace TestSupport {

inline Revscope::Revisions parseGraphSpec(const QString &spec)
{
    Revscope::Revisions revisions;
    const QStringList tokens = spec.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString token : tokens) {
        Revscope::Revision revision;
        auto takeSuffix = [&token](QChar marker) {
            const auto at = token.indexOf(marker);
            if (at < 0) {
                return QStringList();
            }
            const QStringList parts = token.mid(at + 1).split(QLatin1Char(','));
            token = token.left(at);
            return parts;
        };
        revision.branchLabels = takeSuffix(QLatin1Char('#'));
        revision.dependsOn = takeSuffix(QLatin1Char('|'));
        revision.downRevisions = takeSuffix(QLatin1Char(':'));
        revision.id = token;
        revision.file = QStringLiteral("/project/versions/%1.py").arg(token);
        const int base = 10 * int(revisions.size());
        revision.line = base + 1;
        revision.downRevisionLine = base + 2;
        revision.dependsOnLine = base + 3;
        revision.branchLabelsLine = base + 4;
        revisions.append(revision);
    }
    return revisions;
}

} // namespace TestSupport
