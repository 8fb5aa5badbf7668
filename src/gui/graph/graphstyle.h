#pragma once

#include "graphpalette.h"
#include "graphscenedata.h"

#include <QBrush>
#include <QPen>

class QPainter;

namespace Revscope {

// Pens, brushes and fonts shared by every item of a scene, built once per
// palette change so painting allocates nothing.
class GraphStyle
{
public:
    struct Chip
    {
        QBrush fill;
        QPen border;
        QPen text;
    };

    GraphStyle(const GraphPalette &palette, const GraphFonts &fonts);

    const GraphPalette &palette() const { return m_palette; }
    const GraphFonts &fonts() const { return m_fonts; }

    // Draws a badge; shared by nodes and the legend.
    void drawChip(QPainter *painter, const QRectF &rect, const QPointF &baseline, ChipKind kind,
                  const QString &text) const;
    // The finding dot of a severity.
    const QBrush &severityBrush(Severity severity) const;

    QPen border, headBorder, ghostBorder, bytecodeBorder, selectionBorder, secondBorder,
        highlightBorder, selectionHalo, secondHalo;
    QBrush fill, bytecodeFill, ghostFill, collapsedFill, collapsedBack;
    QPen text, mutedText;
    QBrush dbCurrentStripe, dbAppliedStripe, pendingStripe;
    QPen edge, dependencyEdge, highlightEdge, highlightDependencyEdge;
    QBrush edgeArrow, dependencyArrow, highlightArrow;
    QBrush errorDot, warningDot, infoDot;
    QPen dotRing;
    QBrush pinHead;
    // Compare mode.
    QPen removedBorder, addedBorder, changedBorder;
    QBrush removedFill, addedFill;
    QPen removedEdge, addedEdge;
    QBrush removedArrow, addedArrow;

private:
    GraphPalette m_palette;
    GraphFonts m_fonts;
    Chip m_chips[12];
};

} // namespace Revscope
