#include "helpcommand.h"

#include "commandline.h"
#include "commandoptions.h"
#include "help/findinghelp.h"
#include "report/findingcatalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>

namespace Revscope {

namespace {

// The terminal's width when the shell exports it, capped so paragraphs stay
// readable on wide terminals.
int defaultWidth()
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    if (ok && columns >= 20) {
        return std::min(columns, 100);
    }
    return 80;
}

void writeList(QTextStream &out, int width)
{
    const QList<FindingHelpPage> pages = FindingHelp::pages();
    int codeWidth = 0;
    for (const FindingHelpPage &page : pages) {
        codeWidth = std::max(codeWidth, int(page.code.size()));
    }
    const QString intro = QCoreApplication::translate(
        "HelpCommand", "Finding codes by area. 'revscope help CODE' explains one: what Revscope "
                       "saw, how it bites, how to fix it. 'revscope --help' lists the commands.");
    for (const QString &line : FindingHelp::wrap(intro, width)) {
        out << line << '\n';
    }
    QString area;
    for (const FindingHelpPage &page : pages) {
        if (page.area != area) {
            area = page.area;
            out << '\n' << FindingHelp::areaName(area) << '\n';
        }
        const QString first = QStringLiteral("  ") + page.code.leftJustified(codeWidth + 2);
        // Titles too long for the line continue under the title column.
        for (const QString &line :
             FindingHelp::wrap(page.title, width, first, QString(first.size(), QLatin1Char(' ')))) {
            out << line << '\n';
        }
    }
}

} // namespace

int HelpCommand::run(const QStringList &arguments, const QString &program, QTextStream &out,
                     QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "HelpCommand",
        "Explain a finding code: what Revscope saw and why it matters to Alembic or Docker, a "
        "short story of how it bites, and how to fix it. Without CODE, list every code by "
        "area. With a command name, show that command's options."));
    parser.addPositionalArgument(
        QStringLiteral("CODE"),
        QCoreApplication::translate("HelpCommand",
                                    "A finding code, e.g. missing-parent, or a command name."),
        QStringLiteral("[CODE]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("HelpCommand", "Show this help."));
    const QCommandLineOption widthOption(
        QStringLiteral("width"),
        QCoreApplication::translate(
            "HelpCommand",
            "Wrap text at N columns; 0 does not wrap (default: the terminal's width, at most 100, "
            "or 80)."),
        QStringLiteral("N"));
    parser.addOptions({help, widthOption});
    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("help"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    if (parser.positionalArguments() == QStringList{QStringLiteral("help")}) {
        CommandOptions::printHelp(parser, QStringLiteral("help"), out);
        return 0;
    }
    int width = defaultWidth();
    if (parser.isSet(widthOption)) {
        bool ok = false;
        width = parser.value(widthOption).toInt(&ok);
        if (!ok || width < 0) {
            err << QCoreApplication::translate(
                       "HelpCommand",
                       "revscope help: --width takes a number of columns (0 for no wrapping), "
                       "not '%1'.")
                       .arg(parser.value(widthOption))
                << '\n';
            return 2;
        }
    }
    const QStringList words = parser.positionalArguments();
    if (words.size() > 1) {
        err << QCoreApplication::translate("HelpCommand",
                                           "revscope help: give one finding code at a time.")
            << '\n';
        return 2;
    }
    if (words.isEmpty()) {
        writeList(out, width);
        return 0;
    }
    const QString code = words.first();
    bool catalogued = false;
    for (const FindingKind &kind : FindingCatalog::kinds()) {
        catalogued = catalogued || kind.code == code;
    }
    if (catalogued || FindingHelp::hasPage(code)) {
        out << FindingHelp::text(code, width);
        return 0;
    }
    if (CommandLine::commands().contains(code)) {
        return CommandLine::run({program, code, QStringLiteral("--help")}, out, err);
    }
    const QStringList closest = FindingHelp::closestCodes(code);
    if (closest.isEmpty()) {
        err << QCoreApplication::translate("HelpCommand",
                                           "revscope help: there is no finding code '%1'; run "
                                           "'revscope help' for the list.")
                   .arg(code)
            << '\n';
    } else {
        const QString suggestions = closest.join(QLatin1String(", "));
        err << QCoreApplication::translate("HelpCommand",
                                           "revscope help: there is no finding code '%1'. Did you "
                                           "mean %2? Run 'revscope help' for the list.")
                   .arg(code, suggestions)
            << '\n';
    }
    return 2;
}

} // namespace Revscope
