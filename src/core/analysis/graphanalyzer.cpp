#include "graphanalyzer.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace Revscope {

namespace {

QString fileName(const Revision &revision)
{
    return revision.file.isEmpty() ? revision.id : QFileInfo(revision.file).fileName();
}

int lineOr(int preferred, const Revision &revision)
{
    return preferred > 0 ? preferred : revision.line;
}

Finding makeFinding(const QString &code, Severity severity, const QString &envLabel,
                    const Revision &revision, int line)
{
    Finding finding;
    finding.code = code;
    finding.severity = severity;
    finding.environment = envLabel;
    finding.file = revision.file;
    finding.line = line;
    finding.revision = revision.id;
    return finding;
}

QString joined(const QStringList &ids)
{
    return ids.join(QLatin1String(", "));
}

// The revision most likely added last: the latest "Create Date", then load order.
const Revision *newest(const RevisionGraph &graph, const QStringList &ids)
{
    const Revision *best = nullptr;
    int bestIndex = -1;
    for (const QString &id : ids) {
        const Revision *candidate = graph.revision(id);
        const int index = graph.indexOf(id);
        if (!candidate) {
            continue;
        }
        if (!best || candidate->createDate > best->createDate ||
            (candidate->createDate == best->createDate && index > bestIndex)) {
            best = candidate;
            bestIndex = index;
        }
    }
    return best;
}

// Independent branches are Alembic's documented multi-root setup: each of
// `ids` carries a branch label (all but `unlabelledAllowed` of them), and no
// label covers two of them.
bool separatelyLabelled(const RevisionGraph &graph, const QStringList &ids,
                        int unlabelledAllowed = 0)
{
    const QHash<QString, QStringList> members = graph.branchLabelMembers();
    QHash<QString, int> labelledCount;
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        for (const QString &id : ids) {
            if (it.value().contains(id)) {
                ++labelledCount[id];
                if (std::count_if(ids.cbegin(), ids.cend(), [&](const QString &other) {
                        return it.value().contains(other);
                    }) > 1) {
                    return false;
                }
            }
        }
    }
    const auto unlabelled = std::count_if(
        ids.cbegin(), ids.cend(), [&](const QString &id) { return labelledCount.value(id) == 0; });
    return unlabelled <= unlabelledAllowed;
}

void missingParents(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    for (const auto &pair : graph.missingParents()) {
        const Revision *child = graph.revision(pair.first);
        const Revision *parent = graph.revision(pair.second);
        Finding finding = makeFinding(QStringLiteral("missing-parent"), Severity::Error, envLabel,
                                      *child, lineOr(child->downRevisionLine, *child));
        if (parent && parent->origin == RevisionOrigin::Bytecode) {
            finding.message =
                QCoreApplication::translate(
                    "GraphAnalyzer",
                    "Revision %1 has down_revision %2, which exists only as bytecode that "
                    "Alembic does not load; Alembic stops with an error.")
                    .arg(pair.first, pair.second);
            finding.fix = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Restore the source file of %1 (or set sourceless = true if the "
                              "bytecode is meant to be loaded), or change down_revision in %2 to "
                              "the revision it really follows.")
                              .arg(pair.second, fileName(*child));
        } else {
            finding.message =
                QCoreApplication::translate(
                    "GraphAnalyzer", "Revision %1 has down_revision %2, but no migration script "
                                     "defines %2; Alembic stops with an error.")
                    .arg(pair.first, pair.second);
            finding.fix = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Restore the script that defines %1, or change down_revision in %2 "
                              "to the revision it really follows.")
                              .arg(pair.second, fileName(*child));
        }
        findings.append(finding);
    }
}

void missingDependencies(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    for (const auto &pair : graph.missingDependencies()) {
        const Revision *child = graph.revision(pair.first);
        Finding finding = makeFinding(QStringLiteral("missing-dependency"), Severity::Error,
                                      envLabel, *child, lineOr(child->dependsOnLine, *child));
        finding.message =
            QCoreApplication::translate(
                "GraphAnalyzer", "Revision %1 depends on %2, which is neither a revision nor a "
                                 "branch label Alembic loads; Alembic stops with an error.")
                .arg(pair.first, pair.second);
        finding.fix = QCoreApplication::translate(
                          "GraphAnalyzer",
                          "Correct depends_on in %1 to an existing revision id or branch label, "
                          "or remove %2 from it.")
                          .arg(fileName(*child), pair.second);
        findings.append(finding);
    }
}

void duplicates(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    const QHash<QString, QStringList> all = graph.duplicates();
    QStringList ids = all.keys();
    ids.sort();
    for (const QString &id : std::as_const(ids)) {
        const QStringList files = all.value(id);
        const Revision *winner = graph.revision(id);
        QStringList names;
        for (const QString &file : files) {
            names.append(QFileInfo(file).fileName());
        }
        Finding finding = makeFinding(QStringLiteral("duplicate-revision"), Severity::Error,
                                      envLabel, *winner, winner->line);
        finding.message = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Revision id %1 is defined by %n files: %2. Alembic warns and "
                              "uses only the last one loaded (%3); the others are ignored.",
                              nullptr, int(files.size()))
                              .arg(id, joined(names), names.last());
        finding.fix = QCoreApplication::translate(
            "GraphAnalyzer", "Delete the copy that should not exist, or give one of the scripts a "
                             "new revision id and update the down_revision of the revisions that "
                             "follow it.");
        findings.append(finding);
    }
}

void cycles(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    for (const RevisionGraph::Cycle &cycle : graph.cycleDetails()) {
        // Point at the member loaded last (the likeliest to have been edited);
        // for a dependency cycle, at the last one whose depends_on closes it.
        const Revision *at = nullptr;
        bool viaDependsOn = false;
        const QSet<QString> members(cycle.members.cbegin(), cycle.members.cend());
        for (const QString &id : cycle.members) {
            const Revision *member = graph.revision(id);
            if (!member) {
                continue;
            }
            bool intoCycle = false;
            for (const QString &dep : graph.dependencies(id)) {
                intoCycle = intoCycle || members.contains(dep);
            }
            const bool preferred = cycle.throughDependencies && intoCycle;
            if (!at || (preferred && !viaDependsOn) ||
                (preferred == viaDependsOn && graph.indexOf(id) > graph.indexOf(at->id))) {
                at = member;
                viaDependsOn = preferred;
            }
        }
        if (!at) {
            continue;
        }
        Finding finding =
            makeFinding(QStringLiteral("cycle"), Severity::Error, envLabel, *at,
                        lineOr(viaDependsOn ? at->dependsOnLine : at->downRevisionLine, *at));
        const bool self = cycle.members.size() == 1;
        if (self && !cycle.throughDependencies) {
            finding.message = QCoreApplication::translate(
                                  "GraphAnalyzer",
                                  "Revision %1 names itself in down_revision; Alembic refuses to "
                                  "load the scripts (self-loop).")
                                  .arg(at->id);
            finding.fix =
                QCoreApplication::translate("GraphAnalyzer",
                                            "Set down_revision in %1 to the revision it follows.")
                    .arg(fileName(*at));
        } else if (self) {
            finding.message =
                QCoreApplication::translate(
                    "GraphAnalyzer", "Revision %1 depends on itself through depends_on; Alembic "
                                     "refuses to load the scripts (dependency self-loop).")
                    .arg(at->id);
            finding.fix = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Remove the entry naming %1 itself (or its own branch label) from "
                              "depends_on in %2.")
                              .arg(at->id, fileName(*at));
        } else if (!cycle.throughDependencies) {
            finding.message =
                cycle.detectedByAlembic
                    ? QCoreApplication::translate("GraphAnalyzer",
                                                  "Revisions %1 form a cycle through "
                                                  "down_revision; Alembic refuses to load the "
                                                  "scripts.")
                          .arg(joined(cycle.members))
                    : QCoreApplication::translate("GraphAnalyzer",
                                                  "Revisions %1 form a cycle through "
                                                  "down_revision that Alembic does not detect; "
                                                  "its history and upgrade order for them are "
                                                  "wrong.")
                          .arg(joined(cycle.members));
            finding.fix = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Make the chain end at a base: point down_revision of one of these "
                              "revisions (for example in %1) at an older revision outside the "
                              "cycle.")
                              .arg(fileName(*at));
        } else {
            finding.message =
                cycle.detectedByAlembic
                    ? QCoreApplication::translate("GraphAnalyzer",
                                                  "Revisions %1 form a cycle through depends_on "
                                                  "and down_revision; Alembic refuses to load "
                                                  "the scripts.")
                          .arg(joined(cycle.members))
                    : QCoreApplication::translate("GraphAnalyzer",
                                                  "Revisions %1 form a cycle through depends_on "
                                                  "and down_revision that Alembic does not "
                                                  "detect; it upgrades them in an order that "
                                                  "breaks a dependency.")
                          .arg(joined(cycle.members));
            finding.fix = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "Remove the depends_on entry that points at a newer revision of the "
                              "cycle (for example in %1).")
                              .arg(fileName(*at));
        }
        findings.append(finding);
    }
}

void labelConflicts(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    for (const RevisionGraph::BranchLabelConflict &conflict : graph.branchLabelConflicts()) {
        Finding finding;
        finding.code = QStringLiteral("branch-label-conflict");
        finding.severity = Severity::Error;
        finding.environment = envLabel;
        finding.file = conflict.file;
        finding.line = conflict.line;
        finding.revision = conflict.revision;
        if (conflict.usedAsRevisionId) {
            finding.message = QCoreApplication::translate(
                                  "GraphAnalyzer",
                                  "Branch label '%1' of revision %2 is also the id of a revision; "
                                  "Alembic refuses to load the scripts.")
                                  .arg(conflict.label, conflict.revision);
        } else if (conflict.usedBy == conflict.revision) {
            finding.message = QCoreApplication::translate(
                                  "GraphAnalyzer",
                                  "Branch label '%1' is declared twice for revision %2 (twice in "
                                  "branch_labels, or by two scripts with that id); Alembic refuses "
                                  "to load the scripts.")
                                  .arg(conflict.label, conflict.revision);
        } else {
            finding.message =
                QCoreApplication::translate(
                    "GraphAnalyzer", "Branch label '%1' of revision %2 is already used by revision "
                                     "%3; Alembic refuses to load the scripts.")
                    .arg(conflict.label, conflict.revision, conflict.usedBy);
        }
        const QString name =
            conflict.file.isEmpty() ? conflict.revision : QFileInfo(conflict.file).fileName();
        finding.fix =
            QCoreApplication::translate(
                "GraphAnalyzer", "Rename the branch label in branch_labels of %1, and update any "
                                 "depends_on or '%2@head' that means this branch.")
                .arg(name, conflict.label);
        findings.append(finding);
    }
}

void multipleHeads(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    const QStringList heads = graph.heads();
    if (heads.size() < 2) {
        return;
    }
    const Revision *at = newest(graph, heads);
    const bool labelled = separatelyLabelled(graph, heads);
    Finding finding =
        makeFinding(QStringLiteral("multiple-heads"), labelled ? Severity::Info : Severity::Warning,
                    envLabel, *at, lineOr(at->downRevisionLine, *at));
    if (labelled) {
        finding.message = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "%n labelled branches each end in their own head: %1. "
                              "`alembic upgrade head` refuses; use `alembic upgrade heads` or "
                              "`<label>@head`.",
                              nullptr, int(heads.size()))
                              .arg(joined(heads));
        finding.fix = QCoreApplication::translate(
            "GraphAnalyzer", "Nothing to do if the branches are meant to stay separate; otherwise "
                             "join them with `alembic merge heads -m \"merge heads\"`.");
    } else {
        finding.message = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "There are %n heads: %1. `alembic upgrade head` stops with "
                              "\"Multiple head revisions are present\" until they are merged.",
                              nullptr, int(heads.size()))
                              .arg(joined(heads));
        if (separatelyLabelled(graph, heads, 1)) {
            // The main line beside labelled branches: deliberate, but every
            // deployment must say `heads`.
            finding.fix = QCoreApplication::translate(
                "GraphAnalyzer",
                "If the labelled branches are meant to stay separate, run `alembic upgrade "
                "heads` (not `head`) everywhere migrations are applied; otherwise join them "
                "with `alembic merge heads -m \"merge heads\"`.");
        } else {
            finding.fix =
                QCoreApplication::translate(
                    "GraphAnalyzer",
                    "Run `alembic merge heads -m \"merge heads\"` to add a merge revision; "
                    "or, if %1 was meant to follow another head, change its "
                    "down_revision in %2.")
                    .arg(at->id, fileName(*at));
        }
    }
    findings.append(finding);
}

void multipleBases(const RevisionGraph &graph, const QString &envLabel, Findings &findings)
{
    const QStringList bases = graph.bases();
    if (bases.size() < 2) {
        return;
    }
    const Revision *at = newest(graph, bases);
    // The main line needs no label: bases of labelled side branches beside it
    // are the documented setup (`alembic revision --head=base --branch-label`).
    const bool labelled = separatelyLabelled(graph, bases, 1);
    Finding finding =
        makeFinding(QStringLiteral("multiple-bases"), labelled ? Severity::Info : Severity::Warning,
                    envLabel, *at, lineOr(at->downRevisionLine, *at));
    if (labelled) {
        finding.message =
            QCoreApplication::translate("GraphAnalyzer",
                                        "%n independent branches each start at their own base: %1.",
                                        nullptr, int(bases.size()))
                .arg(joined(bases));
        finding.fix = QCoreApplication::translate(
            "GraphAnalyzer", "Nothing to do if the branches are meant to be independent.");
    } else {
        finding.message = QCoreApplication::translate(
                              "GraphAnalyzer",
                              "There are %n bases (revisions with down_revision = None): %1. "
                              "Usually one of them was created with a missing down_revision.",
                              nullptr, int(bases.size()))
                              .arg(joined(bases));
        finding.fix = QCoreApplication::translate(
                          "GraphAnalyzer",
                          "If %1 should follow another revision, set down_revision in %2 to it; "
                          "if the roots are meant to be separate, give each branch a "
                          "branch label.")
                          .arg(at->id, fileName(*at));
    }
    findings.append(finding);
}

} // namespace

Findings GraphAnalyzer::analyze(const RevisionGraph &graph, const QString &envLabel)
{
    Findings findings;
    duplicates(graph, envLabel, findings);
    missingParents(graph, envLabel, findings);
    missingDependencies(graph, envLabel, findings);
    cycles(graph, envLabel, findings);
    labelConflicts(graph, envLabel, findings);
    // With a parent missing or a cycle, Alembic stops before counting heads,
    // and the heads and bases of the repaired graph are artefacts of the damage.
    if (graph.missingParents().isEmpty() && graph.cycleDetails().isEmpty()) {
        multipleHeads(graph, envLabel, findings);
        multipleBases(graph, envLabel, findings);
    }
    return findings;
}

} // namespace Revscope
