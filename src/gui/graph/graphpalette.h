#pragma once

#include <QColor>
#include <QPalette>

namespace Revscope {

// The colours of the migration graph. Two hand-tuned sets, light and dark,
// picked by the widget palette's window lightness and blended with its own
// base, text and highlight colours so the graph sits well in any theme.
struct GraphPalette
{
    bool dark = false;
    QColor background;
    QColor nodeFill;
    QColor nodeBorder;
    QColor text;
    QColor mutedText;
    QColor bytecodeFill;
    QColor bytecodeBorder;
    QColor ghostFill;
    QColor ghostBorder;
    QColor collapsedFill;
    QColor edge;
    QColor dependencyEdge;
    QColor accent;    // highlighted lineage and paths
    QColor selection; // the selected node
    QColor secondSelection;
    // Badges.
    QColor head;
    QColor base;
    QColor merge;
    QColor branchPoint;
    QColor label;
    QColor dbCurrent;
    QColor dbApplied;
    QColor pending;
    QColor error;
    QColor warning;
    QColor info;
    QColor chipText; // text on a filled chip
    // Compare mode (GraphPanel::setOverlay).
    QColor removed;
    QColor added;
    QColor changed; // rewired or edited

    static GraphPalette light();
    static GraphPalette darkSet();
    static GraphPalette fromPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    // `over` laid on `base` at `amount` (0..1), opaque.
    static QColor blend(const QColor &base, const QColor &over, double amount);
};

} // namespace Revscope
