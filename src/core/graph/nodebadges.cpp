#include "nodebadges.h"

#include "inspection/inspection.h"

namespace Revscope {

NodeBadgeTable::NodeBadgeTable(const Inspection &inspection, int environmentIndex)
{
    if (environmentIndex < 0 || environmentIndex >= inspection.environments.size()) {
        return;
    }
    const EnvironmentInspection &environment = inspection.environments.at(environmentIndex);
    const RevisionGraph &graph = environment.graph;
    m_badges.reserve(graph.nodes().size());
    for (const Revision &revision : graph.nodes()) {
        NodeBadges &badges = m_badges[revision.id];
        badges.ghost = revision.origin == RevisionOrigin::Missing;
        badges.bytecodeOnly = revision.origin == RevisionOrigin::Bytecode;
        badges.branchLabels = revision.branchLabels;
        badges.dbState = environment.dbState(revision.id);
    }
    auto mark = [this](const QStringList &ids, bool NodeBadges::*flag) {
        for (const QString &id : ids) {
            auto it = m_badges.find(id);
            if (it != m_badges.end()) {
                (*it).*flag = true;
            }
        }
    };
    mark(graph.heads(), &NodeBadges::head);
    mark(graph.realHeads(), &NodeBadges::head);
    mark(graph.bases(), &NodeBadges::base);
    mark(graph.mergePoints(), &NodeBadges::mergePoint);
    mark(graph.branchPoints(), &NodeBadges::branchPoint);

    for (const BytecodeInfo &file : inspection.bytecode) {
        if (!file.environments.contains(environmentIndex)) {
            continue;
        }
        auto it = m_badges.find(file.revision());
        if (it == m_badges.end()) {
            continue;
        }
        ++it->bytecodeFiles;
        if (file.status == BytecodeStatus::Stray || file.status == BytecodeStatus::Stale) {
            it->strayBytecode = true;
        }
    }

    for (const Finding &finding : inspection.findings) {
        // Findings of another environment may name a revision with the same id.
        if (finding.revision.isEmpty() ||
            (!finding.environment.isEmpty() && finding.environment != environment.label)) {
            continue;
        }
        auto it = m_badges.find(finding.revision);
        if (it == m_badges.end()) {
            continue;
        }
        if (it->findings == 0 || int(finding.severity) > int(it->worstSeverity)) {
            it->worstSeverity = finding.severity;
        }
        ++it->findings;
    }
}

} // namespace Revscope
