#pragma once

#include <QString>

class QCommandLineParser;
class QTextStream;

namespace Revscope {

// Option handling shared by the commands.
class CommandOptions
{
public:
    // The PATH positional argument (default: the current folder), made
    // absolute. Prints the contract's one-sentence error and returns false
    // when it is missing or unreadable.
    static bool projectPath(const QCommandLineParser &parser, const QString &command, QString *path,
                            QTextStream &err);
};

} // namespace Revscope
