#pragma once

#include "layoutrequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Revscope {

// The one place that calls Graphviz. cgraph and gvc keep global state and
// are not thread safe, so every call made here runs under one process-wide
// lock, with one GVC_t for the whole process. Safe to call from any thread;
// callers on the GUI thread should not, as `dot` takes seconds on big graphs.
class GraphLayout
{
public:
    // Lays the request out with `dot`. Positions are in points, y down.
    static LayoutResult layout(const LayoutRequest &request);

    // Lays out and renders the request as `format` ("svg", "png", "pdf" or
    // "dot"). Empty with `*error` set when Graphviz cannot.
    static QByteArray render(const LayoutRequest &request, const QString &format,
                             QString *error = nullptr);
    static QStringList renderFormats();
};

} // namespace Revscope
