#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope graph [PATH] --output FILE [--collapse] [--direction TB|LR] [--config INI]`
class GraphCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

} // namespace Revscope
