#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope check [PATH] [--config INI] [--db URL] [--format text|json|sarif]
//                 [--fail-on error|warning|info|never]`
class CheckCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                   bool stdoutIsTerminal);
};

} // namespace Revscope
