// GraphPalette: light and dark sets picked from the widget palette, and the
// panel following palette changes.

#include "graph/graphpalette.h"
#include "graph/graphpanel.h"
#include "graph/graphview.h"

#include <QTest>

#include <cmath>

using namespace Revscope;

namespace {

QPalette windowPalette(const QColor &window, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    return palette;
}

// WCAG contrast ratio.
double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

} // namespace

class TestGraphPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void picksBySetLightness_data()
    {
        QTest::addColumn<QColor>("window");
        QTest::addColumn<QColor>("text");
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << QColor(0xef, 0xef, 0xef) << QColor(Qt::black) << false;
        QTest::newRow("white") << QColor(Qt::white) << QColor(Qt::black) << false;
        QTest::newRow("dark") << QColor(0x2b, 0x2d, 0x31) << QColor(0xe0, 0xe0, 0xe0) << true;
        QTest::newRow("black") << QColor(Qt::black) << QColor(Qt::white) << true;
    }

    void picksBySetLightness()
    {
        QFETCH(QColor, window);
        QFETCH(QColor, text);
        QFETCH(bool, dark);
        const GraphPalette palette = GraphPalette::fromPalette(windowPalette(window, text));
        QCOMPARE(palette.dark, dark);
        // Labels stay readable on nodes, muted text too.
        QVERIFY(contrast(palette.text, palette.nodeFill) >= 7.0);
        QVERIFY(contrast(palette.mutedText, palette.nodeFill) >= 3.0);
        QVERIFY(contrast(palette.text, palette.bytecodeFill) >= 7.0);
        QVERIFY(contrast(palette.chipText, palette.head) >= 3.0);
        QVERIFY(contrast(palette.chipText, palette.dbCurrent) >= 3.0);
        QVERIFY(contrast(palette.edge, palette.background) >= 2.0);
        QVERIFY(palette.bytecodeFill != palette.nodeFill);
    }

    void panelFollowsPaletteChanges()
    {
        GraphPanel panel;
        panel.setPalette(windowPalette(QColor(Qt::white), QColor(Qt::black)));
        const QColor light = panel.view()->backgroundBrush().color();
        panel.setPalette(windowPalette(QColor(0x20, 0x20, 0x20), QColor(Qt::white)));
        const QColor dark = panel.view()->backgroundBrush().color();
        QVERIFY(light.lightness() > 200);
        QVERIFY(dark.lightness() < 60);
    }
};

QTEST_MAIN(TestGraphPalette)
#include "tst_graphpalette.moc"
