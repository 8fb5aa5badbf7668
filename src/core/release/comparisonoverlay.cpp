#include "comparisonoverlay.h"

#include "release/comparison.h"

#include <QDir>
#include <QSet>

namespace Revscope {

namespace {

int environmentIndex(const Inspection &inspection, const QString &label)
{
    for (int i = 0; i < inspection.environments.size(); ++i) {
        if (inspection.environments.at(i).label == label) {
            return i;
        }
    }
    return -1;
}

// Source revisions of environment `index` (none when it is -1), by id.
QHash<QString, Revision> sourceRevisions(const Inspection &inspection, int index)
{
    QHash<QString, Revision> out;
    if (index < 0) {
        return out;
    }
    for (const Revision &node : inspection.environments.at(index).graph.nodes()) {
        if (node.origin == RevisionOrigin::Source) {
            out.insert(node.id, node);
        }
    }
    return out;
}

// `first`, then what `second` adds.
QStringList united(const QStringList &first, const QStringList &second)
{
    QStringList out = first;
    for (const QString &id : second) {
        if (!out.contains(id)) {
            out.append(id);
        }
    }
    return out;
}

} // namespace

ComparisonOverlay::ComparisonOverlay(const Comparison &comparison, const QString &label)
{
    const EnvironmentDiff *diff = comparison.environment(label);
    if (diff && comparison.from().inspection && comparison.to().inspection) {
        *this =
            ComparisonOverlay(*comparison.from().inspection, *comparison.to().inspection, *diff);
    }
}

ComparisonOverlay::ComparisonOverlay(const Inspection &from, const Inspection &to,
                                     const EnvironmentDiff &diff)
    : m_label(diff.config)
{
    const int before = environmentIndex(from, diff.config);
    const int after = environmentIndex(to, diff.config);
    const QHash<QString, Revision> old = sourceRevisions(from, before);
    const QHash<QString, Revision> now = sourceRevisions(to, after);

    // The newer version's revisions in its order, old parents added; then
    // the removed ones in the older version's order.
    Revisions loaded;
    Revisions extra;
    if (after >= 0) {
        for (const Revision &node : to.environments.at(after).graph.nodes()) {
            if (node.origin == RevisionOrigin::Bytecode) {
                extra.append(node);
            }
            if (node.origin != RevisionOrigin::Source) {
                continue;
            }
            Revision revision = node;
            const auto was = old.constFind(node.id);
            if (was != old.constEnd()) {
                revision.downRevisions = united(node.downRevisions, was->downRevisions);
                revision.dependsOn = united(node.dependsOn, was->dependsOn);
            }
            loaded.append(revision);
        }
    }
    if (before >= 0) {
        for (const Revision &node : from.environments.at(before).graph.nodes()) {
            if (node.origin != RevisionOrigin::Source || now.contains(node.id)) {
                continue;
            }
            Revision revision = node;
            const QString relative = from.relativePath(node.file);
            if (!QDir::isAbsolutePath(relative)) {
                revision.file = to.root + QLatin1Char('/') + relative;
            }
            loaded.append(revision);
        }
    }
    m_graph = RevisionGraph(loaded, extra);

    for (const QString &id : diff.edited) {
        m_status.insert(id, Status::Edited);
    }
    for (const RewiredRevision &rewired : diff.rewired) {
        m_status.insert(rewired.id, Status::Rewired);
    }
    for (const QString &id : diff.added) {
        m_status.insert(id, Status::Added);
    }
    for (const QString &id : diff.removed) {
        m_status.insert(id, Status::Removed);
    }
    for (const SquashMapping &mapping : diff.squash) {
        for (const QString &id : mapping.removed) {
            m_replacedBy.insert(id, mapping.replacedBy);
        }
    }

    const auto addEdges = [this, &old, &now](const Revision &revision, bool dependency) {
        const auto parentsOf = [dependency](const Revision *r) {
            return r ? (dependency ? r->dependsOn : r->downRevisions) : QStringList();
        };
        const auto was = old.constFind(revision.id);
        const auto is = now.constFind(revision.id);
        const QStringList parentsBefore = parentsOf(was == old.constEnd() ? nullptr : &*was);
        const QStringList parentsAfter = parentsOf(is == now.constEnd() ? nullptr : &*is);
        for (const QString &parent : parentsOf(&revision)) {
            const bool inOld = was != old.constEnd() && parentsBefore.contains(parent);
            const bool inNew = is != now.constEnd() && parentsAfter.contains(parent);
            const EdgeStatus status = inOld && inNew ? EdgeStatus::Kept
                                      : inOld        ? EdgeStatus::Removed
                                                     : EdgeStatus::Added;
            m_edges.append(Edge{parent, revision.id, dependency, status});
            m_edgeStatus.insert({parent, revision.id}, status);
        }
    };
    for (const Revision &revision : std::as_const(loaded)) {
        addEdges(revision, false);
        addEdges(revision, true);
    }

    auto inspection = std::make_shared<Inspection>();
    inspection->root = to.root;
    EnvironmentInspection environment;
    if (after >= 0) {
        environment.environment = to.environments.at(after).environment;
        environment.config = to.environments.at(after).config;
    } else if (before >= 0) {
        environment.environment = from.environments.at(before).environment;
        environment.config = from.environments.at(before).config;
    }
    environment.label = diff.config;
    environment.graph = m_graph;
    inspection->environments.append(environment);
    // The newer version's bytecode of this environment, for the graph's marks.
    for (const BytecodeInfo &file : to.bytecode) {
        if (file.environments.contains(after)) {
            BytecodeInfo copy = file;
            copy.environments = {0};
            inspection->bytecode.append(copy);
        }
    }
    inspection->findings = diff.findings;
    m_inspection = inspection;
}

ComparisonOverlay::EdgeStatus ComparisonOverlay::edgeStatus(const QString &parent,
                                                            const QString &child) const
{
    return m_edgeStatus.value({parent, child}, EdgeStatus::Kept);
}

QStringList ComparisonOverlay::revisions(Status status) const
{
    QStringList out;
    for (const Revision &node : m_graph.nodes()) {
        if (this->status(node.id) == status) {
            out.append(node.id);
        }
    }
    out.sort();
    return out;
}

QString ComparisonOverlay::statusName(Status status)
{
    switch (status) {
    case Status::Removed:
        return QStringLiteral("removed");
    case Status::Added:
        return QStringLiteral("added");
    case Status::Rewired:
        return QStringLiteral("rewired");
    case Status::Edited:
        return QStringLiteral("edited");
    case Status::Unchanged:
        break;
    }
    return QStringLiteral("unchanged");
}

QString ComparisonOverlay::edgeStatusName(EdgeStatus status)
{
    switch (status) {
    case EdgeStatus::Removed:
        return QStringLiteral("removed");
    case EdgeStatus::Added:
        return QStringLiteral("added");
    case EdgeStatus::Kept:
        break;
    }
    return QStringLiteral("kept");
}

} // namespace Revscope
