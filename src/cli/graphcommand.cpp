#include "graphcommand.h"

#include "commandoptions.h"
#include "graph/revisiongraph.h"
#include "inspection/inspector.h"
#include "layout/graphlayout.h"
#include "layout/layoutbuilder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace Revscope {

int GraphCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "GraphCommand",
        "Draw the revision graph of an Alembic project with Graphviz.\n"
        "The format follows FILE's extension: .svg, .png, .pdf or .dot.\n"
        "A project with several environments is drawn as one graph with a box per "
        "environment.\n"
        "Ghost revisions (referenced, defined nowhere) are dashed, bytecode-only ones filled, "
        "depends_on links dashed and heads bold."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("GraphCommand",
                                    "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("GraphCommand", "Show this help."));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QCoreApplication::translate("GraphCommand", "File to write (.svg, .png, .pdf or .dot)."),
        QStringLiteral("FILE"));
    const QCommandLineOption collapse(
        QStringLiteral("collapse"),
        QCoreApplication::translate("GraphCommand",
                                    "Draw each linear run of revisions as one node; heads, "
                                    "bases, branch and merge points and labelled revisions stay."));
    const QCommandLineOption direction(
        QStringLiteral("direction"),
        QCoreApplication::translate("GraphCommand",
                                    "TB: parents above children (default); LR: left of them."),
        QStringLiteral("TB|LR"), QStringLiteral("TB"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QCoreApplication::translate("GraphCommand", "Draw only this Alembic config file."),
        QStringLiteral("INI"));
    parser.addOptions({help, output, collapse, direction, config});

    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("graph"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    if (!parser.isSet(output) || parser.value(output).isEmpty()) {
        err << QCoreApplication::translate(
                   "GraphCommand", "revscope graph: --output FILE is required (.svg, .png, .pdf "
                                   "or .dot).")
            << '\n';
        return 2;
    }
    const QString file = parser.value(output);
    const QString format = QFileInfo(file).suffix().toLower();
    if (!GraphLayout::renderFormats().contains(format)) {
        err << QCoreApplication::translate("GraphCommand",
                                           "revscope graph: cannot tell the format of %1 from "
                                           "its extension (use .svg, .png, .pdf or .dot).")
                   .arg(file)
            << '\n';
        return 2;
    }
    const QString directionName = parser.value(direction).toUpper();
    if (directionName != QLatin1String("TB") && directionName != QLatin1String("LR")) {
        err << QCoreApplication::translate(
                   "GraphCommand", "revscope graph: unknown --direction '%1' (use TB or LR).")
                   .arg(parser.value(direction))
            << '\n';
        return 2;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, QStringLiteral("graph"), &root, err)) {
        return 2;
    }
    InspectOptions options;
    options.root = root;
    if (parser.isSet(config) &&
        !CommandOptions::configFile(parser.value(config), QStringLiteral("graph"),
                                    &options.configFile, err)) {
        return 2;
    }

    const InspectionPtr inspection = Inspector::inspect(options);
    if (inspection->environments.isEmpty()) {
        err << QCoreApplication::translate(
                   "GraphCommand", "revscope graph: no Alembic environment was found under %1.")
                   .arg(root)
            << '\n';
        return 2;
    }

    LayoutBuilder::Options layoutOptions;
    layoutOptions.collapse = parser.isSet(collapse);
    layoutOptions.direction = directionName == QLatin1String("LR") ? LayoutDirection::LeftToRight
                                                                   : LayoutDirection::TopToBottom;
    LayoutRequest request;
    request.direction = layoutOptions.direction;
    const bool several = inspection->environments.size() > 1;
    for (const EnvironmentInspection &environment : inspection->environments) {
        if (several) {
            // Node ids must be unique across environments sharing a graph.
            layoutOptions.idPrefix = environment.label + QLatin1Char(':');
            layoutOptions.cluster = environment.label;
        }
        LayoutBuilder::append(environment.graph, layoutOptions, &request);
    }

    QString error;
    const QByteArray bytes = GraphLayout::render(request, format, &error);
    if (bytes.isEmpty()) {
        err << QCoreApplication::translate("GraphCommand", "revscope graph: %1").arg(error) << '\n';
        return 2;
    }
    QSaveFile target(file);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size() ||
        !target.commit()) {
        err << QCoreApplication::translate("GraphCommand", "revscope graph: cannot write %1: %2.")
                   .arg(file, target.errorString())
            << '\n';
        return 2;
    }
    return 0;
}

} // namespace Revscope
