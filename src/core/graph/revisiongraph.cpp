#include "revisiongraph.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <algorithm>
#include <map>
#include <utility>

namespace Revscope {

namespace {

// Alembic turns `down_revision = ""` into None, and empty names can never be
// resolved anyway: drop them so they neither become edges nor ghosts.
QStringList withoutEmpty(const QStringList &names)
{
    QStringList result;
    result.reserve(names.size());
    for (const QString &name : names) {
        if (!name.isEmpty()) {
            result.append(name);
        }
    }
    return result;
}

Revision cleaned(const Revision &revision)
{
    Revision result = revision;
    result.downRevisions = withoutEmpty(revision.downRevisions);
    result.dependsOn = withoutEmpty(revision.dependsOn);
    result.branchLabels = withoutEmpty(revision.branchLabels);
    return result;
}

quint64 edgeKey(int from, int to)
{
    return (quint64(quint32(from)) << 32) | quint32(to);
}

void appendUnique(std::vector<int> &list, int value)
{
    if (std::find(list.begin(), list.end(), value) == list.end()) {
        list.push_back(value);
    }
}

// Sorted union of two sorted lists of label numbers, in place (lists are short).
void mergeSorted(QList<int> &into, const QList<int> &from)
{
    for (int label : from) {
        const auto at = std::lower_bound(into.begin(), into.end(), label);
        if (at == into.end() || *at != label) {
            into.insert(at, label);
        }
    }
}

// Labels propagate along every descendant of every labelled revision; on an
// absurd project (thousands of labels on a long chain) stop spreading them
// rather than spend seconds.
constexpr qint64 LabelWorkBudget = 20'000'000;

} // namespace

RevisionGraph::Adjacency
RevisionGraph::buildAdjacency(int nodeCount, const std::vector<std::pair<int, int>> &edges)
{
    Adjacency adjacency;
    adjacency.offsets.assign(size_t(nodeCount) + 1, 0);
    for (const auto &edge : edges) {
        ++adjacency.offsets[size_t(edge.first) + 1];
    }
    for (int i = 0; i < nodeCount; ++i) {
        adjacency.offsets[size_t(i) + 1] += adjacency.offsets[size_t(i)];
    }
    adjacency.targets.resize(edges.size());
    std::vector<int> fill(adjacency.offsets.begin(), adjacency.offsets.end() - 1);
    // Stable: targets keep the order in which the edges were given.
    for (const auto &edge : edges) {
        adjacency.targets[size_t(fill[size_t(edge.first)]++)] = edge.second;
    }
    return adjacency;
}

RevisionGraph::RevisionGraph(const Revisions &revisions, const Revisions &extra)
{
    addNodes(revisions, extra);
    resolveReferences();
    computeAlembicView();
    findCycles();
    buildWorkGraph();
    computeHistory();
    computeBranchLabels();
}

void RevisionGraph::addNodes(const Revisions &revisions, const Revisions &extra)
{
    m_occurrenceNode.reserve(size_t(revisions.size()));
    m_occurrenceLoser.reserve(size_t(revisions.size()));
    m_nodes.reserve(revisions.size() + extra.size());
    m_index.reserve(revisions.size() + extra.size());
    std::vector<int> lastOccurrence;
    lastOccurrence.reserve(size_t(revisions.size()));
    for (const Revision &original : revisions) {
        if (original.id.isEmpty()) {
            continue;
        }
        const int occurrence = int(m_occurrenceNode.size());
        const auto found = m_index.constFind(original.id);
        if (found != m_index.constEnd()) {
            // Alembic warns and lets the later one win, keeping the first position.
            const int node = *found;
            auto &files = m_duplicates[original.id];
            if (files.isEmpty()) {
                files.append(m_nodes[node].file);
            }
            files.append(original.file);
            m_occurrenceLoser[size_t(lastOccurrence[size_t(node)])] = int(m_losers.size());
            m_losers.append(std::move(m_nodes[node]));
            m_nodes[node] = cleaned(original);
            m_occurrenceNode.push_back(node);
            lastOccurrence[size_t(node)] = occurrence;
        } else {
            const int node = int(m_nodes.size());
            m_index.insert(original.id, node);
            m_nodes.append(cleaned(original));
            m_occurrenceNode.push_back(node);
            lastOccurrence.push_back(occurrence);
        }
        m_occurrenceLoser.push_back(-1);
    }
    m_loadedCount = int(m_nodes.size());

    for (const Revision &original : extra) {
        if (original.id.isEmpty() || m_index.contains(original.id)) {
            continue;
        }
        m_index.insert(original.id, int(m_nodes.size()));
        m_nodes.append(cleaned(original));
    }
    m_definedCount = int(m_nodes.size());

    // Alembic's _map_branch_labels: every loaded revision (duplicates too) puts
    // its labels into the same map as the revision ids; a name already there is refused.
    QStringList labelOrder;
    for (int k = 0; k < int(m_occurrenceNode.size()); ++k) {
        const Revision &revision = occurrence(k);
        for (const QString &label : revision.branchLabels) {
            const int asRevision = m_index.value(label, -1);
            BranchLabelConflict conflict;
            conflict.label = label;
            conflict.revision = revision.id;
            conflict.file = revision.file;
            conflict.line =
                revision.branchLabelsLine > 0 ? revision.branchLabelsLine : revision.line;
            if (asRevision >= 0 && asRevision < m_loadedCount) {
                conflict.usedBy = label;
                conflict.usedAsRevisionId = true;
                m_labelConflicts.append(conflict);
            } else if (m_labelOwner.contains(label)) {
                conflict.usedBy = m_nodes[m_labelOwner.value(label)].id;
                m_labelConflicts.append(conflict);
            } else {
                m_labelOwner.insert(label, m_occurrenceNode[size_t(k)]);
                labelOrder.append(label);
            }
        }
    }
    for (int i = m_loadedCount; i < m_definedCount; ++i) {
        for (const QString &label : std::as_const(m_nodes[i].branchLabels)) {
            if (!m_labelOwner.contains(label) && !m_extraLabelOwner.contains(label)) {
                m_extraLabelOwner.insert(label, i);
            }
        }
    }

    // Partial identifiers match any key of Alembic's map longer than 3 characters.
    for (int i = 0; i < m_loadedCount; ++i) {
        if (m_nodes[i].id.size() > 3) {
            m_partialKeys.append(m_nodes[i].id);
        }
    }
    for (const QString &label : std::as_const(labelOrder)) {
        if (label.size() > 3) {
            m_partialKeys.append(label);
        }
    }
}

const Revision &RevisionGraph::occurrence(int k) const
{
    const int loser = m_occurrenceLoser[size_t(k)];
    return loser >= 0 ? m_losers[loser] : m_nodes[m_occurrenceNode[size_t(k)]];
}

int RevisionGraph::ghost(const QString &id)
{
    const auto found = m_index.constFind(id);
    if (found != m_index.constEnd()) {
        return *found;
    }
    Revision revision;
    revision.id = id;
    revision.origin = RevisionOrigin::Missing;
    const int index = int(m_nodes.size());
    m_nodes.append(revision);
    m_index.insert(id, index);
    return index;
}

int RevisionGraph::resolveDependency(const QString &name, bool fromLoaded) const
{
    // Alembic's _add_depends_on looks names up in the map of ids and branch labels.
    const int asRevision = m_index.value(name, -1);
    if (asRevision >= 0 && asRevision < m_loadedCount) {
        return asRevision;
    }
    const auto owner = m_labelOwner.constFind(name);
    if (owner != m_labelOwner.constEnd()) {
        return *owner;
    }
    if (asRevision >= 0) {
        return asRevision;
    }
    if (!fromLoaded) {
        return m_extraLabelOwner.value(name, -1);
    }
    return -1;
}

void RevisionGraph::resolveReferences()
{
    std::vector<std::pair<int, int>> parentEdges;
    std::vector<std::pair<int, int>> depEdges;
    parentEdges.reserve(size_t(m_definedCount) + 16);
    m_resolvedDeps.resize(m_definedCount);
    std::vector<int> targets;
    for (int i = 0; i < m_definedCount; ++i) {
        const QStringList downs = m_nodes[i].downRevisions;
        const QStringList deps = m_nodes[i].dependsOn;
        targets.clear();
        for (const QString &down : downs) {
            int target = m_index.value(down, -1);
            if (target < 0) {
                target = ghost(down);
            }
            appendUnique(targets, target);
        }
        for (int target : targets) {
            parentEdges.emplace_back(i, target);
            if (i < m_loadedCount && target >= m_loadedCount) {
                m_missingParents.append({m_nodes[i].id, m_nodes[target].id});
            }
        }
        targets.clear();
        for (const QString &dep : deps) {
            int target = resolveDependency(dep, i < m_loadedCount);
            if (target < 0) {
                target = ghost(dep);
            }
            appendUnique(targets, target);
        }
        for (int target : targets) {
            depEdges.emplace_back(i, target);
            m_resolvedDeps[i].append(m_nodes[target].id);
            if (i < m_loadedCount && target >= m_loadedCount) {
                m_missingDependencies.append({m_nodes[i].id, m_nodes[target].id});
            }
        }
    }
    m_resolvedDeps.resize(m_nodes.size());

    const int count = int(m_nodes.size());
    auto reversed = [](const std::vector<std::pair<int, int>> &edges) {
        std::vector<std::pair<int, int>> result;
        result.reserve(edges.size());
        for (const auto &edge : edges) {
            result.emplace_back(edge.second, edge.first);
        }
        return result;
    };
    auto loadedOnly = [this](const std::vector<std::pair<int, int>> &edges) {
        std::vector<std::pair<int, int>> result;
        result.reserve(edges.size());
        for (const auto &edge : edges) {
            if (edge.first < m_loadedCount && edge.second < m_loadedCount) {
                result.push_back(edge);
            }
        }
        return result;
    };
    m_parents = buildAdjacency(count, parentEdges);
    m_children = buildAdjacency(count, reversed(parentEdges));
    m_deps = buildAdjacency(count, depEdges);
    m_dependents = buildAdjacency(count, reversed(depEdges));
    const auto loadedParentEdges = loadedOnly(parentEdges);
    const auto loadedDepEdges = loadedOnly(depEdges);
    m_loadedParents = buildAdjacency(m_loadedCount, loadedParentEdges);
    m_loadedChildren = buildAdjacency(m_loadedCount, reversed(loadedParentEdges));
    m_loadedDeps = buildAdjacency(m_loadedCount, loadedDepEdges);
    m_loadedDependents = buildAdjacency(m_loadedCount, reversed(loadedDepEdges));
}

void RevisionGraph::computeAlembicView()
{
    // Alembic keeps every loaded Revision object in its head sets; only the
    // object that won the map is ever discarded, so an overwritten duplicate
    // always stays a head (`alembic heads` lists it), and its id can appear
    // twice in Alembic's head tuples.
    std::vector<char> seenBase(size_t(m_loadedCount), 0);
    for (int k = 0; k < int(m_occurrenceNode.size()); ++k) {
        const int index = m_occurrenceNode[size_t(k)];
        const Revision &revision = occurrence(k);
        const bool winner = m_occurrenceLoser[size_t(k)] < 0;
        const bool head = !winner || m_loadedChildren.count(index) == 0;
        if (head) {
            m_headsLoadOrder.append(revision.id);
        }
        if (!winner || (head && m_loadedDependents.count(index) == 0)) {
            m_realHeadsLoadOrder.append(revision.id);
        }
        if (revision.downRevisions.isEmpty() && !seenBase[size_t(index)]) {
            seenBase[size_t(index)] = 1;
            m_bases.append(revision.id);
        }
    }
    m_heads = m_headsLoadOrder;
    m_realHeads = m_realHeadsLoadOrder;
    for (int i = 0; i < m_loadedCount; ++i) {
        if (m_loadedChildren.count(i) > 1) {
            m_branchPoints.append(m_nodes[i].id);
        }
        if (m_nodes[i].downRevisions.size() > 1) {
            m_mergePoints.append(m_nodes[i].id);
        }
    }
    m_heads.sort();
    m_heads.removeDuplicates();
    m_realHeads.sort();
    m_realHeads.removeDuplicates();
    m_bases.sort();
    m_branchPoints.sort();
    m_mergePoints.sort();
}

void RevisionGraph::findCycles()
{
    const int n = m_loadedCount;
    // Iterative Tarjan over the loaded graph; `withDeps` adds depends_on edges.
    auto stronglyConnected = [this, n](bool withDeps) {
        QList<std::vector<int>> components;
        std::vector<int> order(size_t(n), -1);
        std::vector<int> low(size_t(n), 0);
        std::vector<char> onStack(size_t(n), 0);
        std::vector<int> stack;
        struct Frame
        {
            int node;
            int edge;
        };
        std::vector<Frame> frames;
        int counter = 0;
        auto edgeCount = [&](int v) {
            return m_loadedParents.count(v) + (withDeps ? m_loadedDeps.count(v) : 0);
        };
        auto edgeAt = [&](int v, int e) {
            const int parents = m_loadedParents.count(v);
            return e < parents ? m_loadedParents.begin(v)[e] : m_loadedDeps.begin(v)[e - parents];
        };
        auto visit = [&](int v) {
            order[size_t(v)] = low[size_t(v)] = counter++;
            stack.push_back(v);
            onStack[size_t(v)] = 1;
            frames.push_back({v, 0});
        };
        for (int start = 0; start < n; ++start) {
            if (order[size_t(start)] >= 0) {
                continue;
            }
            visit(start);
            while (!frames.empty()) {
                Frame &frame = frames.back();
                const int v = frame.node;
                if (frame.edge < edgeCount(v)) {
                    const int w = edgeAt(v, frame.edge++);
                    if (order[size_t(w)] < 0) {
                        visit(w);
                    } else if (onStack[size_t(w)]) {
                        low[size_t(v)] = std::min(low[size_t(v)], order[size_t(w)]);
                    }
                    continue;
                }
                frames.pop_back();
                if (!frames.empty()) {
                    const int parent = frames.back().node;
                    low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(v)]);
                }
                if (low[size_t(v)] != order[size_t(v)]) {
                    continue;
                }
                std::vector<int> component;
                int w = -1;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[size_t(w)] = 0;
                    component.push_back(w);
                } while (w != v);
                bool selfLoop = false;
                for (int e = 0; e < edgeCount(v); ++e) {
                    selfLoop = selfLoop || edgeAt(v, e) == v;
                }
                if (component.size() > 1 || selfLoop) {
                    std::sort(component.begin(), component.end());
                    components.append(component);
                }
            }
        }
        return components;
    };

    const QList<std::vector<int>> versioned = stronglyConnected(false);
    const QList<std::vector<int>> combined = stronglyConnected(true);
    QList<std::pair<int, Cycle>> found;
    auto toCycle = [this](const std::vector<int> &members, bool throughDependencies) {
        Cycle cycle;
        cycle.throughDependencies = throughDependencies;
        for (int member : members) {
            cycle.members.append(m_nodes[member].id);
        }
        cycle.members.sort();
        return cycle;
    };
    // Components are sorted: a combined one equals a versioned one iff it has
    // the same smallest member and size (versioned components nest in combined ones).
    QHash<int, int> versionedSize;
    for (const auto &component : versioned) {
        found.append({component.front(), toCycle(component, false)});
        versionedSize.insert(component.front(), int(component.size()));
    }
    m_cycleComponent.assign(size_t(n), -1);
    for (int c = 0; c < int(combined.size()); ++c) {
        const auto &component = combined.at(c);
        for (int member : component) {
            m_cycleComponent[size_t(member)] = c;
        }
        if (versionedSize.value(component.front(), -1) != int(component.size())) {
            found.append({component.front(), toCycle(component, true)});
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &entry : std::as_const(found)) {
        m_cycles.append(entry.second);
    }

    // Alembic refuses a script naming itself when loading it, before any
    // other check; otherwise its map-level check applies.
    const AlembicCycleCheck detected = detectCyclesLikeAlembic();
    QSet<QString> flagged(detected.revisions.cbegin(), detected.revisions.cend());
    AlembicCycleCheck firstLoop;
    for (int k = 0; k < int(m_occurrenceNode.size()); ++k) {
        const Revision &revision = occurrence(k);
        const bool loop = revision.downRevisions.contains(revision.id);
        if (loop || revision.dependsOn.contains(revision.id)) {
            flagged.insert(revision.id);
            if (firstLoop.revisions.isEmpty()) {
                firstLoop.revisions = QStringList{revision.id};
                firstLoop.dependencies = !loop;
                firstLoop.selfLoop = true;
            }
        }
    }
    m_alembicCycleCheck = firstLoop.revisions.isEmpty() ? detected : firstLoop;
    for (Cycle &cycle : m_cycles) {
        cycle.detectedByAlembic =
            std::any_of(cycle.members.cbegin(), cycle.members.cend(),
                        [&](const QString &id) { return flagged.contains(id); });
    }
}

RevisionGraph::AlembicCycleCheck RevisionGraph::detectCyclesLikeAlembic() const
{
    // RevisionMap._detect_cycles: everything must lie below a head and above a
    // base, first along down_revision, then along down_revision + depends_on.
    // Alembic keeps every Revision object in its head and base sets, so an
    // overwritten duplicate counts too (its own down_revision is followed).
    const int n = m_loadedCount;
    AlembicCycleCheck result;
    if (n == 0) {
        return result;
    }
    for (const bool withDeps : {false, true}) {
        std::vector<char> below(size_t(n), 0);
        std::vector<char> above(size_t(n), 0);
        std::vector<char> expanded(size_t(n), 0);
        std::vector<int> downTodo;
        std::vector<int> upTodo;
        bool anyHead = false;
        bool anyBase = false;
        for (int k = 0; k < int(m_occurrenceNode.size()); ++k) {
            const int node = m_occurrenceNode[size_t(k)];
            const bool loser = m_occurrenceLoser[size_t(k)] >= 0;
            const Revision &revision = occurrence(k);
            const bool head = loser || (m_loadedChildren.count(node) == 0 &&
                                        (!withDeps || m_loadedDependents.count(node) == 0));
            if (head) {
                anyHead = true;
                if (!loser) {
                    downTodo.push_back(node);
                } else {
                    below[size_t(node)] = 1;
                    QStringList names = revision.downRevisions;
                    if (withDeps) {
                        for (const QString &dep : revision.dependsOn) {
                            const int target = resolveDependency(dep, true);
                            if (target >= 0) {
                                names.append(m_nodes[target].id);
                            }
                        }
                    }
                    for (const QString &name : std::as_const(names)) {
                        const int target = m_index.value(name, -1);
                        if (target >= 0 && target < n) {
                            downTodo.push_back(target);
                        }
                    }
                }
            }
            if (revision.downRevisions.isEmpty() && (!withDeps || revision.dependsOn.isEmpty())) {
                anyBase = true;
                above[size_t(node)] = 1;
                if (!loser) {
                    upTodo.push_back(node); // an overwritten object has no children
                }
            }
        }
        if (!anyHead || !anyBase) {
            for (int i = 0; i < n; ++i) {
                result.revisions.append(m_nodes[i].id);
            }
            result.dependencies = withDeps;
            return result;
        }
        auto spread = [&](std::vector<int> &todo, std::vector<char> &reached,
                          const Adjacency &first, const Adjacency &second) {
            std::fill(expanded.begin(), expanded.end(), 0);
            while (!todo.empty()) {
                const int v = todo.back();
                todo.pop_back();
                reached[size_t(v)] = 1;
                if (expanded[size_t(v)]) {
                    continue;
                }
                expanded[size_t(v)] = 1;
                for (const int *w = first.begin(v); w != first.end(v); ++w) {
                    todo.push_back(*w);
                }
                if (withDeps) {
                    for (const int *w = second.begin(v); w != second.end(v); ++w) {
                        todo.push_back(*w);
                    }
                }
            }
        };
        spread(downTodo, below, m_loadedParents, m_loadedDeps);
        spread(upTodo, above, m_loadedChildren, m_loadedDependents);
        for (int i = 0; i < n; ++i) {
            if (!below[size_t(i)] || !above[size_t(i)]) {
                result.revisions.append(m_nodes[i].id);
            }
        }
        if (!result.revisions.isEmpty()) {
            result.revisions.sort();
            result.dependencies = withDeps;
            return result;
        }
    }
    return result;
}

void RevisionGraph::buildWorkGraph()
{
    const int n = m_loadedCount;
    // Repair cycles, preferring to drop depends_on edges (the down_revision
    // chain is the backbone): first a depth-first search in load order drops
    // the down_revision edges closing a cycle, then depends_on edges that
    // would close one are dropped. (A depends_on edge can also close a
    // down_revision cycle once that one is cut, so the second pass runs
    // whenever there is any cycle.)
    bool versionedCycle = false;
    for (const Cycle &cycle : std::as_const(m_cycles)) {
        versionedCycle = versionedCycle || !cycle.throughDependencies;
    }
    const bool dependencyCycle = !m_cycles.isEmpty();
    QSet<quint64> brokenParents;
    QSet<quint64> brokenDeps;
    if (versionedCycle) {
        std::vector<char> state(size_t(n), 0);   // 0 new, 1 on the path, 2 done
        std::vector<std::pair<int, int>> frames; // node, next edge
        for (int start = 0; start < n; ++start) {
            if (state[size_t(start)] != 0) {
                continue;
            }
            state[size_t(start)] = 1;
            frames.emplace_back(start, 0);
            while (!frames.empty()) {
                const int v = frames.back().first;
                const int e = frames.back().second;
                if (e < m_loadedParents.count(v)) {
                    ++frames.back().second;
                    const int w = m_loadedParents.begin(v)[e];
                    if (state[size_t(w)] == 1) {
                        brokenParents.insert(edgeKey(v, w));
                    } else if (state[size_t(w)] == 0) {
                        state[size_t(w)] = 1;
                        frames.emplace_back(w, 0);
                    }
                    continue;
                }
                state[size_t(v)] = 2;
                frames.pop_back();
            }
        }
    }
    if (dependencyCycle) {
        // Order the repaired down_revision graph (parents first). Dependencies
        // pointing down that order cannot close a cycle together, so they are
        // all kept; each one pointing up is then kept only if no path leads
        // from it back to its revision.
        std::vector<int> order(size_t(n), 0);
        {
            std::vector<int> pending(size_t(n), 0);
            std::vector<int> ready;
            for (int i = 0; i < n; ++i) {
                for (const int *p = m_loadedParents.begin(i); p != m_loadedParents.end(i); ++p) {
                    pending[size_t(i)] += brokenParents.contains(edgeKey(i, *p)) ? 0 : 1;
                }
                if (pending[size_t(i)] == 0) {
                    ready.push_back(i);
                }
            }
            int next = 0;
            while (!ready.empty()) {
                const int v = ready.back();
                ready.pop_back();
                order[size_t(v)] = next++;
                for (const int *c = m_loadedChildren.begin(v); c != m_loadedChildren.end(v); ++c) {
                    if (!brokenParents.contains(edgeKey(*c, v)) && --pending[size_t(*c)] == 0) {
                        ready.push_back(*c);
                    }
                }
            }
        }
        std::vector<std::vector<int>> keptDeps(static_cast<size_t>(n));
        std::vector<std::pair<int, int>> upward;
        for (int i = 0; i < n; ++i) {
            const int component = m_cycleComponent[size_t(i)];
            for (const int *d = m_loadedDeps.begin(i); d != m_loadedDeps.end(i); ++d) {
                // Only an edge inside a cycle's component can close a cycle.
                if (component < 0 || m_cycleComponent[size_t(*d)] != component ||
                    order[size_t(*d)] < order[size_t(i)]) {
                    keptDeps[size_t(i)].push_back(*d);
                } else {
                    upward.emplace_back(i, *d);
                }
            }
        }
        std::vector<int> stamp(size_t(n), -1);
        std::vector<int> todo;
        int search = 0;
        for (const auto &edge : upward) {
            // Plain copies: C++17 lambdas cannot capture structured bindings.
            const int i = edge.first;
            const int d = edge.second;
            const int component = m_cycleComponent[size_t(i)];
            bool closes = d == i;
            ++search;
            todo.assign(1, d);
            while (!todo.empty() && !closes) {
                const int v = todo.back();
                todo.pop_back();
                auto visit = [&](int w) {
                    closes = closes || w == i;
                    if (stamp[size_t(w)] != search && m_cycleComponent[size_t(w)] == component) {
                        stamp[size_t(w)] = search;
                        todo.push_back(w);
                    }
                };
                for (const int *p = m_loadedParents.begin(v); p != m_loadedParents.end(v); ++p) {
                    if (!brokenParents.contains(edgeKey(v, *p))) {
                        visit(*p);
                    }
                }
                for (int w : keptDeps[size_t(v)]) {
                    visit(w);
                }
            }
            if (closes) {
                brokenDeps.insert(edgeKey(i, d));
            } else {
                keptDeps[size_t(i)].push_back(d);
            }
        }
    }

    std::vector<std::pair<int, int>> parentEdges;
    std::vector<std::pair<int, int>> depEdges;
    for (int i = 0; i < n; ++i) {
        for (const int *p = m_loadedParents.begin(i); p != m_loadedParents.end(i); ++p) {
            if (!brokenParents.contains(edgeKey(i, *p))) {
                parentEdges.emplace_back(i, *p);
            }
        }
        for (const int *p = m_loadedDeps.begin(i); p != m_loadedDeps.end(i); ++p) {
            if (!brokenDeps.contains(edgeKey(i, *p))) {
                depEdges.emplace_back(i, *p);
            }
        }
    }
    std::vector<std::pair<int, int>> childEdges;
    childEdges.reserve(parentEdges.size());
    for (const auto &edge : parentEdges) {
        childEdges.emplace_back(edge.second, edge.first);
    }
    std::vector<std::pair<int, int>> dependentEdges;
    for (const auto &edge : depEdges) {
        dependentEdges.emplace_back(edge.second, edge.first);
    }
    m_workParents = buildAdjacency(n, parentEdges);
    m_workChildren = buildAdjacency(n, childEdges);
    const Adjacency workDeps = buildAdjacency(n, depEdges);
    const Adjacency workDependents = buildAdjacency(n, dependentEdges);

    // Topological position (parents first), to bound the searches below.
    std::vector<int> position(size_t(n), 0);
    {
        std::vector<int> pending(size_t(n), 0);
        std::vector<int> ready;
        for (int i = 0; i < n; ++i) {
            pending[size_t(i)] = m_workParents.count(i) + workDeps.count(i);
            if (pending[size_t(i)] == 0) {
                ready.push_back(i);
            }
        }
        int next = 0;
        while (!ready.empty()) {
            const int v = ready.back();
            ready.pop_back();
            position[size_t(v)] = next++;
            auto release = [&](const Adjacency &up) {
                for (const int *c = up.begin(v); c != up.end(v); ++c) {
                    if (--pending[size_t(*c)] == 0) {
                        ready.push_back(*c);
                    }
                }
            };
            release(m_workChildren);
            release(workDependents);
        }
    }

    // Alembic's _normalize_depends_on: a dependency is dropped from a revision
    // when one of its down_revision ancestors already depends on it. Only
    // targets with several dependents need a search.
    QSet<quint64> redundant;
    std::vector<int> stamp(size_t(n), -1);
    std::vector<int> todo;
    for (int d = 0; d < n; ++d) {
        const int dependentCount = workDependents.count(d);
        if (dependentCount < 2) {
            continue;
        }
        int limit = 0;
        for (const int *r = workDependents.begin(d); r != workDependents.end(d); ++r) {
            limit = std::max(limit, position[size_t(*r)]);
        }
        todo.assign(workDependents.begin(d), workDependents.end(d));
        while (!todo.empty()) {
            const int v = todo.back();
            todo.pop_back();
            for (const int *c = m_workChildren.begin(v); c != m_workChildren.end(v); ++c) {
                if (stamp[size_t(*c)] == d || position[size_t(*c)] > limit) {
                    continue;
                }
                stamp[size_t(*c)] = d;
                todo.push_back(*c);
            }
        }
        for (const int *r = workDependents.begin(d); r != workDependents.end(d); ++r) {
            if (stamp[size_t(*r)] == d) {
                redundant.insert(edgeKey(*r, d));
            }
        }
    }

    // _normalized_down_revisions: down_revision in declared order, then the
    // remaining dependencies (Alembic takes those from a set; we keep declared order).
    std::vector<std::pair<int, int>> downEdges;
    std::vector<int> targets;
    for (int i = 0; i < n; ++i) {
        targets.assign(m_workParents.begin(i), m_workParents.end(i));
        for (const int *d = workDeps.begin(i); d != workDeps.end(i); ++d) {
            if (!redundant.contains(edgeKey(i, *d))) {
                appendUnique(targets, *d);
            }
        }
        for (int target : targets) {
            downEdges.emplace_back(i, target);
        }
    }
    std::vector<std::pair<int, int>> upEdges;
    upEdges.reserve(downEdges.size());
    for (const auto &edge : downEdges) {
        upEdges.emplace_back(edge.second, edge.first);
    }
    m_normalizedDown = buildAdjacency(n, downEdges);
    m_normalizedUp = buildAdjacency(n, upEdges);
}

void RevisionGraph::computeHistory()
{
    // Alembic's walk_revisions("base", "heads") is _topological_sort over every
    // revision, starting from the real heads in map order. It keeps a list of
    // current heads, each with its ancestor set, and only emits a head that is
    // no ancestor of another current head, else jumps to the first such head.
    //
    // Same output, without ancestor sets: every pending revision is an
    // ancestor of some current head, so "ancestor of another head" is "has a
    // pending child"; which head comes first is found by searching upward
    // through pending revisions only. List positions become ordered keys so
    // that deletions keep the order cheaply.
    const int n = m_loadedCount;
    std::vector<int> pendingChildren(size_t(n), 0);
    std::vector<char> emitted(size_t(n), 0);
    std::vector<qint64> headKey(size_t(n), -1);
    std::map<qint64, int> heads; // list order -> revision
    qint64 nextKey = 0;
    for (int i = 0; i < n; ++i) {
        pendingChildren[size_t(i)] = m_normalizedUp.count(i);
        if (pendingChildren[size_t(i)] == 0) {
            headKey[size_t(i)] = nextKey;
            heads.emplace(nextKey++, i);
        }
    }
    m_history.reserve(n);
    std::vector<int> stamp(size_t(n), -1);
    std::vector<int> todo;
    int search = 0;
    int jumps = 0;
    auto current = heads.begin();
    while (current != heads.end()) {
        const int candidate = current->second;
        // On an acyclic graph each jump goes to a descendant, so there are at
        // most n in a row; the bound only guards against broken invariants.
        if (pendingChildren[size_t(candidate)] > 0 && jumps <= n) {
            // Another current head descends from the candidate: go to the first one.
            qint64 smallestOther = -1;
            for (const auto &entry : heads) {
                if (entry.first != current->first) {
                    smallestOther = entry.first;
                    break;
                }
            }
            qint64 best = -1;
            ++search;
            todo.assign(1, candidate);
            while (!todo.empty() && best != smallestOther) {
                const int v = todo.back();
                todo.pop_back();
                for (const int *c = m_normalizedUp.begin(v); c != m_normalizedUp.end(v); ++c) {
                    if (emitted[size_t(*c)] || stamp[size_t(*c)] == search) {
                        continue;
                    }
                    stamp[size_t(*c)] = search;
                    const qint64 key = headKey[size_t(*c)];
                    if (key >= 0 && (best < 0 || key < best)) {
                        best = key;
                    }
                    todo.push_back(*c);
                }
            }
            if (best >= 0) {
                current = heads.find(best);
                ++jumps;
                continue;
            }
            // Unreachable on an acyclic graph; emit rather than loop.
        }
        jumps = 0;
        m_history.append(m_nodes[candidate].id);
        emitted[size_t(candidate)] = 1;
        headKey[size_t(candidate)] = -1;
        QVarLengthArray<int, 4> toAdd;
        for (const int *p = m_normalizedDown.begin(candidate); p != m_normalizedDown.end(candidate);
             ++p) {
            --pendingChildren[size_t(*p)];
            if (!emitted[size_t(*p)] && headKey[size_t(*p)] < 0) {
                toAdd.append(*p);
            }
        }
        if (toAdd.isEmpty()) {
            const bool first = current == heads.begin();
            auto previous = first ? heads.end() : std::prev(current);
            current = heads.erase(current);
            if (!first) {
                current = previous;
            }
        } else {
            current->second = toAdd[0];
            headKey[size_t(toAdd[0])] = current->first;
            for (int k = 1; k < toAdd.size(); ++k) {
                headKey[size_t(toAdd[k])] = nextKey;
                heads.emplace(nextKey++, toAdd[k]);
            }
        }
    }
    // Safety net: nothing is left out even if the invariants were broken.
    if (m_history.size() < n) {
        for (int i = 0; i < n; ++i) {
            if (!emitted[size_t(i)]) {
                m_history.append(m_nodes[i].id);
            }
        }
    }
}

void RevisionGraph::computeBranchLabels()
{
    // Alembic's _add_branches, revision by revision in load order: the
    // revision's current labels go to all its descendants, then down from the
    // last descendant visited, while not at a branch point (counting
    // dependents) or a merge point.
    const int n = m_loadedCount;
    QHash<QString, int> labelNumbers;
    QStringList labelNames;
    std::vector<QList<int>> labels(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        for (const QString &label : std::as_const(m_nodes[i].branchLabels)) {
            auto found = labelNumbers.constFind(label);
            if (found == labelNumbers.constEnd()) {
                found = labelNumbers.insert(label, int(labelNames.size()));
                labelNames.append(label);
            }
            labels[size_t(i)].append(*found);
        }
        std::sort(labels[size_t(i)].begin(), labels[size_t(i)].end());
        labels[size_t(i)].erase(std::unique(labels[size_t(i)].begin(), labels[size_t(i)].end()),
                                labels[size_t(i)].end());
    }
    if (labelNames.isEmpty()) {
        return;
    }
    auto realBranchPoint = [this](int v) {
        if (m_loadedChildren.count(v) + m_loadedDependents.count(v) <= 1) {
            return false;
        }
        int first = -1;
        for (const Adjacency *up : {&m_loadedChildren, &m_loadedDependents}) {
            for (const int *c = up->begin(v); c != up->end(v); ++c) {
                if (first < 0) {
                    first = *c;
                } else if (*c != first) {
                    return true;
                }
            }
        }
        return false;
    };

    qint64 work = 0;
    std::vector<int> stamp(size_t(n), -1);
    std::vector<int> todo;
    for (int r = 0; r < n && work < LabelWorkBudget; ++r) {
        if (m_nodes[r].branchLabels.isEmpty()) {
            continue;
        }
        const QList<int> spread = labels[size_t(r)];
        int last = r;
        todo.assign(1, r);
        while (!todo.empty()) {
            const int v = todo.back();
            todo.pop_back();
            if (stamp[size_t(v)] == r) {
                continue;
            }
            stamp[size_t(v)] = r;
            for (const int *c = m_workChildren.begin(v); c != m_workChildren.end(v); ++c) {
                todo.push_back(*c);
            }
            mergeSorted(labels[size_t(v)], spread);
            work += 1 + spread.size();
            last = v;
        }
        int parent = last;
        while (parent >= 0 && !realBranchPoint(parent) &&
               m_nodes[parent].downRevisions.size() <= 1) {
            mergeSorted(labels[size_t(parent)], spread);
            work += 1 + spread.size();
            if (m_nodes[parent].downRevisions.size() == 1 && m_workParents.count(parent) == 1) {
                parent = *m_workParents.begin(parent);
            } else {
                break;
            }
        }
    }
    std::vector<QStringList> members(size_t(labelNames.size()));
    for (int i = 0; i < n; ++i) {
        for (int label : std::as_const(labels[size_t(i)])) {
            members[size_t(label)].append(m_nodes[i].id);
        }
    }
    for (int label = 0; label < int(labelNames.size()); ++label) {
        m_labelMembers.insert(labelNames[label], members[size_t(label)]);
    }
}

int RevisionGraph::indexOf(const QString &id) const
{
    return m_index.value(id, -1);
}

const Revision *RevisionGraph::revision(const QString &id) const
{
    const int index = indexOf(id);
    return index >= 0 ? &m_nodes[index] : nullptr;
}

bool RevisionGraph::isLoaded(const QString &id) const
{
    const int index = indexOf(id);
    return index >= 0 && index < m_loadedCount;
}

QStringList RevisionGraph::idsOf(const int *begin, const int *end) const
{
    QStringList ids;
    ids.reserve(int(end - begin));
    for (const int *p = begin; p != end; ++p) {
        ids.append(m_nodes[*p].id);
    }
    return ids;
}

QStringList RevisionGraph::parents(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? QStringList() : idsOf(m_parents.begin(index), m_parents.end(index));
}

QStringList RevisionGraph::children(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? QStringList() : idsOf(m_children.begin(index), m_children.end(index));
}

QStringList RevisionGraph::dependencies(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? QStringList() : m_resolvedDeps.value(index);
}

QStringList RevisionGraph::dependents(const QString &id) const
{
    const int index = indexOf(id);
    return index < 0 ? QStringList() : idsOf(m_dependents.begin(index), m_dependents.end(index));
}

QSet<QString> RevisionGraph::reach(int start, const Adjacency &first, const Adjacency *second) const
{
    QSet<QString> result;
    if (start < 0) {
        return result;
    }
    std::vector<char> seen(size_t(m_nodes.size()), 0);
    std::vector<int> todo{start};
    while (!todo.empty()) {
        const int v = todo.back();
        todo.pop_back();
        for (const Adjacency *adjacency : {&first, second}) {
            if (!adjacency) {
                continue;
            }
            for (const int *w = adjacency->begin(v); w != adjacency->end(v); ++w) {
                if (!seen[size_t(*w)]) {
                    seen[size_t(*w)] = 1;
                    todo.push_back(*w);
                }
            }
        }
    }
    seen[size_t(start)] = 0;
    result.reserve(int(std::count(seen.cbegin(), seen.cend(), 1)));
    for (int i = 0; i < int(seen.size()); ++i) {
        if (seen[size_t(i)]) {
            result.insert(m_nodes[i].id);
        }
    }
    return result;
}

QSet<QString> RevisionGraph::ancestors(const QString &id, bool followDependencies) const
{
    return reach(indexOf(id), m_parents, followDependencies ? &m_deps : nullptr);
}

QSet<QString> RevisionGraph::descendants(const QString &id, bool followDependencies) const
{
    return reach(indexOf(id), m_children, followDependencies ? &m_dependents : nullptr);
}

QString RevisionGraph::branchLabelOwner(const QString &label) const
{
    const int owner = m_labelOwner.value(label, -1);
    return owner >= 0 ? m_nodes[owner].id : QString();
}

QList<QStringList> RevisionGraph::cycles() const
{
    QList<QStringList> result;
    for (const Cycle &cycle : m_cycles) {
        result.append(cycle.members);
    }
    return result;
}

bool RevisionGraph::alembicCanLoad() const
{
    return m_missingParents.isEmpty() && m_missingDependencies.isEmpty() &&
           m_labelConflicts.isEmpty() && m_alembicCycleCheck.revisions.isEmpty();
}

int RevisionGraph::lookupKey(const QString &key) const
{
    const int asRevision = m_index.value(key, -1);
    if (asRevision >= 0 && asRevision < m_loadedCount) {
        return asRevision;
    }
    return m_labelOwner.value(key, -1);
}

std::vector<char> RevisionGraph::lineage(int b) const
{
    // Alembic's _shares_lineage without dependencies: a shares b's lineage when
    // b is a, above a or below a, i.e. when a is b, below b or above b.
    std::vector<char> marked(size_t(m_loadedCount), 0);
    marked[size_t(b)] = 1;
    for (const Adjacency *direction : {&m_loadedChildren, &m_loadedParents}) {
        std::vector<int> todo{b};
        std::vector<char> seen(size_t(m_loadedCount), 0);
        while (!todo.empty()) {
            const int v = todo.back();
            todo.pop_back();
            for (const int *w = direction->begin(v); w != direction->end(v); ++w) {
                if (!seen[size_t(*w)]) {
                    seen[size_t(*w)] = 1;
                    marked[size_t(*w)] = 1;
                    todo.push_back(*w);
                }
            }
        }
    }
    return marked;
}

int RevisionGraph::resolveBranch(const QString &branch, QString *error) const
{
    const int exact = lookupKey(branch);
    if (exact >= 0) {
        return exact;
    }
    QString ignored;
    const int partial = revisionForIdent(branch, QString(), &ignored);
    if (partial < 0) {
        *error = QCoreApplication::translate("RevisionGraph", "No such branch: '%1'").arg(branch);
    }
    return partial;
}

int RevisionGraph::revisionForIdent(const QString &ident, const QString &branch,
                                    QString *error) const
{
    int branchIndex = -1;
    if (!branch.isEmpty()) {
        branchIndex = resolveBranch(branch, error);
        if (branchIndex < 0) {
            return -1;
        }
    }
    const std::vector<char> onBranch =
        branchIndex >= 0 ? lineage(branchIndex) : std::vector<char>();
    int index = lookupKey(ident);
    if (index < 0) {
        QStringList candidates;
        if (!ident.isEmpty()) {
            for (const QString &key : m_partialKeys) {
                if (key.startsWith(ident) &&
                    (branchIndex < 0 || onBranch[size_t(lookupKey(key))])) {
                    candidates.append(key);
                }
            }
        }
        if (candidates.isEmpty()) {
            *error = QCoreApplication::translate("RevisionGraph", "No such revision or branch '%1'")
                         .arg(ident);
            if (ident.size() < 4) {
                *error += QCoreApplication::translate(
                    "RevisionGraph", "; please ensure at least four characters are present for "
                                     "partial revision identifier matches");
            }
            return -1;
        }
        if (candidates.size() > 1) {
            QStringList quoted;
            for (const QString &candidate : candidates.mid(0, 3)) {
                quoted.append(QLatin1Char('\'') + candidate + QLatin1Char('\''));
            }
            *error = QCoreApplication::translate("RevisionGraph",
                                                 "Multiple revisions start with '%1': %2...")
                         .arg(ident, quoted.join(QLatin1String(", ")));
            return -1;
        }
        index = lookupKey(candidates.front());
    }
    if (branchIndex >= 0 && !onBranch[size_t(index)]) {
        *error = QCoreApplication::translate("RevisionGraph",
                                             "Revision %1 is not a member of branch '%2'")
                     .arg(m_nodes[index].id, branch);
        return -1;
    }
    return index;
}

QStringList RevisionGraph::filterHeadsForLineage(const QString &branch, QString *error) const
{
    // Alembic's filter_for_lineage(self.heads, branch): the branch is resolved
    // as a plain identifier, and only once a head needs checking.
    QStringList result;
    std::vector<char> onBranch;
    for (const QString &head : m_headsLoadOrder) {
        if (onBranch.empty()) {
            const int branchIndex = revisionForIdent(branch, QString(), error);
            if (branchIndex < 0) {
                return {};
            }
            onBranch = lineage(branchIndex);
        }
        if (onBranch[size_t(m_index.value(head))]) {
            result.append(head);
        }
    }
    return result;
}

RevisionGraph::Resolution RevisionGraph::resolve(const QString &text) const
{
    Resolution resolution;
    QString branch;
    QString ident = text;
    const int at = text.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        branch = text.left(at);
        ident = text.mid(at + 1);
    }
    if (ident == QLatin1String("heads")) {
        resolution.ids = branch.isEmpty() ? m_realHeadsLoadOrder
                                          : filterHeadsForLineage(branch, &resolution.error);
        resolution.ids.removeDuplicates();
        return resolution;
    }
    if (ident == QLatin1String("head")) {
        const QStringList heads =
            branch.isEmpty() ? m_headsLoadOrder : filterHeadsForLineage(branch, &resolution.error);
        if (!resolution.error.isEmpty()) {
            return resolution;
        }
        if (heads.size() > 1) {
            const QString argument =
                branch.isEmpty() ? QStringLiteral("head") : branch + QStringLiteral("@head");
            resolution.error =
                QCoreApplication::translate(
                    "RevisionGraph", "Multiple heads are present for given argument '%1'; %2")
                    .arg(argument, heads.join(QLatin1String(", ")));
            return resolution;
        }
        resolution.ids = heads;
        return resolution;
    }
    if (ident == QLatin1String("base")) {
        return resolution;
    }
    bool numeric = false;
    const qlonglong number = ident.toLongLong(&numeric);
    if (numeric && number < 0) {
        resolution.error = QCoreApplication::translate(
                               "RevisionGraph",
                               "Relative revision identifiers such as '%1' are not supported here")
                               .arg(text);
        return resolution;
    }
    const int index = revisionForIdent(ident, branch, &resolution.error);
    if (index >= 0) {
        resolution.ids.append(m_nodes[index].id);
    }
    return resolution;
}

} // namespace Revscope
