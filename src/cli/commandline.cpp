#include "commandline.h"

#include "checkcommand.h"
#include "cleancommand.h"
#include "dbcommand.h"
#include "diffcommand.h"
#include "graphcommand.h"
#include "helpcommand.h"
#include "imagecommand.h"
#include "lockcommand.h"
#include "reportcommand.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace Revscope {

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "CommandLine", "Usage: revscope [PATH]                 open the GUI\n"
                       "       revscope <command> [options]    run a command\n"
                       "\n"
                       "Commands:\n"
                       "  check    inspect a project and list what is wrong\n"
                       "  graph    draw the revision graph\n"
                       "  image    simulate what the Docker image will contain\n"
                       "  clean    remove stray bytecode safely (dry run by default)\n"
                       "  db       read or stamp the database's version table\n"
                       "  diff     compare the revision graph of two versions\n"
                       "  lock     write the lock file of released revisions\n"
                       "  report   write a walkthrough and findings report\n"
                       "  help     explain a finding code: 'revscope help CODE'\n"
                       "\n"
                       "Run 'revscope <command> --help' for a command's options.\n"
                       "Every command also takes --lang CODE (en, fr, de) to choose the\n"
                       "language of its messages; the default follows the system's locale.\n");
}

} // namespace

QStringList CommandLine::commands()
{
    return {QStringLiteral("check"), QStringLiteral("graph"), QStringLiteral("image"),
            QStringLiteral("clean"), QStringLiteral("db"),    QStringLiteral("diff"),
            QStringLiteral("lock"),  QStringLiteral("report")};
}

bool CommandLine::wantsCommandLine(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        return false;
    }
    const QString &first = arguments.at(1);
    static const QStringList flags = {QStringLiteral("--help"), QStringLiteral("-h"),
                                      QStringLiteral("--version"), QStringLiteral("-v"),
                                      QStringLiteral("help")};
    if (commands().contains(first) || flags.contains(first)) {
        return true;
    }
    // `revscope chekc` is a mistyped command, not a folder to open: the
    // command line says so instead of a window failing to open it.
    return !first.startsWith(QLatin1Char('-')) && !QFileInfo::exists(first);
}

int CommandLine::run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                     bool stdoutIsTerminal)
{
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help") ||
        arguments.at(1) == QLatin1String("-h")) {
        out << usage();
        return arguments.size() < 2 ? 2 : 0;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
            << '\n';
        return 0;
    }
    const QStringList rest = arguments.mid(1); // command name first, as QCommandLineParser wants
    if (command == QLatin1String("check")) {
        return CheckCommand::run(rest, out, err, stdoutIsTerminal);
    }
    if (command == QLatin1String("clean")) {
        return CleanCommand::run(rest, out, err);
    }
    if (command == QLatin1String("db")) {
        return DbCommand::run(rest, out, err);
    }
    if (command == QLatin1String("graph")) {
        return GraphCommand::run(rest, out, err);
    }
    if (command == QLatin1String("image")) {
        return ImageCommand::run(rest, out, err);
    }
    if (command == QLatin1String("diff")) {
        return DiffCommand::run(rest, out, err);
    }
    if (command == QLatin1String("lock")) {
        return LockCommand::run(rest, out, err);
    }
    if (command == QLatin1String("help")) {
        return HelpCommand::run(rest, arguments.first(), out, err);
    }
    if (command == QLatin1String("report")) {
        return ReportCommand::run(rest, out, err);
    }
    if (commands().contains(command)) {
        err << QCoreApplication::translate(
                   "CommandLine", "revscope %1: this command is not available in this version yet.")
                   .arg(command)
            << '\n';
        return 2;
    }
    err << QCoreApplication::translate("CommandLine", "revscope: unknown command '%1'.")
               .arg(command)
        << '\n'
        << usage();
    return 2;
}

} // namespace Revscope
