#include "htmlreport.h"

#include "findingcatalog.h"
#include "layout/graphlayout.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSet>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <initializer_list>
#include <utility>
#include <vector>

namespace Revscope {

namespace {

using Attributes = std::initializer_list<std::pair<const char *, QString>>;

// A thin layer over QXmlStreamWriter that keeps every element of the page
// valid in both HTML and XML: project text is made XML-safe, and no
// non-void element is ever written as `<x/>` (an HTML parser would leave it open).
class Page
{
public:
    explicit Page(QIODevice *device) : m_xml(device)
    {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(1);
    }

    QXmlStreamWriter &xml() { return m_xml; }

    void open(const char *tag, Attributes attributes = {})
    {
        m_xml.writeStartElement(QLatin1String(tag));
        for (const auto &attribute : attributes) {
            if (!attribute.second.isNull()) {
                m_xml.writeAttribute(QLatin1String(attribute.first),
                                     ReportContent::xmlSafe(attribute.second));
            }
        }
    }
    void close()
    {
        m_xml.writeCharacters(QString()); // never `<x/>`
        m_xml.writeEndElement();
    }
    void text(const QString &text) { m_xml.writeCharacters(ReportContent::xmlSafe(text)); }
    void element(const char *tag, const QString &content, Attributes attributes = {})
    {
        open(tag, attributes);
        text(content);
        close();
    }
    void voidElement(const char *tag, Attributes attributes = {})
    {
        m_xml.writeEmptyElement(QLatin1String(tag));
        for (const auto &attribute : attributes) {
            m_xml.writeAttribute(QLatin1String(attribute.first),
                                 ReportContent::xmlSafe(attribute.second));
        }
    }
    void code(const QString &content) { element("code", content); }
    // A sentence of Revscope's, its backtick-quoted parts as code.
    void sentence(const QString &content)
    {
        const QList<TextRun> runs = ReportContent::textRuns(content);
        for (const TextRun &run : runs) {
            if (run.code) {
                code(run.text);
            } else {
                text(run.text);
            }
        }
    }
    void sentenceElement(const char *tag, const QString &content, Attributes attributes = {})
    {
        open(tag, attributes);
        sentence(content);
        close();
    }
    // A link to an anchor of the page when it exists, else the plain text.
    void revision(const QString &id, const QString &anchor, const QSet<QString> &anchors)
    {
        if (anchors.contains(anchor)) {
            open("a", {{"href", QLatin1Char('#') + anchor}});
            element("code", id, {{"class", QStringLiteral("rev")}});
            close();
        } else {
            element("code", id, {{"class", QStringLiteral("rev")}});
        }
    }
    void revisions(const QStringList &ids, int environment, const QSet<QString> &anchors,
                   const QString &none)
    {
        if (ids.isEmpty()) {
            text(none);
            return;
        }
        for (int i = 0; i < ids.size(); ++i) {
            if (i > 0) {
                text(QStringLiteral(", "));
            }
            revision(ids.at(i), ReportContent::stepAnchor(environment, ids.at(i)), anchors);
        }
    }

private:
    QXmlStreamWriter m_xml;
};

constexpr ReportSection kSections[] = {ReportSection::Summary, ReportSection::Graph,
                                       ReportSection::FindingList, ReportSection::Walkthrough,
                                       ReportSection::Images};
constexpr Severity kSeverities[] = {Severity::Error, Severity::Warning, Severity::Info};

// <section id=...><h2>...</h2>, left open.
void openSection(Page &page, ReportSection section)
{
    page.open("section", {{"id", ReportContent::sectionAnchor(section)}});
    page.element("h2", ReportContent::sectionTitle(section));
}

void writeHeadings(Page &page, const QStringList &headings)
{
    page.open("thead");
    page.open("tr");
    for (const QString &heading : headings) {
        page.element("th", heading, {{"scope", QStringLiteral("col")}});
    }
    page.close();
    page.close();
}

QString severityKey(Severity severity)
{
    return QLatin1String("sev-") + Revscope::severityName(severity);
}

// Graphviz's SVG copied into the page: without prolog, doctype and comments,
// each node wrapped in a link to its step. Two passes, because a node's
// <title> (its id) comes after the <g> that the link has to enclose.
bool embedSvg(Page &page, const QByteArray &svg, const QHash<QString, QString> &links,
              const QSet<QString> &anchors)
{
    auto isNode = [](const QXmlStreamReader &reader) {
        return reader.name() == QLatin1String("g") &&
               reader.attributes().value(QLatin1String("class")) == QLatin1String("node");
    };
    QStringList nodeIds;
    {
        QXmlStreamReader reader(svg);
        reader.setNamespaceProcessing(false);
        bool inNode = false;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement) {
                continue;
            }
            if (isNode(reader)) {
                inNode = true;
            } else if (inNode && reader.name() == QLatin1String("title")) {
                nodeIds.append(reader.readElementText());
                inNode = false;
            }
        }
        if (reader.hasError()) {
            return false;
        }
    }
    QXmlStreamWriter &xml = page.xml();
    QXmlStreamReader reader(svg);
    reader.setNamespaceProcessing(false); // declarations pass through as attributes
    std::vector<bool> linkOpen;           // per open element: a link wraps it
    qsizetype node = 0;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            bool link = false;
            if (isNode(reader)) {
                const QString anchor = links.value(nodeIds.value(node++));
                if (anchors.contains(anchor)) {
                    const QString target = QLatin1Char('#') + anchor;
                    xml.writeStartElement(QStringLiteral("a"));
                    xml.writeAttribute(QStringLiteral("href"), target);
                    xml.writeAttribute(QStringLiteral("xlink:href"), target);
                    link = true;
                }
            }
            xml.writeStartElement(reader.qualifiedName().toString());
            const QXmlStreamAttributes attributes = reader.attributes();
            for (const QXmlStreamAttribute &attribute : attributes) {
                xml.writeAttribute(attribute.qualifiedName().toString(),
                                   ReportContent::xmlSafe(attribute.value().toString()));
            }
            linkOpen.push_back(link);
            break;
        }
        case QXmlStreamReader::EndElement:
            xml.writeEndElement();
            if (!linkOpen.empty() && linkOpen.back()) {
                xml.writeEndElement();
            }
            if (!linkOpen.empty()) {
                linkOpen.pop_back();
            }
            break;
        case QXmlStreamReader::Characters:
            if (!reader.isWhitespace()) {
                xml.writeCharacters(ReportContent::xmlSafe(reader.text().toString()));
            }
            break;
        default: // the prolog, doctype, comments and processing instructions stay out
            break;
        }
    }
    return !reader.hasError();
}

void writeHeader(Page &page, const Inspection &inspection, const ReportOptions &options)
{
    const QDateTime when = ReportContent::generated(options);
    page.open("header");
    page.element("h1", ReportContent::title(inspection));
    page.open("p", {{"class", QStringLiteral("meta")}});
    page.open("span");
    page.text(ReportContent::projectLabel() + QLatin1Char(' '));
    page.code(inspection.root);
    page.close();
    page.open("span");
    page.text(ReportContent::generatedLabel() + QLatin1Char(' '));
    page.element("time", ReportContent::dateText(when), {{"datetime", when.toString(Qt::ISODate)}});
    page.close();
    page.element("span", ReportContent::versionText(options));
    page.close();
    page.close();

    page.open("nav", {{"aria-label", QCoreApplication::translate("HtmlReport", "Contents")}});
    page.open("ul");
    for (const ReportSection section : kSections) {
        if (section == ReportSection::Images && inspection.images.isEmpty()) {
            continue;
        }
        page.open("li");
        page.element("a", ReportContent::sectionTitle(section),
                     {{"href", QLatin1Char('#') + ReportContent::sectionAnchor(section)}});
        page.close();
    }
    page.close();
    page.close();
}

void writeSummary(Page &page, const Inspection &inspection, const QSet<QString> &anchors)
{
    openSection(page, ReportSection::Summary);
    page.open("p", {{"class", QStringLiteral("counts")}});
    for (const Severity severity : kSeverities) {
        const int count = inspection.count(severity);
        page.open("a", {{"href", QLatin1String("#findings-") + severityName(severity)},
                        {"class", QLatin1String("badge ") + severityKey(severity) +
                                      (count == 0 ? QLatin1String(" none") : QLatin1String(""))}});
        page.text(ReportContent::severityCount(severity, count));
        page.close();
    }
    page.close();

    if (inspection.environments.isEmpty()) {
        page.element("p", ReportContent::noEnvironment());
    } else {
        page.open("table", {{"class", QStringLiteral("environments")}});
        const bool anyDatabase =
            std::any_of(inspection.environments.cbegin(), inspection.environments.cend(),
                        [](const EnvironmentInspection &env) { return bool(env.database); });
        writeHeadings(page, ReportContent::environmentColumns(anyDatabase));
        page.open("tbody");
        const QString none = ReportContent::none();
        for (int e = 0; e < inspection.environments.size(); ++e) {
            const EnvironmentInspection &env = inspection.environments.at(e);
            page.open("tr");
            page.open("th", {{"scope", QStringLiteral("row")}});
            page.element("a", env.label, {{"href", QStringLiteral("#environment-%1").arg(e)}});
            page.close();
            page.open("td");
            page.code(inspection.relativePath(env.environment.scriptLocation));
            page.close();
            page.element("td", ReportContent::revisionCount(env.graph));
            page.open("td");
            page.revisions(env.graph.heads(), e, anchors, none);
            page.close();
            page.open("td");
            page.revisions(env.graph.bases(), e, anchors, none);
            page.close();
            if (anyDatabase) {
                page.element("td", ReportContent::database(env));
            }
            page.close();
        }
        page.close();
        page.close();
    }
    const QString bytecode = ReportContent::bytecode(inspection);
    if (!bytecode.isEmpty()) {
        page.open("p");
        page.element("strong", ReportContent::bytecodeLabel());
        page.text(QLatin1Char(' ') + bytecode);
        page.close();
    }
    page.close();
}

void writeGraph(Page &page, const Inspection &inspection, const ReportOptions &options,
                const QSet<QString> &anchors)
{
    openSection(page, ReportSection::Graph);
    const ReportGraph graph = ReportContent::graph(inspection, options);
    const int nodes = int(graph.request.nodes.size());
    if (nodes == 0) {
        page.element("p", ReportContent::noGraph());
        page.close();
        return;
    }
    if (nodes > options.maxSvgNodes) {
        page.sentenceElement("p", ReportContent::graphTooLarge(nodes));
        page.close();
        return;
    }
    const QString legend =
        ReportContent::graphLegend(graph.collapsed) + QLatin1Char(' ') +
        QCoreApplication::translate("HtmlReport", "Click a revision to read its step.");
    page.element("p", legend, {{"class", QStringLiteral("note")}});
    QString error;
    const QByteArray svg = GraphLayout::render(graph.request, QStringLiteral("svg"), &error);
    page.open("div", {{"class", QStringLiteral("graph")}});
    if (svg.isEmpty() || !embedSvg(page, svg, graph.anchors, anchors)) {
        if (error.isEmpty()) {
            error = QCoreApplication::translate("HtmlReport", "Graphviz wrote an SVG that "
                                                              "could not be read.");
        }
        page.element("p", error, {{"class", QStringLiteral("note")}});
    }
    page.close();
    page.close();
}

void writeFindings(Page &page, const Inspection &inspection, const StepAnchors &steps)
{
    openSection(page, ReportSection::FindingList);
    if (inspection.findings.isEmpty()) {
        page.element("p", ReportContent::noFindings());
    }
    for (const Severity severity : kSeverities) {
        const int count = inspection.count(severity);
        if (count == 0) {
            continue;
        }
        page.element("h3", ReportContent::severityHeading(severity, count),
                     {{"id", QLatin1String("findings-") + severityName(severity)},
                      {"class", severityKey(severity)}});
        page.open("table", {{"class", QLatin1String("findings ") + severityKey(severity)}});
        writeHeadings(page, ReportContent::findingColumns());
        page.open("tbody");
        for (const Finding &finding : inspection.findings) {
            if (finding.severity != severity) {
                continue;
            }
            page.open("tr");
            page.open("td", {{"class", QStringLiteral("code")}});
            page.element("code", finding.code,
                         {{"title", FindingCatalog::kind(finding.code).title}});
            page.close();
            page.open("td", {{"class", QStringLiteral("where")}});
            const QString where = ReportContent::where(inspection, finding);
            if (!where.isEmpty()) {
                page.code(where);
            }
            if (!finding.revision.isEmpty()) {
                if (!where.isEmpty()) {
                    page.voidElement("br");
                }
                const QString anchor = steps.find(finding.environment, finding.revision);
                page.revision(finding.revision, anchor, steps.anchors);
            }
            if (!finding.environment.isEmpty()) {
                page.element("div", finding.environment, {{"class", QStringLiteral("env")}});
            }
            page.close();
            page.sentenceElement("td", finding.message, {{"class", QStringLiteral("message")}});
            page.sentenceElement("td", finding.fix, {{"class", QStringLiteral("fix")}});
            page.close();
        }
        page.close();
        page.close();
    }
    page.close();
}

void writeFact(Page &page, const QString &term)
{
    page.element("dt", term);
    page.open("dd");
}

void writeStep(Page &page, const Inspection &inspection, const EnvironmentInspection &env,
               int environment, const WalkthroughStep &step, int number, int total,
               const QSet<QString> &anchors)
{
    QString classes = QStringLiteral("step");
    for (const QString &key : ReportContent::roleKeys(step.roles)) {
        classes += QLatin1String(" role-") + key;
    }
    page.open("section", {{"class", classes},
                          {"id", ReportContent::stepAnchor(environment, step.revisionId)}});
    page.open("h4");
    page.element("span", ReportContent::stepNumber(number, total),
                 {{"class", QStringLiteral("number")}});
    page.text(QStringLiteral(" "));
    page.element("code", step.revisionId, {{"class", QStringLiteral("revision")}});
    if (!step.message.isEmpty()) {
        page.text(QStringLiteral(" "));
        page.element("span", step.message, {{"class", QStringLiteral("message")}});
    }
    page.close();

    const QStringList roles = ReportContent::roleNames(step.roles);
    const QStringList keys = ReportContent::roleKeys(step.roles);
    if (!roles.isEmpty()) {
        page.open("p", {{"class", QStringLiteral("roles")}});
        for (int i = 0; i < roles.size(); ++i) {
            page.element("span", roles.at(i), {{"class", QLatin1String("role ") + keys.at(i)}});
        }
        page.close();
    }

    const QString none = ReportContent::none();
    page.open("dl", {{"class", QStringLiteral("facts")}});
    if (!step.createDate.isEmpty()) {
        page.element("dt", ReportContent::factLabel(StepFact::Created));
        page.element("dd", step.createDate);
    }
    writeFact(page, ReportContent::factLabel(StepFact::File));
    if (step.file.isEmpty()) {
        page.text(ReportContent::noScript());
    } else {
        page.code(inspection.relativePath(step.file));
    }
    page.close();
    writeFact(page, ReportContent::factLabel(StepFact::Revises));
    page.revisions(step.parents, environment, anchors, none);
    page.close();
    writeFact(page, ReportContent::factLabel(StepFact::BuiltOnBy));
    page.revisions(step.children, environment, anchors, none);
    page.close();
    if (!step.branchLabels.isEmpty()) {
        writeFact(page, ReportContent::factLabel(StepFact::BranchLabels));
        for (int i = 0; i < step.branchLabels.size(); ++i) {
            if (i > 0) {
                page.text(QStringLiteral(", "));
            }
            page.code(step.branchLabels.at(i));
        }
        page.close();
    }
    if (!step.dependsOn.isEmpty()) {
        writeFact(page, ReportContent::factLabel(StepFact::DependsOn));
        page.revisions(step.dependsOn, environment, anchors, none);
        page.close();
    }
    if (env.database) {
        page.element("dt", ReportContent::factLabel(StepFact::Database));
        page.element("dd", ReportContent::databaseState(env, step.revisionId));
    }
    page.close();

    page.element("h5", ReportContent::changesHeading());
    page.open("ul", {{"class", QStringLiteral("changes")}});
    for (const QString &line : ReportContent::changes(step)) {
        page.sentenceElement("li", line);
    }
    page.close();
    if (!step.explanations.isEmpty()) {
        page.open("div", {{"class", QStringLiteral("explanations")}});
        for (const QString &paragraph : step.explanations) {
            page.sentenceElement("p", paragraph);
        }
        page.close();
    }
    page.close();
}

void writeWalkthrough(Page &page, const Inspection &inspection, const Walkthroughs &walkthroughs,
                      const QSet<QString> &anchors)
{
    openSection(page, ReportSection::Walkthrough);
    page.element("p", ReportContent::walkthroughNote(), {{"class", QStringLiteral("note")}});
    for (int e = 0; e < inspection.environments.size(); ++e) {
        const EnvironmentInspection &env = inspection.environments.at(e);
        const QList<WalkthroughStep> steps = walkthroughs.value(e);
        page.open("section", {{"class", QStringLiteral("environment")},
                              {"id", QStringLiteral("environment-%1").arg(e)}});
        page.open("h3");
        page.text(env.label + QLatin1Char(' '));
        page.element("small", ReportContent::stepCount(int(steps.size())));
        page.close();
        if (steps.isEmpty()) {
            page.element("p", ReportContent::noRevision());
        }
        for (int i = 0; i < steps.size(); ++i) {
            writeStep(page, inspection, env, e, steps.at(i), i + 1, int(steps.size()), anchors);
        }
        page.close();
    }
    page.close();
}

void writeImages(Page &page, const Inspection &inspection)
{
    if (inspection.images.isEmpty()) {
        return;
    }
    openSection(page, ReportSection::Images);
    page.sentenceElement("p", ReportContent::imagesNote(), {{"class", QStringLiteral("note")}});
    page.open("table", {{"class", QStringLiteral("images")}});
    writeHeadings(page, ReportContent::imageColumns());
    page.open("tbody");
    for (const ImageTarget &target : inspection.images) {
        page.open("tr");
        page.element("th", target.label(inspection.root), {{"scope", QStringLiteral("row")}});
        page.open("td");
        page.code(inspection.relativePath(target.simulation.dockerfile));
        page.close();
        page.open("td");
        page.code(target.workdir);
        page.close();
        page.open("td");
        page.code(ReportContent::imageCommand(target));
        page.close();
        page.element("td", QString::number(ReportContent::imageFilesCopied(target)),
                     {{"class", QStringLiteral("number")}});
        page.element("td", QString::number(target.findings.size()),
                     {{"class", QStringLiteral("number")}});
        page.close();
    }
    page.close();
    page.close();
    page.close();
}

} // namespace

QString HtmlReport::styleSheet()
{
    // Colours from two sets picked by prefers-color-scheme; print uses the light one.
    return QStringLiteral(R"css(
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --accent: #0969da; --error: #cf222e; --warning: #9a6700; --info: #0969da;
  --bytecode: #fde3b0; --collapsed: #e6e6e6; --code: rgba(175, 184, 193, 0.2);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
    --accent: #4493f8; --error: #f85149; --warning: #d29922; --info: #4493f8;
    --bytecode: #5a4317; --collapsed: #343a42; --code: rgba(101, 108, 118, 0.3);
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 72rem;
  background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue',
    Arial, sans-serif;
}
code {
  font-family: ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono',
    'DejaVu Sans Mono', monospace;
}
code { font-size: 0.88em; background: var(--code); padding: 0.1em 0.35em; border-radius: 4px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.8rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem;
  border-bottom: 1px solid var(--border); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.6rem; }
h3 small { color: var(--muted); font-weight: normal; font-size: 0.85rem; }
.meta, .note { color: var(--muted); }
.meta span { margin-right: 1.2rem; }
nav ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap;
  gap: 0.4rem 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem;
  border: 1px solid var(--border); }
thead th { background: var(--panel); }
td.number { text-align: right; white-space: nowrap; }
code.rev { white-space: nowrap; }
table.findings { table-layout: fixed; }
table.findings td { overflow-wrap: anywhere; }
table.findings th:nth-child(1) { width: 18%; }
table.findings th:nth-child(2) { width: 22%; }
table.findings th:nth-child(4) { width: 27%; }
td .env { color: var(--muted); font-size: 0.85em; }
.badge { display: inline-block; margin-right: 0.6rem; padding: 0.25rem 0.8rem;
  border-radius: 1rem; border: 1px solid currentColor; }
.badge.none { opacity: 0.55; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
table.findings { color: var(--fg); }
table.findings.sev-error td.code { border-left: 4px solid var(--error); }
table.findings.sev-warning td.code { border-left: 4px solid var(--warning); }
table.findings.sev-info td.code { border-left: 4px solid var(--info); }
.graph { overflow-x: auto; padding: 0.5rem; border: 1px solid var(--border);
  border-radius: 6px; background: var(--panel); }
.graph svg { display: block; margin: 0 auto; max-width: 100%; height: auto; color: var(--fg); }
.graph svg polygon[fill=white] { fill: transparent; }
.graph svg [stroke=black] { stroke: var(--fg); }
.graph svg [fill=black] { fill: var(--fg); }
.graph svg text { fill: var(--fg); }
.graph svg text[fill='#707070'] { fill: var(--muted); }
.graph svg [fill='#fde3b0'] { fill: var(--bytecode); }
.graph svg [fill='#e6e6e6'] { fill: var(--collapsed); }
.graph svg a:hover path, .graph svg a:focus path { stroke: var(--accent); stroke-width: 2; }
.graph svg a:hover text { fill: var(--accent); }
section.environment { margin-bottom: 2rem; }
section.step { margin: 0 0 1rem; padding: 0.8rem 1rem; border: 1px solid var(--border);
  border-left: 4px solid var(--border); border-radius: 6px; background: var(--bg); }
section.step.role-head { border-left-color: var(--accent); }
section.step.role-ghost { border-style: dashed; }
section.step:target { outline: 2px solid var(--accent); }
section.step h4 { margin: 0 0 0.4rem; font-size: 1rem; }
section.step h4 .number { color: var(--muted); font-weight: normal; margin-right: 0.3rem; }
section.step h5 { margin: 0.8rem 0 0.2rem; font-size: 0.9rem; }
.roles { margin: 0 0 0.5rem; }
.role { display: inline-block; margin-right: 0.4rem; padding: 0 0.55rem; font-size: 0.8rem;
  border-radius: 1rem; background: var(--panel); border: 1px solid var(--border); }
.role.head { border-color: var(--accent); color: var(--accent); }
.role.ghost { border-style: dashed; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem;
  margin: 0.3rem 0; font-size: 0.93rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.changes { margin: 0.2rem 0; padding-left: 1.3rem; }
.explanations p { margin: 0.5rem 0 0; color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #000000; --muted: #444444; --border: #bbbbbb; --panel: #f3f3f3;
    --accent: #000000; --error: #a40e26; --warning: #7a5200; --info: #0a4a9c;
    --bytecode: #fde3b0; --collapsed: #e6e6e6; --code: #f0f0f0;
  }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section.step, tr, .graph { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .graph { overflow: visible; border: none; }
}
)css");
}

bool HtmlReport::write(const Inspection &inspection, const Walkthroughs &walkthroughs,
                       const ReportOptions &options, QIODevice *device)
{
    // Links are only made to the steps the report has.
    const StepAnchors steps = ReportContent::stepAnchors(inspection, walkthroughs);
    const QSet<QString> &anchors = steps.anchors;

    // The HTML doctype; QXmlStreamWriter would put a line break before it.
    if (device->write("<!DOCTYPE html>") < 0) {
        return false;
    }
    Page page(device);
    page.open("html",
              {{"xmlns", QStringLiteral("http://www.w3.org/1999/xhtml")},
               {"lang", QCoreApplication::translate("HtmlReport", "en",
                                                    "BCP 47 code of this translation's "
                                                    "language, for the report's lang attribute")}});
    page.open("head");
    page.voidElement("meta", {{"charset", QStringLiteral("utf-8")}});
    page.voidElement("meta", {{"name", QStringLiteral("viewport")},
                              {"content", QStringLiteral("width=device-width, initial-scale=1")}});
    page.voidElement("meta", {{"name", QStringLiteral("color-scheme")},
                              {"content", QStringLiteral("light dark")}});
    page.voidElement(
        "meta", {{"name", QStringLiteral("generator")},
                 {"content", QStringLiteral("Revscope %1").arg(ReportContent::version(options))}});
    page.element("title", ReportContent::title(inspection));
    page.element("style", styleSheet());
    page.close();
    page.open("body");
    writeHeader(page, inspection, options);
    page.open("main");
    writeSummary(page, inspection, anchors);
    writeGraph(page, inspection, options, anchors);
    writeFindings(page, inspection, steps);
    writeWalkthrough(page, inspection, walkthroughs, anchors);
    writeImages(page, inspection);
    page.close();
    page.element("footer", ReportContent::footer(options));
    page.close();
    page.close();
    page.xml().writeEndDocument();
    return !page.xml().hasError();
}

QByteArray HtmlReport::render(const Inspection &inspection, const Walkthroughs &walkthroughs,
                              const ReportOptions &options)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    write(inspection, walkthroughs, options, &buffer);
    return bytes;
}

} // namespace Revscope
