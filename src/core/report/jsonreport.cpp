#include "jsonreport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Revscope {

namespace {

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list) {
        array.append(s);
    }
    return array;
}

QJsonObject revisionObject(const Inspection &inspection, const Revision &revision)
{
    QJsonObject o;
    o.insert(QLatin1String("id"), revision.id);
    o.insert(QLatin1String("down_revisions"), stringArray(revision.downRevisions));
    o.insert(QLatin1String("depends_on"), stringArray(revision.dependsOn));
    o.insert(QLatin1String("branch_labels"), stringArray(revision.branchLabels));
    o.insert(QLatin1String("message"), stringOrNull(revision.message));
    o.insert(QLatin1String("create_date"), stringOrNull(revision.createDate));
    o.insert(QLatin1String("file"), stringOrNull(inspection.relativePath(revision.file)));
    o.insert(QLatin1String("origin"), originName(revision.origin));
    o.insert(QLatin1String("db_state"), QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject environmentObject(const Inspection &inspection, const EnvironmentInspection &env)
{
    const AlembicEnvironment &e = env.environment;
    QJsonObject o;
    o.insert(QLatin1String("config"), env.config);
    o.insert(QLatin1String("section"), e.section);
    o.insert(QLatin1String("name"), env.label);
    o.insert(QLatin1String("script_location"),
             stringOrNull(inspection.relativePath(e.scriptLocation)));
    QJsonArray locations;
    for (const QString &location : e.versionLocations) {
        locations.append(inspection.relativePath(location));
    }
    o.insert(QLatin1String("version_locations"), locations);
    o.insert(QLatin1String("sourceless"), e.sourceless);
    o.insert(QLatin1String("recursive_version_locations"), e.recursiveVersionLocations);
    o.insert(QLatin1String("file_template"), e.fileTemplate);

    const RevisionGraph &graph = env.graph;
    QJsonArray revisions;
    for (const Revision &revision : graph.nodes()) {
        revisions.append(revisionObject(inspection, revision));
    }
    o.insert(QLatin1String("revisions"), revisions);
    o.insert(QLatin1String("heads"), stringArray(graph.heads()));
    o.insert(QLatin1String("bases"), stringArray(graph.bases()));
    o.insert(QLatin1String("branch_points"), stringArray(graph.branchPoints()));
    o.insert(QLatin1String("merge_points"), stringArray(graph.mergePoints()));
    o.insert(QLatin1String("history"), stringArray(graph.history()));
    o.insert(QLatin1String("database"), QJsonValue(QJsonValue::Null));
    return o;
}

} // namespace

QJsonObject JsonReport::findingObject(const Inspection &inspection, const Finding &finding)
{
    QJsonObject o;
    o.insert(QLatin1String("code"), finding.code);
    o.insert(QLatin1String("severity"), severityName(finding.severity));
    o.insert(QLatin1String("message"), finding.message);
    o.insert(QLatin1String("environment"), stringOrNull(finding.environment));
    o.insert(QLatin1String("file"), stringOrNull(inspection.relativePath(finding.file)));
    o.insert(QLatin1String("line"),
             finding.line > 0 ? QJsonValue(finding.line) : QJsonValue(QJsonValue::Null));
    o.insert(QLatin1String("revision"), stringOrNull(finding.revision));
    o.insert(QLatin1String("fix"), stringOrNull(finding.fix));
    return o;
}

QJsonObject JsonReport::checkObject(const Inspection &inspection)
{
    QJsonObject root;
    root.insert(QLatin1String("schema"), QLatin1String("revscope.check/1"));
    root.insert(QLatin1String("root"), inspection.root);
    QJsonArray environments;
    for (const EnvironmentInspection &env : inspection.environments) {
        environments.append(environmentObject(inspection, env));
    }
    root.insert(QLatin1String("environments"), environments);
    root.insert(QLatin1String("bytecode"), QJsonArray());
    QJsonArray findings;
    for (const Finding &finding : inspection.findings) {
        findings.append(findingObject(inspection, finding));
    }
    root.insert(QLatin1String("findings"), findings);
    return root;
}

QByteArray JsonReport::check(const Inspection &inspection)
{
    return QJsonDocument(checkObject(inspection)).toJson(QJsonDocument::Indented);
}

} // namespace Revscope
