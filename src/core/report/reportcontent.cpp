#include "reportcontent.h"

#include "layout/layoutbuilder.h"
#include "textreport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

// StepRole flags in the order roles are listed, with their CSS keys.
struct RoleName
{
    StepRole role;
    const char *key;
};

constexpr RoleName kRoles[] = {
    {StepRole::Base, "base"}, {StepRole::BranchPoint, "branch-point"}, {StepRole::Merge, "merge"},
    {StepRole::Head, "head"}, {StepRole::Dependency, "dependency"},    {StepRole::Ghost, "ghost"},
};

QString roleName(StepRole role)
{
    switch (role) {
    case StepRole::Base:
        return QCoreApplication::translate("ReportContent", "base");
    case StepRole::BranchPoint:
        return QCoreApplication::translate("ReportContent", "branch point");
    case StepRole::Merge:
        return QCoreApplication::translate("ReportContent", "merge");
    case StepRole::Head:
        return QCoreApplication::translate("ReportContent", "head");
    case StepRole::Dependency:
        return QCoreApplication::translate("ReportContent", "has dependencies");
    case StepRole::Ghost:
        return QCoreApplication::translate("ReportContent", "no script");
    }
    return QString();
}

bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

QString quoted(const QString &word)
{
    static const QString plain = QStringLiteral("-_./=:,@%+");
    const bool safe = !word.isEmpty() && std::all_of(word.cbegin(), word.cend(), [](QChar c) {
        return c.isLetterOrNumber() || plain.contains(c);
    });
    if (safe) {
        return word;
    }
    QString escaped = word;
    escaped.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace

Walkthroughs ReportContent::walkthroughs(const Inspection &inspection)
{
    Walkthroughs result;
    result.reserve(inspection.environments.size());
    for (const EnvironmentInspection &environment : inspection.environments) {
        result.append(Walkthrough::steps(environment));
    }
    return result;
}

QString ReportContent::stepAnchor(int environment, const QString &revisionId)
{
    QString anchor = QStringLiteral("step-%1-").arg(environment);
    for (const QChar c : revisionId) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
            u == u'-') {
            anchor += c;
        } else {
            anchor += QLatin1Char('_') + QString::number(u, 16) + QLatin1Char('_');
        }
    }
    return anchor;
}

StepAnchors ReportContent::stepAnchors(const Inspection &inspection,
                                       const Walkthroughs &walkthroughs)
{
    StepAnchors result;
    for (int e = 0; e < inspection.environments.size(); ++e) {
        const QString &label = inspection.environments.at(e).label;
        for (const WalkthroughStep &step : walkthroughs.value(e)) {
            const QString anchor = stepAnchor(e, step.revisionId);
            result.anchors.insert(anchor);
            result.byRevision.insert(label + QChar(0) + step.revisionId, anchor);
        }
    }
    return result;
}

ReportGraph ReportContent::graph(const Inspection &inspection, const ReportOptions &options)
{
    ReportGraph result;
    const bool several = inspection.environments.size() > 1;
    for (int e = 0; e < inspection.environments.size(); ++e) {
        const EnvironmentInspection &environment = inspection.environments.at(e);
        LayoutBuilder::Options layout;
        layout.collapse = environment.graph.nodes().size() > options.collapseAbove;
        if (environment.database) {
            // Where the database stands must stay visible.
            const QStringList current = environment.database->currentRevisions();
            layout.keepVisible = QSet<QString>(current.cbegin(), current.cend());
        }
        if (several) {
            // As `revscope graph` does: node ids unique across the environments.
            layout.idPrefix = environment.label + QLatin1Char(':');
            layout.cluster = environment.label;
        }
        const qsizetype first = result.request.nodes.size();
        LayoutBuilder::append(environment.graph, layout, &result.request);
        result.revisions += int(environment.graph.nodes().size());
        result.collapsed = result.collapsed || layout.collapse;
        for (qsizetype i = first; i < result.request.nodes.size(); ++i) {
            const LayoutNode &node = result.request.nodes.at(i);
            const QString revision = node.members.isEmpty() ? node.id.mid(layout.idPrefix.size())
                                                            : node.members.constFirst();
            result.anchors.insert(node.id, stepAnchor(e, revision));
        }
    }
    return result;
}

QString ReportContent::title(const Inspection &inspection)
{
    QString name = QFileInfo(inspection.root).fileName();
    if (name.isEmpty()) {
        name = inspection.root;
    }
    return QCoreApplication::translate("ReportContent", "Alembic history of %1").arg(name);
}

QString ReportContent::version(const ReportOptions &options)
{
    if (!options.version.isEmpty()) {
        return options.version;
    }
    const QString application = QCoreApplication::applicationVersion();
    return application.isEmpty() ? QStringLiteral("?") : application;
}

QDateTime ReportContent::generated(const ReportOptions &options)
{
    return options.generated.isValid() ? options.generated : QDateTime::currentDateTime();
}

QString ReportContent::dateText(const QDateTime &when)
{
    return QLocale::c().toString(when, QStringLiteral("yyyy-MM-dd HH:mm t"));
}

QString ReportContent::sectionTitle(ReportSection section)
{
    switch (section) {
    case ReportSection::Summary:
        return QCoreApplication::translate("ReportContent", "Summary");
    case ReportSection::Graph:
        return QCoreApplication::translate("ReportContent", "Revision graph");
    case ReportSection::FindingList:
        return QCoreApplication::translate("ReportContent", "Findings");
    case ReportSection::Walkthrough:
        return QCoreApplication::translate("ReportContent", "Walkthrough");
    case ReportSection::Images:
        return QCoreApplication::translate("ReportContent", "Docker images");
    }
    return QString();
}

QString ReportContent::sectionAnchor(ReportSection section)
{
    switch (section) {
    case ReportSection::Summary:
        return QStringLiteral("summary");
    case ReportSection::Graph:
        return QStringLiteral("graph");
    case ReportSection::FindingList:
        return QStringLiteral("findings");
    case ReportSection::Walkthrough:
        return QStringLiteral("walkthrough");
    case ReportSection::Images:
        return QStringLiteral("images");
    }
    return QString();
}

QString ReportContent::factLabel(StepFact fact)
{
    switch (fact) {
    case StepFact::Created:
        return QCoreApplication::translate("ReportContent", "Created");
    case StepFact::File:
        return QCoreApplication::translate("ReportContent", "File");
    case StepFact::Revises:
        return QCoreApplication::translate("ReportContent", "Revises");
    case StepFact::BuiltOnBy:
        return QCoreApplication::translate("ReportContent", "Built on by");
    case StepFact::BranchLabels:
        return QCoreApplication::translate("ReportContent", "Branch labels");
    case StepFact::DependsOn:
        return QCoreApplication::translate("ReportContent", "Depends on");
    case StepFact::Database:
        return QCoreApplication::translate("ReportContent", "Database");
    }
    return QString();
}

QStringList ReportContent::environmentColumns(bool withDatabase)
{
    QStringList columns = {
        QCoreApplication::translate("ReportContent", "Environment"),
        QCoreApplication::translate("ReportContent", "Scripts"),
        QCoreApplication::translate("ReportContent", "Revisions"),
        QCoreApplication::translate("ReportContent", "Heads"),
        QCoreApplication::translate("ReportContent", "Bases"),
    };
    if (withDatabase) {
        columns.append(QCoreApplication::translate("ReportContent", "Database"));
    }
    return columns;
}

QStringList ReportContent::findingColumns()
{
    return {QCoreApplication::translate("ReportContent", "Code"),
            QCoreApplication::translate("ReportContent", "Where"),
            QCoreApplication::translate("ReportContent", "Message"),
            QCoreApplication::translate("ReportContent", "Fix")};
}

QStringList ReportContent::imageColumns()
{
    return {QCoreApplication::translate("ReportContent", "Image"),
            QCoreApplication::translate("ReportContent", "Dockerfile"),
            QCoreApplication::translate("ReportContent", "Working folder"),
            QCoreApplication::translate("ReportContent", "Command"),
            QCoreApplication::translate("ReportContent", "Files copied"),
            QCoreApplication::translate("ReportContent", "Findings")};
}

QString ReportContent::graphLegend(bool collapsed)
{
    QString legend = QCoreApplication::translate(
        "ReportContent", "Parents above children. Heads are bold, revisions no script defines "
                         "dashed, revisions only bytecode defines filled, depends_on links "
                         "dashed.");
    if (collapsed) {
        legend += QLatin1Char(' ') +
                  QCoreApplication::translate(
                      "ReportContent", "Linear runs of revisions are drawn as one grey node.");
    }
    return legend;
}

QString ReportContent::graphTooLarge(int nodes)
{
    return QCoreApplication::translate("ReportContent",
                                       "The graph has %n node(s), too many to draw here; "
                                       "`revscope graph --collapse --output graph.svg` draws it "
                                       "on its own.",
                                       nullptr, nodes);
}

QString ReportContent::walkthroughNote()
{
    return QCoreApplication::translate(
        "ReportContent",
        "Each environment's history from its bases to its heads, parents before children, one "
        "branch finished before the next starts: the order to read the migrations in. What "
        "each script changes is read from its upgrade() without running it.");
}

QString ReportContent::imagesNote()
{
    return QCoreApplication::translate("ReportContent",
                                       "What each image will hold, simulated from its Dockerfile "
                                       "and ignore file; `revscope image` lists every file.");
}

QString ReportContent::noEnvironment()
{
    return QCoreApplication::translate("ReportContent", "No Alembic environment was found here.");
}

QString ReportContent::noFindings()
{
    return QCoreApplication::translate("ReportContent", "Revscope found nothing wrong.");
}

QString ReportContent::noRevision()
{
    return QCoreApplication::translate("ReportContent", "This environment has no revision.");
}

QString ReportContent::none()
{
    return QCoreApplication::translate("ReportContent", "none");
}

QString ReportContent::noGraph()
{
    return QCoreApplication::translate("ReportContent", "There is no revision to draw.");
}

QString ReportContent::noScript()
{
    return QCoreApplication::translate("ReportContent", "none: no script defines it");
}

QString ReportContent::changesHeading()
{
    return QCoreApplication::translate("ReportContent", "What it changes");
}

QString ReportContent::stepCount(int steps)
{
    return QCoreApplication::translate("ReportContent", "%n step(s)", nullptr, steps);
}

QString ReportContent::stepNumber(int number, int total)
{
    return QCoreApplication::translate("ReportContent", "%1/%2").arg(number).arg(total);
}

QString ReportContent::databaseState(const EnvironmentInspection &environment,
                                     const QString &revisionId)
{
    switch (environment.dbState(revisionId)) {
    case DbState::Current:
        return QCoreApplication::translate("ReportContent", "current: the database is here");
    case DbState::Applied:
        return QCoreApplication::translate("ReportContent", "applied");
    case DbState::Pending:
        return QCoreApplication::translate("ReportContent", "pending: not applied yet");
    case DbState::None:
        break;
    }
    return QCoreApplication::translate("ReportContent", "not reached");
}

QString ReportContent::projectLabel()
{
    return QCoreApplication::translate("ReportContent", "Project");
}

QString ReportContent::generatedLabel()
{
    return QCoreApplication::translate("ReportContent", "Generated");
}

QString ReportContent::versionText(const ReportOptions &options)
{
    return QCoreApplication::translate("ReportContent", "Revscope %1").arg(version(options));
}

QString ReportContent::bytecodeLabel()
{
    return QCoreApplication::translate("ReportContent", "Bytecode:");
}

QString ReportContent::footer(const ReportOptions &options)
{
    return QCoreApplication::translate("ReportContent",
                                       "Written by Revscope %1. Everything here was read from "
                                       "the files: no migration was run.")
        .arg(version(options));
}

QString ReportContent::severityHeading(Severity severity, int count)
{
    switch (severity) {
    case Severity::Error:
        return QCoreApplication::translate("ReportContent", "Errors (%n)", nullptr, count);
    case Severity::Warning:
        return QCoreApplication::translate("ReportContent", "Warnings (%n)", nullptr, count);
    case Severity::Info:
        return QCoreApplication::translate("ReportContent", "Information (%n)", nullptr, count);
    }
    return QString();
}

QString ReportContent::severityCount(Severity severity, int count)
{
    switch (severity) {
    case Severity::Error:
        return QCoreApplication::translate("ReportContent", "%n error(s)", nullptr, count);
    case Severity::Warning:
        return QCoreApplication::translate("ReportContent", "%n warning(s)", nullptr, count);
    case Severity::Info:
        return QCoreApplication::translate("ReportContent", "%n info finding(s)", nullptr, count);
    }
    return QString();
}

QString ReportContent::severityCounts(const Inspection &inspection)
{
    const QString errors = severityCount(Severity::Error, inspection.count(Severity::Error));
    const QString warnings = severityCount(Severity::Warning, inspection.count(Severity::Warning));
    const QString infos = severityCount(Severity::Info, inspection.count(Severity::Info));
    return QCoreApplication::translate("ReportContent", "%1, %2, %3").arg(errors, warnings, infos);
}

QStringList ReportContent::roleNames(int roles)
{
    QStringList names;
    for (const RoleName &role : kRoles) {
        if ((roles & int(role.role)) != 0) {
            names.append(roleName(role.role));
        }
    }
    return names;
}

QStringList ReportContent::roleKeys(int roles)
{
    QStringList keys;
    for (const RoleName &role : kRoles) {
        if ((roles & int(role.role)) != 0) {
            keys.append(QLatin1String(role.key));
        }
    }
    return keys;
}

QStringList ReportContent::changes(const WalkthroughStep &step)
{
    if (step.file.isEmpty()) {
        return {QCoreApplication::translate(
            "ReportContent", "No script defines this revision, so there is nothing to read.")};
    }
    if (!step.changes.error.isEmpty()) {
        return {QCoreApplication::translate("ReportContent", "The script could not be read: %1")
                    .arg(step.changes.error)};
    }
    const QStringList lines = step.changes.describeUpgrade();
    if (!lines.isEmpty()) {
        return lines;
    }
    if (step.changes.upgradeEmpty) {
        return {QCoreApplication::translate("ReportContent",
                                            "Nothing: upgrade() is empty, so upgrading through "
                                            "this revision only moves the version table.")};
    }
    return {QCoreApplication::translate("ReportContent",
                                        "upgrade() makes no op.* call Revscope can read; open "
                                        "the script to see what it does.")};
}

QString ReportContent::revisionCount(const RevisionGraph &graph)
{
    int bytecodeOnly = 0;
    int missing = 0;
    for (const Revision &revision : graph.nodes()) {
        bytecodeOnly += revision.origin == RevisionOrigin::Bytecode ? 1 : 0;
        missing += revision.origin == RevisionOrigin::Missing ? 1 : 0;
    }
    const QString total = QString::number(graph.nodes().size());
    if (bytecodeOnly == 0 && missing == 0) {
        return total;
    }
    return QCoreApplication::translate("ReportContent", "%1 (%2 bytecode-only, %3 missing)")
        .arg(total)
        .arg(bytecodeOnly)
        .arg(missing);
}

QString ReportContent::where(const Inspection &inspection, const Finding &finding)
{
    QString where = inspection.relativePath(finding.file);
    if (!where.isEmpty() && finding.line > 0) {
        where += QLatin1Char(':') + QString::number(finding.line);
    }
    return where;
}

QString ReportContent::database(const EnvironmentInspection &environment)
{
    if (!environment.database) {
        return QString();
    }
    const DatabaseState &state = environment.database->database();
    const QString status = TextReport::databaseStatus(*environment.database);
    if (state.versions.isEmpty()) {
        return QCoreApplication::translate("ReportContent", "%1: %2").arg(state.url, status);
    }
    const QString versions = state.versions.join(QLatin1String(", "));
    return QCoreApplication::translate("ReportContent", "%1: %2 (version table: %3)")
        .arg(state.url, status, versions);
}

QString ReportContent::bytecode(const Inspection &inspection)
{
    if (inspection.bytecode.isEmpty()) {
        return QString();
    }
    int counts[4] = {0, 0, 0, 0};
    for (const BytecodeInfo &file : inspection.bytecode) {
        ++counts[int(file.status)];
    }
    const int total = int(inspection.bytecode.size());
    const int strayCount = counts[int(BytecodeStatus::Stray)];
    const int staleCount = counts[int(BytecodeStatus::Stale)];
    const int corruptCount = counts[int(BytecodeStatus::Corrupt)];
    const QString files =
        QCoreApplication::translate("ReportContent", "%n file(s)", nullptr, total);
    return QCoreApplication::translate("ReportContent", "%1: %2 stray, %3 stale, %4 corrupt")
        .arg(files)
        .arg(strayCount)
        .arg(staleCount)
        .arg(corruptCount);
}

QString ReportContent::imageCommand(const ImageTarget &target)
{
    QStringList words;
    for (const QString &word : target.entrypoint + target.command) {
        words.append(quoted(word));
    }
    return words.join(QLatin1Char(' '));
}

int ReportContent::imageFilesCopied(const ImageTarget &target)
{
    const QList<ContextFileFate> &files = target.simulation.files;
    return int(std::count_if(files.cbegin(), files.cend(),
                             [](const ContextFileFate &fate) { return fate.included; }));
}

QList<TextRun> ReportContent::textRuns(const QString &text)
{
    QList<TextRun> runs;
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('`'), from);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('`'), open + 1);
        if (close < 0) {
            break;
        }
        if (close == open + 1) { // `` quotes nothing
            runs.append({text.mid(from, close + 1 - from), false});
        } else {
            if (open > from) {
                runs.append({text.mid(from, open - from), false});
            }
            runs.append({text.mid(open + 1, close - open - 1), true});
        }
        from = close + 1;
    }
    if (from < text.size()) {
        runs.append({text.mid(from), false});
    }
    return runs;
}

QString ReportContent::xmlSafe(const QString &text)
{
    const QChar replacement(0xFFFD);
    QString safe;
    safe.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            safe += c;
            safe += text.at(++i);
        } else if (c.isSurrogate() || !isXmlChar(c.unicode())) {
            safe += replacement;
        } else {
            safe += c;
        }
    }
    return safe;
}

} // namespace Revscope
