#pragma once

#include "inspection/inspection.h"
#include "layout/layoutrequest.h"
#include "walkthrough/walkthrough.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Revscope {

// The walkthrough of each environment, in Inspection::environments order.
using Walkthroughs = QList<QList<WalkthroughStep>>;

// What the HTML and Markdown reports (`revscope report`) are told besides the inspection.
struct ReportOptions
{
    QString version;     // Revscope's version; empty: QCoreApplication::applicationVersion()
    QDateTime generated; // invalid: now
    // An environment with more revisions than this is drawn with its linear
    // runs collapsed: a long chain reads badly and `dot` slows down on it.
    int collapseAbove = 60;
    // More nodes than this (after collapsing) and the report has no picture
    // of the graph, only a sentence pointing at `revscope graph`.
    int maxSvgNodes = 600;
    int maxMermaidNodes = 100;
};

// The graph both reports draw: the layout request `revscope graph` builds
// (one box per environment when there are several), and where each node's
// walkthrough step is.
struct ReportGraph
{
    LayoutRequest request;
    QHash<QString, QString> anchors; // node id -> step anchor; a collapsed run: its first member's
    int revisions = 0;               // nodes of the graphs before collapsing
    bool collapsed = false;
};

// A piece of a sentence Revscope wrote: plain text, or text it quoted
// between backticks (a command, a file name), shown as code.
struct TextRun
{
    QString text;
    bool code = false;
};

// Where the steps of a report are, so that links are only made to anchors
// the report has.
struct StepAnchors
{
    QSet<QString> anchors;
    QHash<QString, QString> byRevision; // environment label + '\0' + revision id -> anchor

    QString find(const QString &environment, const QString &revisionId) const
    {
        return byRevision.value(environment + QChar(0) + revisionId);
    }
};

// The parts of a report, in page order.
enum class ReportSection { Summary, Graph, FindingList, Walkthrough, Images };

// The labelled facts of a walkthrough step, in the order they are shown.
enum class StepFact { Created, File, Revises, BuiltOnBy, BranchLabels, DependsOn, Database };

// What the two report writers share: the facts they show and their wording,
// so the HTML and the Markdown never disagree.
class ReportContent
{
public:
    // Walkthrough::steps of every environment.
    static Walkthroughs walkthroughs(const Inspection &inspection);

    // "step-<environment index>-<id>", with every character outside
    // [A-Za-z0-9-] written as _<hex>_: unique, and valid in HTML and URLs.
    static QString stepAnchor(int environment, const QString &revisionId);
    static StepAnchors stepAnchors(const Inspection &inspection, const Walkthroughs &walkthroughs);

    static ReportGraph graph(const Inspection &inspection, const ReportOptions &options);

    static QString title(const Inspection &inspection);
    static QString version(const ReportOptions &options);
    static QDateTime generated(const ReportOptions &options);
    static QString dateText(const QDateTime &when);

    // Translated heading, and the anchor ("summary", "graph", ...).
    static QString sectionTitle(ReportSection section);
    static QString sectionAnchor(ReportSection section);
    static QString factLabel(StepFact fact);
    static QStringList environmentColumns(bool withDatabase);
    static QStringList findingColumns(); // code, where, message, fix
    static QStringList imageColumns();
    // The sentences under the headings.
    static QString graphLegend(bool collapsed);
    static QString graphTooLarge(int nodes);
    static QString walkthroughNote();
    static QString imagesNote();
    static QString noEnvironment();
    static QString noFindings();
    static QString noRevision(); // an environment without steps
    static QString none();
    static QString noGraph();
    static QString noScript();           // the File fact of a ghost
    static QString changesHeading();     // "What it changes"
    static QString stepCount(int steps); // "25 steps"
    static QString stepNumber(int number, int total);
    // The Database fact of a step ("applied", "pending", ...).
    static QString databaseState(const EnvironmentInspection &environment,
                                 const QString &revisionId);
    // "Project", "Generated", "Revscope 0.1.0", "Bytecode:"
    static QString projectLabel();
    static QString generatedLabel();
    static QString versionText(const ReportOptions &options);
    static QString bytecodeLabel();
    static QString footer(const ReportOptions &options);

    static QString severityHeading(Severity severity, int count); // "Errors (2)"
    static QString severityCount(Severity severity, int count);   // "2 errors"
    static QString severityCounts(const Inspection &inspection);  // "2 errors, 1 warning, 0 info"

    // Translated role names ("base", "head", ...), in StepRole order.
    static QStringList roleNames(int roles);
    // CSS class suffix of each role, in the same order ("base", "branch-point", ...).
    static QStringList roleKeys(int roles);
    // The lines of "What it changes": the op.* calls of upgrade(), or one
    // sentence when there is nothing to list.
    static QStringList changes(const WalkthroughStep &step);

    // "25", or "25 (1 bytecode-only, 1 missing)".
    static QString revisionCount(const RevisionGraph &graph);
    // "file:line" relative to the root; empty when the finding names no file.
    static QString where(const Inspection &inspection, const Finding &finding);
    // The database line of an environment; empty without a database.
    static QString database(const EnvironmentInspection &environment);
    // "3 files: 1 stray, 0 stale, 0 corrupt"; empty without bytecode.
    static QString bytecode(const Inspection &inspection);
    // Entrypoint and command of an image, shell-quoted where needed.
    static QString imageCommand(const ImageTarget &target);
    static int imageFilesCopied(const ImageTarget &target);

    // Revscope's own sentences (finding messages and fixes, explanations)
    // quote commands between backticks: those become code runs. A lone
    // backtick stays text.
    static QList<TextRun> textRuns(const QString &text);

    // `text` without the characters XML 1.0 does not allow (other control
    // characters, lone surrogates, U+FFFE, U+FFFF), each replaced by U+FFFD.
    static QString xmlSafe(const QString &text);
};

} // namespace Revscope
