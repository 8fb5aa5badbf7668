#include "markdownreport.h"

#include "layout/layoutrequest.h"

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QSet>

#include <algorithm>

namespace Revscope {

namespace {

constexpr Severity kSeverities[] = {Severity::Error, Severity::Warning, Severity::Info};

// Text inside a mermaid label: mermaid's own entity codes, so that quotes,
// brackets and HTML in a message stay text.
QString mermaidText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'#':
            out += QLatin1String("#35;");
            break;
        case u'"':
            out += QLatin1String("#quot;");
            break;
        case u'<':
            out += QLatin1String("#lt;");
            break;
        case u'>':
            out += QLatin1String("#gt;");
            break;
        case u'&':
            out += QLatin1String("#amp;");
            break;
        case u'`':
            out += QLatin1String("#96;");
            break;
        case u'\n':
            out += QLatin1String("<br/>");
            break;
        case u'\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

// An underscore between two letters or digits never starts emphasis (GFM),
// so `password_hash` can stay as it is; `__init__` cannot.
bool intraword(const QString &text, qsizetype i)
{
    return i > 0 && i + 1 < text.size() && text.at(i - 1).isLetterOrNumber() &&
           text.at(i + 1).isLetterOrNumber();
}

// A sentence of Revscope's, its backtick-quoted parts as code spans.
QString sentence(const QString &text, bool tableCell = false)
{
    QString out;
    const QList<TextRun> runs = ReportContent::textRuns(text);
    for (const TextRun &run : runs) {
        out += run.code ? MarkdownReport::codeSpan(run.text, tableCell)
                        : MarkdownReport::escaped(run.text, tableCell);
    }
    return out;
}

QString link(const QString &id, const QString &anchor, const QSet<QString> &anchors, bool tableCell)
{
    const QString code = MarkdownReport::codeSpan(id, tableCell);
    if (!anchors.contains(anchor)) {
        return code;
    }
    return QStringLiteral("[%1](#%2)").arg(code, anchor);
}

QString links(const QStringList &ids, int environment, const QSet<QString> &anchors, bool tableCell)
{
    if (ids.isEmpty()) {
        return MarkdownReport::escaped(ReportContent::none(), tableCell);
    }
    QStringList parts;
    for (const QString &id : ids) {
        parts.append(link(id, ReportContent::stepAnchor(environment, id), anchors, tableCell));
    }
    return parts.join(QLatin1String(", "));
}

QString tableRow(const QStringList &cells)
{
    return QLatin1String("| ") + cells.join(QLatin1String(" | ")) + QLatin1String(" |\n");
}

QString tableHead(const QStringList &headings)
{
    QStringList cells;
    QStringList rule;
    for (const QString &heading : headings) {
        cells.append(MarkdownReport::escaped(heading, true));
        rule.append(QStringLiteral("---"));
    }
    return tableRow(cells) + tableRow(rule);
}

QString heading(int level, const QString &text)
{
    return QString(level, QLatin1Char('#')) + QLatin1Char(' ') + text + QLatin1String("\n\n");
}

QString sectionHeading(ReportSection section)
{
    return heading(2, MarkdownReport::escaped(ReportContent::sectionTitle(section)));
}

QString summary(const Inspection &inspection, const QSet<QString> &anchors)
{
    QString md = sectionHeading(ReportSection::Summary);
    md += QLatin1String("**") + MarkdownReport::escaped(ReportContent::severityCounts(inspection)) +
          QLatin1String("**\n\n");
    if (inspection.environments.isEmpty()) {
        md += MarkdownReport::escaped(ReportContent::noEnvironment()) + QLatin1String("\n\n");
    } else {
        const bool anyDatabase =
            std::any_of(inspection.environments.cbegin(), inspection.environments.cend(),
                        [](const EnvironmentInspection &env) { return bool(env.database); });
        md += tableHead(ReportContent::environmentColumns(anyDatabase));
        for (int e = 0; e < inspection.environments.size(); ++e) {
            const EnvironmentInspection &env = inspection.environments.at(e);
            QStringList cells = {
                MarkdownReport::escaped(env.label, true),
                MarkdownReport::codeSpan(inspection.relativePath(env.environment.scriptLocation),
                                         true),
                MarkdownReport::escaped(ReportContent::revisionCount(env.graph), true),
                links(env.graph.heads(), e, anchors, true),
                links(env.graph.bases(), e, anchors, true),
            };
            if (anyDatabase) {
                cells.append(MarkdownReport::escaped(ReportContent::database(env), true));
            }
            md += tableRow(cells);
        }
        md += QLatin1Char('\n');
    }
    const QString bytecode = ReportContent::bytecode(inspection);
    if (!bytecode.isEmpty()) {
        md += QLatin1String("**") + MarkdownReport::escaped(ReportContent::bytecodeLabel()) +
              QLatin1String("** ") + MarkdownReport::escaped(bytecode) + QLatin1String("\n\n");
    }
    return md;
}

QString graphSection(const Inspection &inspection, const ReportOptions &options)
{
    QString md = sectionHeading(ReportSection::Graph);
    const ReportGraph graph = ReportContent::graph(inspection, options);
    const int nodes = int(graph.request.nodes.size());
    if (nodes == 0) {
        return md + MarkdownReport::escaped(ReportContent::noGraph()) + QLatin1String("\n\n");
    }
    const QString block = MarkdownReport::mermaid(graph, options.maxMermaidNodes);
    if (block.isEmpty()) {
        return md + sentence(ReportContent::graphTooLarge(nodes)) + QLatin1String("\n\n");
    }
    return md + MarkdownReport::escaped(ReportContent::graphLegend(graph.collapsed)) +
           QLatin1String("\n\n") + block + QLatin1Char('\n');
}

QString findingsSection(const Inspection &inspection, const StepAnchors &steps)
{
    QString md = sectionHeading(ReportSection::FindingList);
    if (inspection.findings.isEmpty()) {
        return md + MarkdownReport::escaped(ReportContent::noFindings()) + QLatin1String("\n\n");
    }
    for (const Severity severity : kSeverities) {
        const int count = inspection.count(severity);
        if (count == 0) {
            continue;
        }
        md += heading(3, MarkdownReport::escaped(ReportContent::severityHeading(severity, count)));
        md += tableHead(ReportContent::findingColumns());
        for (const Finding &finding : inspection.findings) {
            if (finding.severity != severity) {
                continue;
            }
            QStringList where;
            const QString place = ReportContent::where(inspection, finding);
            if (!place.isEmpty()) {
                where.append(MarkdownReport::codeSpan(place, true));
            }
            if (!finding.revision.isEmpty()) {
                const QString anchor = steps.find(finding.environment, finding.revision);
                where.append(link(finding.revision, anchor, steps.anchors, true));
            }
            if (!finding.environment.isEmpty()) {
                where.append(MarkdownReport::escaped(finding.environment, true));
            }
            md += tableRow({MarkdownReport::codeSpan(finding.code, true),
                            where.join(QLatin1String("<br>")), sentence(finding.message, true),
                            sentence(finding.fix, true)});
        }
        md += QLatin1Char('\n');
    }
    return md;
}

QString fact(StepFact which, const QString &value)
{
    return QLatin1String("- **") + MarkdownReport::escaped(ReportContent::factLabel(which)) +
           QLatin1String(":** ") + value + QLatin1Char('\n');
}

QString step(const Inspection &inspection, const EnvironmentInspection &env, int environment,
             const WalkthroughStep &step, int number, int total, const QSet<QString> &anchors)
{
    // An HTML anchor: GitHub makes its own heading ids from the text, which
    // would not be stable across reports.
    QString md = QStringLiteral("<a id=\"%1\"></a>\n\n")
                     .arg(ReportContent::stepAnchor(environment, step.revisionId));
    QString title = MarkdownReport::escaped(ReportContent::stepNumber(number, total)) +
                    QLatin1Char(' ') + MarkdownReport::codeSpan(step.revisionId);
    if (!step.message.isEmpty()) {
        title += QLatin1Char(' ') + MarkdownReport::escaped(step.message);
    }
    md += heading(4, title);
    const QStringList roles = ReportContent::roleNames(step.roles);
    if (!roles.isEmpty()) {
        QStringList emphasised;
        for (const QString &role : roles) {
            emphasised.append(QLatin1Char('*') + MarkdownReport::escaped(role) + QLatin1Char('*'));
        }
        md += emphasised.join(QLatin1String(" · ")) + QLatin1String("\n\n");
    }
    if (!step.createDate.isEmpty()) {
        md += fact(StepFact::Created, MarkdownReport::escaped(step.createDate));
    }
    md += fact(StepFact::File, step.file.isEmpty()
                                   ? MarkdownReport::escaped(ReportContent::noScript())
                                   : MarkdownReport::codeSpan(inspection.relativePath(step.file)));
    md += fact(StepFact::Revises, links(step.parents, environment, anchors, false));
    md += fact(StepFact::BuiltOnBy, links(step.children, environment, anchors, false));
    if (!step.branchLabels.isEmpty()) {
        QStringList labels;
        for (const QString &label : step.branchLabels) {
            labels.append(MarkdownReport::codeSpan(label));
        }
        md += fact(StepFact::BranchLabels, labels.join(QLatin1String(", ")));
    }
    if (!step.dependsOn.isEmpty()) {
        md += fact(StepFact::DependsOn, links(step.dependsOn, environment, anchors, false));
    }
    if (env.database) {
        md += fact(StepFact::Database,
                   MarkdownReport::escaped(ReportContent::databaseState(env, step.revisionId)));
    }
    md += QLatin1String("\n**") + MarkdownReport::escaped(ReportContent::changesHeading()) +
          QLatin1String("**\n\n");
    for (const QString &line : ReportContent::changes(step)) {
        md += QLatin1String("- ") + sentence(line) + QLatin1Char('\n');
    }
    md += QLatin1Char('\n');
    for (const QString &paragraph : step.explanations) {
        md += sentence(paragraph) + QLatin1String("\n\n");
    }
    return md;
}

QString walkthroughSection(const Inspection &inspection, const Walkthroughs &walkthroughs,
                           const QSet<QString> &anchors)
{
    QString md = sectionHeading(ReportSection::Walkthrough);
    md += MarkdownReport::escaped(ReportContent::walkthroughNote()) + QLatin1String("\n\n");
    for (int e = 0; e < inspection.environments.size(); ++e) {
        const EnvironmentInspection &env = inspection.environments.at(e);
        const QList<WalkthroughStep> steps = walkthroughs.value(e);
        md += heading(3, MarkdownReport::escaped(env.label) + QLatin1String(" (") +
                             MarkdownReport::escaped(ReportContent::stepCount(int(steps.size()))) +
                             QLatin1Char(')'));
        if (steps.isEmpty()) {
            md += MarkdownReport::escaped(ReportContent::noRevision()) + QLatin1String("\n\n");
        }
        for (int i = 0; i < steps.size(); ++i) {
            md += step(inspection, env, e, steps.at(i), i + 1, int(steps.size()), anchors);
        }
    }
    return md;
}

QString imagesSection(const Inspection &inspection)
{
    if (inspection.images.isEmpty()) {
        return QString();
    }
    QString md = sectionHeading(ReportSection::Images);
    md += sentence(ReportContent::imagesNote()) + QLatin1String("\n\n");
    md += tableHead(ReportContent::imageColumns());
    for (const ImageTarget &target : inspection.images) {
        md += tableRow({
            MarkdownReport::escaped(target.label(inspection.root), true),
            MarkdownReport::codeSpan(inspection.relativePath(target.simulation.dockerfile), true),
            MarkdownReport::codeSpan(target.workdir, true),
            MarkdownReport::codeSpan(ReportContent::imageCommand(target), true),
            QString::number(ReportContent::imageFilesCopied(target)),
            QString::number(target.findings.size()),
        });
    }
    return md + QLatin1Char('\n');
}

} // namespace

QString MarkdownReport::escaped(const QString &text, bool tableCell)
{
    static const QString special = QStringLiteral("\\`*[]<>#|~&");
    QString out;
    out.reserve(text.size() + 8);
    const QString safe = ReportContent::xmlSafe(text);
    for (qsizetype i = 0; i < safe.size(); ++i) {
        const QChar c = safe.at(i);
        if (c == QLatin1Char('\r')) {
            continue;
        }
        if (c == QLatin1Char('\n')) {
            out += tableCell ? QStringLiteral("<br>") : QStringLiteral(" ");
        } else if (c == QLatin1Char('\t')) {
            out += QLatin1Char(' ');
        } else {
            if (special.contains(c) || (c == QLatin1Char('_') && !intraword(safe, i))) {
                out += QLatin1Char('\\');
            }
            out += c;
        }
    }
    return out;
}

QString MarkdownReport::codeSpan(const QString &text, bool tableCell)
{
    QString content = ReportContent::xmlSafe(text);
    content.replace(QLatin1String("\r\n"), QLatin1String(" "));
    content.replace(QLatin1Char('\n'), QLatin1Char(' '));
    content.replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (content.isEmpty()) {
        return QString();
    }
    // The fence is one backtick longer than the longest run inside.
    int longest = 0;
    int run = 0;
    for (const QChar c : content) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    if (tableCell) {
        // GitHub splits table cells on `|` even inside code spans.
        content.replace(QLatin1Char('|'), QLatin1String("\\|"));
    }
    if (content.startsWith(QLatin1Char('`')) || content.endsWith(QLatin1Char('`'))) {
        content = QLatin1Char(' ') + content + QLatin1Char(' ');
    }
    const QString fence(longest + 1, QLatin1Char('`'));
    return fence + content + fence;
}

QString MarkdownReport::mermaid(const ReportGraph &graph, int maxNodes)
{
    const QList<LayoutNode> &nodes = graph.request.nodes;
    if (nodes.isEmpty() || nodes.size() > maxNodes) {
        return QString();
    }
    QHash<QString, QString> ids; // node id -> n<index>
    for (int i = 0; i < nodes.size(); ++i) {
        ids.insert(nodes.at(i).id, QStringLiteral("n%1").arg(i));
    }
    QString md =
        QStringLiteral("```mermaid\nflowchart %1\n")
            .arg(graph.request.direction == LayoutDirection::LeftToRight ? QLatin1String("LR")
                                                                         : QLatin1String("TB"));
    // Nodes, boxed per environment when there are several.
    QStringList clusters;
    for (const LayoutNode &node : nodes) {
        if (!clusters.contains(node.cluster)) {
            clusters.append(node.cluster);
        }
    }
    QHash<int, QStringList> styled; // by LayoutNodeStyle
    QStringList heads;
    for (int c = 0; c < clusters.size(); ++c) {
        const QString &cluster = clusters.at(c);
        const QString indent =
            cluster.isEmpty() ? QStringLiteral("    ") : QStringLiteral("      ");
        if (!cluster.isEmpty()) {
            md += QStringLiteral("    subgraph c%1[\"%2\"]\n").arg(c).arg(mermaidText(cluster));
        }
        for (const LayoutNode &node : nodes) {
            if (node.cluster != cluster) {
                continue;
            }
            const QString id = ids.value(node.id);
            const QString label = mermaidText(node.label.isEmpty() ? node.id : node.label);
            const bool collapsed = node.style == LayoutNodeStyle::Collapsed;
            md += indent + id + (collapsed ? QLatin1String("[[\"") : QLatin1String("[\"")) + label +
                  (collapsed ? QLatin1String("\"]]\n") : QLatin1String("\"]\n"));
            if (node.style != LayoutNodeStyle::Normal) {
                styled[int(node.style)].append(id);
            }
            if (node.head) {
                heads.append(id);
            }
        }
        if (!cluster.isEmpty()) {
            md += QLatin1String("    end\n");
        }
    }
    for (const LayoutEdge &edge : graph.request.edges) {
        const QString from = ids.value(edge.from);
        const QString to = ids.value(edge.to);
        if (!from.isEmpty() && !to.isEmpty()) {
            md += QLatin1String("    ") + from +
                  (edge.dependency ? QLatin1String(" -.-> ") : QLatin1String(" --> ")) + to +
                  QLatin1Char('\n');
        }
    }
    // The same conventions as the SVG: bold heads, dashed ghosts, filled bytecode and runs.
    const struct
    {
        LayoutNodeStyle style;
        const char *name;
        const char *definition;
    } classes[] = {
        {LayoutNodeStyle::Ghost, "ghost", "stroke-dasharray:5 5,color:#707070"},
        {LayoutNodeStyle::Bytecode, "bytecode", "fill:#fde3b0,color:#000000"},
        {LayoutNodeStyle::Collapsed, "collapsed", "fill:#e6e6e6,color:#000000"},
    };
    for (const auto &style : classes) {
        const QStringList members = styled.value(int(style.style));
        if (!members.isEmpty()) {
            md += QStringLiteral("    classDef %1 %2\n    class %3 %1\n")
                      .arg(QLatin1String(style.name), QLatin1String(style.definition),
                           members.join(QLatin1Char(',')));
        }
    }
    if (!heads.isEmpty()) {
        md += QStringLiteral("    classDef head stroke-width:3px\n    class %1 head\n")
                  .arg(heads.join(QLatin1Char(',')));
    }
    md += QLatin1String("```\n");
    return md;
}

QString MarkdownReport::render(const Inspection &inspection, const Walkthroughs &walkthroughs,
                               const ReportOptions &options)
{
    // Links are only made to the steps the report has.
    const StepAnchors steps = ReportContent::stepAnchors(inspection, walkthroughs);
    const QSet<QString> &anchors = steps.anchors;
    const QDateTime when = ReportContent::generated(options);
    QString md = heading(1, escaped(ReportContent::title(inspection)));
    md += QLatin1String("- **") + escaped(ReportContent::projectLabel()) + QLatin1String(":** ") +
          codeSpan(inspection.root) + QLatin1Char('\n');
    md += QLatin1String("- **") + escaped(ReportContent::generatedLabel()) + QLatin1String(":** ") +
          escaped(ReportContent::dateText(when)) + QLatin1Char('\n');
    md +=
        QLatin1String("- ") + escaped(ReportContent::versionText(options)) + QLatin1String("\n\n");
    md += summary(inspection, anchors);
    md += graphSection(inspection, options);
    md += findingsSection(inspection, steps);
    md += walkthroughSection(inspection, walkthroughs, anchors);
    md += imagesSection(inspection);
    md += QLatin1String("---\n\n") + escaped(ReportContent::footer(options)) + QLatin1Char('\n');
    return md;
}

bool MarkdownReport::write(const Inspection &inspection, const Walkthroughs &walkthroughs,
                           const ReportOptions &options, QIODevice *device)
{
    const QByteArray bytes = render(inspection, walkthroughs, options).toUtf8();
    return device->write(bytes) == bytes.size();
}

} // namespace Revscope
