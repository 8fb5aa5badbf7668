#include "graphpalette.h"

namespace Revscope {

namespace {

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

GraphPalette GraphPalette::light()
{
    GraphPalette p;
    p.dark = false;
    p.background = QColor(0xf6, 0xf7, 0xf9);
    p.nodeFill = QColor(0xff, 0xff, 0xff);
    p.nodeBorder = QColor(0xa9, 0xb1, 0xbd);
    p.text = QColor(0x1f, 0x23, 0x28);
    p.mutedText = QColor(0x5f, 0x67, 0x73);
    p.bytecodeFill = QColor(0xfd, 0xef, 0xd2);
    p.bytecodeBorder = QColor(0xc9, 0x8a, 0x1c);
    p.ghostFill = QColor(0xf6, 0xf7, 0xf9, 0);
    p.ghostBorder = QColor(0x8c, 0x95, 0xa1);
    p.collapsedFill = QColor(0xe9, 0xec, 0xf0);
    p.edge = QColor(0x8a, 0x93, 0x9f);
    p.dependencyEdge = QColor(0x7d, 0x5b, 0xbf);
    p.accent = QColor(0x1f, 0x6f, 0xeb);
    p.selection = QColor(0x1f, 0x6f, 0xeb);
    p.secondSelection = QColor(0xd9, 0x4f, 0x8a);
    p.head = QColor(0x1f, 0x6f, 0xeb);
    p.base = QColor(0x5f, 0x67, 0x73);
    p.merge = QColor(0x82, 0x50, 0xdf);
    p.branchPoint = QColor(0x0a, 0x7e, 0x8c);
    p.label = QColor(0x9a, 0x67, 0x00);
    p.dbCurrent = QColor(0x1a, 0x7f, 0x37);
    p.dbApplied = QColor(0x7c, 0xc6, 0x8e);
    p.pending = QColor(0xbc, 0x4c, 0x00);
    p.error = QColor(0xcf, 0x22, 0x2e);
    p.warning = QColor(0xd4, 0x8a, 0x00);
    p.info = QColor(0x3a, 0x86, 0xd4);
    p.chipText = QColor(0xff, 0xff, 0xff);
    p.removed = QColor(0xcf, 0x22, 0x2e);
    p.added = QColor(0x1a, 0x7f, 0x37);
    p.changed = QColor(0xa3, 0x62, 0x00);
    return p;
}

GraphPalette GraphPalette::darkSet()
{
    GraphPalette p;
    p.dark = true;
    p.background = QColor(0x1b, 0x1e, 0x23);
    p.nodeFill = QColor(0x2a, 0x2f, 0x37);
    p.nodeBorder = QColor(0x4d, 0x55, 0x61);
    p.text = QColor(0xe6, 0xe8, 0xeb);
    p.mutedText = QColor(0xa0, 0xa8, 0xb3);
    p.bytecodeFill = QColor(0x4a, 0x3a, 0x1a);
    p.bytecodeBorder = QColor(0xd8, 0xa3, 0x3c);
    p.ghostFill = QColor(0x1b, 0x1e, 0x23, 0);
    p.ghostBorder = QColor(0x7d, 0x86, 0x92);
    p.collapsedFill = QColor(0x33, 0x39, 0x42);
    p.edge = QColor(0x6e, 0x77, 0x83);
    p.dependencyEdge = QColor(0xa9, 0x8b, 0xe8);
    p.accent = QColor(0x4c, 0x9a, 0xff);
    p.selection = QColor(0x4c, 0x9a, 0xff);
    p.secondSelection = QColor(0xf0, 0x6f, 0xa8);
    p.head = QColor(0x38, 0x7d, 0xe6);
    p.base = QColor(0x6e, 0x77, 0x83);
    p.merge = QColor(0x8e, 0x63, 0xe0);
    p.branchPoint = QColor(0x1b, 0x93, 0xa1);
    p.label = QColor(0xd2, 0x99, 0x22);
    p.dbCurrent = QColor(0x2e, 0xa0, 0x43);
    p.dbApplied = QColor(0x3f, 0x7d, 0x4c);
    p.pending = QColor(0xf0, 0x88, 0x3e);
    p.error = QColor(0xf8, 0x51, 0x49);
    p.warning = QColor(0xe3, 0xb3, 0x41);
    p.info = QColor(0x58, 0xa6, 0xff);
    p.chipText = QColor(0xff, 0xff, 0xff);
    p.removed = QColor(0xf8, 0x51, 0x49);
    p.added = QColor(0x3f, 0xb9, 0x50);
    p.changed = QColor(0xe3, 0xa0, 0x30);
    return p;
}

QColor GraphPalette::blend(const QColor &base, const QColor &over, double amount)
{
    return mix(base, over, amount);
}

bool GraphPalette::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

GraphPalette GraphPalette::fromPalette(const QPalette &palette)
{
    const bool dark = isDark(palette);
    GraphPalette p = dark ? darkSet() : light();
    // Lean towards the theme's own surfaces and text, keeping enough contrast.
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    if (isDark(palette) == (base.lightness() < 128)) {
        p.nodeFill = mix(p.nodeFill, base, 0.5);
    }
    p.background = mix(p.background, window, 0.35);
    const QColor text = palette.color(QPalette::Text);
    if ((text.lightness() > 128) == dark) {
        p.text = mix(p.text, text, 0.5);
    }
    return p;
}

} // namespace Revscope
