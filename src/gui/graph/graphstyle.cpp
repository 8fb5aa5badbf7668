#include "graphstyle.h"

#include <QPainter>

namespace Revscope {

namespace {

QPen cosmetic(const QColor &color, double width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, width, style, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

QColor alpha(QColor color, double value)
{
    color.setAlphaF(float(value));
    return color;
}

} // namespace

GraphStyle::GraphStyle(const GraphPalette &palette, const GraphFonts &fonts)
    : m_palette(palette), m_fonts(fonts)
{
    const GraphPalette &p = palette;
    border = cosmetic(p.nodeBorder, 1);
    headBorder = cosmetic(p.head, 1.6);
    ghostBorder = cosmetic(p.ghostBorder, 1.2, Qt::DashLine);
    ghostBorder.setDashPattern({4, 3});
    bytecodeBorder = cosmetic(p.bytecodeBorder, 1.2);
    selectionBorder = cosmetic(p.selection, 2.4);
    secondBorder = cosmetic(p.secondSelection, 2.4);
    highlightBorder = cosmetic(p.accent, 1.6);
    selectionHalo = QPen(alpha(p.selection, 0.28), 6);
    secondHalo = QPen(alpha(p.secondSelection, 0.28), 6);
    fill = QBrush(p.nodeFill);
    bytecodeFill = QBrush(p.bytecodeFill);
    ghostFill = QBrush(p.ghostFill);
    collapsedFill = QBrush(p.collapsedFill);
    collapsedBack = QBrush(p.dark ? p.collapsedFill.darker(125) : p.collapsedFill.darker(108));
    text = QPen(p.text);
    mutedText = QPen(p.mutedText);
    dbCurrentStripe = QBrush(p.dbCurrent);
    dbAppliedStripe = QBrush(p.dbApplied);
    pendingStripe = QBrush(alpha(p.pending, 0.75));
    edge = cosmetic(p.edge, 1.3);
    dependencyEdge = cosmetic(p.dependencyEdge, 1.3, Qt::DashLine);
    dependencyEdge.setDashPattern({5, 4});
    highlightEdge = cosmetic(p.accent, 2.4);
    highlightDependencyEdge = cosmetic(p.accent, 2.4, Qt::DashLine);
    highlightDependencyEdge.setDashPattern({4, 3});
    edgeArrow = QBrush(p.edge);
    dependencyArrow = QBrush(p.dependencyEdge);
    highlightArrow = QBrush(p.accent);
    errorDot = QBrush(p.error);
    warningDot = QBrush(p.warning);
    infoDot = QBrush(p.info);
    dotRing = cosmetic(p.nodeFill, 1);
    pinHead = QBrush(p.chipText);
    removedBorder = cosmetic(p.removed, 1.6, Qt::DashLine);
    removedBorder.setDashPattern({4, 3});
    addedBorder = cosmetic(p.added, 2);
    changedBorder = cosmetic(p.changed, 1.8);
    removedFill = QBrush(GraphPalette::blend(p.nodeFill, p.removed, p.dark ? 0.16 : 0.08));
    addedFill = QBrush(GraphPalette::blend(p.nodeFill, p.added, p.dark ? 0.18 : 0.09));
    removedEdge = cosmetic(p.removed, 1.6, Qt::DashLine);
    removedEdge.setDashPattern({4, 3});
    addedEdge = cosmetic(p.added, 2.2);
    removedArrow = QBrush(p.removed);
    addedArrow = QBrush(p.added);

    auto filled = [&](const QColor &color) {
        return Chip{QBrush(color), QPen(Qt::NoPen), QPen(p.chipText)};
    };
    auto tinted = [&](const QColor &color) {
        const QColor textColor = p.dark ? color.lighter(135) : color.darker(115);
        return Chip{QBrush(alpha(color, p.dark ? 0.26 : 0.14)), cosmetic(alpha(color, 0.55), 1),
                    QPen(textColor)};
    };
    auto outlined = [&](const QColor &color) {
        const QColor textColor = p.dark ? color.lighter(120) : color;
        return Chip{QBrush(Qt::NoBrush), cosmetic(color, 1), QPen(textColor)};
    };
    m_chips[int(ChipKind::Head)] = filled(p.head);
    m_chips[int(ChipKind::Base)] = outlined(p.base);
    m_chips[int(ChipKind::Merge)] = tinted(p.merge);
    m_chips[int(ChipKind::BranchPoint)] = tinted(p.branchPoint);
    m_chips[int(ChipKind::Label)] = tinted(p.label);
    m_chips[int(ChipKind::DbCurrent)] = filled(p.dbCurrent);
    m_chips[int(ChipKind::Pending)] = outlined(p.pending);
    m_chips[int(ChipKind::Bytecode)] = tinted(p.bytecodeBorder);
    m_chips[int(ChipKind::Removed)] = tinted(p.removed);
    m_chips[int(ChipKind::Added)] = tinted(p.added);
    m_chips[int(ChipKind::Rewired)] = tinted(p.changed);
    m_chips[int(ChipKind::Edited)] = outlined(p.changed);
}

void GraphStyle::drawChip(QPainter *painter, const QRectF &rect, const QPointF &baseline,
                          ChipKind kind, const QString &label) const
{
    const Chip &chip = m_chips[int(kind)];
    painter->setPen(chip.border);
    painter->setBrush(chip.fill);
    const double radius = rect.height() / 2;
    painter->drawRoundedRect(rect, radius, radius);
    if (kind == ChipKind::DbCurrent) {
        // A pin head: the database points here.
        const double d = rect.height() * 0.42;
        const QPointF centre(rect.left() + 4 + d / 2, rect.center().y());
        painter->setPen(Qt::NoPen);
        painter->setBrush(pinHead);
        painter->drawEllipse(centre, d / 2, d / 2);
    }
    painter->setFont(m_fonts.chip);
    painter->setPen(chip.text);
    painter->drawText(baseline, label);
}

const QBrush &GraphStyle::severityBrush(Severity severity) const
{
    switch (severity) {
    case Severity::Error:
        return errorDot;
    case Severity::Warning:
        return warningDot;
    case Severity::Info:
        break;
    }
    return infoDot;
}

} // namespace Revscope
