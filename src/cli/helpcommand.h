#pragma once

#include <QStringList>

class QTextStream;

namespace Revscope {

// `revscope help [CODE|COMMAND] [--width N]`: without an argument, the
// finding codes by area with their titles; with a code, its page (cause, a
// story, the fix); with a command name, that command's --help.
class HelpCommand
{
public:
    // `arguments` starts with "help"; `program` is argv[0], for forwarding to
    // a command's --help.
    static int run(const QStringList &arguments, const QString &program, QTextStream &out,
                   QTextStream &err);
};

} // namespace Revscope
