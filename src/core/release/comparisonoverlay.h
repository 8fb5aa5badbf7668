#pragma once

#include "graph/revisiongraph.h"
#include "inspection/inspection.h"
#include "release/revisiondiff.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Revscope {

class Comparison;

// Both versions of one environment's revision graph drawn as one: the union
// of their revisions and edges, each with what the comparison made of it.
// Removed revisions keep their old edges, a rewired revision shows its old
// and new parents, so the squash reads at a glance. Headless: the GUI draws
// graph() with these statuses on top.
class ComparisonOverlay
{
public:
    // Precedence when several apply: removed, added, rewired, edited.
    enum class Status { Unchanged, Removed, Added, Rewired, Edited };
    enum class EdgeStatus { Kept, Removed, Added };

    struct Edge
    {
        QString parent;
        QString child;
        bool dependency = false; // depends_on rather than down_revision
        EdgeStatus status = EdgeStatus::Kept;
    };

    ComparisonOverlay() = default;
    // Environment `diff.config` of the two inspections.
    ComparisonOverlay(const Inspection &from, const Inspection &to, const EnvironmentDiff &diff);
    // Environment `label` of a comparison (empty when it has no such environment).
    ComparisonOverlay(const Comparison &comparison, const QString &label);

    QString environment() const { return m_label; }
    // Every revision of either version (source revisions of both, plus the
    // newer version's bytecode-only revisions), with the union of edges.
    const RevisionGraph &graph() const { return m_graph; }
    Status status(const QString &id) const { return m_status.value(id, Status::Unchanged); }
    EdgeStatus edgeStatus(const QString &parent, const QString &child) const;
    const QList<Edge> &edges() const { return m_edges; }
    // Revisions with `status`, sorted.
    QStringList revisions(Status status) const;
    // The revision replacing a removed one in the squash mapping, or empty.
    QString replacedBy(const QString &removed) const { return m_replacedBy.value(removed); }

    // The union graph as an inspection of one environment (labelled like the
    // compared one, rooted at the newer version, holding the comparison's
    // findings), for views that draw an Inspection. Files of removed
    // revisions are shown at their old place under that root.
    InspectionPtr inspection() const { return m_inspection; }

    // "removed", "added", "rewired", "edited", "unchanged" / "removed", "added", "kept".
    static QString statusName(Status status);
    static QString edgeStatusName(EdgeStatus status);

private:
    QString m_label;
    RevisionGraph m_graph;
    QHash<QString, Status> m_status;
    QHash<QPair<QString, QString>, EdgeStatus> m_edgeStatus;
    QList<Edge> m_edges;
    QHash<QString, QString> m_replacedBy;
    InspectionPtr m_inspection;
};

} // namespace Revscope
