#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

namespace Revscope {

// The headless front end: parses `revscope <command> ...` per the command-line
// contract and prints to the given streams. Needs only a QCoreApplication.
class CommandLine
{
public:
    // True when `arguments` (argv, program name first) ask for command-line
    // work rather than the GUI.
    static bool wantsCommandLine(const QStringList &arguments);

    // Runs the command and returns the process exit code of the contract.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                   bool stdoutIsTerminal = false);

    static QStringList commands();
};

} // namespace Revscope
