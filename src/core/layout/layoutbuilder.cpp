#include "layoutbuilder.h"

#include "graph/revisiongraph.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace Revscope {

namespace {

constexpr int kShortIdLength = 12;
constexpr int kMessageLength = 40;

QSet<QString> toSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

} // namespace

QString LayoutBuilder::revisionLabel(const QString &id, const QString &message)
{
    QString label = id.left(kShortIdLength);
    QString line = message.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > kMessageLength) {
        line = line.left(kMessageLength - 1) + QChar(0x2026);
    }
    if (!line.isEmpty()) {
        label += QLatin1Char('\n') + line;
    }
    return label;
}

QSizeF LayoutBuilder::estimateSize(const LayoutNode &node)
{
    // Helvetica at 10 pt averages under 6 pt per character; a margin on each side.
    const QStringList lines = node.label.split(QLatin1Char('\n'));
    qsizetype longest = 0;
    for (const QString &line : lines) {
        longest = qMax(longest, line.size());
    }
    const double width = (double(longest) * 6.0 + 18.0) / 72.0;
    const double height = (double(lines.size()) * 12.0 + 12.0) / 72.0;
    return QSizeF(qMax(width, 0.75), qMax(height, 0.4));
}

LayoutRequest LayoutBuilder::build(const RevisionGraph &graph, const Options &options)
{
    LayoutRequest request;
    append(graph, options, &request);
    return request;
}

void LayoutBuilder::append(const RevisionGraph &graph, const Options &options,
                           LayoutRequest *request)
{
    request->direction = options.direction;
    const Revisions &revisions = graph.nodes();
    const QSet<QString> heads = toSet(graph.heads()) + toSet(graph.realHeads());

    // A revision stays visible when it is a landmark of the graph.
    QSet<QString> collapsible;
    if (options.collapse) {
        const QSet<QString> landmarks = heads + toSet(graph.bases()) + toSet(graph.branchPoints()) +
                                        toSet(graph.mergePoints()) + options.keepVisible;
        // A revision whose parent or dependency is missing is where a finding points.
        QSet<QString> broken;
        for (const auto &link : graph.missingParents() + graph.missingDependencies()) {
            broken.insert(link.first);
        }
        for (const Revision &revision : revisions) {
            if (revision.origin != RevisionOrigin::Missing && revision.branchLabels.isEmpty() &&
                !landmarks.contains(revision.id) && !broken.contains(revision.id) &&
                graph.parents(revision.id).size() == 1 && graph.children(revision.id).size() == 1 &&
                graph.dependencies(revision.id).isEmpty() &&
                graph.dependents(revision.id).isEmpty()) {
                collapsible.insert(revision.id);
            }
        }
    }

    // Runs start at a collapsible revision whose parent is not collapsible;
    // each member has one child, so a run is a simple walk. A loop made only
    // of collapsible revisions has no start and stays expanded.
    QHash<QString, QString> nodeOf;   // revision id -> node id
    QHash<QString, QStringList> runs; // first member -> members
    QSet<QString> runNodes;
    for (const Revision &revision : revisions) {
        const QString &id = revision.id;
        if (!collapsible.contains(id) || collapsible.contains(graph.parents(id).constFirst())) {
            continue;
        }
        QStringList members{id};
        QString next = graph.children(id).constFirst();
        while (collapsible.contains(next) && !members.contains(next)) {
            members.append(next);
            next = graph.children(next).constFirst();
        }
        if (members.size() >= 2) {
            const QString nodeId = options.idPrefix + QLatin1String("run:") + id;
            for (const QString &member : members) {
                nodeOf.insert(member, nodeId);
            }
            runs.insert(id, members);
            runNodes.insert(nodeId);
        }
    }

    auto addNode = [&](LayoutNode node) {
        node.cluster = options.cluster;
        const QSizeF size = options.sizer ? options.sizer(node) : estimateSize(node);
        node.widthIn = size.width();
        node.heightIn = size.height();
        request->nodes.append(node);
    };
    for (const Revision &revision : revisions) {
        const auto run = runs.constFind(revision.id);
        if (run != runs.constEnd()) {
            LayoutNode node;
            node.id = nodeOf.value(revision.id);
            node.style = LayoutNodeStyle::Collapsed;
            node.members = *run;
            node.label = QCoreApplication::translate("LayoutBuilder", "%n revisions", nullptr,
                                                     int(run->size()));
            addNode(node);
            continue;
        }
        if (nodeOf.contains(revision.id)) {
            continue;
        }
        const QString nodeId = options.idPrefix + revision.id;
        nodeOf.insert(revision.id, nodeId);
        LayoutNode node;
        node.id = nodeId;
        node.head = heads.contains(revision.id);
        switch (revision.origin) {
        case RevisionOrigin::Source:
            node.label = revisionLabel(revision.id, revision.message);
            break;
        case RevisionOrigin::Bytecode:
            node.style = LayoutNodeStyle::Bytecode;
            node.label = revisionLabel(revision.id, revision.message);
            break;
        case RevisionOrigin::Missing:
            node.style = LayoutNodeStyle::Ghost;
            node.label = revisionLabel(revision.id,
                                       QCoreApplication::translate("LayoutBuilder", "(missing)"));
            break;
        }
        addNode(node);
    }

    QSet<QString> seen; // one edge per (parent, child, kind)
    auto addEdge = [&](const QString &parent, const QString &child, bool dependency) {
        const QString from = nodeOf.value(parent);
        const QString to = nodeOf.value(child);
        if (from.isEmpty() || to.isEmpty() || (from == to && runNodes.contains(from))) {
            return;
        }
        const QString key =
            from + QChar(0) + to + (dependency ? QLatin1Char('d') : QLatin1Char('p'));
        if (seen.contains(key)) {
            return;
        }
        seen.insert(key);
        request->edges.append(LayoutEdge{from, to, dependency});
    };
    for (const Revision &revision : revisions) {
        for (const QString &parent : graph.parents(revision.id)) {
            addEdge(parent, revision.id, false);
        }
        for (const QString &dependency : graph.dependencies(revision.id)) {
            addEdge(dependency, revision.id, true);
        }
    }
}

} // namespace Revscope
