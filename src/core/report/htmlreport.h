#pragma once

#include "reportcontent.h"

#include <QByteArray>

class QIODevice;

namespace Revscope {

// `revscope report FILE.html`: one standalone page (inline CSS and SVG,
// nothing fetched, light and dark, printable) with a summary, the revision
// graph drawn by Graphviz (each node a link to its step), the findings by
// severity, the walkthrough of every environment and the images. The page
// is well-formed XML (XHTML-compatible) and escapes all project text.
class HtmlReport
{
public:
    // `walkthroughs[i]` holds the steps of inspection.environments[i] (a
    // missing entry: no steps). False when the device could not be written.
    static bool write(const Inspection &inspection, const Walkthroughs &walkthroughs,
                      const ReportOptions &options, QIODevice *device);
    static QByteArray render(const Inspection &inspection, const Walkthroughs &walkthroughs,
                             const ReportOptions &options = {});

    // The page's style sheet. It holds no `<`, `>`, `&` or `"`, so it reads
    // the same to an HTML and an XML parser.
    static QString styleSheet();
};

} // namespace Revscope
