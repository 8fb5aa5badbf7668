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

QString localizedSeverity(Severity severity)
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

void writeFinding(QTextStream &out, const Inspection &inspection, const Finding &finding,
                  bool color)
{
    const QString severity = localizedSeverity(finding.severity).leftJustified(8);
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

} // namespace

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

    if (inspection.environments.isEmpty()) {
        out << QCoreApplication::translate("TextReport", "No Alembic environment found under %1.")
                   .arg(inspection.root)
            << '\n';
    }
    for (const EnvironmentInspection &env : inspection.environments) {
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
        bool any = false;
        for (const Finding &finding : inspection.findings) {
            if (finding.environment == env.label) {
                writeFinding(out, inspection, finding, color);
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
    for (const Finding &finding : inspection.findings) {
        if (labels.contains(finding.environment)) {
            continue;
        }
        if (!headerWritten) {
            out << paint(QCoreApplication::translate("TextReport", "Project"), "1", color) << '\n';
            headerWritten = true;
        }
        writeFinding(out, inspection, finding, color);
    }
    if (headerWritten) {
        out << '\n';
    }
    out << summaryLine(inspection) << '\n';
    out.flush();
    return text;
}

} // namespace Revscope
