#include "graphlayout.h"

#include "graphvizpos.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <vector>

namespace Revscope {

namespace {

// The process's one Graphviz context and the lock every Graphviz call takes.
struct Graphviz
{
    QMutex mutex;
    GVC_t *context = nullptr;
    QString messages; // what Graphviz reported during the current call

    ~Graphviz()
    {
        if (context) {
            gvFreeContext(context);
        }
    }
};

Graphviz &graphviz()
{
    static Graphviz instance;
    return instance;
}

// Graphviz reports problems through this instead of printing them; only
// called under the lock.
int collectMessage(char *message)
{
    graphviz().messages += QString::fromUtf8(message).trimmed() + QLatin1Char(' ');
    return 0;
}

// Requires the lock.
GVC_t *context()
{
    Graphviz &gv = graphviz();
    if (!gv.context) {
        agseterrf(collectMessage);
        gv.context = gvContext();
    }
    gv.messages.clear();
    return gv.context;
}

char *text(const char *literal)
{
    // Graphviz 2.42's API takes char * and does not write through it.
    return const_cast<char *>(literal);
}

void setAttribute(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, text(name), text(value.constData()), text(""));
}

QByteArray inches(double value)
{
    return QByteArray::number(qMax(value, 0.01), 'f', 3);
}

QByteArray nodeStyle(const LayoutNode &node)
{
    QByteArray style = "rounded";
    switch (node.style) {
    case LayoutNodeStyle::Normal:
        break;
    case LayoutNodeStyle::Ghost:
        style += ",dashed";
        break;
    case LayoutNodeStyle::Bytecode:
    case LayoutNodeStyle::Collapsed:
        style += ",filled";
        break;
    }
    if (node.head) {
        style += ",bold";
    }
    return style;
}

// Escapes what Graphviz reads as an escape sequence in a plain label.
QByteArray labelText(const QString &label)
{
    QString escaped = label;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return escaped.toUtf8();
}

// `message`: what failed, in words; Graphviz's own messages follow it.
QString graphvizFailure(const QString &message)
{
    const QString details = graphviz().messages.trimmed();
    return details.isEmpty() ? message : message + QLatin1Char(' ') + details;
}

// One cgraph graph built from a request, freed on destruction. Requires the lock.
class CGraph
{
public:
    CGraph(GVC_t *gvc, const LayoutRequest &request) : m_gvc(gvc)
    {
        QByteArray name = "revisions";
        m_graph = agopen(name.data(), Agdirected, nullptr);
        if (!m_graph) {
            return;
        }
        setAttribute(m_graph, "rankdir",
                     request.direction == LayoutDirection::LeftToRight ? "LR" : "TB");
        agattr(m_graph, AGNODE, text("shape"), text("box"));
        agattr(m_graph, AGNODE, text("fixedsize"), text("true"));
        agattr(m_graph, AGNODE, text("fontname"), text("Helvetica"));
        agattr(m_graph, AGNODE, text("fontsize"), text("10"));

        QHash<QString, Agraph_t *> clusters;
        for (const LayoutNode &node : request.nodes) {
            QByteArray id = node.id.toUtf8();
            Agnode_t *n = agnode(m_graph, id.data(), 1);
            if (!n) {
                continue;
            }
            m_nodes.insert(node.id, n);
            setAttribute(n, "width", inches(node.widthIn));
            setAttribute(n, "height", inches(node.heightIn));
            setAttribute(n, "label", labelText(node.label.isEmpty() ? node.id : node.label));
            setAttribute(n, "style", nodeStyle(node));
            if (node.style == LayoutNodeStyle::Bytecode) {
                setAttribute(n, "fillcolor", "#fde3b0");
            } else if (node.style == LayoutNodeStyle::Collapsed) {
                setAttribute(n, "fillcolor", "#e6e6e6");
            } else if (node.style == LayoutNodeStyle::Ghost) {
                setAttribute(n, "fontcolor", "#707070");
            }
            if (!node.cluster.isEmpty()) {
                Agraph_t *&cluster = clusters[node.cluster];
                if (!cluster) {
                    QByteArray clusterName = "cluster_" + QByteArray::number(clusters.size());
                    cluster = agsubg(m_graph, clusterName.data(), 1);
                    setAttribute(cluster, "label", labelText(node.cluster));
                }
                if (cluster) {
                    agsubnode(cluster, n, 1);
                }
            }
        }
        m_edges.reserve(std::size_t(request.edges.size()));
        for (const LayoutEdge &edge : request.edges) {
            Agnode_t *tail = m_nodes.value(edge.from);
            Agnode_t *head = m_nodes.value(edge.to);
            Agedge_t *e = tail && head ? agedge(m_graph, tail, head, nullptr, 1) : nullptr;
            if (e && edge.dependency) {
                setAttribute(e, "style", "dashed");
            }
            m_edges.push_back(e);
        }
    }

    ~CGraph()
    {
        if (m_laidOut) {
            gvFreeLayout(m_gvc, m_graph);
        }
        if (m_graph) {
            agclose(m_graph);
        }
    }

    CGraph(const CGraph &) = delete;
    CGraph &operator=(const CGraph &) = delete;

    bool layout()
    {
        m_laidOut = m_graph && gvLayout(m_gvc, m_graph, "dot") == 0;
        return m_laidOut;
    }

    Agraph_t *graph() const { return m_graph; }
    Agnode_t *node(const QString &id) const { return m_nodes.value(id); }
    Agedge_t *edge(int index) const { return m_edges[std::size_t(index)]; }

private:
    GVC_t *m_gvc;
    Agraph_t *m_graph = nullptr;
    bool m_laidOut = false;
    QHash<QString, Agnode_t *> m_nodes;
    std::vector<Agedge_t *> m_edges;
};

QString attribute(void *object, const char *name)
{
    const char *value = agget(object, text(name));
    return value ? QString::fromUtf8(value) : QString();
}

} // namespace

LayoutResult GraphLayout::layout(const LayoutRequest &request)
{
    LayoutResult result;
    if (request.nodes.isEmpty()) {
        return result;
    }
    QMutexLocker locker(&graphviz().mutex);
    CGraph graph(context(), request);
    if (!graph.graph()) {
        result.error = graphvizFailure(
            QCoreApplication::translate("GraphLayout", "Graphviz could not create the graph."));
        return result;
    }
    if (!graph.layout()) {
        result.error = graphvizFailure(
            QCoreApplication::translate("GraphLayout", "Graphviz could not lay out the graph."));
        return result;
    }
    attach_attrs(graph.graph());

    QRectF box;
    QString error;
    if (!GraphvizPos::parseBoundingBox(attribute(graph.graph(), "bb"), &box, &error)) {
        result.error = error;
        return result;
    }
    result.bounds = box;
    for (const LayoutNode &node : request.nodes) {
        Agnode_t *n = graph.node(node.id);
        QPointF center;
        if (!n || !GraphvizPos::parsePoint(attribute(n, "pos"), &center, &error)) {
            result.error =
                QCoreApplication::translate("GraphLayout", "Graphviz placed no node '%1'.")
                    .arg(node.id);
            return result;
        }
        result.centers.insert(node.id, GraphvizPos::flipY(center, box));
    }
    for (int i = 0; i < request.edges.size(); ++i) {
        Agedge_t *e = graph.edge(i);
        QList<GraphvizSpline> splines;
        // An edge Graphviz could not route has no pos: it is left out, as
        // edges to unknown nodes are.
        if (!e || !GraphvizPos::parseSplines(attribute(e, "pos"), &splines, &error)) {
            continue;
        }
        const LayoutEdge &edge = request.edges.at(i);
        const GraphvizSpline &spline = splines.constFirst();
        EdgePath path;
        path.from = edge.from;
        path.to = edge.to;
        path.dependency = edge.dependency;
        for (const QPointF &point : spline.points) {
            path.controlPoints.append(GraphvizPos::flipY(point, box));
        }
        path.hasArrowStart = spline.hasStart;
        path.arrowStart = GraphvizPos::flipY(spline.start, box);
        path.hasArrowEnd = spline.hasEnd;
        path.arrowEnd = GraphvizPos::flipY(spline.end, box);
        result.edges.append(path);
    }
    return result;
}

QByteArray GraphLayout::render(const LayoutRequest &request, const QString &format, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return QByteArray();
    };
    if (!renderFormats().contains(format)) {
        return fail(
            QCoreApplication::translate("GraphLayout", "Unknown graph format '%1' (use %2).")
                .arg(format, renderFormats().join(QLatin1String(", "))));
    }
    QMutexLocker locker(&graphviz().mutex);
    CGraph graph(context(), request);
    if (!graph.graph()) {
        return fail(graphvizFailure(
            QCoreApplication::translate("GraphLayout", "Graphviz could not create the graph.")));
    }
    if (!graph.layout()) {
        return fail(graphvizFailure(
            QCoreApplication::translate("GraphLayout", "Graphviz could not lay out the graph.")));
    }
    char *data = nullptr;
    unsigned int length = 0;
    const QByteArray formatName = format.toLatin1();
    if (gvRenderData(graphviz().context, graph.graph(), formatName.constData(), &data, &length) !=
            0 ||
        !data) {
        if (data) {
            gvFreeRenderData(data);
        }
        return fail(graphvizFailure(
            QCoreApplication::translate("GraphLayout", "Graphviz could not render the graph.")));
    }
    QByteArray bytes(data, qsizetype(length));
    gvFreeRenderData(data);
    return bytes;
}

QStringList GraphLayout::renderFormats()
{
    return {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf"),
            QStringLiteral("dot")};
}

} // namespace Revscope
