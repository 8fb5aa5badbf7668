#include "dbcommand.h"

#include "commandoptions.h"
#include "inspection/inspector.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"
#include "report/textreport.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIODevice>
#include <QTextStream>

namespace Revscope {

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "DbCommand",
        "Usage: revscope db status [PATH] --db URL [--format text|json] [--config INI]\n"
        "       revscope db stamp  [PATH] --db URL REV... [--yes]\n"
        "\n"
        "  status   read the version table and place each row on the revision graph\n"
        "  stamp    rewrite the version table (not available in this version yet)\n"
        "\n"
        "URL is an SQLAlchemy URL, or 'ini' for each config's sqlalchemy.url.\n"
        "Run 'revscope db status --help' for every option.\n");
}

bool isDbFinding(const Finding &finding)
{
    return finding.code.startsWith(QLatin1String("db-"));
}

QString joinOrNone(const QStringList &ids)
{
    return ids.isEmpty() ? QCoreApplication::translate("DbCommand", "none")
                         : ids.join(QLatin1String(", "));
}

// "a2242b61af45  unknown: defined only by bytecode ...".
QString describeRow(const VersionRow &row)
{
    switch (row.kind) {
    case VersionRow::Exact:
        return QCoreApplication::translate("DbCommand", "exact");
    case VersionRow::Resolved:
        return QCoreApplication::translate("DbCommand", "partial: %1")
            .arg(joinOrNone(row.revisions));
    case VersionRow::Ambiguous:
        return QCoreApplication::translate("DbCommand", "ambiguous: a prefix of %1")
            .arg(joinOrNone(row.candidates));
    case VersionRow::Unknown:
        break;
    }
    QString text = QCoreApplication::translate("DbCommand", "unknown to Alembic");
    if (!row.node.isEmpty()) {
        text += QLatin1String("; ");
        text +=
            row.nodeOrigin == RevisionOrigin::Bytecode
                ? QCoreApplication::translate("DbCommand", "only bytecode defines %1").arg(row.node)
                : QCoreApplication::translate("DbCommand", "%1 is referenced but defined nowhere")
                      .arg(row.node);
    }
    if (!row.replacedBy.isEmpty()) {
        text += QLatin1String("; ");
        text +=
            QCoreApplication::translate("DbCommand", "%1 mentions it (a squash that replaced it?)")
                .arg(row.replacedBy);
    }
    return text;
}

void writeText(QTextStream &out, const Inspection &inspection)
{
    if (inspection.environments.isEmpty()) {
        out << QCoreApplication::translate("DbCommand", "No Alembic environment found under %1.")
                   .arg(inspection.root)
            << '\n';
    }
    for (const EnvironmentInspection &env : inspection.environments) {
        out << env.label << '\n';
        if (!env.database) {
            continue;
        }
        const DbStateCalculator &db = *env.database;
        const DatabaseState &state = db.database();
        out << QLatin1String("  ") << TextReport::databaseLine(db) << '\n';
        const QString table = state.schema.isEmpty()
                                  ? state.versionTable
                                  : state.schema + QLatin1Char('.') + state.versionTable;
        out << QLatin1String("  ")
            << QCoreApplication::translate("DbCommand", "version table: %1").arg(table) << '\n';
        if (state.isReadable()) {
            const QList<VersionRow> rows = db.rows();
            out << QLatin1String("  ")
                << QCoreApplication::translate("DbCommand", "rows: %1").arg(rows.size()) << '\n';
            for (const VersionRow &row : rows) {
                out << QLatin1String("    ") << row.value << QLatin1String("  ") << describeRow(row)
                    << '\n';
            }
            out << QLatin1String("  ")
                << QCoreApplication::translate("DbCommand", "current: %1")
                       .arg(joinOrNone(db.currentRevisions()))
                << '\n';
            for (const auto &head : db.pendingPerHead()) {
                out << QLatin1String("  ")
                    << QCoreApplication::translate("DbCommand", "pending to %1: %2")
                           .arg(head.first)
                           .arg(head.second)
                    << '\n';
            }
        }
        for (const Finding &finding : inspection.findings) {
            if (finding.environment != env.label || !isDbFinding(finding)) {
                continue;
            }
            out << QLatin1String("  ") << severityName(finding.severity) << QLatin1String("  [")
                << finding.code << QLatin1String("]\n    ") << finding.message << '\n';
            if (!finding.fix.isEmpty()) {
                out << QLatin1String("    ") << QCoreApplication::translate("DbCommand", "fix:")
                    << ' ' << finding.fix << '\n';
            }
        }
        out << '\n';
    }
}

bool writeJson(QIODevice *device, const Inspection &inspection)
{
    JsonWriter json(device);
    json.beginObject();
    json.key(QLatin1String("schema"));
    json.value(QLatin1String("revscope.db-status/1"));
    json.key(QLatin1String("root"));
    json.value(inspection.root);
    json.key(QLatin1String("environments"));
    json.beginArray();
    for (const EnvironmentInspection &env : inspection.environments) {
        json.beginObject();
        json.key(QLatin1String("config"));
        json.value(env.config);
        json.key(QLatin1String("name"));
        json.value(env.label);
        json.key(QLatin1String("heads"));
        json.stringArray(env.graph.heads());
        json.key(QLatin1String("database"));
        JsonReport::writeDatabase(json, env);
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1String("findings"));
    json.beginArray();
    for (const Finding &finding : inspection.findings) {
        if (isDbFinding(finding)) {
            JsonReport::writeFinding(json, inspection, finding);
        }
    }
    json.endArray();
    json.endObject();
    return json.flush();
}

} // namespace

int DbCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString sub = arguments.value(1);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h") ||
        sub == QLatin1String("help")) {
        (sub.isEmpty() ? err : out) << usage();
        return sub.isEmpty() ? 2 : 0;
    }
    if (sub == QLatin1String("status")) {
        return status(arguments.mid(1), out, err);
    }
    if (sub == QLatin1String("stamp")) {
        err << QCoreApplication::translate(
                   "DbCommand", "revscope db stamp: this command is not available in this version "
                                "yet.")
            << '\n';
        return 2;
    }
    err << QCoreApplication::translate(
               "DbCommand", "revscope db: unknown subcommand '%1' (use status or stamp).")
               .arg(sub)
        << '\n';
    return 2;
}

int DbCommand::status(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = QStringLiteral("db status");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "DbCommand", "Read Alembic's version table and place each row on the revision graph."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("DbCommand", "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("DbCommand", "Show this help."));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QCoreApplication::translate("DbCommand", "Only this Alembic config file."),
        QStringLiteral("INI"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("DbCommand", "Output format: text or json."),
        QStringLiteral("FORMAT"), QStringLiteral("text"));
    const CommandOptions::DatabaseOptions database;
    parser.addOptions({help, config, format});
    parser.addOptions(database.all());

    if (!parser.parse(arguments)) {
        err << QStringLiteral("revscope %1: %2").arg(command, parser.errorText()) << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                         QStringLiteral("revscope db status"));
        return 0;
    }
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json")) {
        err << QCoreApplication::translate(
                   "DbCommand", "revscope db status: unknown format '%1' (use text or json).")
                   .arg(formatName)
            << '\n';
        return 2;
    }
    if (!parser.isSet(database.db)) {
        err << QCoreApplication::translate(
                   "DbCommand",
                   "revscope db status: --db URL is required (an SQLAlchemy URL, or 'ini').")
            << '\n';
        return 2;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, command, &root, err)) {
        return 2;
    }
    InspectOptions options;
    options.root = root;
    if (parser.isSet(config) &&
        !CommandOptions::configFile(parser.value(config), command, &options.configFile, err)) {
        return 2;
    }
    if (!CommandOptions::databaseRequest(parser, database, command, &options.database, err)) {
        return 2;
    }

    const InspectionPtr inspection = Inspector::inspect(options);
    if (formatName == QLatin1String("json")) {
        out.flush();
        QIODevice *device = out.device();
        if (device) {
            if (!writeJson(device, *inspection)) {
                err << QCoreApplication::translate(
                           "DbCommand", "revscope db status: could not write the report.")
                    << '\n';
                return 2;
            }
        } else {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            writeJson(&buffer, *inspection);
            out << QString::fromUtf8(bytes);
        }
    } else {
        writeText(out, *inspection);
    }
    out.flush();

    if (CommandOptions::reportUnreachable(*inspection, command, err) > 0) {
        return 3;
    }
    for (const Finding &finding : inspection->findings) {
        if (isDbFinding(finding) && finding.severity == Severity::Error) {
            return 1;
        }
    }
    return 0;
}

} // namespace Revscope
