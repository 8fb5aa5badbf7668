#pragma once

#include "revision.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace Revscope {

// The revision graph of one environment, with Alembic 1.8.1's semantics
// (alembic/script/revision.py). Immutable after construction; every query is
// precomputed or iterative, so a broken graph (cycles, missing parents,
// duplicates, 20,000-long chains) never hangs or overflows the stack.
//
// Two views:
//  - Navigation (nodes, parents, children, dependencies, dependents,
//    ancestors, descendants) covers every node: loaded revisions, extra
//    revisions and ghosts.
//  - Alembic's view (heads, bases, branch/merge points, history, resolve,
//    branch labels, problems) covers only the revisions Alembic loads.
//
// Where Alembic itself refuses to work (missing parent, cycle, branch label
// conflict) the Alembic view is still computed, on a repaired graph: edges to
// revisions Alembic does not load are ignored, and the edges that close a
// cycle are dropped (depends_on edges in preference to down_revision ones).
class RevisionGraph
{
public:
    struct Resolution
    {
        QStringList ids;
        QString error; // empty when resolved; `ids` may still be empty ("base")
    };

    struct Cycle
    {
        QStringList members;              // sorted
        bool throughDependencies = false; // needs a depends_on edge to close
        // Alembic 1.8.1's own checks flag it. They miss a cycle that lies both
        // below a head and above a base (e.g. `c.down_revision = (d, base)`,
        // `d.down_revision = c`): Alembic then loads it and misorders it.
        bool detectedByAlembic = true;
    };

    // What Alembic's own cycle checks report: a script naming itself in
    // down_revision / depends_on (refused while loading, `selfLoop`), else
    // RevisionMap._detect_cycles ("Cycle is detected in revisions (...)", or
    // "Dependency cycle..." when `dependencies`). Empty when Alembic accepts.
    struct AlembicCycleCheck
    {
        QStringList revisions;
        bool dependencies = false;
        bool selfLoop = false;
    };

    // A branch label Alembic refuses ("Branch name 'x' in revision a already used by revision b").
    struct BranchLabelConflict
    {
        QString label;
        QString revision; // whose declaration is refused
        QString usedBy;   // revision already owning the name (as its id or as a label)
        bool usedAsRevisionId = false;
        QString file; // of `revision`
        int line = 0; // its branch_labels assignment (or `revision =` line when unknown)
    };

    RevisionGraph() = default;
    // `revisions`: what Alembic loads, in its load order (duplicates allowed:
    // the later one wins, as in Alembic). `extra`: shown but not loaded (e.g.
    // bytecode-only revisions when sourceless is off); an extra revision whose
    // id is already taken is ignored. Revisions with an empty id are ignored,
    // and empty strings in down_revision / depends_on lists are dropped (as
    // Alembic treats `down_revision = ""` as None).
    explicit RevisionGraph(const Revisions &revisions, const Revisions &extra = {});

    // Loaded revisions (first-occurrence order, content of the last occurrence),
    // then extra ones, then ghosts in order of first reference.
    const Revisions &nodes() const { return m_nodes; }
    int indexOf(const QString &id) const;
    const Revision *revision(const QString &id) const; // nullptr when absent
    bool isLoaded(const QString &id) const;            // true for revisions Alembic loads

    // Alembic's view, sorted.
    QStringList heads() const { return m_heads; }         // no down_revision child ("heads")
    QStringList realHeads() const { return m_realHeads; } // no child at all, depends_on included
    QStringList bases() const { return m_bases; }         // down_revision None
    QStringList branchPoints() const { return m_branchPoints; }
    QStringList mergePoints() const { return m_mergePoints; }
    // Ids in the order `alembic history` prints them (newest first). Computed on
    // the repaired graph when Alembic would refuse; every loaded revision appears once.
    QStringList history() const { return m_history; }

    // Navigation over all nodes. Dependencies are resolved ids (a branch label
    // in depends_on becomes the revision declaring it).
    QStringList parents(const QString &id) const;
    QStringList children(const QString &id) const;
    QStringList dependencies(const QString &id) const;
    QStringList dependents(const QString &id) const;
    // Transitive, excluding `id` itself.
    QSet<QString> ancestors(const QString &id, bool followDependencies) const;
    QSet<QString> descendants(const QString &id, bool followDependencies) const;

    // Resolves like RevisionMap.get_revisions: full id, branch label, unique
    // prefix of ids and labels longer than 3 characters, "heads" (all real
    // heads), "head", "base", "<branch>@<any of those>". Errors use Alembic's
    // wording. Relative identifiers ("-1", "label@+2") are not supported.
    Resolution resolve(const QString &text) const;

    // label -> revisions carrying it after Alembic's _add_branches, in node order.
    // Where Alembic iterates a hash set (which branch tip it walks down from) we
    // use load order, so results can differ from Alembic's on branched labels.
    QHash<QString, QStringList> branchLabelMembers() const { return m_labelMembers; }
    // label -> the revision declaring it (the one Alembic's map points at).
    QString branchLabelOwner(const QString &label) const;

    // Problems.
    // Every cycle, found on the loaded graph (strongly connected components):
    // down_revision cycles first, then those that need a depends_on edge.
    QList<QStringList> cycles() const;
    QList<Cycle> cycleDetails() const { return m_cycles; }
    AlembicCycleCheck alembicCycleCheck() const { return m_alembicCycleCheck; }
    // id -> the files defining it (2 or more), in load order. Alembic warns and
    // uses the last; the overwritten one still counts as a head and, with no
    // down_revision, as a base (Alembic keeps the object in those sets).
    QHash<QString, QStringList> duplicates() const { return m_duplicates; }
    // (child, parent id) where the child is loaded and the parent is not
    // (a ghost, or an extra revision Alembic does not load).
    QList<QPair<QString, QString>> missingParents() const { return m_missingParents; }
    QList<QPair<QString, QString>> missingDependencies() const { return m_missingDependencies; }
    QList<BranchLabelConflict> branchLabelConflicts() const { return m_labelConflicts; }
    // Whether Alembic 1.8.1 loads the scripts and builds its revision map
    // without an error (it may still accept a graph with cycles(), see Cycle).
    bool alembicCanLoad() const;

private:
    // Compressed adjacency lists: targets of node i are targets[offsets[i] .. offsets[i + 1]).
    struct Adjacency
    {
        std::vector<int> offsets;
        std::vector<int> targets;
        int count(int node) const { return offsets[node + 1] - offsets[node]; }
        const int *begin(int node) const { return targets.data() + offsets[node]; }
        const int *end(int node) const { return targets.data() + offsets[node + 1]; }
    };
    static Adjacency buildAdjacency(int nodeCount, const std::vector<std::pair<int, int>> &edges);

    void addNodes(const Revisions &revisions, const Revisions &extra);
    void resolveReferences();
    void computeAlembicView();
    void findCycles();
    AlembicCycleCheck detectCyclesLikeAlembic() const;
    void buildWorkGraph();
    void computeHistory();
    void computeBranchLabels();
    const Revision &occurrence(int k) const;
    int ghost(const QString &id);
    int resolveDependency(const QString &name, bool fromLoaded) const;
    QStringList idsOf(const int *begin, const int *end) const;
    QSet<QString> reach(int start, const Adjacency &first, const Adjacency *second) const;

    // Resolution helpers (Alembic's _revision_for_ident and friends); return -1 and set *error.
    int lookupKey(const QString &key) const;
    int revisionForIdent(const QString &ident, const QString &branch, QString *error) const;
    int resolveBranch(const QString &branch, QString *error) const;
    std::vector<char> lineage(int b) const; // per loaded node: shares b's lineage
    QStringList filterHeadsForLineage(const QString &branch, QString *error) const;

    Revisions m_nodes;
    QHash<QString, int> m_index;
    int m_loadedCount = 0;  // nodes [0, m_loadedCount) are loaded
    int m_definedCount = 0; // nodes [m_loadedCount, m_definedCount) are extra; the rest ghosts
    // Every loaded revision in load order, duplicates included: its node, and
    // for an overwritten duplicate its copy in m_losers.
    std::vector<int> m_occurrenceNode;
    std::vector<int> m_occurrenceLoser;
    Revisions m_losers;
    QList<QStringList> m_resolvedDeps;

    Adjacency m_parents, m_children, m_deps, m_dependents; // all nodes
    // Loaded-only edges of Alembic's map.
    Adjacency m_loadedParents, m_loadedChildren, m_loadedDeps, m_loadedDependents;
    // Repaired acyclic graph used for history and branch labels.
    Adjacency m_workParents, m_workChildren, m_normalizedDown, m_normalizedUp;

    QStringList m_heads, m_realHeads, m_bases, m_branchPoints, m_mergePoints, m_history;
    QStringList m_headsLoadOrder, m_realHeadsLoadOrder; // Alembic's tuples, repeats included
    QHash<QString, int> m_labelOwner;                   // Alembic's label map
    QHash<QString, int> m_extraLabelOwner;              // labels only extra revisions declare
    QStringList m_partialKeys;                          // map keys longer than 3 chars, map order
    QHash<QString, QStringList> m_labelMembers;

    QList<Cycle> m_cycles;
    std::vector<int> m_cycleComponent; // per loaded node: its cycle component, or -1
    AlembicCycleCheck m_alembicCycleCheck;
    QHash<QString, QStringList> m_duplicates;
    QList<QPair<QString, QString>> m_missingParents, m_missingDependencies;
    QList<BranchLabelConflict> m_labelConflicts;
};

} // namespace Revscope
