#include "diffcommand.h"

#include "commandoptions.h"
#include "inspection/inspector.h"
#include "release/gitsnapshot.h"
#include "release/revisiondiff.h"
#include "report/jsonreport.h"
#include "report/jsonwriter.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>

namespace Revscope {

namespace {

// One side of the comparison: a folder as it is, or a git ref extracted.
struct Side
{
    QString name;
    std::unique_ptr<QTemporaryDir> extracted;
    InspectionPtr inspection;
};

bool load(const QString &project, const QString &value, Side *side, QTextStream &err)
{
    side->name = value;
    const QFileInfo folder(value);
    QString root;
    if (folder.isDir()) {
        // An existing folder wins over a ref of the same name.
        root = folder.absoluteFilePath();
    } else {
        if (!GitSnapshot::isRepository(project)) {
            err << QCoreApplication::translate(
                       "DiffCommand",
                       "revscope diff: %1 is not inside a git repository, so '%2' cannot be read "
                       "as a git ref; to compare two folders, pass both to --from and --to.")
                       .arg(project, value)
                << '\n';
            return false;
        }
        side->extracted = std::make_unique<QTemporaryDir>();
        QString error;
        if (!side->extracted->isValid() ||
            !GitSnapshot::extract(project, value, side->extracted->path(), &error)) {
            err << QCoreApplication::translate("DiffCommand", "revscope diff: %1.").arg(error)
                << '\n';
            return false;
        }
        root = side->extracted->path();
    }
    InspectOptions options;
    options.root = root;
    side->inspection = Inspector::inspect(options);
    return true;
}

QString joined(const QStringList &ids)
{
    return ids.isEmpty() ? QStringLiteral("-") : ids.join(QLatin1String(", "));
}

void writeText(QTextStream &out, const Side &from, const Side &to,
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
            out << "  " << severityName(finding.severity).leftJustified(8) << ' ' << where
                << (where.isEmpty() ? "" : "  ") << '[' << finding.code << "]\n"
                << "           " << finding.message << '\n';
            if (!finding.fix.isEmpty()) {
                out << "           "
                    << QCoreApplication::translate("DiffCommand", "fix: %1").arg(finding.fix)
                    << '\n';
            }
        }
    }
}

void writeJson(QTextStream &out, const QString &root, const Side &from, const Side &to,
               const QList<EnvironmentDiff> &diffs)
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
        "and checks the squash."));
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
    parser.addOptions({help, fromOption, toOption, format});
    if (!parser.parse(arguments)) {
        err << QStringLiteral("revscope diff: %1").arg(parser.errorText()) << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                         QStringLiteral("revscope diff"));
        return 0;
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
    Side from;
    Side to;
    if (!load(root, parser.value(fromOption), &from, err) ||
        !load(root, parser.value(toOption), &to, err)) {
        return 2;
    }
    QList<CommitChange> commits;
    if (from.extracted && to.extracted) {
        QString ignored; // without the history the mapping rests on the other clues
        commits = GitSnapshot::changes(root, from.name, to.name, &ignored);
    }
    const QList<EnvironmentDiff> diffs =
        RevisionDiff::compare(*from.inspection, *to.inspection, commits);
    if (json) {
        writeJson(out, root, from, to, diffs);
    } else {
        writeText(out, from, to, diffs);
    }
    for (const EnvironmentDiff &diff : diffs) {
        for (const Finding &finding : diff.findings) {
            if (finding.severity == Severity::Error) {
                return 1;
            }
        }
    }
    return 0;
}

} // namespace Revscope
