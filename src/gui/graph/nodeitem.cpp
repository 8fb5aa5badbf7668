#include "nodeitem.h"

#include "graphstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Revscope {

namespace {

constexpr double kRadius = 6;
constexpr double kStack = 3;       // offset of the cards behind a collapsed run
constexpr double kHaloMargin = 5;  // room for the selection halo
constexpr double kTextLod = 0.42;  // below this scale, labels are unreadable: boxes only
constexpr double kStripeWidth = 3; // database state bar on the left

} // namespace

NodeItem::NodeItem(const NodeVisual *visual, const GraphStyle *style)
    : m_visual(visual), m_style(style)
{
    const QRectF &rect = visual->rect;
    m_rect = QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height());
    setPos(rect.center());
    setZValue(2);
    // Text is what makes painting expensive; a device-resolution cache keeps
    // panning cheap and stays crisp at any device pixel ratio.
    setCacheMode(DeviceCoordinateCache);
    setAcceptedMouseButtons(Qt::NoButton);
    if (!visual->toolTip.isEmpty()) {
        setToolTip(visual->toolTip);
    }
}

QRectF NodeItem::boundingRect() const
{
    const double extra = isCollapsed() ? 2 * kStack : 0;
    return m_rect.adjusted(-kHaloMargin, -kHaloMargin, kHaloMargin + extra, kHaloMargin + extra);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRect(m_rect);
    return path;
}

void NodeItem::refresh()
{
    // update() re-renders the cache of only the first view that paints the
    // item; the overview shares the scene, so drop every view's cache.
    setCacheMode(NoCache);
    setCacheMode(DeviceCoordinateCache);
    update();
}

void NodeItem::setSelection(Selection selection)
{
    if (m_selection != selection) {
        m_selection = selection;
        setZValue(selection == Selection::None ? 2 : 3);
        refresh();
    }
}

void NodeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted != highlighted) {
        m_highlighted = highlighted;
        refresh();
    }
}

void NodeItem::setStyle(const GraphStyle *style)
{
    m_style = style;
    refresh();
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const GraphStyle &s = *m_style;
    const NodeVisual &v = *m_visual;
    const NodeBadges &b = v.badges;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.15);

    if (v.collapsed()) {
        painter->setPen(s.border);
        painter->setBrush(s.collapsedBack);
        painter->drawRoundedRect(m_rect.translated(2 * kStack, 2 * kStack), kRadius, kRadius);
        painter->drawRoundedRect(m_rect.translated(kStack, kStack), kRadius, kRadius);
    }
    if (m_selection != Selection::None && lod > 0.15) {
        painter->setPen(m_selection == Selection::Primary ? s.selectionHalo : s.secondHalo);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(m_rect.adjusted(-2, -2, 2, 2), kRadius + 2, kRadius + 2);
    }

    const QPen *border = &s.border;
    const QBrush *fill = &s.fill;
    switch (v.style) {
    case LayoutNodeStyle::Normal:
        break;
    case LayoutNodeStyle::Ghost:
        border = &s.ghostBorder;
        fill = &s.ghostFill;
        break;
    case LayoutNodeStyle::Bytecode:
        border = &s.bytecodeBorder;
        fill = &s.bytecodeFill;
        break;
    case LayoutNodeStyle::Collapsed:
        fill = &s.collapsedFill;
        break;
    }
    if (b.head && v.style != LayoutNodeStyle::Ghost) {
        border = &s.headBorder;
    }
    switch (v.change) {
    case ComparisonOverlay::Status::Removed:
        border = &s.removedBorder;
        fill = &s.removedFill;
        break;
    case ComparisonOverlay::Status::Added:
        border = &s.addedBorder;
        fill = &s.addedFill;
        break;
    case ComparisonOverlay::Status::Rewired:
    case ComparisonOverlay::Status::Edited:
        border = &s.changedBorder;
        break;
    case ComparisonOverlay::Status::Unchanged:
        break;
    }
    if (m_selection == Selection::Primary) {
        border = &s.selectionBorder;
    } else if (m_selection == Selection::Secondary) {
        border = &s.secondBorder;
    } else if (m_highlighted && v.style != LayoutNodeStyle::Ghost) {
        border = &s.highlightBorder;
    }
    painter->setPen(*border);
    painter->setBrush(*fill);
    painter->drawRoundedRect(m_rect, kRadius, kRadius);

    const QBrush *stripe = nullptr;
    switch (b.dbState) {
    case DbState::Current:
        stripe = &s.dbCurrentStripe;
        break;
    case DbState::Applied:
        stripe = &s.dbAppliedStripe;
        break;
    case DbState::Pending:
        stripe = &s.pendingStripe;
        break;
    case DbState::None:
        break;
    }
    if (stripe) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(*stripe);
        const double inset = 4;
        painter->drawRoundedRect(QRectF(m_rect.left() + inset - 1, m_rect.top() + inset,
                                        kStripeWidth, m_rect.height() - 2 * inset),
                                 1.5, 1.5);
    }
    if (lod < kTextLod) {
        return;
    }

    const QPointF origin = m_rect.topLeft();
    if (v.collapsed()) {
        painter->setFont(s.fonts().bodyBold);
        painter->setPen(s.text);
        painter->drawText(origin + v.titleBaseline, v.title);
        painter->setFont(s.fonts().mono);
        painter->setPen(s.mutedText);
        painter->drawText(origin + v.subtitleBaseline, v.subtitle);
    } else {
        painter->setFont(s.fonts().id);
        const bool gone =
            v.style == LayoutNodeStyle::Ghost || v.change == ComparisonOverlay::Status::Removed;
        painter->setPen(gone ? s.mutedText : s.text);
        painter->drawText(origin + v.titleBaseline, v.title);
        painter->setFont(s.fonts().body);
        painter->setPen(s.mutedText);
        painter->drawText(origin + v.subtitleBaseline, v.subtitle);
    }
    for (const NodeChip &chip : v.chips) {
        s.drawChip(painter, chip.rect.translated(origin), chip.baseline + origin, chip.kind,
                   chip.text);
    }
    if (b.findings > 0) {
        painter->setPen(s.dotRing);
        painter->setBrush(s.severityBrush(b.worstSeverity));
        const QPointF centre(m_rect.right() - 10, origin.y() + v.titleBaseline.y() - 4);
        painter->drawEllipse(centre, 4.5, 4.5);
    }
}

} // namespace Revscope
