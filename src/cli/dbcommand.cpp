#include "dbcommand.h"

#include "commandoptions.h"
#include "database/stampexecutor.h"
#include "database/stampplanner.h"
#include "inspection/inspector.h"
#include "journal/journal.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"
#include "report/textreport.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
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
        "       revscope db stamp  [PATH] --db URL --undo [ID] [--yes]\n"
        "\n"
        "  status   read the version table and place each row on the revision graph\n"
        "  stamp    rewrite the version table without migrating (a dry run without --yes)\n"
        "\n"
        "URL is an SQLAlchemy URL, or 'ini' for each config's sqlalchemy.url; --db-env NAME\n"
        "reads it from environment variable NAME instead.\n"
        "Run 'revscope db status --help' or 'revscope db stamp --help' for every option.\n");
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
            out << QLatin1String("  ") << TextReport::severityWord(finding.severity)
                << QLatin1String("  [") << finding.code << QLatin1String("]\n    ")
                << finding.message << '\n';
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

// Everything `db stamp` prints, in text or JSON.
struct StampReport
{
    QString root;
    QString config;    // environment's config, relative; empty when none
    StampPlan plan;    // what was (or would be) done
    bool undo = false; // the plan undoes journal operation `undoId`
    qint64 undoId = 0;
    bool suggestionOnly = false; // no REV given: the plan shows the suggestion
    bool applied = false;        // --yes was given and the executor ran
    StampResult result;
    QString error; // why nothing could be planned or run
    QString undoCommand;
};

QString rowsText(const QStringList &rows)
{
    return rows.isEmpty() ? QCoreApplication::translate("DbCommand", "(no row)")
                          : rows.join(QLatin1String(", "));
}

QString resultName(StampResult::Status status)
{
    switch (status) {
    case StampResult::Status::Done:
        return QStringLiteral("done");
    case StampResult::Status::RowsChanged:
        return QStringLiteral("rows-changed");
    case StampResult::Status::Refused:
        return QStringLiteral("refused");
    case StampResult::Status::Unreachable:
        return QStringLiteral("unreachable");
    case StampResult::Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString statementKindName(StampStatement::Kind kind)
{
    switch (kind) {
    case StampStatement::Kind::Update:
        return QStringLiteral("update");
    case StampStatement::Kind::Insert:
        return QStringLiteral("insert");
    case StampStatement::Kind::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

// A shell word: as is when it needs no quoting, else in single quotes.
QString shellWord(const QString &word)
{
    static const QString safe =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@+%,");
    bool plain = !word.isEmpty();
    for (const QChar c : word) {
        plain = plain && safe.contains(c);
    }
    if (plain) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

void writeStampText(QTextStream &out, const StampReport &report)
{
    const StampPlan &plan = report.plan;
    const auto line = [&out](const QString &label, const QString &value) {
        out << label << QLatin1String(" ") << value << '\n';
    };
    if (!report.config.isEmpty()) {
        line(QCoreApplication::translate("DbCommand", "Environment:  "), report.config);
    }
    line(QCoreApplication::translate("DbCommand", "Database:     "), plan.url);
    line(QCoreApplication::translate("DbCommand", "Version table:"), plan.shownTable());
    if (report.undo) {
        line(QCoreApplication::translate("DbCommand", "Undoing:      "),
             QCoreApplication::translate("DbCommand", "journal operation %1").arg(report.undoId));
    }
    if (!plan.isValid()) {
        return;
    }
    line(QCoreApplication::translate("DbCommand", "Rows now:     "), rowsText(plan.rowsBefore));
    line(QCoreApplication::translate("DbCommand", "Rows after:   "), rowsText(plan.rowsAfter));
    if (plan.changesNothing()) {
        out << QCoreApplication::translate("DbCommand", "SQL: none, the table already holds "
                                                        "these rows.")
            << '\n';
    } else {
        out << QCoreApplication::translate(
                   "DbCommand", "SQL, in one transaction that first re-reads the rows and stops "
                                "if they changed:")
            << '\n';
        for (const StampStatement &statement : plan.statements) {
            out << QLatin1String("  ") << statement.displaySql << QLatin1String(";\n");
        }
    }
    if (!report.undo) {
        const StampSuggestion &suggestion = plan.suggestion;
        if (suggestion.available) {
            line(QCoreApplication::translate("DbCommand", "Suggestion:   "),
                 rowsText(suggestion.revisions));
        } else {
            line(QCoreApplication::translate("DbCommand", "Suggestion:   "),
                 QCoreApplication::translate("DbCommand", "none"));
        }
        out << QLatin1String("  ") << suggestion.reason << '\n';
    }
}

bool writeStampJson(QIODevice *device, const StampReport &report)
{
    const StampPlan &plan = report.plan;
    JsonWriter json(device);
    json.beginObject();
    json.key(QLatin1String("schema"));
    json.value(QLatin1String("revscope.db-stamp/1"));
    json.key(QLatin1String("root"));
    json.value(report.root);
    json.key(QLatin1String("config"));
    json.stringOrNull(report.config);
    json.key(QLatin1String("database"));
    json.beginObject();
    json.key(QLatin1String("url"));
    json.value(plan.url);
    json.key(QLatin1String("version_table"));
    json.value(plan.versionTable);
    json.key(QLatin1String("schema"));
    json.stringOrNull(plan.schema);
    json.endObject();
    json.key(QLatin1String("undo"));
    if (report.undo) {
        json.value(report.undoId);
    } else {
        json.null();
    }
    json.key(QLatin1String("targets"));
    json.stringArray(plan.targets);
    json.key(QLatin1String("rows_before"));
    json.stringArray(plan.rowsBefore);
    json.key(QLatin1String("rows_after"));
    if (plan.isValid()) {
        json.stringArray(plan.rowsAfter);
    } else {
        json.null();
    }
    json.key(QLatin1String("statements"));
    json.beginArray();
    for (const StampStatement &statement : plan.statements) {
        json.beginObject();
        json.key(QLatin1String("kind"));
        json.value(statementKindName(statement.kind));
        json.key(QLatin1String("sql"));
        json.value(statement.sql);
        json.key(QLatin1String("values"));
        json.stringArray(statement.values);
        json.key(QLatin1String("display"));
        json.value(statement.displaySql);
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1String("suggestion"));
    if (report.undo) {
        json.null();
    } else {
        json.beginObject();
        json.key(QLatin1String("available"));
        json.value(plan.suggestion.available);
        json.key(QLatin1String("revisions"));
        json.stringArray(plan.suggestion.revisions);
        json.key(QLatin1String("reason"));
        json.value(plan.suggestion.reason);
        json.endObject();
    }
    json.key(QLatin1String("applied"));
    json.value(report.applied && report.result.ok());
    json.key(QLatin1String("result"));
    if (report.applied) {
        json.value(resultName(report.result.status));
    } else {
        json.null();
    }
    json.key(QLatin1String("journal"));
    if (report.result.journalId > 0) {
        json.value(report.result.journalId);
    } else {
        json.null();
    }
    json.key(QLatin1String("message"));
    json.stringOrNull(report.applied ? report.result.message : QString());
    json.key(QLatin1String("undo_command"));
    json.stringOrNull(report.undoCommand);
    json.key(QLatin1String("error"));
    json.stringOrNull(report.error.isEmpty() ? plan.error : report.error);
    json.endObject();
    return json.flush();
}

bool emitStamp(QTextStream &out, const StampReport &report, bool json)
{
    if (!json) {
        writeStampText(out, report);
        return true;
    }
    out.flush();
    if (QIODevice *device = out.device()) {
        return writeStampJson(device, report);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const bool ok = writeStampJson(&buffer, report);
    out << QString::fromUtf8(bytes);
    return ok;
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
        return stamp(arguments.mid(1), out, err);
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

    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("db status"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    bool json = false;
    if (!CommandOptions::textOrJson(parser.value(format), command, &json, err)) {
        return 2;
    }
    if (!database.isSet(parser)) {
        err << QCoreApplication::translate("DbCommand",
                                           "revscope db status: --db URL is required (an "
                                           "SQLAlchemy URL, or 'ini'), or --db-env NAME.")
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
    if (json) {
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

int DbCommand::stamp(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = QStringLiteral("db stamp");
    const auto fail = [&err, &command](const QString &sentence, int code) {
        err << QStringLiteral("revscope %1: %2").arg(command, sentence) << '\n';
        return code;
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "DbCommand",
        "Rewrite Alembic's version table so it holds exactly REV... (one row per revision), "
        "without migrating, like `alembic stamp --purge`. Without --yes it only prints the plan: "
        "the rows now and after, the SQL, and Revscope's suggestion. With --yes it runs the SQL "
        "in one transaction that first re-reads the rows and stops if they changed, and records "
        "the old and new rows in the journal so --undo can restore them."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate(
            "DbCommand", "Project folder (default: the current folder; taken as PATH only when "
                         "it is an existing folder)."),
        QStringLiteral("[PATH]"));
    parser.addPositionalArgument(
        QStringLiteral("REV"),
        QCoreApplication::translate(
            "DbCommand", "Revisions to stamp: full or partial ids, branch labels, heads, head, "
                         "base. Without any, the suggestion is shown. With --undo: the journal "
                         "operation ID (default: the latest stamp of this database)."),
        QStringLiteral("REV..."));
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
    const QCommandLineOption yes(
        QStringLiteral("yes"),
        QCoreApplication::translate("DbCommand", "Write to the database (default: a dry run)."));
    const QCommandLineOption undo(
        QStringLiteral("undo"),
        QCoreApplication::translate(
            "DbCommand", "Undo a journaled stamp of this database: the one whose ID is given, "
                         "else the latest."));
    const CommandOptions::DatabaseOptions database;
    parser.addOptions({help, config, format, yes, undo});
    parser.addOptions(database.all());

    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("db stamp"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    bool json = false;
    if (!CommandOptions::textOrJson(parser.value(format), command, &json, err)) {
        return 2;
    }
    if (!database.isSet(parser)) {
        return fail(QCoreApplication::translate("DbCommand",
                                                "--db URL is required (an SQLAlchemy URL, or "
                                                "'ini'), or --db-env NAME."),
                    2);
    }

    // PATH is optional beside REV...: it is the first word when that names a
    // folder, or a later word naming a folder with a '/' (no revision has one).
    QStringList words = parser.positionalArguments();
    QString given = QDir::currentPath();
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (QFileInfo(words[i]).isDir() && (i == 0 || words[i].contains(QLatin1Char('/')))) {
            given = words.takeAt(i);
            break;
        }
    }
    const QFileInfo rootInfo(given);
    if (!rootInfo.isReadable() || !QDir(rootInfo.absoluteFilePath()).isReadable()) {
        return fail(QCoreApplication::translate("DbCommand", "%1 cannot be read.").arg(given), 2);
    }
    const QString root = QDir::cleanPath(rootInfo.absoluteFilePath());

    InspectOptions options;
    options.root = root;
    if (parser.isSet(config) &&
        !CommandOptions::configFile(parser.value(config), command, &options.configFile, err)) {
        return 2;
    }
    if (!CommandOptions::databaseRequest(parser, database, command, &options.database, err)) {
        return 2;
    }

    qint64 undoId = 0;
    if (parser.isSet(undo)) {
        if (words.size() > 1) {
            return fail(QCoreApplication::translate(
                            "DbCommand", "--undo takes at most one journal operation ID, got %1.")
                            .arg(words.join(QLatin1Char(' '))),
                        2);
        }
        if (!words.isEmpty()) {
            bool number = false;
            undoId = words.first().toLongLong(&number);
            if (!number || undoId <= 0) {
                return fail(QCoreApplication::translate(
                                "DbCommand", "'%1' is not a journal operation ID (a number).")
                                .arg(words.first()),
                            2);
            }
        }
    }

    // Which environment: the one under PATH (or --config). `ini` needs it
    // for its URL; stamping needs its graph.
    InspectionPtr inspection;
    const EnvironmentInspection *environment = nullptr;
    const bool needsEnvironment = !parser.isSet(undo) || options.database.fromIni();
    if (needsEnvironment) {
        InspectOptions inspectOptions = options;
        if (parser.isSet(undo)) {
            inspectOptions.database = {}; // undo reads the table itself
        }
        inspection = Inspector::inspect(inspectOptions);
        if (inspection->environments.isEmpty()) {
            return fail(
                QCoreApplication::translate("DbCommand", "no Alembic environment found under %1.")
                    .arg(root),
                2);
        }
        if (inspection->environments.size() > 1) {
            QStringList labels;
            for (const EnvironmentInspection &env : inspection->environments) {
                labels.append(env.label);
            }
            return fail(QCoreApplication::translate(
                            "DbCommand", "%1 holds several Alembic environments (%2); choose "
                                         "one with --config.")
                            .arg(root, labels.join(QLatin1String(", "))),
                        2);
        }
        environment = &inspection->environments.front();
    }

    DatabaseUrl url;
    if (options.database.fromIni()) {
        const QString text = environment->environment.sqlalchemyUrl.trimmed();
        if (text.isEmpty()) {
            return fail(
                QCoreApplication::translate("DbCommand", "%1 sets no sqlalchemy.url to connect to.")
                    .arg(environment->config),
                3);
        }
        url =
            DatabaseUrl::parse(text, QFileInfo(environment->environment.configFile).absolutePath());
    } else {
        url = DatabaseUrl::parse(options.database.url, options.database.baseDir);
    }
    if (!url.isValid()) {
        return fail(url.error(), 3);
    }

    StampReport report;
    report.root = root;
    report.config = environment ? environment->config : QString();
    // --db-env repeats the variable's name, never its value.
    const bool fromEnvironment = parser.isSet(database.dbEnv);
    const QString urlWord =
        fromEnvironment ? parser.value(database.dbEnv).trimmed()
        : options.database.fromIni()
            ? QStringLiteral("ini")
            : (url.hasPassword() ? QStringLiteral("URL") : parser.value(database.db).trimmed());
    const QString urlOption = fromEnvironment ? QStringLiteral("--db-env") : QStringLiteral("--db");
    const auto undoCommand = [&](qint64 id) {
        return QStringLiteral("revscope db stamp %1 %2 %3 --undo %4 --yes")
            .arg(shellWord(root), urlOption, shellWord(urlWord))
            .arg(id);
    };
    Journal journal;
    StampExecutor executor(url, &journal);
    executor.setSettings(options.database.settings);

    if (parser.isSet(undo)) {
        std::optional<JournalOperation> operation;
        if (undoId > 0) {
            operation = journal.operation(undoId);
            if (!operation) {
                return fail(journal.error(), 2);
            }
        } else {
            operation = StampExecutor::latestStamp(
                journal, StampPlan::keyOf(url),
                parser.isSet(database.versionTable) ? parser.value(database.versionTable)
                                                    : QString(),
                parser.isSet(database.schema) ? parser.value(database.schema) : QString());
            if (!operation) {
                const QString why = journal.error().isEmpty()
                                        ? QCoreApplication::translate(
                                              "DbCommand", "the journal %1 holds no stamp of %2 "
                                                           "that can be undone.")
                                              .arg(journal.path(), url.redacted())
                                        : journal.error();
                return fail(why, 1);
            }
        }
        report.undo = true;
        report.undoId = operation->id;
        report.plan = StampExecutor::undoPlan(*operation, url);
        if (!report.plan.isValid()) {
            emitStamp(out, report, json);
            out.flush();
            return fail(report.plan.error, 1);
        }
        if (!parser.isSet(yes)) {
            report.undoCommand = undoCommand(operation->id);
            emitStamp(out, report, json);
            if (!json) {
                out << QCoreApplication::translate("DbCommand",
                                                   "Dry run: nothing was written. To undo, run:")
                    << '\n'
                    << QLatin1String("  ") << report.undoCommand << '\n';
            }
            out.flush();
            return 0;
        }
        report.applied = true;
        report.result = executor.undo(operation->id);
    } else {
        if (words.isEmpty()) {
            const DbStateCalculator *db = environment->database.get();
            const StampSuggestion suggestion =
                db ? StampPlanner::suggest(environment->graph, *db) : StampSuggestion();
            report.suggestionOnly = true;
            QStringList targets = suggestion.revisions;
            if (suggestion.available && targets.isEmpty()) {
                targets = QStringList{QStringLiteral("base")};
            }
            report.plan = StampPlanner::plan(*environment, url,
                                             suggestion.available ? targets : QStringList());
            if (!suggestion.available && report.plan.problem == StampPlan::Problem::BadTarget) {
                report.plan.error.clear(); // no target is no error here: there is no suggestion
                report.plan.problem = StampPlan::Problem::None;
                report.plan.rowsAfter = report.plan.rowsBefore;
            }
        } else {
            report.plan = StampPlanner::plan(*environment, url, words);
        }
        const StampPlan &plan = report.plan;
        if (!plan.isValid()) {
            emitStamp(out, report, json);
            out.flush();
            switch (plan.problem) {
            case StampPlan::Problem::BadTarget:
                return fail(plan.error, 2);
            case StampPlan::Problem::Unreadable:
                return fail(plan.error, 3);
            case StampPlan::Problem::NoTable:
            case StampPlan::Problem::None:
                break;
            }
            return fail(plan.error, 1);
        }
        if (report.suggestionOnly) {
            emitStamp(out, report, json);
            out.flush();
            if (parser.isSet(yes)) {
                return fail(QCoreApplication::translate(
                                "DbCommand", "name the revisions to stamp; --yes never stamps "
                                             "a suggestion unnamed (suggested: %1).")
                                .arg(rowsText(plan.suggestion.revisions)),
                            2);
            }
            if (!json) {
                out << QCoreApplication::translate(
                           "DbCommand",
                           "No revision given: this is Revscope's suggestion, and nothing was "
                           "written. To stamp it, name the revisions and add --yes.")
                    << '\n';
            }
            out.flush();
            return 0;
        }
        if (!parser.isSet(yes)) {
            emitStamp(out, report, json);
            if (!json) {
                out << QCoreApplication::translate("DbCommand",
                                                   "Dry run: nothing was written. Add --yes to "
                                                   "stamp.")
                    << '\n';
            }
            out.flush();
            return 0;
        }
        report.applied = true;
        report.result = executor.execute(plan);
        if (report.result.ok() && report.result.journalId > 0) {
            report.undoCommand = undoCommand(report.result.journalId);
        }
    }

    emitStamp(out, report, json);
    const StampResult &result = report.result;
    if (!json) {
        if (result.ok()) {
            out << result.message << '\n';
            if (!report.undoCommand.isEmpty()) {
                out << QCoreApplication::translate("DbCommand", "To undo, run:") << '\n'
                    << QLatin1String("  ") << report.undoCommand << '\n';
            }
        }
    }
    out.flush();
    switch (result.status) {
    case StampResult::Status::Done:
        return 0;
    case StampResult::Status::RowsChanged:
    case StampResult::Status::Refused:
        return fail(result.message, 1);
    case StampResult::Status::Unreachable:
    case StampResult::Status::Failed:
        break;
    }
    return fail(result.message, 3);
}

} // namespace Revscope
