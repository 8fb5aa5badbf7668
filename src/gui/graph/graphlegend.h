#pragma once

#include "graphpalette.h"
#include "graphscenedata.h"

#include <QFrame>

#include <memory>

namespace Revscope {

class GraphStyle;

// Explains every mark of the graph (badges, fills, outlines, bars, dots and
// edge styles), drawn with the same style code as the nodes themselves.
class GraphLegend final : public QFrame
{
    Q_OBJECT
public:
    explicit GraphLegend(QWidget *parent = nullptr);
    ~GraphLegend() override;

    void setGraphStyle(const GraphPalette &palette, const GraphFonts &fonts);
    // Compare mode: explains the comparison's marks instead of the database's.
    void setComparisonMode(bool on);
    bool isComparisonMode() const { return m_comparison; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    // The explanations, in display order (for tests and accessibility).
    QStringList entries() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    enum class Sample {
        Node,
        Head,
        Base,
        Merge,
        BranchPoint,
        Label,
        Bytecode,
        Ghost,
        Collapsed,
        DbCurrent,
        Applied,
        Pending,
        FindingDots,
        Edge,
        Dependency,
        Highlight,
        RemovedNode,
        AddedNode,
        ChangedNode,
        RemovedEdge,
        AddedEdge,
    };
    struct Entry
    {
        Sample sample;
        QString text;
        int column;
    };
    QList<Entry> buildEntries() const;
    void drawSample(QPainter *painter, Sample sample, const QRectF &rect) const;
    int rowHeight() const;
    int sampleWidth() const;

    std::unique_ptr<GraphStyle> m_style;
    QList<Entry> m_entries;
    bool m_comparison = false;
};

} // namespace Revscope
