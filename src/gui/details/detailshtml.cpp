#include "detailshtml.h"

#include "report/findingcatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QUrlQuery>

namespace Revscope {

namespace {

const QString kScheme = QStringLiteral("revscope");
const QString kRevisionHost = QStringLiteral("revision");
const QString kOpenHost = QStringLiteral("open");
const QString kRevealHost = QStringLiteral("reveal");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// `command` spans of escaped text as code, as the fix texts write commands.
QString withInlineCode(const QString &escaped)
{
    QString result;
    const QStringList parts = escaped.split(QLatin1Char('`'));
    for (int i = 0; i < parts.size(); ++i) {
        const bool code = i % 2 == 1 && i + 1 < parts.size(); // an unpaired ` stays as it is
        if (code) {
            result += QStringLiteral("<code>") + parts.at(i) + QStringLiteral("</code>");
        } else {
            if (i % 2 == 1) {
                result += QLatin1Char('`');
            }
            result += parts.at(i);
        }
    }
    return result;
}

QString elided(const QString &text, int length)
{
    return text.size() <= length ? text : text.left(length - 1) + QChar(0x2026);
}

QString colored(const QString &text, const QString &color)
{
    return QStringLiteral("<span style=\"color:%1;\">%2</span>").arg(color, text);
}

QString badge(const QString &text, const QString &color, const DetailsHtml::Colors &colors)
{
    return QStringLiteral("<span style=\"background-color:%1; color:%2; font-weight:600;\">"
                          "&nbsp;%3&nbsp;</span>")
        .arg(colors.panel, color, esc(text));
}

QString link(const QUrl &url, const QString &html)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(url.toString(QUrl::FullyEncoded)), html);
}

QString row(const QString &label, const QString &valueHtml, const DetailsHtml::Colors &colors)
{
    return QStringLiteral(
               "<tr><td style=\"color:%1; padding:2px 14px 2px 0px;\" valign=\"top\">%2</td>"
               "<td style=\"padding:2px 0px;\" valign=\"top\">%3</td></tr>")
        .arg(colors.muted, esc(label), valueHtml);
}

QString table(const QStringList &rows)
{
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"0\">") + rows.join(QString()) +
           QStringLiteral("</table>");
}

QString section(const QString &title, const DetailsHtml::Colors &colors)
{
    return QStringLiteral("<p style=\"margin-top:18px; margin-bottom:4px; color:%1; "
                          "font-weight:600;\">%2</p>")
        .arg(colors.muted, esc(title).toUpper());
}

QString paragraph(const QString &html, const QString &color = QString())
{
    if (color.isEmpty()) {
        return QStringLiteral("<p style=\"margin-top:2px; margin-bottom:2px;\">%1</p>").arg(html);
    }
    return QStringLiteral("<p style=\"margin-top:2px; margin-bottom:2px; color:%1;\">%2</p>")
        .arg(color, html);
}

QString severityColor(Severity severity, const DetailsHtml::Colors &colors)
{
    switch (severity) {
    case Severity::Error:
        return colors.error;
    case Severity::Warning:
        return colors.warning;
    case Severity::Info:
        break;
    }
    return colors.info;
}

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return DetailsHtml::tr("Error");
    case Severity::Warning:
        return DetailsHtml::tr("Warning");
    case Severity::Info:
        break;
    }
    return DetailsHtml::tr("Info");
}

QString bytecodeStatusText(BytecodeStatus status)
{
    switch (status) {
    case BytecodeStatus::Ok:
        return DetailsHtml::tr("up to date");
    case BytecodeStatus::Stray:
        return DetailsHtml::tr("stray");
    case BytecodeStatus::Stale:
        return DetailsHtml::tr("stale");
    case BytecodeStatus::Corrupt:
        break;
    }
    return DetailsHtml::tr("corrupt");
}

QString bytecodeStatusColor(BytecodeStatus status, const DetailsHtml::Colors &colors)
{
    switch (status) {
    case BytecodeStatus::Ok:
        return colors.ok;
    case BytecodeStatus::Stray:
        return colors.error;
    case BytecodeStatus::Stale:
        return colors.warning;
    case BytecodeStatus::Corrupt:
        break;
    }
    return colors.error;
}

// "path:line" relative to the root, with Open in Editor / Show in Folder links.
QString fileHtml(const Inspection &inspection, const QString &path, int line,
                 const DetailsHtml::Colors &colors, bool editable)
{
    QString where = inspection.relativePath(path);
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
    }
    const QString openText = DetailsHtml::tr("Open in Editor");
    const QString showText = DetailsHtml::tr("Show in Folder");
    QStringList actions;
    if (editable) {
        actions << link(DetailsHtml::fileUrl(DetailsHtml::Link::OpenFile, path, line),
                        esc(openText));
    }
    actions << link(DetailsHtml::fileUrl(DetailsHtml::Link::ShowInFolder, path), esc(showText));
    const QString separator = colored(QStringLiteral(" &middot; "), colors.muted);
    return QStringLiteral("<code>%1</code><br>%2").arg(esc(where), actions.join(separator));
}

// Each id as a link, followed by its message (or why it has none), one per line.
QString revisionList(const RevisionGraph &graph, const QStringList &ids,
                     const DetailsHtml::Colors &colors)
{
    QStringList lines;
    for (const QString &id : ids) {
        const Revision *revision = graph.revision(id);
        QString note;
        if (!revision || revision->origin == RevisionOrigin::Missing) {
            note = DetailsHtml::tr("(missing)");
        } else {
            note = revision->message;
        }
        QString line =
            link(DetailsHtml::revisionUrl(id), QStringLiteral("<code>%1</code>").arg(esc(id)));
        if (!note.isEmpty()) {
            line += QStringLiteral("&nbsp;&nbsp;") + colored(esc(elided(note, 72)), colors.muted);
        }
        lines << line;
    }
    return lines.join(QStringLiteral("<br>"));
}

QString none(const QString &text, const DetailsHtml::Colors &colors)
{
    return colored(esc(text), colors.muted);
}

QString originHtml(const EnvironmentInspection &env, const Revision &revision,
                   const DetailsHtml::Colors &colors)
{
    QString title;
    QString explanation;
    QString color = colors.text;
    switch (revision.origin) {
    case RevisionOrigin::Source:
        title = DetailsHtml::tr("Python script");
        explanation = DetailsHtml::tr("Alembic reads this revision from its script.");
        break;
    case RevisionOrigin::Bytecode:
        title = DetailsHtml::tr("Bytecode only");
        color = colors.warning;
        if (env.environment.sourceless) {
            explanation = DetailsHtml::tr(
                "No script defines this revision, only a compiled .pyc file. This environment "
                "sets sourceless = true, so Alembic loads it from the bytecode: a deleted "
                "migration comes back.");
        } else {
            explanation = DetailsHtml::tr(
                "No script defines this revision, only a leftover .pyc file. Alembic ignores it "
                "(sourceless is off), but a database may still be stamped with it.");
        }
        break;
    case RevisionOrigin::Missing: {
        title = DetailsHtml::tr("Missing (ghost)");
        color = colors.error;
        const QStringList referrers =
            env.graph.children(revision.id) + env.graph.dependents(revision.id);
        const QString names = referrers.join(QStringLiteral(", "));
        explanation =
            DetailsHtml::tr("No script or bytecode defines this revision, yet %1 refers to it. "
                            "Alembic stops with “Can't locate revision identified by”.")
                .arg(names);
        break;
    }
    }
    return QStringLiteral("<span style=\"color:%1; font-weight:600;\">%2</span><br>%3")
        .arg(color, esc(title), colored(esc(explanation), colors.muted));
}

QString databaseHtml(const EnvironmentInspection &env, const QString &id, const Revision &revision,
                     const DetailsHtml::Colors &colors)
{
    if (!env.database) {
        const QString text = DetailsHtml::tr(
            "No database was read. Open the project with a database to see where it stands.");
        return paragraph(esc(text), colors.muted);
    }
    const DatabaseState &database = env.database->database();
    const QString url = database.url;
    QString html;
    if (!database.isReadable()) {
        const QString text =
            DetailsHtml::tr("The database could not be read: %1").arg(database.error);
        return paragraph(esc(text), colors.error) +
               paragraph(QStringLiteral("<code>%1</code>").arg(esc(url)), colors.muted);
    }
    QString state;
    QString sentence;
    QString color = colors.text;
    switch (env.dbState(id)) {
    case DbState::Current:
        state = DetailsHtml::tr("Current");
        sentence = DetailsHtml::tr("The version table names this revision: the database stands "
                                   "here.");
        color = colors.ok;
        break;
    case DbState::Applied:
        state = DetailsHtml::tr("Applied");
        sentence = DetailsHtml::tr("An ancestor of the current revision: its migration has run "
                                   "on this database.");
        color = colors.ok;
        break;
    case DbState::Pending:
        state = DetailsHtml::tr("Pending");
        sentence = DetailsHtml::tr("Not applied yet: “alembic upgrade” would run it.");
        color = colors.warning;
        break;
    case DbState::None:
        state = DetailsHtml::tr("Not reached");
        if (revision.origin == RevisionOrigin::Missing) {
            sentence = DetailsHtml::tr("Alembic cannot run a revision that no file defines.");
        } else {
            sentence = DetailsHtml::tr("Alembic does not load this revision, and the database "
                                       "never reached it.");
        }
        color = colors.muted;
        break;
    }
    html += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:2px;\">"
                           "<span style=\"color:%1; font-weight:600;\">%2</span>&nbsp;&nbsp;%3"
                           "</p>")
                .arg(color, esc(state), esc(sentence));
    html += paragraph(QStringLiteral("<code>%1</code>").arg(esc(url)), colors.muted);
    return html;
}

QString bytecodeHtml(const Inspection &inspection, const BytecodeInfos &files,
                     const DetailsHtml::Colors &colors)
{
    QStringList rows;
    for (const BytecodeInfo &file : files) {
        const QString status = bytecodeStatusText(file.status);
        QString explanation;
        switch (file.status) {
        case BytecodeStatus::Ok:
            explanation = DetailsHtml::tr("Compiled from the current script.");
            break;
        case BytecodeStatus::Stray:
            explanation = DetailsHtml::tr(
                "No source file beside it. With sourceless = true Alembic loads it as a "
                "revision; delete it unless that is intended.");
            break;
        case BytecodeStatus::Stale:
            explanation = file.staleReason.isEmpty()
                              ? DetailsHtml::tr("Its script changed after it was compiled.")
                              : DetailsHtml::tr("Its script changed after it was compiled: %1")
                                    .arg(file.staleReason);
            break;
        case BytecodeStatus::Corrupt:
            explanation = DetailsHtml::tr("The file cannot be read: %1").arg(file.pyc.error);
            break;
        }
        const QString version = file.pythonVersion().isEmpty()
                                    ? DetailsHtml::tr("unknown Python")
                                    : DetailsHtml::tr("Python %1").arg(file.pythonVersion());
        QString note = version + QStringLiteral(" \u00b7 ") + explanation;
        if (!file.pyc.module.filename.isEmpty()) {
            // Where it was compiled tells which machine or image made it.
            note += QStringLiteral(" \u00b7 ") +
                    DetailsHtml::tr("compiled as %1").arg(file.pyc.module.filename);
        }
        rows << QStringLiteral("<tr><td valign=\"top\" style=\"padding:2px 12px 4px 0px;\">"
                               "<span style=\"color:%1; font-weight:600;\">%2</span></td>"
                               "<td valign=\"top\" style=\"padding:2px 0px 4px "
                               "0px;\"><code>%3</code><br>%4</td></tr>")
                    .arg(bytecodeStatusColor(file.status, colors), esc(status),
                         esc(inspection.relativePath(file.path)), colored(esc(note), colors.muted));
    }
    return table(rows);
}

QString findingsHtml(const Inspection &inspection, const Findings &findings,
                     const DetailsHtml::Colors &colors)
{
    QStringList rows;
    for (const Finding &finding : findings) {
        QString location = inspection.relativePath(finding.file);
        if (!location.isEmpty() && finding.line > 0) {
            location += QLatin1Char(':') + QString::number(finding.line);
        }
        QString body = esc(finding.message);
        if (!location.isEmpty()) {
            body +=
                QStringLiteral("<br>") +
                link(DetailsHtml::fileUrl(DetailsHtml::Link::OpenFile, finding.file, finding.line),
                     QStringLiteral("<code>%1</code>").arg(esc(location)));
        }
        rows << QStringLiteral("<tr><td valign=\"top\" style=\"padding:2px 12px 4px 0px;\">"
                               "<span style=\"color:%1; font-weight:600;\">%2</span></td>"
                               "<td valign=\"top\" style=\"padding:2px 0px 4px "
                               "0px;\"><code>%3</code><br>%4</td></tr>")
                    .arg(severityColor(finding.severity, colors),
                         esc(severityText(finding.severity)), esc(finding.code), body);
    }
    return table(rows);
}

} // namespace

DetailsHtml::Colors DetailsHtml::Colors::light()
{
    return Colors{QStringLiteral("#1f2328"), QStringLiteral("#656d76"), QStringLiteral("#0969da"),
                  QStringLiteral("#cf222e"), QStringLiteral("#9a6700"), QStringLiteral("#0969da"),
                  QStringLiteral("#1a7f37"), QStringLiteral("#eef1f4"), QStringLiteral("#d0d7de")};
}

DetailsHtml::Colors DetailsHtml::Colors::dark()
{
    return Colors{QStringLiteral("#e6edf3"), QStringLiteral("#9198a1"), QStringLiteral("#4493f8"),
                  QStringLiteral("#ff7b72"), QStringLiteral("#d29922"), QStringLiteral("#58a6ff"),
                  QStringLiteral("#3fb950"), QStringLiteral("#2d333b"), QStringLiteral("#3d444d")};
}

DetailsHtml::Colors DetailsHtml::Colors::fromPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    Colors colors = dark ? Colors::dark() : Colors::light();
    // Text keeps the palette's own colour; the accents come from the set.
    colors.text = palette.color(QPalette::Text).name();
    return colors;
}

QUrl DetailsHtml::revisionUrl(const QString &id)
{
    QUrl url;
    url.setScheme(kScheme);
    url.setHost(kRevisionHost);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("id"), QString::fromLatin1(QUrl::toPercentEncoding(id)));
    url.setQuery(query);
    return url;
}

QUrl DetailsHtml::fileUrl(Link::Kind kind, const QString &path, int line)
{
    QUrl url;
    url.setScheme(kScheme);
    url.setHost(kind == Link::ShowInFolder ? kRevealHost : kOpenHost);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("path"), QString::fromLatin1(QUrl::toPercentEncoding(path)));
    if (line > 0) {
        query.addQueryItem(QStringLiteral("line"), QString::number(line));
    }
    url.setQuery(query);
    return url;
}

DetailsHtml::Link DetailsHtml::parseLink(const QUrl &url)
{
    Link result;
    if (url.scheme() != kScheme) {
        return result;
    }
    const QUrlQuery query(url);
    const auto item = [&query](const QString &key) {
        return QUrl::fromPercentEncoding(query.queryItemValue(key, QUrl::FullyEncoded).toLatin1());
    };
    if (url.host() == kRevisionHost) {
        result.kind = Link::Revision;
        result.target = item(QStringLiteral("id"));
    } else if (url.host() == kOpenHost || url.host() == kRevealHost) {
        result.kind = url.host() == kOpenHost ? Link::OpenFile : Link::ShowInFolder;
        result.target = item(QStringLiteral("path"));
        result.line = query.queryItemValue(QStringLiteral("line")).toInt();
    }
    if (result.target.isEmpty()) {
        return Link();
    }
    return result;
}

QString DetailsHtml::styleSheet(const Colors &colors)
{
    return QStringLiteral("body { color:%1; } a { color:%2; text-decoration:none; }")
        .arg(colors.text, colors.link);
}

BytecodeInfos DetailsHtml::bytecodeOf(const Inspection &inspection, int environmentIndex,
                                      const QString &id)
{
    BytecodeInfos result;
    if (environmentIndex < 0 || environmentIndex >= inspection.environments.size()) {
        return result;
    }
    const Revision *revision = inspection.environments.at(environmentIndex).graph.revision(id);
    const QString script =
        revision && revision->origin == RevisionOrigin::Source ? revision->file : QString();
    for (const BytecodeInfo &file : inspection.bytecode) {
        const bool defines = file.environments.contains(environmentIndex) && file.revision() == id;
        const bool compiledFromScript = !script.isEmpty() && file.name.sourcePath == script;
        if (defines || compiledFromScript) {
            result.append(file);
        }
    }
    return result;
}

Findings DetailsHtml::findingsOf(const Inspection &inspection, int environmentIndex,
                                 const QString &id)
{
    Findings result;
    if (environmentIndex < 0 || environmentIndex >= inspection.environments.size()) {
        return result;
    }
    const QString label = inspection.environments.at(environmentIndex).label;
    for (const Finding &finding : inspection.findings) {
        if (finding.revision == id &&
            (finding.environment.isEmpty() || finding.environment == label)) {
            result.append(finding);
        }
    }
    return result;
}

QString DetailsHtml::revision(const Inspection &inspection, int environmentIndex, const QString &id,
                              const Colors &colors)
{
    if (environmentIndex < 0 || environmentIndex >= inspection.environments.size()) {
        return paragraph(esc(tr("No such environment.")), colors.muted);
    }
    const EnvironmentInspection &env = inspection.environments.at(environmentIndex);
    const RevisionGraph &graph = env.graph;
    const Revision *revision = graph.revision(id);
    if (!revision) {
        const QString text = tr("Revision %1 is not part of %2.").arg(id, env.label);
        return paragraph(esc(text), colors.muted);
    }

    QString html;
    const QString kindText = tr("Revision in %1").arg(env.label);
    html += paragraph(esc(kindText), colors.muted);
    const QString title = revision->message.isEmpty() ? tr("(no message)") : revision->message;
    html += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:8px; font-size:x-large; "
                           "font-weight:600;\">%1</p>")
                .arg(esc(title));

    QStringList badges;
    if (!graph.isLoaded(id)) {
        badges << badge(tr("Not loaded by Alembic"), colors.warning, colors);
    }
    if (graph.heads().contains(id)) {
        badges << badge(tr("Head"), colors.link, colors);
    }
    if (graph.bases().contains(id)) {
        badges << badge(tr("Base"), colors.link, colors);
    }
    if (graph.branchPoints().contains(id)) {
        badges << badge(tr("Branch point"), colors.text, colors);
    }
    if (graph.mergePoints().contains(id)) {
        badges << badge(tr("Merge point"), colors.text, colors);
    }
    if (graph.duplicates().contains(id)) {
        badges << badge(tr("Duplicate id"), colors.error, colors);
    }
    if (env.dbState(id) == DbState::Current) {
        badges << badge(tr("Database is here"), colors.ok, colors);
    }
    if (!badges.isEmpty()) {
        html += paragraph(badges.join(QStringLiteral("&nbsp; ")));
    }

    QStringList rows;
    rows << row(tr("Revision"), QStringLiteral("<code>%1</code>").arg(esc(id)), colors);
    if (!revision->createDate.isEmpty()) {
        rows << row(tr("Created"), esc(revision->createDate), colors);
    }
    if (!revision->branchLabels.isEmpty()) {
        rows << row(tr("Branch labels"),
                    QStringLiteral("<code>%1</code>")
                        .arg(esc(revision->branchLabels.join(QStringLiteral(", ")))),
                    colors);
    }
    const QStringList parents = graph.parents(id);
    QString noParents = tr("none");
    if (revision->origin == RevisionOrigin::Missing) {
        noParents = tr("unknown");
    } else if (graph.bases().contains(id)) {
        noParents = tr("none: a base revision");
    }
    const QString noChildren = graph.heads().contains(id) ? tr("none: a head") : tr("none");
    rows << row(tr("Parents"),
                parents.isEmpty() ? none(noParents, colors) : revisionList(graph, parents, colors),
                colors);
    const QStringList children = graph.children(id);
    rows << row(tr("Children"),
                children.isEmpty() ? none(noChildren, colors)
                                   : revisionList(graph, children, colors),
                colors);
    const QStringList dependencies = graph.dependencies(id);
    if (!dependencies.isEmpty()) {
        rows << row(tr("Depends on"), revisionList(graph, dependencies, colors), colors);
    }
    const QStringList dependents = graph.dependents(id);
    if (!dependents.isEmpty()) {
        rows << row(tr("Dependents"), revisionList(graph, dependents, colors), colors);
    }
    rows << row(tr("Origin"), originHtml(env, *revision, colors), colors);
    if (!revision->file.isEmpty()) {
        const bool script = revision->origin == RevisionOrigin::Source;
        rows << row(tr("File"),
                    fileHtml(inspection, revision->file, revision->line, colors, script), colors);
    }
    html += table(rows);

    html += section(tr("Database"), colors);
    html += databaseHtml(env, id, *revision, colors);

    const BytecodeInfos bytecode = bytecodeOf(inspection, environmentIndex, id);
    if (!bytecode.isEmpty()) {
        html += section(tr("Bytecode"), colors);
        html += bytecodeHtml(inspection, bytecode, colors);
    }

    const Findings findings = findingsOf(inspection, environmentIndex, id);
    html += section(tr("Findings"), colors);
    if (findings.isEmpty()) {
        html += paragraph(esc(tr("None for this revision.")), colors.muted);
    } else {
        html += findingsHtml(inspection, findings, colors);
    }
    return html;
}

QString DetailsHtml::finding(const Inspection &inspection, const Finding &finding,
                             const Colors &colors)
{
    QString html;
    const QString severity = severityText(finding.severity);
    const QString title = FindingCatalog::kind(finding.code).title;
    html += QStringLiteral("<p style=\"margin-top:0px; margin-bottom:2px;\">"
                           "<span style=\"color:%1; font-weight:600;\">%2</span>&nbsp;&nbsp;"
                           "<code style=\"color:%3;\">%4</code></p>")
                .arg(severityColor(finding.severity, colors), esc(severity), colors.muted,
                     esc(finding.code));
    if (!title.isEmpty()) {
        html += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:8px; font-size:x-large; "
                               "font-weight:600;\">%1</p>")
                    .arg(esc(title));
    }
    html += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:10px;\">%1</p>")
                .arg(withInlineCode(esc(finding.message)));

    QStringList rows;
    if (!finding.file.isEmpty()) {
        rows << row(tr("Location"),
                    fileHtml(inspection, finding.file, finding.line, colors,
                             !BytecodeScanner::isBytecodeName(finding.file)),
                    colors);
    }
    if (!finding.environment.isEmpty()) {
        rows << row(tr("Environment"),
                    QStringLiteral("<code>%1</code>").arg(esc(finding.environment)), colors);
    }
    if (!finding.revision.isEmpty()) {
        rows << row(tr("Revision"),
                    link(revisionUrl(finding.revision),
                         QStringLiteral("<code>%1</code>").arg(esc(finding.revision))),
                    colors);
    }
    if (!rows.isEmpty()) {
        html += table(rows);
    }
    if (!finding.fix.isEmpty()) {
        html += section(tr("How to fix"), colors);
        html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" "
                               "style=\"background-color:%1;\"><tr><td>%2</td></tr></table>")
                    .arg(colors.panel, withInlineCode(esc(finding.fix))
                                           .replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    return html;
}

} // namespace Revscope
