#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope report [PATH] --output FILE [--config INI] [--db URL | --db-env NAME]`:
// the walkthrough and findings of a project as one standalone HTML page
// (.html, .htm) or a Markdown document (.md, .markdown), written atomically.
class ReportCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
