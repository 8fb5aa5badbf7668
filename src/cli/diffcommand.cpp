#include "diffcommand.h"

#include "commandoptions.h"
#include "release/comparison.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"
#include "report/textreport.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

namespace Revscope {

namespace {

// "NEW=OLD1,OLD2" into a mapping entry.
bool parseSquash(const QString &value, SquashMapping *entry)
{
    const qsizetype equals = value.indexOf(QLatin1Char('='));
    if (equals <= 0) {
        return false;
    }
    entry->replacedBy = value.left(equals).trimmed();
    for (const QString &id : value.mid(equals + 1).split(QLatin1Char(','))) {
        if (!id.trimmed().isEmpty()) {
            entry->removed.append(id.trimmed());
        }
    }
    entry->confirmed = true;
    return !entry->replacedBy.isEmpty() && !entry->removed.isEmpty();
}

QString joined(const QStringList &ids)
{
    return ids.isEmpty() ? QStringLiteral("-") : ids.join(QLatin1String(", "));
}

void writeText(QTextStream &out, const ComparisonSide &from, const ComparisonSide &to,
               const QList<EnvironmentDiff> &diffs)
{
    out << QCoreApplication::translate("DiffCommand", "Comparing %1 with %2")
               .arg(from.name, to.name)
        << '\n';
    for (const EnvironmentDiff &diff : diffs) {
        out << diff.config << '\n';
        out << QCoreApplication::translate("DiffCommand", "  removed: %1").arg(joined(diff.removed))
            << '\n';
        out << QCoreApplication::translate("DiffCommand", "  added:   %1").arg(joined(diff.added))
            << '\n';
        for (const RewiredRevision &rewired : diff.rewired) {
            const QString before = joined(rewired.from);
            const QString after = joined(rewired.to);
            out << QCoreApplication::translate("DiffCommand", "  rewired: %1: %2 -> %3")
                       .arg(rewired.id, before, after)
                << '\n';
        }
        out << QCoreApplication::translate("DiffCommand", "  edited:  %1").arg(joined(diff.edited))
            << '\n';
        for (const SquashMapping &mapping : diff.squash) {
            const QString removed = joined(mapping.removed);
            if (mapping.confirmed) {
                out << QCoreApplication::translate("DiffCommand",
                                                   "  squash:  %1 replaces %2 (confirmed)")
                           .arg(mapping.replacedBy, removed)
                    << '\n';
                continue;
            }
            out << QCoreApplication::translate("DiffCommand",
                                               "  squash:  %1 replaces %2 (inferred: %3)")
                       .arg(mapping.replacedBy, removed, mapping.evidence)
                << '\n';
        }
        for (const Finding &finding : diff.findings) {
            QString where = to.inspection->relativePath(finding.file);
            if (!where.isEmpty() && finding.line > 0) {
                where += QLatin1Char(':') + QString::number(finding.line);
            }
            out << "  " << TextReport::severityWord(finding.severity).leftJustified(8) << ' '
                << where << (where.isEmpty() ? "" : "  ") << '[' << finding.code << "]\n"
                << "           " << finding.message << '\n';
            if (!finding.fix.isEmpty()) {
                out << "           "
                    << QCoreApplication::translate("DiffCommand", "fix: %1").arg(finding.fix)
                    << '\n';
            }
        }
    }
}

void writeJson(QTextStream &out, const QString &root, const ComparisonSide &from,
               const ComparisonSide &to, const QList<EnvironmentDiff> &diffs)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        JsonWriter json(&buffer);
        json.beginObject();
        json.key(QLatin1String("schema"));
        json.value(QLatin1String("revscope.diff/1"));
        json.key(QLatin1String("root"));
        json.value(root);
        json.key(QLatin1String("from"));
        json.value(from.name);
        json.key(QLatin1String("to"));
        json.value(to.name);
        json.key(QLatin1String("environments"));
        json.beginArray();
        for (const EnvironmentDiff &diff : diffs) {
            json.beginObject();
            json.key(QLatin1String("config"));
            json.value(diff.config);
            json.key(QLatin1String("removed"));
            json.stringArray(diff.removed);
            json.key(QLatin1String("added"));
            json.stringArray(diff.added);
            json.key(QLatin1String("rewired"));
            json.beginArray();
            for (const RewiredRevision &rewired : diff.rewired) {
                json.beginObject();
                json.key(QLatin1String("id"));
                json.value(rewired.id);
                json.key(QLatin1String("from"));
                json.stringArray(rewired.from);
                json.key(QLatin1String("to"));
                json.stringArray(rewired.to);
                json.endObject();
            }
            json.endArray();
            json.key(QLatin1String("edited"));
            json.stringArray(diff.edited);
            json.key(QLatin1String("squash"));
            json.beginArray();
            for (const SquashMapping &mapping : diff.squash) {
                json.beginObject();
                json.key(QLatin1String("replaced_by"));
                json.value(mapping.replacedBy);
                json.key(QLatin1String("removed"));
                json.stringArray(mapping.removed);
                json.key(QLatin1String("confirmed"));
                json.value(mapping.confirmed);
                json.endObject();
            }
            json.endArray();
            json.key(QLatin1String("findings"));
            json.beginArray();
            for (const Finding &finding : diff.findings) {
                JsonReport::writeFinding(json, *to.inspection, finding);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.flush();
    }
    out << QString::fromUtf8(buffer.data());
    if (!buffer.data().endsWith('\n')) {
        out << '\n';
    }
}

} // namespace

int DiffCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "DiffCommand",
        "Compare the revision graph of two versions of a project: two git refs (read from the "
        "repository holding PATH, nothing is checked out) or two folders. Lists removed, "
        "added, rewired and edited revisions, infers which revision replaced a squashed run, "
        "and checks the squash. With --db or --db-env, also checks that the database's version "
        "table names no revision the squash removed, and prints the stamp that repairs it."));
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("DiffCommand", "Project folder (default: the current folder)."),
        QStringLiteral("[PATH]"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("DiffCommand", "Show this help."));
    const QCommandLineOption fromOption(
        QStringLiteral("from"),
        QCoreApplication::translate("DiffCommand", "The older version: a git ref or a folder."),
        QStringLiteral("REF"));
    const QCommandLineOption toOption(
        QStringLiteral("to"),
        QCoreApplication::translate("DiffCommand", "The newer version: a git ref or a folder."),
        QStringLiteral("REF"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("DiffCommand", "Output format: text (default) or json."),
        QStringLiteral("text|json"), QStringLiteral("text"));
    const QCommandLineOption squash(
        QStringLiteral("squash"),
        QCoreApplication::translate(
            "DiffCommand",
            "Confirm or correct the squash mapping: revision NEW replaces exactly the removed "
            "revisions OLD1, OLD2... The squash checks run with it. Repeatable; removed "
            "revisions no --squash names keep their inferred replacement."),
        QStringLiteral("NEW=OLD1,OLD2"));
    const CommandOptions::DatabaseOptions database;
    parser.addOptions({help, fromOption, toOption, format, squash});
    parser.addOptions(database.all());
    int exitCode = 0;
    if (!CommandOptions::parse(parser, help, arguments, QStringLiteral("diff"), out, err,
                               &exitCode)) {
        return exitCode;
    }
    bool json = false;
    if (!CommandOptions::textOrJson(parser.value(format), QStringLiteral("diff"), &json, err)) {
        return 2;
    }
    if (parser.value(fromOption).isEmpty() || parser.value(toOption).isEmpty()) {
        err << QCoreApplication::translate("DiffCommand",
                                           "revscope diff: --from and --to are both required.")
            << '\n';
        return 2;
    }
    QString root;
    if (!CommandOptions::projectPath(parser, QStringLiteral("diff"), &root, err)) {
        return 2;
    }
    QList<SquashMapping> given;
    for (const QString &value : parser.values(squash)) {
        SquashMapping entry;
        if (!parseSquash(value, &entry)) {
            err << QCoreApplication::translate(
                       "DiffCommand",
                       "revscope diff: --squash takes NEW=OLD1,OLD2 (a revision of the newer "
                       "version, then the removed revisions it replaces), not '%1'.")
                       .arg(value)
                << '\n';
            return 2;
        }
        given.append(entry);
    }
    ComparisonOptions options;
    options.project = root;
    options.from = parser.value(fromOption);
    options.to = parser.value(toOption);
    if (!CommandOptions::databaseRequest(parser, database, QStringLiteral("diff"),
                                         &options.database, err)) {
        return 2;
    }
    if (parser.isSet(database.dbEnv)) {
        // The fix repeats the variable's name, never its value.
        options.databaseArguments =
            QStringLiteral("--db-env %1").arg(parser.value(database.dbEnv).trimmed());
    }
    Comparison comparison = Comparison::run(options);
    if (comparison.ok() && !given.isEmpty()) {
        QString error;
        Comparison overridden;
        if (!comparison.overrideSquash(given, &overridden, &error)) {
            err << QStringLiteral("revscope diff: --squash: %1").arg(error) << '\n';
            return 2;
        }
        comparison = overridden;
    }
    if (!comparison.ok()) {
        err << QStringLiteral("revscope diff: %1").arg(comparison.error()) << '\n';
        return 2;
    }
    const QList<EnvironmentDiff> &diffs = comparison.environments();
    if (json) {
        writeJson(out, root, comparison.from(), comparison.to(), diffs);
    } else {
        writeText(out, comparison.from(), comparison.to(), diffs);
    }
    out.flush();
    if (comparison.databaseInspection() &&
        CommandOptions::reportUnreachable(*comparison.databaseInspection(), QStringLiteral("diff"),
                                          err) > 0) {
        return 3;
    }
    return comparison.hasFindingAtLeast(Severity::Error) ? 1 : 0;
}

} // namespace Revscope
