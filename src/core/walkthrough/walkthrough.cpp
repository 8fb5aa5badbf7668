#include "walkthrough.h"

#include "graph/revisiongraph.h"
#include "inspection/inspection.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <climits>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

namespace Revscope {

namespace {

using Key = std::pair<int, int>; // (rank, node index): smaller is read first

// The reading order: a depth-first topological order. After a revision,
// its children that are now ready come next (the line goes on); a revision
// that became ready because a dependency on another line was read waits,
// with the remaining start points, until the current line is finished.
// Cycles cannot stop it: when nothing is ready, the unread revision with the
// smallest key is taken anyway.
std::vector<int> readingOrder(const RevisionGraph &graph)
{
    const Revisions &nodes = graph.nodes();
    const int n = int(nodes.size());
    const size_t count = size_t(n);

    // Rank: position in `alembic history` read backwards (base first) for
    // revisions Alembic loads; others sit just before the loaded revision
    // they lead to, or at the end.
    std::vector<int> rank(count, INT_MAX);
    const QStringList history = graph.history();
    for (int i = 0; i < history.size(); ++i) {
        const int node = graph.indexOf(history.at(i));
        if (node >= 0) {
            rank[size_t(node)] = int(history.size()) - 1 - i;
        }
    }

    std::vector<std::vector<int>> prerequisites(count);
    std::vector<std::vector<std::pair<int, bool>>> successors(count); // (node, via parent)
    for (int i = 0; i < n; ++i) {
        const QString &id = nodes.at(i).id;
        QSet<int> seen;
        const QStringList parents = graph.parents(id);
        const QStringList dependencies = graph.dependencies(id);
        for (int pass = 0; pass < 2; ++pass) {
            for (const QString &other : pass == 0 ? parents : dependencies) {
                const int p = graph.indexOf(other);
                if (p < 0 || p == i || seen.contains(p)) {
                    continue;
                }
                seen.insert(p);
                prerequisites[size_t(i)].push_back(p);
                successors[size_t(p)].push_back({i, pass == 0});
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        if (rank[size_t(i)] != INT_MAX) {
            continue;
        }
        for (const auto &[child, viaParent] : successors[size_t(i)]) {
            Q_UNUSED(viaParent)
            if (graph.isLoaded(nodes.at(child).id)) {
                rank[size_t(i)] = qMin(rank[size_t(i)], rank[size_t(child)]);
            }
        }
    }
    auto key = [&rank](int node) { return Key(rank[size_t(node)], node); };
    for (auto &list : successors) {
        std::sort(list.begin(), list.end(),
                  [&key](const auto &a, const auto &b) { return key(a.first) < key(b.first); });
    }

    std::vector<int> waiting(count);
    std::priority_queue<Key, std::vector<Key>, std::greater<Key>> queued;
    for (int i = 0; i < n; ++i) {
        waiting[size_t(i)] = int(prerequisites[size_t(i)].size());
        if (waiting[size_t(i)] == 0) {
            queued.push(key(i));
        }
    }
    std::vector<int> byKey(count);
    for (int i = 0; i < n; ++i) {
        byKey[size_t(i)] = i;
    }
    std::sort(byKey.begin(), byKey.end(), [&key](int a, int b) { return key(a) < key(b); });
    size_t forcedCursor = 0;

    std::vector<char> done(count, 0);
    std::vector<int> order;
    order.reserve(count);
    std::vector<int> stack;
    while (int(order.size()) < n) {
        int next = -1;
        while (next < 0 && !stack.empty()) {
            next = stack.back();
            stack.pop_back();
            if (done[size_t(next)]) {
                next = -1;
            }
        }
        while (next < 0 && !queued.empty()) {
            next = queued.top().second;
            queued.pop();
            if (done[size_t(next)]) {
                next = -1;
            }
        }
        while (next < 0 && forcedCursor < byKey.size()) {
            const int candidate = byKey[forcedCursor++];
            if (!done[size_t(candidate)]) {
                next = candidate; // a cycle: nothing else is ready
            }
        }
        if (next < 0) {
            break;
        }
        done[size_t(next)] = 1;
        order.push_back(next);
        std::vector<int> continuing;
        for (const auto &[successor, viaParent] : successors[size_t(next)]) {
            if (done[size_t(successor)] || --waiting[size_t(successor)] != 0) {
                continue;
            }
            if (viaParent) {
                continuing.push_back(successor);
            } else {
                queued.push(key(successor));
            }
        }
        // Smallest key on top of the stack.
        for (auto it = continuing.rbegin(); it != continuing.rend(); ++it) {
            stack.push_back(*it);
        }
    }
    return order;
}

QString joined(const QStringList &ids)
{
    return ids.join(QLatin1String(", "));
}

void explain(WalkthroughStep *step, const EnvironmentInspection &environment,
             const QStringList &referrers, bool readScripts)
{
    const RevisionGraph &graph = environment.graph;
    const QString &id = step->revisionId;
    QStringList &out = step->explanations;

    if (step->origin == RevisionOrigin::Missing) {
        const QString names = joined(referrers);
        const int count = int(referrers.size());
        bool loadedReferrer = false;
        for (const QString &referrer : referrers) {
            loadedReferrer = loadedReferrer || graph.isLoaded(referrer);
        }
        if (loadedReferrer) {
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "No script defines %1, yet %n revision(s) refer to it (%2). Alembic "
                           "stops with \"Can't locate revision identified by '%1'\" until the "
                           "script is restored or the references are changed.",
                           nullptr, count)
                           .arg(id, names));
        } else {
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "No script defines %1; only leftovers that Alembic does not load refer "
                           "to it (%2), so Alembic itself does not look for it here.")
                           .arg(id, names));
        }
        out.append(QCoreApplication::translate(
            "Walkthrough",
            "Revisions usually go missing when their scripts are deleted, for example when a chain "
            "is squashed into one revision while another script, a database or a stale .pyc "
            "still names an old one."));
    } else if (step->origin == RevisionOrigin::Bytecode) {
        const QString file = QFileInfo(step->file).fileName();
        if (step->loaded) {
            out.append(
                QCoreApplication::translate(
                    "Walkthrough",
                    "Only bytecode defines %1: %2 is a compiled file whose .py script is gone. "
                    "This environment sets sourceless = true, so Alembic loads it as a revision "
                    "anyway. This is how a deleted migration comes back: a stale .pyc left in "
                    "__pycache__ (and copied into a Docker image) revives a revision that was "
                    "squashed away, and Alembic then fails to locate or order revisions. Delete "
                    "the stale bytecode and keep __pycache__ out of images with .dockerignore.")
                    .arg(id, file));
        } else {
            out.append(
                QCoreApplication::translate(
                    "Walkthrough",
                    "Only bytecode defines %1: %2 is a compiled file whose .py script is gone. "
                    "Alembic ignores it here because sourceless is off, but it is a leftover of a "
                    "deleted script: wherever sourceless = true, or wherever this folder is "
                    "copied with its __pycache__ (into a Docker image, for example), it can bring "
                    "the deleted revision back and break `alembic upgrade`. Delete it and keep "
                    "__pycache__ out of images with .dockerignore.")
                    .arg(id, file));
        }
    }

    if (step->has(StepRole::Base)) {
        const int bases = int(graph.bases().size());
        if (bases <= 1) {
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "%1 is the base: its down_revision is None, so the history starts "
                           "here and `alembic upgrade` applies it first to an empty database.")
                           .arg(id));
        } else {
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "%1 is a base: its down_revision is None, so a line of history starts "
                           "here. This environment has %n bases; each starts its own line, and "
                           "`alembic upgrade heads` applies all of them.",
                           nullptr, bases)
                           .arg(id));
        }
    }
    if (!step->branchLabels.isEmpty()) {
        const QString labels = joined(step->branchLabels);
        const QString label = step->branchLabels.constFirst();
        out.append(QCoreApplication::translate(
                       "Walkthrough",
                       "It carries the branch label %1: commands can name its line by the label, "
                       "as in `alembic upgrade %2@head`.")
                       .arg(labels, label));
    }
    if (step->has(StepRole::Merge)) {
        const QString lines = joined(step->parents);
        out.append(QCoreApplication::translate(
                       "Walkthrough",
                       "%1 is a merge: it joins the lines ending at %2 into one. Merges exist "
                       "because `alembic upgrade head` needs a single head: once two branches "
                       "exist, `alembic merge heads` writes a revision whose down_revision lists "
                       "both, and the history goes on as one line from there.")
                       .arg(id, lines));
        if (readScripts && step->changes.error.isEmpty() && step->changes.upgradeEmpty) {
            out.append(QCoreApplication::translate(
                "Walkthrough", "Like most merges, it changes nothing in the schema itself."));
        }
    }
    if (step->has(StepRole::BranchPoint)) {
        const QString starts = joined(step->children);
        const int count = int(step->children.size());
        out.append(QCoreApplication::translate(
                       "Walkthrough",
                       "%1 is a branch point: %n revisions build on it (%2), and each starts a "
                       "branch. A branch is a line of revisions that grows from a shared parent "
                       "on its own, usually because two people wrote migrations from the same "
                       "head at the same time, or on purpose for a separate part of the schema. "
                       "Until a merge joins them, each line ends in its own head.",
                       nullptr, count)
                       .arg(id, starts));
    }
    if (step->has(StepRole::Dependency)) {
        const QString dependencies = joined(step->dependsOn);
        out.append(QCoreApplication::translate(
                       "Walkthrough",
                       "%1 depends on %2 (depends_on): Alembic applies %2 first, even though it "
                       "lies on another line. Unlike a merge, a dependency does not join the "
                       "lines: each keeps its own head.")
                       .arg(id, dependencies));
    }
    if (step->has(StepRole::Head)) {
        const QStringList heads = graph.heads();
        if (heads.size() <= 1) {
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "%1 is the head: nothing builds on it, so `alembic upgrade head` ends "
                           "here.")
                           .arg(id));
        } else {
            const QString all = joined(heads);
            const int count = int(heads.size());
            out.append(QCoreApplication::translate(
                           "Walkthrough",
                           "%1 is one of %n heads (%2). With more than one head, `alembic "
                           "upgrade head` fails with \"Multiple head revisions are present\": "
                           "upgrade with `alembic upgrade heads` or a branch (label@head), or "
                           "join the lines with `alembic merge heads`.",
                           nullptr, count)
                           .arg(id, all));
        }
    }
}

} // namespace

QList<WalkthroughStep> Walkthrough::steps(const EnvironmentInspection &environment)
{
    return steps(environment, true);
}

QList<WalkthroughStep> Walkthrough::steps(const EnvironmentInspection &environment,
                                          bool readScripts)
{
    const RevisionGraph &graph = environment.graph;
    const Revisions &nodes = graph.nodes();
    const QStringList headList = graph.heads();
    const QStringList baseList = graph.bases();
    const QSet<QString> heads(headList.cbegin(), headList.cend());
    const QSet<QString> bases(baseList.cbegin(), baseList.cend());

    QList<WalkthroughStep> out;
    const std::vector<int> order = readingOrder(graph);
    out.reserve(qsizetype(order.size()));
    for (const int index : order) {
        const Revision &revision = nodes.at(index);
        WalkthroughStep step;
        step.revisionId = revision.id;
        step.message = revision.message;
        step.createDate = revision.createDate;
        step.file = revision.file;
        step.line = revision.line;
        step.origin = revision.origin;
        step.loaded = graph.isLoaded(revision.id);
        step.parents = graph.parents(revision.id);
        step.children = graph.children(revision.id);
        step.branchLabels = revision.branchLabels;
        step.dependsOn = revision.dependsOn;

        if (step.loaded && bases.contains(revision.id)) {
            step.roles |= int(StepRole::Base);
        }
        if (step.children.size() >= 2) {
            step.roles |= int(StepRole::BranchPoint);
        }
        if (step.parents.size() >= 2) {
            step.roles |= int(StepRole::Merge);
        }
        if (step.loaded && heads.contains(revision.id)) {
            step.roles |= int(StepRole::Head);
        }
        if (!step.dependsOn.isEmpty()) {
            step.roles |= int(StepRole::Dependency);
        }
        if (revision.origin != RevisionOrigin::Source) {
            step.roles |= int(StepRole::Ghost);
        }

        if (readScripts) {
            if (revision.origin == RevisionOrigin::Source && !revision.file.isEmpty()) {
                step.changes = OpSummary::read(revision.file);
            } else {
                step.changes.upgradeEmpty = false;
                step.changes.error =
                    revision.origin == RevisionOrigin::Bytecode
                        ? QCoreApplication::translate(
                              "Walkthrough",
                              "Only bytecode defines this revision; its operations are not read.")
                        : QCoreApplication::translate("Walkthrough",
                                                      "No script defines this revision.");
            }
        }

        QStringList referrers;
        if (revision.origin == RevisionOrigin::Missing) {
            referrers = step.children;
            for (const QString &dependent : graph.dependents(revision.id)) {
                if (!referrers.contains(dependent)) {
                    referrers.append(dependent);
                }
            }
        }
        explain(&step, environment, referrers, readScripts);
        out.append(step);
    }
    return out;
}

QString Walkthrough::roleName(StepRole role, RevisionOrigin origin)
{
    switch (role) {
    case StepRole::Base:
        return QCoreApplication::translate("Walkthrough", "base");
    case StepRole::BranchPoint:
        return QCoreApplication::translate("Walkthrough", "branch point");
    case StepRole::Merge:
        return QCoreApplication::translate("Walkthrough", "merge");
    case StepRole::Head:
        return QCoreApplication::translate("Walkthrough", "head");
    case StepRole::Dependency:
        return QCoreApplication::translate("Walkthrough", "depends on");
    case StepRole::Ghost:
        if (origin == RevisionOrigin::Bytecode) {
            return QCoreApplication::translate("Walkthrough", "bytecode only");
        }
        return QCoreApplication::translate("Walkthrough", "missing");
    }
    return QString();
}

QList<StepRole> Walkthrough::roles(int roles)
{
    static const StepRole kOrder[] = {StepRole::Ghost, StepRole::Base,       StepRole::BranchPoint,
                                      StepRole::Merge, StepRole::Dependency, StepRole::Head};
    QList<StepRole> out;
    for (const StepRole role : kOrder) {
        if (roles & int(role)) {
            out.append(role);
        }
    }
    return out;
}

int Walkthrough::indexOf(const QList<WalkthroughStep> &steps, const QString &revisionId)
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).revisionId == revisionId) {
            return i;
        }
    }
    return -1;
}

} // namespace Revscope
