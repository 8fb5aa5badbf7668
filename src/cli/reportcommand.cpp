#include "reportcommand.h"

#include "commandoptions.h"
#include "inspection/inspector.h"
#include "report/reportfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace Revscope {

namespace {

// Checked before the inspection, which can take a while on a big project.
bool outputWritable(const QString &file, QTextStream &err)
{
    const QFileInfo info(file);
    if (info.isDir()) {
        err << QCoreApplication::translate("ReportCommand",
                                           "revscope report: cannot write %1: it is a folder.")
                   .arg(file)
            << '\n';
        return false;
    }
    const QFileInfo folder(info.absolutePath());
    if (folder.exists() && !folder.isDir()) {
        err << QCoreApplication::translate("ReportCommand",
                                           "revscope report: cannot write %1: %2 is not a folder.")
                   .arg(file, QDir::toNativeSeparators(folder.filePath()))
            << '\n';
        return false;
    }
    if (!folder.isDir()) {
        err << QCoreApplication::translate(
                   "ReportCommand", "revscope report: cannot write %1: folder %2 does not exist.")
                   .arg(file, QDir::toNativeSeparators(folder.filePath()))
            << '\n';
        return false;
    }
    if (!folder.isWritable()) {
        err << QCoreApplication::translate(
                   "ReportCommand", "revscope report: cannot write %1: folder %2 is not writable.")
                   .arg(file, QDir::toNativeSeparators(folder.filePath()))
            << '\n';
        return false;
    }
    return true;
}

} // namespace

int ReportCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "ReportCommand",
        "Write a report of an Alembic project for onboarding or release review: a summary, the "
        "revision graph, the findings by severity and a walkthrough of every environment's "
        "history, step by step, with what each migration changes.\n"
        "The format follows FILE's extension: .html or .htm (one standalone page, nothing "
        "fetched) or .md or .markdown (GitHub-flavoured, the graph as a mermaid chart)."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("ReportCommand",
                                    "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("ReportCommand", "Show this help."));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QCoreApplication::translate("ReportCommand",
                                    "File to write (.html, .htm, .md or .markdown)."),
        QStringLiteral("FILE"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QCoreApplication::translate("ReportCommand", "Report only on this Alembic config file."),
        QStringLiteral("INI"));
    const CommandOptions::DatabaseOptions database;
    parser.addOptions({help, output, config});
    parser.addOptions(database.all());

    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("report"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    const QString file = parser.value(output);
    if (file.isEmpty()) {
        err << QCoreApplication::translate("ReportCommand",
                                           "revscope report: --output FILE is required (.html, "
                                           ".htm, .md or .markdown).")
            << '\n';
        return 2;
    }
    const ReportFormat format = ReportFile::formatOf(file);
    if (format == ReportFormat::Unknown) {
        err << QCoreApplication::translate("ReportCommand",
                                           "revscope report: cannot tell the format of %1 from "
                                           "its extension (use .html, .htm, .md or .markdown).")
                   .arg(file)
            << '\n';
        return 2;
    }
    if (!outputWritable(file, err)) {
        return 2;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, QStringLiteral("report"), &root, err)) {
        return 2;
    }
    InspectOptions options;
    options.root = root;
    if (parser.isSet(config) &&
        !CommandOptions::configFile(parser.value(config), QStringLiteral("report"),
                                    &options.configFile, err)) {
        return 2;
    }
    if (!CommandOptions::databaseRequest(parser, database, QStringLiteral("report"),
                                         &options.database, err)) {
        return 2;
    }

    const InspectionPtr inspection = Inspector::inspect(options);
    QString error;
    if (!ReportFile::save(*inspection, file, format, &error)) {
        err << QCoreApplication::translate("ReportCommand", "revscope report: cannot write %1: %2.")
                   .arg(file, error)
            << '\n';
        return 2;
    }
    out << QCoreApplication::translate("ReportCommand", "Report written to %1.")
               .arg(QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath()))
        << '\n';
    out.flush();
    // The report says which database could not be read; the exit code too.
    if (CommandOptions::reportUnreachable(*inspection, QStringLiteral("report"), err) > 0) {
        return 3;
    }
    return 0;
}

} // namespace Revscope
