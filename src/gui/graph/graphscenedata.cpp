#include "graphscenedata.h"

#include "graph/revisiongraph.h"
#include "layout/bandedlayout.h"
#include "layout/layoutbuilder.h"
#include "layout/longedges.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QLineF>

#include <cmath>

namespace Revscope {

namespace {

constexpr int kShortId = 12;
constexpr int kRunId = 8;
constexpr double kPadX = 10;
constexpr double kPadTop = 7;
constexpr double kPadBottom = 7;
constexpr double kLineGap = 2;
constexpr double kChipGap = 4;
constexpr double kChipPadX = 5;
constexpr double kSeverityRoom = 14; // the finding dot beside the id
constexpr double kMinWidth = 120;
constexpr double kPointsPerInch = 72;
constexpr double kMargin = 40;
constexpr double kArrowLength = 9;
constexpr double kArrowHalfWidth = 3.6;
// depends_on edges spanning more ranks than this are drawn as arcs, not laid out.
constexpr int kMaxDependencySpan = 12;
// `dot` lays out 1,000 revisions in about 0.1 s but 5,000 in about 3 s.
constexpr int kMaxNodesPerBand = 1000;

struct Metrics
{
    explicit Metrics(const GraphFonts &fonts)
        : id(fonts.id), mono(fonts.mono), body(fonts.body), bodyBold(fonts.bodyBold),
          chip(fonts.chip)
    {}
    QFontMetricsF id, mono, body, bodyBold, chip;
};

QString chipText(ChipKind kind)
{
    switch (kind) {
    case ChipKind::Head:
        return QCoreApplication::translate("GraphPanel", "head");
    case ChipKind::Base:
        return QCoreApplication::translate("GraphPanel", "base");
    case ChipKind::Merge:
        return QCoreApplication::translate("GraphPanel", "merge");
    case ChipKind::BranchPoint:
        return QCoreApplication::translate("GraphPanel", "branch point");
    case ChipKind::DbCurrent:
        return QCoreApplication::translate("GraphPanel", "db");
    case ChipKind::Pending:
        return QCoreApplication::translate("GraphPanel", "pending");
    case ChipKind::Bytecode:
        return QCoreApplication::translate("GraphPanel", "pyc only");
    case ChipKind::Removed:
        return QCoreApplication::translate("GraphPanel", "removed");
    case ChipKind::Added:
        return QCoreApplication::translate("GraphPanel", "added");
    case ChipKind::Rewired:
        return QCoreApplication::translate("GraphPanel", "rewired");
    case ChipKind::Edited:
        return QCoreApplication::translate("GraphPanel", "edited");
    case ChipKind::Label:
        break;
    }
    return {};
}

// The badge of a comparison status; false for Unchanged.
bool changeChip(ComparisonOverlay::Status change, ChipKind *kind)
{
    switch (change) {
    case ComparisonOverlay::Status::Removed:
        *kind = ChipKind::Removed;
        return true;
    case ComparisonOverlay::Status::Added:
        *kind = ChipKind::Added;
        return true;
    case ComparisonOverlay::Status::Rewired:
        *kind = ChipKind::Rewired;
        return true;
    case ComparisonOverlay::Status::Edited:
        *kind = ChipKind::Edited;
        return true;
    case ComparisonOverlay::Status::Unchanged:
        break;
    }
    return false;
}

// What the comparison says of a revision, for its tooltip.
QString changeText(const ComparisonOverlay &overlay, const QString &id)
{
    switch (overlay.status(id)) {
    case ComparisonOverlay::Status::Removed: {
        const QString by = overlay.replacedBy(id);
        if (by.isEmpty()) {
            return QCoreApplication::translate(
                "GraphPanel", "Removed in the newer version; nothing replaces it.");
        }
        return QCoreApplication::translate("GraphPanel",
                                           "Removed in the newer version; %1 replaces it.")
            .arg(by);
    }
    case ComparisonOverlay::Status::Added:
        return QCoreApplication::translate("GraphPanel", "Added in the newer version.");
    case ComparisonOverlay::Status::Rewired:
        return QCoreApplication::translate("GraphPanel",
                                           "Its down_revision changed in the newer version.");
    case ComparisonOverlay::Status::Edited:
        return QCoreApplication::translate("GraphPanel",
                                           "Its script changed in the newer version.");
    case ComparisonOverlay::Status::Unchanged:
        break;
    }
    return {};
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString toolTip(const NodeVisual &visual, const Revision *revision, const Inspection &inspection,
                const ComparisonOverlay *overlay)
{
    QStringList lines;
    if (visual.collapsed()) {
        const QString count = QString::number(visual.members.size());
        const QString first = visual.members.constFirst();
        const QString last = visual.members.constLast();
        lines << QCoreApplication::translate("GraphPanel", "<b>%1 revisions</b> in a linear run")
                     .arg(count);
        lines << QCoreApplication::translate("GraphPanel", "from <tt>%1</tt> to <tt>%2</tt>")
                     .arg(escaped(first), escaped(last));
        lines << QCoreApplication::translate("GraphPanel", "<i>Click to expand.</i>");
        return lines.join(QLatin1String("<br>"));
    }
    lines << QStringLiteral("<b><tt>%1</tt></b>").arg(escaped(visual.revision));
    if (revision && !revision->message.isEmpty()) {
        lines << escaped(revision->message.section(QLatin1Char('\n'), 0, 0));
    }
    const NodeBadges &b = visual.badges;
    if (b.ghost) {
        lines << QCoreApplication::translate("GraphPanel",
                                             "Referenced but defined by no script or bytecode.");
    } else if (revision && !revision->file.isEmpty()) {
        const QString file = inspection.relativePath(revision->file);
        lines << QCoreApplication::translate("GraphPanel", "File: %1").arg(escaped(file));
    }
    if (b.bytecodeOnly) {
        lines << QCoreApplication::translate("GraphPanel",
                                             "Defined only by bytecode: its script is gone.");
    }
    if (overlay && visual.change != ComparisonOverlay::Status::Unchanged) {
        lines << escaped(changeText(*overlay, visual.revision));
    }
    QStringList marks;
    if (b.head) {
        marks << QCoreApplication::translate("GraphPanel", "head");
    }
    if (b.base) {
        marks << QCoreApplication::translate("GraphPanel", "base");
    }
    if (b.mergePoint) {
        marks << QCoreApplication::translate("GraphPanel", "merge point");
    }
    if (b.branchPoint) {
        marks << QCoreApplication::translate("GraphPanel", "branch point");
    }
    if (!marks.isEmpty()) {
        lines << marks.join(QLatin1String(" \u00b7 "));
    }
    if (!b.branchLabels.isEmpty()) {
        const QString labels = b.branchLabels.join(QLatin1String(", "));
        lines
            << QCoreApplication::translate("GraphPanel", "Branch labels: %1").arg(escaped(labels));
    }
    if (b.dbState != DbState::None) {
        const QString state = dbStateLabel(b.dbState);
        lines << QCoreApplication::translate("GraphPanel", "Database: %1").arg(state);
    }
    if (b.findings > 0) {
        const QString worst = severityLabel(b.worstSeverity);
        lines << QCoreApplication::translate("GraphPanel", "%n finding(s), worst: %1", nullptr,
                                             b.findings)
                     .arg(worst);
    }
    return lines.join(QLatin1String("<br>"));
}

} // namespace

GraphFonts GraphFonts::fromFont(const QFont &base)
{
    GraphFonts fonts;
    fonts.body = base;
    fonts.bodyBold = base;
    fonts.bodyBold.setWeight(QFont::DemiBold);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (base.pointSizeF() > 0) {
        mono.setPointSizeF(base.pointSizeF());
    } else {
        mono.setPixelSize(base.pixelSize());
    }
    fonts.mono = mono;
    fonts.id = mono;
    fonts.id.setWeight(QFont::Bold);
    fonts.chip = base;
    if (base.pointSizeF() > 0) {
        fonts.chip.setPointSizeF(base.pointSizeF() * 0.78);
    } else {
        fonts.chip.setPixelSize(qMax(8, int(base.pixelSize() * 0.78)));
    }
    fonts.chip.setWeight(QFont::DemiBold);
    return fonts;
}

NodeVisual GraphSceneData::measure(const LayoutNode &node, const QString &message,
                                   const NodeBadges &badges, const GraphFonts &fonts,
                                   ComparisonOverlay::Status change)
{
    const Metrics m(fonts);
    NodeVisual visual;
    visual.id = node.id;
    visual.style = node.style;
    visual.members = node.members;
    visual.badges = badges;
    visual.change = change;
    double titleWidth = 0;
    double subtitleWidth = 0;
    double titleAscent = 0;
    double titleHeight = 0;
    double subtitleAscent = 0;
    double subtitleHeight = 0;
    if (visual.collapsed()) {
        visual.title = node.label;
        titleWidth = m.bodyBold.horizontalAdvance(visual.title);
        titleAscent = m.bodyBold.ascent();
        titleHeight = m.bodyBold.height();
        visual.subtitle = node.members.constFirst().left(kRunId) + QStringLiteral(" \u2026 ") +
                          node.members.constLast().left(kRunId);
        subtitleWidth = m.mono.horizontalAdvance(visual.subtitle);
        subtitleAscent = m.mono.ascent();
        subtitleHeight = m.mono.height();
    } else {
        visual.revision = node.id;
        visual.title = node.id.left(kShortId);
        titleWidth = m.id.horizontalAdvance(visual.title);
        titleAscent = m.id.ascent();
        titleHeight = m.id.height();
        QString line = node.style == LayoutNodeStyle::Ghost
                           ? QCoreApplication::translate("GraphPanel", "missing revision")
                           : message.section(QLatin1Char('\n'), 0, 0).trimmed();
        const double maxWidth = m.body.averageCharWidth() * 32;
        visual.subtitle = m.body.elidedText(line, Qt::ElideRight, maxWidth);
        subtitleWidth = m.body.horizontalAdvance(visual.subtitle);
        subtitleAscent = m.body.ascent();
        subtitleHeight = m.body.height();
    }
    if (badges.findings > 0) {
        titleWidth += kSeverityRoom;
    }

    // Badges, in the order the legend lists them.
    QList<QPair<ChipKind, QString>> chips;
    ChipKind changeKind = ChipKind::Removed;
    if (!visual.collapsed() && changeChip(change, &changeKind)) {
        chips.append({changeKind, chipText(changeKind)});
    }
    if (!visual.collapsed()) {
        if (badges.dbCurrent()) {
            chips.append({ChipKind::DbCurrent, chipText(ChipKind::DbCurrent)});
        }
        if (badges.head) {
            chips.append({ChipKind::Head, chipText(ChipKind::Head)});
        }
        if (badges.base) {
            chips.append({ChipKind::Base, chipText(ChipKind::Base)});
        }
        if (badges.mergePoint) {
            chips.append({ChipKind::Merge, chipText(ChipKind::Merge)});
        }
        if (badges.branchPoint) {
            chips.append({ChipKind::BranchPoint, chipText(ChipKind::BranchPoint)});
        }
        for (const QString &label : badges.branchLabels) {
            chips.append({ChipKind::Label, label});
        }
        if (badges.bytecodeOnly) {
            chips.append({ChipKind::Bytecode, chipText(ChipKind::Bytecode)});
        }
        if (badges.pending()) {
            chips.append({ChipKind::Pending, chipText(ChipKind::Pending)});
        }
    }
    const double chipHeight = std::ceil(m.chip.height() + 3);
    double chipsWidth = 0;
    for (const auto &chip : chips) {
        // The database pin has a dot before its text.
        const double extra = chip.first == ChipKind::DbCurrent ? chipHeight * 0.55 : 0;
        chipsWidth += m.chip.horizontalAdvance(chip.second) + 2 * kChipPadX + extra + kChipGap;
    }
    if (!chips.isEmpty()) {
        chipsWidth -= kChipGap;
    }

    const double width =
        std::ceil(qMax(kMinWidth, qMax(qMax(titleWidth, subtitleWidth), chipsWidth) + 2 * kPadX));
    double y = kPadTop;
    visual.titleBaseline = QPointF(kPadX, y + titleAscent);
    y += titleHeight + kLineGap;
    visual.subtitleBaseline = QPointF(kPadX, y + subtitleAscent);
    y += subtitleHeight;
    if (!chips.isEmpty()) {
        y += kLineGap + 3;
        double x = kPadX;
        for (const auto &chip : chips) {
            NodeChip c;
            c.kind = chip.first;
            c.text = chip.second;
            const double extra = c.kind == ChipKind::DbCurrent ? chipHeight * 0.55 : 0;
            const double w = m.chip.horizontalAdvance(c.text) + 2 * kChipPadX + extra;
            c.rect = QRectF(x, y, w, chipHeight);
            c.baseline = QPointF(x + kChipPadX + extra,
                                 y + (chipHeight - m.chip.height()) / 2 + m.chip.ascent());
            visual.chips.append(c);
            x += w + kChipGap;
        }
        y += chipHeight;
    }
    y += kPadBottom;
    visual.rect = QRectF(0, 0, width, std::ceil(y));
    return visual;
}

EdgeVisual GraphSceneData::edgeVisual(const EdgePath &edge)
{
    EdgeVisual visual;
    visual.from = edge.from;
    visual.to = edge.to;
    visual.dependency = edge.dependency;
    const QList<QPointF> &points = edge.controlPoints;
    if (points.isEmpty()) {
        return visual;
    }
    QPainterPath path(points.constFirst());
    qsizetype i = 1;
    for (; i + 2 < points.size(); i += 3) {
        path.cubicTo(points.at(i), points.at(i + 1), points.at(i + 2));
    }
    for (; i < points.size(); ++i) {
        path.lineTo(points.at(i));
    }
    // Graphviz ends the spline where the arrowhead starts and gives the tip
    // separately; without a tip, the arrow points along the last segment.
    QPointF tip = points.constLast();
    QPointF from = points.size() > 1 ? points.at(points.size() - 2) : tip;
    if (edge.hasArrowEnd) {
        from = points.constLast();
        tip = edge.arrowEnd;
    }
    QLineF direction(from, tip);
    if (direction.length() > 0.01) {
        direction.setLength(1);
        const QPointF unit(direction.dx(), direction.dy());
        const QPointF normal(-unit.y(), unit.x());
        const QPointF base = tip - unit * kArrowLength;
        if (edge.hasArrowEnd) {
            path.lineTo(base);
        }
        visual.arrow << tip << base + normal * kArrowHalfWidth << base - normal * kArrowHalfWidth;
    }
    visual.path = path;
    visual.bounds =
        path.controlPointRect().united(visual.arrow.boundingRect()).adjusted(-3, -3, 3, 3);
    return visual;
}

EdgeVisual GraphSceneData::arcVisual(const LayoutEdge &edge, const QRectF &from, const QRectF &to,
                                     LayoutDirection direction)
{
    // Out of the right side (top to bottom) or the bottom (left to right),
    // bulging away from the flow more the longer the arc.
    const bool leftToRight = direction == LayoutDirection::LeftToRight;
    EdgePath path;
    path.from = edge.from;
    path.to = edge.to;
    path.dependency = edge.dependency;
    QPointF start;
    QPointF tip;
    QPointF outward;
    double distance = 0;
    if (leftToRight) {
        start = QPointF(from.center().x(), from.bottom());
        tip = QPointF(to.center().x(), to.bottom());
        outward = QPointF(0, 1);
        distance = std::abs(tip.x() - start.x());
    } else {
        start = QPointF(from.right(), from.center().y());
        tip = QPointF(to.right(), to.center().y());
        outward = QPointF(1, 0);
        distance = std::abs(tip.y() - start.y());
    }
    const double bulge = qMin(240.0, 40.0 + distance * 0.08);
    const QPointF base = tip + outward * kArrowLength;
    path.controlPoints = {start, start + outward * bulge, base + outward * bulge, base};
    path.hasArrowEnd = true;
    path.arrowEnd = tip;
    return edgeVisual(path);
}

EdgeVisual GraphSceneData::connectorVisual(const LayoutEdge &edge, const QRectF &from,
                                           const QRectF &to, LayoutDirection direction)
{
    const bool leftToRight = direction == LayoutDirection::LeftToRight;
    const QPointF start = leftToRight ? QPointF(from.right(), from.center().y())
                                      : QPointF(from.center().x(), from.bottom());
    const QPointF tip =
        leftToRight ? QPointF(to.left(), to.center().y()) : QPointF(to.center().x(), to.top());
    const QPointF forward = leftToRight ? QPointF(1, 0) : QPointF(0, 1);
    const double distance = leftToRight ? tip.x() - start.x() : tip.y() - start.y();
    if (distance < 2 * kArrowLength) {
        return arcVisual(edge, from, to, direction); // backwards (a cycle): beside the flow
    }
    EdgePath path;
    path.from = edge.from;
    path.to = edge.to;
    path.dependency = edge.dependency;
    const QPointF base = tip - forward * kArrowLength;
    const double pull = (distance - kArrowLength) * 0.5;
    path.controlPoints = {start, start + forward * pull, base - forward * pull, base};
    path.hasArrowEnd = true;
    path.arrowEnd = tip;
    return edgeVisual(path);
}

std::shared_ptr<const GraphSceneData> GraphSceneData::build(const GraphJob &job)
{
    QElapsedTimer timer;
    timer.start();
    auto data = std::make_shared<GraphSceneData>();
    data->generation = job.generation;
    data->inspection = job.inspection;
    data->environment = job.environment;
    data->direction = job.direction;
    data->collapse = job.collapse;
    data->overlay = job.overlay;
    if (!job.inspection || job.environment < 0 ||
        job.environment >= job.inspection->environments.size()) {
        return data;
    }
    const Inspection &inspection = *job.inspection;
    const EnvironmentInspection &environment = inspection.environments.at(job.environment);
    const RevisionGraph &graph = environment.graph;
    data->revisions = int(graph.nodes().size());
    if (graph.nodes().isEmpty()) {
        return data;
    }
    data->badges = NodeBadgeTable(inspection, job.environment);

    QHash<QString, NodeVisual> visuals;
    visuals.reserve(graph.nodes().size());
    LayoutBuilder::Options options;
    options.direction = job.direction;
    options.collapse = job.collapse;
    options.keepVisible = job.keepVisible;
    if (environment.database) {
        const QStringList current = environment.database->currentRevisions();
        for (const QString &id : current) {
            options.keepVisible.insert(id);
        }
    }
    const ComparisonOverlay *overlay = job.overlay.get();
    if (overlay) {
        // A run of mixed changes would hide them: changed revisions stay single.
        for (const Revision &revision : graph.nodes()) {
            if (overlay->status(revision.id) != ComparisonOverlay::Status::Unchanged) {
                options.keepVisible.insert(revision.id);
            }
        }
    }
    options.sizer = [&](const LayoutNode &node) {
        const Revision *revision = graph.revision(node.id);
        NodeBadges badges = data->badges.badges(node.id);
        ComparisonOverlay::Status change = ComparisonOverlay::Status::Unchanged;
        if (overlay) {
            // Heads, bases and merges of the union describe neither version.
            badges.head = badges.base = badges.mergePoint = badges.branchPoint = false;
            change = overlay->status(node.id);
        }
        NodeVisual visual =
            measure(node, revision ? revision->message : QString(), badges, job.fonts, change);
        const QSizeF size = visual.rect.size() / kPointsPerInch;
        visuals.insert(node.id, std::move(visual));
        return size;
    };
    data->request = LayoutBuilder::build(graph, options);
    data->navigator = GraphNavigator(graph, data->request);
    if (job.latest && job.latest->load() != job.generation) {
        data->stale = true;
        return data;
    }

    const QList<int> detached = LongEdges::longDependencies(data->request, kMaxDependencySpan);
    data->detachedEdges = int(detached.size());
    const LayoutRequest reduced = LongEdges::without(data->request, detached);
    QList<int> crossEdges;
    const LayoutResult result = BandedLayout::layout(reduced, kMaxNodesPerBand, &crossEdges);
    if (!result.ok()) {
        data->error = result.error;
        return data;
    }
    QRectF bounds = result.bounds;
    data->nodes.reserve(data->request.nodes.size());
    for (const LayoutNode &node : std::as_const(data->request.nodes)) {
        NodeVisual visual = visuals.take(node.id);
        visual.rect.moveCenter(result.centers.value(node.id));
        visual.toolTip = toolTip(visual, graph.revision(visual.revision), inspection, overlay);
        bounds = bounds.united(visual.rect);
        data->nodes.append(std::move(visual));
    }
    data->edges.reserve(result.edges.size() + detached.size());
    for (const EdgePath &edge : result.edges) {
        EdgeVisual visual = edgeVisual(edge);
        bounds = bounds.united(visual.bounds);
        data->edges.append(std::move(visual));
    }
    if (!detached.isEmpty() || !crossEdges.isEmpty()) {
        QHash<QString, QRectF> rects;
        rects.reserve(data->nodes.size());
        for (const NodeVisual &node : std::as_const(data->nodes)) {
            rects.insert(node.id, node.rect);
        }
        for (const int index : std::as_const(crossEdges)) {
            const LayoutEdge &edge = reduced.edges.at(index);
            EdgeVisual visual =
                connectorVisual(edge, rects.value(edge.from), rects.value(edge.to), job.direction);
            bounds = bounds.united(visual.bounds);
            data->edges.append(std::move(visual));
        }
        for (const int index : detached) {
            const LayoutEdge &edge = data->request.edges.at(index);
            EdgeVisual visual =
                arcVisual(edge, rects.value(edge.from), rects.value(edge.to), job.direction);
            bounds = bounds.united(visual.bounds);
            data->edges.append(std::move(visual));
        }
    }
    if (overlay) {
        for (EdgeVisual &edge : data->edges) {
            edge.change = overlay->edgeStatus(edge.from, edge.to);
        }
    }
    data->bounds = bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    data->milliseconds = timer.elapsed();
    return data;
}

} // namespace Revscope
