#include "textreport.h"

#include <QCoreApplication>
#include <QSet>
#include <QTextStream>

namespace Revscope {

namespace {

QString paint(const QString &text, const char *sgr, bool color)
{
    if (!color) {
        return text;
    }
    return QStringLiteral("\x1b[%1m%2\x1b[0m").arg(QLatin1String(sgr), text);
}

const char *severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "1;31";
    case Severity::Warning:
        return "33";
    case Severity::Info:
        return "36";
    }
    return "0";
}

} // namespace

QString TextReport::severityWord(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QCoreApplication::translate("TextReport", "error");
    case Severity::Warning:
        return QCoreApplication::translate("TextReport", "warning");
    case Severity::Info:
        return QCoreApplication::translate("TextReport", "info");
    }
    return QString();
}

namespace {

void writeFinding(QTextStream &out, const Inspection &inspection, const Finding &finding,
                  bool color, QStringList *codes)
{
    if (!codes->contains(finding.code)) {
        codes->append(finding.code);
    }
    const QString severity = TextReport::severityWord(finding.severity).leftJustified(8);
    QString where = inspection.relativePath(finding.file);
    if (!where.isEmpty() && finding.line > 0) {
        where += QLatin1Char(':') + QString::number(finding.line);
    }
    out << QLatin1String("  ") << paint(severity, severityColor(finding.severity), color) << ' ';
    if (!where.isEmpty()) {
        out << paint(where, "1", color) << QLatin1String("  ");
    }
    out << paint(QLatin1Char('[') + finding.code + QLatin1Char(']'), "2", color) << '\n';
    const QString indent(11, QLatin1Char(' '));
    out << indent << finding.message << '\n';
    if (!finding.fix.isEmpty()) {
        out << indent << paint(QCoreApplication::translate("TextReport", "fix:"), "32", color)
            << ' ' << finding.fix << '\n';
    }
}

QString joinOrNone(const QStringList &ids)
{
    return ids.isEmpty() ? QCoreApplication::translate("TextReport", "none")
                         : ids.join(QLatin1String(", "));
}

QString localizedStatus(BytecodeStatus status)
{
    switch (status) {
    case BytecodeStatus::Ok:
        return QCoreApplication::translate("TextReport", "ok");
    case BytecodeStatus::Stray:
        return QCoreApplication::translate("TextReport", "stray");
    case BytecodeStatus::Stale:
        return QCoreApplication::translate("TextReport", "stale");
    case BytecodeStatus::Corrupt:
        return QCoreApplication::translate("TextReport", "corrupt");
    }
    return QString();
}

// "3 bytecode file(s): 1 stray, 1 stale, 0 corrupt", then one line per file
// that is not simply ok (bytecode-only revisions marked).
void writeBytecode(QTextStream &out, const Inspection &inspection,
                   const QList<const BytecodeInfo *> &files, const RevisionGraph *graph, bool color)
{
    if (files.isEmpty()) {
        return;
    }
    int counts[4] = {0, 0, 0, 0};
    for (const BytecodeInfo *file : files) {
        ++counts[int(file->status)];
    }
    const int strayCount = counts[int(BytecodeStatus::Stray)];
    const int staleCount = counts[int(BytecodeStatus::Stale)];
    const int corruptCount = counts[int(BytecodeStatus::Corrupt)];
    out << QLatin1String("  ")
        << QCoreApplication::translate("TextReport", "bytecode: %n file(s)", nullptr,
                                       int(files.size()))
        << QLatin1String(" (")
        << QCoreApplication::translate("TextReport", "%1 stray, %2 stale, %3 corrupt")
               .arg(strayCount)
               .arg(staleCount)
               .arg(corruptCount)
        << QLatin1String(")\n");
    for (const BytecodeInfo *file : files) {
        if (file->status == BytecodeStatus::Ok) {
            continue;
        }
        out << QLatin1String("    ") << localizedStatus(file->status).leftJustified(8) << ' '
            << inspection.relativePath(file->path);
        if (!file->revision().isEmpty()) {
            const Revision *revision = graph ? graph->revision(file->revision()) : nullptr;
            const bool only = revision && revision->origin == RevisionOrigin::Bytecode;
            out << QLatin1String("  ")
                << (only ? paint(QCoreApplication::translate(
                                     "TextReport", "defines %1, a revision only bytecode defines")
                                     .arg(file->revision()),
                                 "33", color)
                         : QCoreApplication::translate("TextReport", "defines %1")
                               .arg(file->revision()));
        }
        if (!file->pythonVersion().isEmpty()) {
            out << QLatin1String("  ")
                << QCoreApplication::translate("TextReport", "(Python %1)")
                       .arg(file->pythonVersion());
        }
        out << '\n';
    }
}

} // namespace

QString TextReport::databaseStatus(const DbStateCalculator &db)
{
    const DatabaseState &state = db.database();
    switch (state.status) {
    case DatabaseState::NoTable:
        return QCoreApplication::translate("TextReport", "no version table");
    case DatabaseState::Empty:
        return QCoreApplication::translate("TextReport", "empty version table");
    case DatabaseState::Unreachable:
        return QCoreApplication::translate("TextReport", "unreachable");
    case DatabaseState::Error:
        return QCoreApplication::translate("TextReport", "version table unreadable");
    case DatabaseState::Ok:
        break;
    }
    const int unknown = int(db.unknownRows().size());
    if (unknown > 0) {
        return QCoreApplication::translate("TextReport", "%n row(s) Alembic cannot locate", nullptr,
                                           unknown);
    }
    const int pending = db.pendingCount();
    if (pending > 0) {
        return QCoreApplication::translate("TextReport", "%n pending migration(s)", nullptr,
                                           pending);
    }
    return QCoreApplication::translate("TextReport", "up to date");
}

QString TextReport::databaseLine(const DbStateCalculator &db)
{
    const DatabaseState &state = db.database();
    return QCoreApplication::translate("TextReport", "database: %1  versions: %2  (%3)")
        .arg(state.url, joinOrNone(state.versions), databaseStatus(db));
}

QString TextReport::summaryLine(const Inspection &inspection)
{
    const int environments = int(inspection.environments.size());
    if (inspection.findings.isEmpty()) {
        return QCoreApplication::translate("TextReport", "No findings in %n environment(s).",
                                           nullptr, environments);
    }
    // Counts are computed first: lupdate (6.4) hangs on a scoped enum inside
    // translate()'s arguments.
    const int errorCount = inspection.count(Severity::Error);
    const int warningCount = inspection.count(Severity::Warning);
    const int infoCount = inspection.count(Severity::Info);
    const QString errors =
        QCoreApplication::translate("TextReport", "%n error(s)", nullptr, errorCount);
    const QString warnings =
        QCoreApplication::translate("TextReport", "%n warning(s)", nullptr, warningCount);
    const QString infos =
        QCoreApplication::translate("TextReport", "%n info finding(s)", nullptr, infoCount);
    const QString envs =
        QCoreApplication::translate("TextReport", "%n environment(s)", nullptr, environments);
    return QCoreApplication::translate("TextReport", "%1, %2, %3 in %4.")
        .arg(errors, warnings, infos, envs);
}

QString TextReport::check(const Inspection &inspection, const Options &options)
{
    QString text;
    QTextStream out(&text);
    const bool color = options.color;
    QStringList codes; // distinct, in the order they are written

    if (inspection.environments.isEmpty()) {
        out << QCoreApplication::translate("TextReport", "No Alembic environment found under %1.")
                   .arg(inspection.root)
            << '\n';
    }
    int envIndex = -1;
    for (const EnvironmentInspection &env : inspection.environments) {
        ++envIndex;
        const RevisionGraph &graph = env.graph;
        out << paint(env.label, "1", color) << QLatin1String("  ")
            << QCoreApplication::translate("TextReport", "%n revision(s)", nullptr,
                                           int(graph.nodes().size()))
            << '\n';
        out << QLatin1String("  ") << QCoreApplication::translate("TextReport", "scripts:") << ' '
            << inspection.relativePath(env.environment.scriptLocation) << '\n';
        out << QLatin1String("  ") << QCoreApplication::translate("TextReport", "heads:") << ' '
            << joinOrNone(graph.heads()) << '\n';
        out << QLatin1String("  ") << QCoreApplication::translate("TextReport", "bases:") << ' '
            << joinOrNone(graph.bases()) << '\n';
        if (env.database) {
            out << QLatin1String("  ") << databaseLine(*env.database) << '\n';
        }
        QList<const BytecodeInfo *> bytecode;
        for (const BytecodeInfo &file : inspection.bytecode) {
            if (!file.environments.isEmpty() && file.environments.first() == envIndex) {
                bytecode.append(&file);
            }
        }
        writeBytecode(out, inspection, bytecode, &graph, color);
        bool any = false;
        for (const Finding &finding : inspection.findings) {
            if (finding.environment == env.label) {
                writeFinding(out, inspection, finding, color, &codes);
                any = true;
            }
        }
        if (!any) {
            out << QLatin1String("  ")
                << paint(QCoreApplication::translate("TextReport", "no findings"), "32", color)
                << '\n';
        }
        out << '\n';
    }

    QSet<QString> labels;
    for (const EnvironmentInspection &env : inspection.environments) {
        labels.insert(env.label);
    }
    bool headerWritten = false;
    QList<const BytecodeInfo *> elsewhere;
    for (const BytecodeInfo &file : inspection.bytecode) {
        if (file.environments.isEmpty()) {
            elsewhere.append(&file);
        }
    }
    if (!elsewhere.isEmpty()) {
        out << paint(QCoreApplication::translate("TextReport", "Project"), "1", color) << '\n';
        headerWritten = true;
        writeBytecode(out, inspection, elsewhere, nullptr, color);
    }
    for (const Finding &finding : inspection.findings) {
        if (labels.contains(finding.environment)) {
            continue;
        }
        if (!headerWritten) {
            out << paint(QCoreApplication::translate("TextReport", "Project"), "1", color) << '\n';
            headerWritten = true;
        }
        writeFinding(out, inspection, finding, color, &codes);
    }
    if (headerWritten) {
        out << '\n';
    }
    if (!codes.isEmpty()) {
        // Each code has a page: cause, a story, the fix.
        QStringList commands;
        for (const QString &code : std::as_const(codes)) {
            commands.append(QStringLiteral("revscope help ") + code);
        }
        out << QCoreApplication::translate("TextReport", "About these findings: %1")
                   .arg(commands.join(QLatin1String(", ")))
            << '\n';
    }
    out << summaryLine(inspection) << '\n';
    out.flush();
    return text;
}

} // namespace Revscope
