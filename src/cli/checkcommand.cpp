#include "checkcommand.h"

#include "commandoptions.h"
#include "inspection/inspector.h"
#include "report/jsonreport.h"
#include "report/sarifreport.h"
#include "report/textreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>
#include <QTextStream>

namespace Revscope {

int CheckCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                      bool stdoutIsTerminal)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CheckCommand", "Inspect an Alembic project and list what is wrong."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("CheckCommand",
                                    "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("CheckCommand", "Show this help."));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QCoreApplication::translate("CheckCommand", "Inspect only this Alembic config file."),
        QStringLiteral("INI"));
    const CommandOptions::DatabaseOptions database;
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("CheckCommand", "Output format: text, json or sarif."),
        QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption failOn(
        QStringLiteral("fail-on"),
        QCoreApplication::translate(
            "CheckCommand",
            "Exit with 1 when a finding is at or above this severity: error, warning, info or "
            "never."),
        QStringLiteral("SEVERITY"), QStringLiteral("error"));
    const QCommandLineOption color(
        QStringLiteral("color"),
        QCoreApplication::translate("CheckCommand",
                                    "Colour the text output: auto, always or never."),
        QStringLiteral("WHEN"), QStringLiteral("auto"));
    parser.addOptions({help, config, format, failOn, color});
    parser.addOptions(database.all());

    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("check"), out, err,
                               &exitCode)) {
        return exitCode;
    }

    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json") &&
        formatName != QLatin1String("sarif")) {
        err << QCoreApplication::translate(
                   "CheckCommand", "revscope check: unknown format '%1' (use text, json or sarif).")
                   .arg(formatName)
            << '\n';
        return 2;
    }
    Severity threshold = Severity::Error;
    const QString failOnName = parser.value(failOn);
    const bool never = failOnName == QLatin1String("never");
    if (!never && !parseSeverity(failOnName, &threshold)) {
        err << QCoreApplication::translate(
                   "CheckCommand",
                   "revscope check: unknown --fail-on value '%1' (use error, warning, info or "
                   "never).")
                   .arg(failOnName)
            << '\n';
        return 2;
    }
    const QString colorWhen = parser.value(color);
    if (colorWhen != QLatin1String("auto") && colorWhen != QLatin1String("always") &&
        colorWhen != QLatin1String("never")) {
        err << QCoreApplication::translate(
                   "CheckCommand",
                   "revscope check: unknown --color value '%1' (use auto, always or never).")
                   .arg(colorWhen)
            << '\n';
        return 2;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, QStringLiteral("check"), &root, err)) {
        return 2;
    }
    InspectOptions options;
    options.root = root;
    if (parser.isSet(config) &&
        !CommandOptions::configFile(parser.value(config), QStringLiteral("check"),
                                    &options.configFile, err)) {
        return 2;
    }
    if (!CommandOptions::databaseRequest(parser, database, QStringLiteral("check"),
                                         &options.database, err)) {
        return 2;
    }

    const InspectionPtr inspection = Inspector::inspect(options);
    if (formatName == QLatin1String("json")) {
        // Streamed straight to the device: a big report is never held twice.
        out.flush();
        if (QIODevice *device = out.device()) {
            if (!JsonReport::writeCheck(*inspection, device)) {
                err << QCoreApplication::translate("CheckCommand",
                                                   "revscope check: could not write the report.")
                    << '\n';
                return 2;
            }
        } else {
            out << QString::fromUtf8(JsonReport::check(*inspection));
        }
    } else if (formatName == QLatin1String("sarif")) {
        out << QString::fromUtf8(SarifReport::check(*inspection));
    } else {
        TextReport::Options textOptions;
        textOptions.color = colorWhen == QLatin1String("always") ||
                            (colorWhen == QLatin1String("auto") && stdoutIsTerminal);
        out << TextReport::check(*inspection, textOptions);
    }
    out.flush();

    // The report is printed either way; the exit code says the database
    // part of it is missing.
    if (CommandOptions::reportUnreachable(*inspection, QStringLiteral("check"), err) > 0) {
        return 3;
    }
    if (never) {
        return 0;
    }
    for (const Finding &finding : inspection->findings) {
        if (finding.severity >= threshold) {
            return 1;
        }
    }
    return 0;
}

} // namespace Revscope
