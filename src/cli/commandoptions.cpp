#include "commandoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace Revscope {

bool CommandOptions::projectPath(const QCommandLineParser &parser, const QString &command,
                                 QString *path, QTextStream &err)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err << QCoreApplication::translate("CommandOptions",
                                           "revscope %1: expected at most one PATH, got %2.")
                   .arg(command)
                   .arg(positional.size())
            << '\n';
        return false;
    }
    const QString given = positional.isEmpty() ? QDir::currentPath() : positional.first();
    const QFileInfo info(given);
    if (!info.exists()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 does not exist.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    if (!info.isDir()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 is not a folder.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    if (!info.isReadable() || !QDir(info.absoluteFilePath()).isReadable()) {
        err << QCoreApplication::translate("CommandOptions", "revscope %1: %2 cannot be read.")
                   .arg(command, given)
            << '\n';
        return false;
    }
    *path = QDir::cleanPath(info.absoluteFilePath());
    return true;
}

} // namespace Revscope
