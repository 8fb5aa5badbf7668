#include "cleancommand.h"

#include "cleanup/cleanupexecutor.h"
#include "cleanup/cleanupplanner.h"
#include "commandoptions.h"
#include "inspection/inspector.h"
#include "journal/journal.h"
#include "report/jsonwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace Revscope {

namespace {

struct Row
{
    QString kind;
    QString path; // relative
    QString reason;
    qint64 bytes = 0;
    QString sha256;
    QString diff;
};

struct CleanReport
{
    QString root;
    bool applied = false;
    qint64 journal = 0;
    bool undo = false;
    QList<Row> actions;
    QList<CleanupSkip> skipped; // paths relative
    QString error;
};

void writeJson(QTextStream &out, const CleanReport &report)
{
    out.flush();
    QFile device;
    device.open(stdout, QIODevice::WriteOnly);
    JsonWriter json(&device);
    json.beginObject();
    json.key(QLatin1String("schema"));
    json.value(QLatin1String("revscope.clean/1"));
    json.key(QLatin1String("root"));
    json.value(report.root);
    json.key(QLatin1String("applied"));
    json.value(report.applied);
    json.key(QLatin1String("journal"));
    if (report.journal > 0) {
        json.value(report.journal);
    } else {
        json.null();
    }
    json.key(QLatin1String("actions"));
    json.beginArray();
    for (const Row &row : report.actions) {
        json.beginObject();
        json.key(QLatin1String("kind"));
        json.value(row.kind);
        json.key(QLatin1String("path"));
        json.value(row.path);
        json.key(QLatin1String("reason"));
        json.value(row.reason);
        json.key(QLatin1String("bytes"));
        json.value(row.bytes);
        json.key(QLatin1String("sha256"));
        json.stringOrNull(row.sha256);
        if (!row.diff.isEmpty()) {
            json.key(QLatin1String("diff"));
            json.value(row.diff);
        }
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1String("skipped"));
    json.beginArray();
    for (const CleanupSkip &skip : report.skipped) {
        json.beginObject();
        json.key(QLatin1String("path"));
        json.value(skip.path);
        json.key(QLatin1String("why"));
        json.value(skip.why);
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1String("undo"));
    json.value(report.undo);
    json.key(QLatin1String("error"));
    json.stringOrNull(report.error);
    json.endObject();
    json.flush(); // the writer ends the document with its newline
    device.flush();
}

void writeText(QTextStream &out, const CleanReport &report)
{
    out << QCoreApplication::translate("CleanCommand", "Project: %1").arg(report.root) << '\n';
    if (report.undo) {
        out << QCoreApplication::translate("CleanCommand", "Undoing journal operation %1:")
                   .arg(report.journal)
            << '\n';
    } else if (report.applied) {
        out << QCoreApplication::translate("CleanCommand", "Applied (journal operation %1):")
                   .arg(report.journal)
            << '\n';
    } else {
        out << QCoreApplication::translate("CleanCommand",
                                           "Dry run: nothing was changed. The plan:")
            << '\n';
    }
    if (report.actions.isEmpty()) {
        out << "  " << QCoreApplication::translate("CleanCommand", "nothing to do") << '\n';
    }
    for (const Row &row : report.actions) {
        out << "  " << row.kind.leftJustified(14) << row.path << "  (" << row.reason;
        if (row.bytes > 0) {
            out << ", " << QCoreApplication::translate("CleanCommand", "%1 bytes").arg(row.bytes);
        }
        out << ")\n";
        if (!row.diff.isEmpty()) {
            const QStringList lines = row.diff.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                out << "      " << line << '\n';
            }
        }
    }
    if (!report.skipped.isEmpty()) {
        out << QCoreApplication::translate("CleanCommand", "Skipped:") << '\n';
        for (const CleanupSkip &skip : report.skipped) {
            out << "  " << skip.path << ": " << skip.why << '\n';
        }
    }
}

} // namespace

int CleanCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = QStringLiteral("clean");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CleanCommand",
        "Moves stray bytecode to the trash, journaled and undoable. Without --apply it only "
        "prints the plan."));
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QCoreApplication::translate("CleanCommand",
                                                             "The project folder (default: the "
                                                             "current folder)."),
                                 QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("CleanCommand", "Show this help."));
    const QCommandLineOption apply(
        QStringLiteral("apply"),
        QCoreApplication::translate("CleanCommand", "Carry out the plan."));
    const QCommandLineOption undo(
        QStringLiteral("undo"),
        QCoreApplication::translate(
            "CleanCommand",
            "Restore what a cleanup moved: journal operation ID, given after the option, or the "
            "latest cleanup of PATH."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("CleanCommand", "text (default) or json."),
        QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption wholeProject(
        QStringLiteral("whole-project"),
        QCoreApplication::translate(
            "CleanCommand",
            "Clean the whole project except virtualenvs, not only the version locations."));
    const QCommandLineOption stale(
        QStringLiteral("stale"),
        QCoreApplication::translate("CleanCommand",
                                    "Also remove bytecode whose source changed since."));
    const QCommandLineOption noIgnore(
        QStringLiteral("no-dockerignore"),
        QCoreApplication::translate("CleanCommand",
                                    "Do not add bytecode rules to .dockerignore files."));
    const QCommandLineOption quarantine(
        QStringLiteral("quarantine"),
        QCoreApplication::translate(
            "CleanCommand",
            "Move files to the quarantine in the application's data folder, not the trash."));
    parser.addOptions({help, apply, undo, format, wholeProject, stale, noIgnore, quarantine});
    const auto fail = [&err, &command](const QString &message, int code) {
        err << QStringLiteral("revscope %1: %2").arg(command, message) << '\n';
        err.flush();
        return code;
    };
    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("clean"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    bool json = false;
    if (!CommandOptions::textOrJson(parser.value(format), command, &json, err)) {
        return 2;
    }
    QStringList words = parser.positionalArguments();
    qint64 undoId = 0;
    if (parser.isSet(undo) && !words.isEmpty()) {
        bool number = false;
        const qint64 id = words.last().toLongLong(&number);
        if (number && (words.size() == 2 || !QFileInfo::exists(words.last()))) {
            undoId = id;
            words.removeLast();
        }
    }
    if (words.size() > 1) {
        return fail(
            QCoreApplication::translate("CleanCommand", "expected at most one PATH, got %1.")
                .arg(words.join(QLatin1Char(' '))),
            2);
    }
    QCommandLineParser pathParser;
    pathParser.addPositionalArgument(QStringLiteral("PATH"), QString());
    pathParser.parse(QStringList{command} + words);
    QString root;
    if (!CommandOptions::projectPath(pathParser, command, &root, err)) {
        return 2;
    }

    CleanReport report;
    report.root = root;
    Journal journal;
    CleanupExecutor executor(&journal);
    executor.setPreferQuarantine(parser.isSet(quarantine));
    const auto relative = [&root](const QString &path) {
        const QString rel = QDir(root).relativeFilePath(path);
        return rel.startsWith(QLatin1String("../")) ? path : rel;
    };
    const auto emitReport = [&]() {
        if (json) {
            writeJson(out, report);
        } else {
            writeText(out, report);
            out.flush();
        }
    };
    const auto addOutcomes = [&](const CleanupResult &result) {
        for (const CleanupOutcome &outcome : result.outcomes) {
            if (outcome.status == CleanupOutcome::Status::Done) {
                report.actions.append(
                    {report.undo ? QStringLiteral("restore") : cleanupKindName(outcome.kind),
                     relative(outcome.path), outcome.reason, outcome.bytes, outcome.sha256,
                     QString()});
            } else {
                const QString why =
                    outcome.status == CleanupOutcome::Status::NotRun
                        ? QCoreApplication::translate("CleanCommand",
                                                      "not tried: the run stopped before it")
                        : outcome.message;
                report.skipped.append({relative(outcome.path), why});
            }
        }
        report.error = result.error;
    };

    if (parser.isSet(undo)) {
        std::optional<JournalOperation> operation;
        if (undoId > 0) {
            operation = journal.operation(undoId);
            if (!operation) {
                return fail(journal.error(), 2);
            }
        } else {
            operation = CleanupExecutor::latestCleanup(journal, root);
            if (!operation) {
                return fail(journal.error().isEmpty()
                                ? QCoreApplication::translate(
                                      "CleanCommand",
                                      "the journal %1 holds no cleanup of %2 that can be undone.")
                                      .arg(journal.path(), root)
                                : journal.error(),
                            1);
            }
        }
        report.undo = true;
        report.applied = true;
        report.journal = operation->id;
        const CleanupResult result = executor.undo(operation->id);
        addOutcomes(result);
        emitReport();
        return result.ok() ? 0 : fail(result.error, 1);
    }

    InspectOptions inspectOptions;
    inspectOptions.root = root;
    const InspectionPtr inspection = Inspector::inspect(inspectOptions);
    CleanupOptions options;
    options.scope = parser.isSet(wholeProject) ? CleanupOptions::Scope::Project
                                               : CleanupOptions::Scope::VersionLocations;
    options.includeStale = parser.isSet(stale);
    options.dockerignore = !parser.isSet(noIgnore);
    const CleanupPlan plan = CleanupPlanner::plan(*inspection, options);
    for (const CleanupSkip &skip : plan.skipped) {
        report.skipped.append({relative(skip.path), skip.why});
    }
    if (!parser.isSet(apply)) {
        for (const CleanupAction &action : plan.actions) {
            report.actions.append({cleanupKindName(action.kind), relative(action.path),
                                   action.reason, action.bytes, action.sha256, action.diff});
        }
        emitReport();
        if (!json) {
            out << QCoreApplication::translate(
                       "CleanCommand", "Dry run: nothing was changed. Add --apply to carry it out.")
                << '\n';
            out.flush();
        }
        return 0;
    }
    report.applied = true;
    const CleanupResult result = executor.execute(plan);
    report.journal = result.journalId;
    addOutcomes(result);
    emitReport();
    if (!json && result.journalId > 0) {
        out << QCoreApplication::translate("CleanCommand",
                                           "To undo, run: revscope clean %1 --undo %2")
                   .arg(root)
                   .arg(result.journalId)
            << '\n';
        out.flush();
    }
    return result.ok() ? 0 : fail(result.error, 1);
}

} // namespace Revscope
