#pragma once

#include "layoutrequest.h"

#include <QSet>
#include <QSizeF>
#include <QString>

#include <functional>

namespace Revscope {

class RevisionGraph;

// Turns a RevisionGraph into a LayoutRequest: one node per revision (or per
// collapsed linear run), one edge per down_revision and depends_on link,
// parent to child.
class LayoutBuilder
{
public:
    // Node size in inches for a label. The core has no fonts; the GUI passes
    // one built on its font metrics.
    using Sizer = std::function<QSizeF(const LayoutNode &node)>;

    struct Options
    {
        LayoutDirection direction = LayoutDirection::TopToBottom;
        // A chain of revisions with one parent and one child each becomes one
        // node; heads, bases, branch and merge points, revisions declaring
        // branch labels, ghosts, revisions with a missing parent or dependency
        // and `keepVisible` stay.
        bool collapse = false;
        QSet<QString> keepVisible; // e.g. the database's current revisions
        QString idPrefix;          // prepended to node ids (several graphs in one request)
        QString cluster;           // LayoutNode::cluster of every node
        Sizer sizer;               // empty: estimateSize
    };

    // Appends the graph's nodes and edges to `request` (direction included).
    static void append(const RevisionGraph &graph, const Options &options, LayoutRequest *request);
    static LayoutRequest build(const RevisionGraph &graph, const Options &options);

    // The label of a revision: 12-character id, then its message's first line.
    static QString revisionLabel(const QString &id, const QString &message);
    // A size from the label's length alone, in inches (about 7 pt per character).
    static QSizeF estimateSize(const LayoutNode &node);
};

} // namespace Revscope
