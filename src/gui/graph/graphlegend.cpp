#include "graphlegend.h"

#include "graphstyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Revscope {

namespace {

constexpr int kMargin = 10;
constexpr int kColumnGap = 18;
constexpr int kTextGap = 8;

} // namespace

GraphLegend::GraphLegend(QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    setFont(small);
    setGraphStyle(GraphPalette::fromPalette(palette()), GraphFonts::fromFont(font()));
}

GraphLegend::~GraphLegend() = default;

void GraphLegend::setGraphStyle(const GraphPalette &palette, const GraphFonts &fonts)
{
    m_style = std::make_unique<GraphStyle>(palette, fonts);
    m_entries = buildEntries();
    updateGeometry();
    update();
}

void GraphLegend::setComparisonMode(bool on)
{
    if (m_comparison == on) {
        return;
    }
    m_comparison = on;
    m_entries = buildEntries();
    updateGeometry();
    update();
}

QList<GraphLegend::Entry> GraphLegend::buildEntries() const
{
    if (m_comparison) {
        return {
            {Sample::Node, tr("Revision in both versions"), 0},
            {Sample::RemovedNode, tr("Removed: only in the older version"), 0},
            {Sample::AddedNode, tr("Added: only in the newer version"), 0},
            {Sample::ChangedNode, tr("Rewired or edited script"), 0},
            {Sample::Bytecode, tr("Only a .pyc defines it"), 0},
            {Sample::Ghost, tr("Missing: referenced, defined nowhere"), 0},
            {Sample::Edge, tr("down_revision in both versions"), 1},
            {Sample::RemovedEdge, tr("Only in the older version"), 1},
            {Sample::AddedEdge, tr("Only in the newer version"), 1},
            {Sample::Dependency, tr("depends_on"), 1},
            {Sample::FindingDots, tr("Worst squash finding"), 1},
            {Sample::Highlight, tr("Selected lineage or path"), 1},
        };
    }
    return {
        {Sample::Node, tr("Revision: short id and message"), 0},
        {Sample::Head, tr("Head (also outlined in blue)"), 0},
        {Sample::Base, tr("Base: no down_revision"), 0},
        {Sample::Merge, tr("Merge point"), 0},
        {Sample::BranchPoint, tr("Branch point"), 0},
        {Sample::Label, tr("Branch label it declares"), 0},
        {Sample::Bytecode, tr("Only a .pyc defines it"), 0},
        {Sample::Ghost, tr("Missing: referenced, defined nowhere"), 0},
        {Sample::Collapsed, tr("Linear run: click to expand"), 0},
        {Sample::DbCurrent, tr("Database is at this revision"), 1},
        {Sample::Applied, tr("Applied to the database"), 1},
        {Sample::Pending, tr("Pending: not applied yet"), 1},
        {Sample::FindingDots, tr("Worst finding: error, warning, info"), 1},
        {Sample::Edge, tr("down_revision: parent to child"), 1},
        {Sample::Dependency, tr("depends_on"), 1},
        {Sample::Highlight, tr("Selected lineage or path"), 1},
    };
}

QStringList GraphLegend::entries() const
{
    QStringList texts;
    for (const Entry &entry : m_entries) {
        texts << entry.text;
    }
    return texts;
}

int GraphLegend::rowHeight() const
{
    const QFontMetricsF chip(m_style->fonts().chip);
    return int(std::ceil(qMax(chip.height() + 3, fontMetrics().height() * 1.0))) + 3;
}

int GraphLegend::sampleWidth() const
{
    return int(std::ceil(QFontMetricsF(m_style->fonts().chip)
                             .horizontalAdvance(QStringLiteral("branch point")))) +
           14;
}

QSize GraphLegend::sizeHint() const
{
    int widths[2] = {0, 0};
    int rows[2] = {0, 0};
    for (const Entry &entry : m_entries) {
        widths[entry.column] =
            qMax(widths[entry.column], fontMetrics().horizontalAdvance(entry.text));
        ++rows[entry.column];
    }
    const int column0 = sampleWidth() + kTextGap + widths[0];
    const int column1 = sampleWidth() + kTextGap + widths[1];
    return {2 * kMargin + column0 + kColumnGap + column1,
            2 * kMargin + qMax(rows[0], rows[1]) * rowHeight()};
}

void GraphLegend::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    int widest0 = 0;
    for (const Entry &entry : m_entries) {
        if (entry.column == 0) {
            widest0 = qMax(widest0, fontMetrics().horizontalAdvance(entry.text));
        }
    }
    const int columnX[2] = {kMargin, kMargin + sampleWidth() + kTextGap + widest0 + kColumnGap};
    int row[2] = {0, 0};
    const int h = rowHeight();
    for (const Entry &entry : m_entries) {
        const int x = columnX[entry.column];
        const int y = kMargin + row[entry.column]++ * h;
        drawSample(&painter, entry.sample, QRectF(x, y + 2, sampleWidth(), h - 4));
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(x + sampleWidth() + kTextGap, y, width(), h),
                         Qt::AlignVCenter | Qt::AlignLeft, entry.text);
    }
}

void GraphLegend::drawSample(QPainter *painter, Sample sample, const QRectF &rect) const
{
    const GraphStyle &s = *m_style;
    const QFontMetricsF chipMetrics(s.fonts().chip);
    auto chip = [&](ChipKind kind, const QString &text) {
        const double extra = kind == ChipKind::DbCurrent ? (chipMetrics.height() + 3) * 0.55 : 0;
        const double w = chipMetrics.horizontalAdvance(text) + 10 + extra;
        const double chipHeight = chipMetrics.height() + 3;
        const QRectF r(rect.left(), rect.center().y() - chipHeight / 2, w, chipHeight);
        const QPointF baseline(r.left() + 5 + extra, r.top() + 1.5 + chipMetrics.ascent());
        s.drawChip(painter, r, baseline, kind, text);
    };
    const QRectF box(rect.left(), rect.top() + 1, rect.width() - 8, rect.height() - 2);
    auto node = [&](const QPen &pen, const QBrush &brush) {
        painter->setPen(pen);
        painter->setBrush(brush);
        painter->drawRoundedRect(box, 4, 4);
    };
    auto bar = [&](const QBrush &brush, double x) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(brush);
        painter->drawRoundedRect(QRectF(x, rect.top() + 1, 3, rect.height() - 2), 1.5, 1.5);
    };
    auto edge = [&](const QPen &pen, const QBrush &arrow) {
        const double y = rect.center().y();
        const double right = rect.right() - 10;
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawLine(QPointF(rect.left(), y), QPointF(right - 8, y));
        painter->setPen(Qt::NoPen);
        painter->setBrush(arrow);
        const QPointF tip(right, y);
        painter->drawPolygon(
            QPolygonF{tip, QPointF(right - 9, y - 3.6), QPointF(right - 9, y + 3.6)});
    };
    switch (sample) {
    case Sample::Node:
        node(s.border, s.fill);
        break;
    case Sample::Head:
        chip(ChipKind::Head, tr("head"));
        break;
    case Sample::Base:
        chip(ChipKind::Base, tr("base"));
        break;
    case Sample::Merge:
        chip(ChipKind::Merge, tr("merge"));
        break;
    case Sample::BranchPoint:
        chip(ChipKind::BranchPoint, tr("branch point"));
        break;
    case Sample::Label:
        chip(ChipKind::Label, tr("label"));
        break;
    case Sample::Bytecode:
        node(s.bytecodeBorder, s.bytecodeFill);
        break;
    case Sample::Ghost:
        node(s.ghostBorder, s.ghostFill);
        break;
    case Sample::Collapsed: {
        const QRectF front = box.adjusted(0, 0, -6, -4);
        painter->setPen(s.border);
        painter->setBrush(s.collapsedBack);
        painter->drawRoundedRect(front.translated(6, 4), 4, 4);
        painter->drawRoundedRect(front.translated(3, 2), 4, 4);
        painter->setBrush(s.collapsedFill);
        painter->drawRoundedRect(front, 4, 4);
        break;
    }
    case Sample::DbCurrent:
        bar(s.dbCurrentStripe, rect.left());
        painter->save();
        painter->translate(8, 0);
        chip(ChipKind::DbCurrent, tr("db"));
        painter->restore();
        break;
    case Sample::Applied:
        bar(s.dbAppliedStripe, rect.left());
        break;
    case Sample::Pending:
        bar(s.pendingStripe, rect.left());
        painter->save();
        painter->translate(8, 0);
        chip(ChipKind::Pending, tr("pending"));
        painter->restore();
        break;
    case Sample::FindingDots: {
        const double y = rect.center().y();
        const QBrush *brushes[3] = {&s.errorDot, &s.warningDot, &s.infoDot};
        for (int i = 0; i < 3; ++i) {
            painter->setPen(s.dotRing);
            painter->setBrush(*brushes[i]);
            painter->drawEllipse(QPointF(rect.left() + 6 + i * 14, y), 4.5, 4.5);
        }
        break;
    }
    case Sample::Edge:
        edge(s.edge, s.edgeArrow);
        break;
    case Sample::Dependency:
        edge(s.dependencyEdge, s.dependencyArrow);
        break;
    case Sample::Highlight:
        edge(s.highlightEdge, s.highlightArrow);
        break;
    case Sample::RemovedNode:
        node(s.removedBorder, s.removedFill);
        break;
    case Sample::AddedNode:
        node(s.addedBorder, s.addedFill);
        break;
    case Sample::ChangedNode:
        node(s.changedBorder, s.fill);
        break;
    case Sample::RemovedEdge:
        edge(s.removedEdge, s.removedArrow);
        break;
    case Sample::AddedEdge:
        edge(s.addedEdge, s.addedArrow);
        break;
    }
}

} // namespace Revscope
