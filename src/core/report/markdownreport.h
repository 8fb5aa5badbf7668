#pragma once

#include "reportcontent.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace Revscope {

// `revscope report FILE.md`: the sections of HtmlReport in GitHub-flavoured
// Markdown, the graph as a mermaid flowchart (up to
// ReportOptions::maxMermaidNodes nodes, else a sentence). Project text is
// escaped so it never turns into markup, a table cell or inline HTML.
class MarkdownReport
{
public:
    // `walkthroughs[i]` holds the steps of inspection.environments[i].
    static bool write(const Inspection &inspection, const Walkthroughs &walkthroughs,
                      const ReportOptions &options, QIODevice *device);
    static QString render(const Inspection &inspection, const Walkthroughs &walkthroughs,
                          const ReportOptions &options = {});

    // Text escaped for Markdown; in a table cell `|` too, and line breaks as <br>.
    static QString escaped(const QString &text, bool tableCell = false);
    // A code span holding `text` (as many backticks as it needs).
    static QString codeSpan(const QString &text, bool tableCell = false);
    // The ```mermaid block of a graph, or an empty string above `maxNodes` nodes.
    static QString mermaid(const ReportGraph &graph, int maxNodes);
};

} // namespace Revscope
